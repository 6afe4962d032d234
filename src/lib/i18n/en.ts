import type { Messages } from './messages';

/** English. The type makes a missing or extra key a compile error. */
export const en: Messages = {
	'app.name': 'Disan',
	'app.tagline': "Heritage of Vietnam's ethnic communities",
	'app.description':
		"A heritage database of Vietnam's ethnic communities: historic sites, festivals, crafts and traditional knowledge.",
	'app.homeLink': 'Disan — home',

	'nav.label': 'Main navigation',
	'nav.explore': 'Explore',
	'nav.api': 'Open data',
	'nav.skip': 'Skip to main content',

	'lang.label': 'Language',
	'lang.vi': 'Tiếng Việt',
	'lang.en': 'English',
	'lang.switchTo': 'Switch to {language}',

	'home.title': "Cultural heritage of Vietnam's peoples",
	'home.eyebrow': 'Digital library',
	'home.intro':
		'Explore historic sites, festivals, crafts and traditional knowledge kept alive by communities, digitised and shared by the provincial library.',
	'home.count': '{total} published records',
	'home.listHeading': 'Heritage records',
	'home.empty': 'No records have been published yet. Please come back later.',
	'home.pageBeyond': 'This page has no records. The list has only {pages} pages.',
	'home.firstPage': 'Go to the first page',

	'pagination.label': 'Pagination',
	'pagination.prev': 'Previous page',
	'pagination.next': 'Next page',
	'pagination.status': 'Page {page} of {pages}',

	'card.noImage': 'No image yet',

	'kind.site': 'Historic site',
	'kind.structure': 'Structure',
	'kind.artefact': 'Artefact',
	'kind.document': 'Document',
	'kind.practice': 'Living tradition',
	'kind.event': 'Event',
	'kind.person': 'Person',

	'period.bce': '{year} BCE',
	'period.range': '{start} – {end}',
	'period.from': 'from {start}',
	'period.until': 'until {end}',

	'item.backToList': 'Back to the list',
	'item.details': 'Details',
	'item.kind': 'Type',
	'item.ethnicGroups': 'Ethnic groups',
	'item.place': 'Place',
	'item.period': 'Period',
	'item.coordinates': 'Coordinates',
	'item.coordinatesApprox': 'Approximate coordinates (blurred to protect the site)',
	'item.locationHidden': 'Location withheld to protect the site',
	'item.about': 'About',
	'item.images': 'Images',
	'item.rights': 'Rights',
	'item.license': 'Licence',
	'item.holder': 'Rights holder',
	'item.credit': 'Credit',
	'item.sourceInstitution': 'Source institution',
	'item.otherLanguage': 'This record has no English text yet; the text below is in {language}.',
	'item.untitled': 'Untitled record',

	'media.altFallback': 'Image of {title}',
	'media.credit': 'Photo: {credit}',
	'media.open': 'Open the original image',

	'license.publicDomain': 'Public domain',
	'license.rightsStatement': 'Rights statement {code} (RightsStatements.org)',

	'error.title': 'Error {status}',
	'error.notFound.heading': 'Page not found',
	'error.notFound.body':
		'The record you are looking for does not exist, has been withdrawn or is not published yet. Please check the address.',
	'error.badRequest.heading': 'This request is not valid',
	'error.badRequest.body':
		'The address has a parameter that is not valid. Please check the link or go back to the list.',
	'error.details': 'Details: {message}',
	'error.generic.heading': 'Something went wrong',
	'error.generic.body':
		'The server had a problem opening this page. Please try again in a few minutes; if it keeps failing, tell the library.',
	'error.next': 'Go to the heritage list',

	'footer.about':
		'Disan is the heritage database of the provincial library, built together with ethnic communities.',
	'footer.rights': 'Each record and image states its own licence.',
	'footer.api': 'Open data (JSON)',

	'nav.map': 'Map',
	'map.title': 'Heritage map',
	'map.intro':
		'Find historic sites, festivals and crafts on the map. Tap a group to zoom in, tap a point to preview the record.',
	'map.region': 'Map of Vietnam’s heritage',
	'map.loading': 'Loading the map…',
	'map.failed': 'The map could not load. The list below still works; reload the page to try again.',
	'map.listHeading': 'Records on the map',
	'map.listCount': '{shown} of {total} published records',
	'map.empty': 'No records have been published yet.',
	'map.cluster': '{count} records here, zoom in to see them',
	'map.zoomIn': 'Zoom in',
	'map.zoomOut': 'Zoom out',
	'map.previewClose': 'Close the preview',
	'map.previewOpen': 'Open the record',
	'map.attribution': 'Map attribution'
};
