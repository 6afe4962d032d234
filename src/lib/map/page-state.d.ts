/** Shallow-routing state of the /map page: its query string, so the back button restores it. */
declare global {
	namespace App {
		interface PageState {
			mapQuery?: string;
		}
	}
}

export {};
