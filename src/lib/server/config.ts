/**
 * The one place that reads the environment. Everything else receives a typed Config.
 * Invalid settings fail fast with one message naming every bad variable.
 */
import { z } from 'zod';
import { MEDIA_KEY_PATTERN } from './media/media-store';

const envSchema = z.object({
	DATABASE_URL: z.string().min(1).default('db/disan.sqlite'),
	MEDIA_DRIVER: z.enum(['local', 's3']).default('local'),
	MEDIA_ROOT: z.string().min(1).default('media'),
	S3_ENDPOINT: z.url().optional(),
	S3_REGION: z.string().default('us-east-1'),
	S3_BUCKET: z.string().default('disan-media'),
	S3_ACCESS_KEY_ID: z.string().optional(),
	S3_SECRET_ACCESS_KEY: z.string().optional(),
	S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).default('true'),
	/** Load the demo records when the database is empty at start. */
	SEED_DEMO: z.enum(['true', 'false']).default('true'),
	/** Pool size for PostGIS connections per app node. */
	PG_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
	/** A MapLibre style URL that replaces the embedded offline basemap on /map when set. */
	MAP_STYLE_URL: z.url().optional(),
	/** Media key of a PMTiles archive served as the basemap (see `npm run basemap:import`). */
	BASEMAP_PMTILES: z
		.string()
		.regex(
			MEDIA_KEY_PATTERN,
			'must be a media key such as basemap/vietnam.pmtiles (lowercase letters, digits, ".", "_", "-" and "/"); copy a file into the store with npm run basemap:import -- <file>'
		)
		.optional()
});

export type DatabaseConfig =
	{ dialect: 'sqlite'; path: string } | { dialect: 'postgis'; url: string; poolMax: number };

export type MediaConfig =
	| { driver: 'local'; root: string }
	| {
			driver: 's3';
			endpoint: string | undefined;
			region: string;
			bucket: string;
			accessKeyId: string | undefined;
			secretAccessKey: string | undefined;
			forcePathStyle: boolean;
	  };

export interface Config {
	db: DatabaseConfig;
	media: MediaConfig;
	seedDemo: boolean;
	/** External MapLibre style for /map; unset means the embedded offline basemap. */
	mapStyleUrl?: string;
	/** Media key of a PMTiles basemap archive; unset means the embedded basemap tiles. */
	basemapPmtiles?: string;
}

/** A DATABASE_URL of postgres:// or postgresql:// selects PostGIS; anything else is a SQLite path. */
export function databaseConfigFromUrl(url: string, poolMax = 10): DatabaseConfig {
	if (/^postgres(ql)?:\/\//i.test(url)) return { dialect: 'postgis', url, poolMax };
	return { dialect: 'sqlite', path: url.replace(/^(sqlite|file):(\/\/)?/i, '') };
}

export function parseConfig(env: Record<string, string | undefined>): Config {
	const parsed = envSchema.safeParse(env);
	if (!parsed.success) {
		const bad = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
		throw new Error(`Invalid environment variables: ${bad}`);
	}
	const e = parsed.data;
	const media: MediaConfig =
		e.MEDIA_DRIVER === 'local'
			? { driver: 'local', root: e.MEDIA_ROOT }
			: {
					driver: 's3',
					endpoint: e.S3_ENDPOINT,
					region: e.S3_REGION,
					bucket: e.S3_BUCKET,
					accessKeyId: e.S3_ACCESS_KEY_ID,
					secretAccessKey: e.S3_SECRET_ACCESS_KEY,
					forcePathStyle: e.S3_FORCE_PATH_STYLE === 'true'
				};
	return {
		db: databaseConfigFromUrl(e.DATABASE_URL, e.PG_POOL_MAX),
		media,
		seedDemo: e.SEED_DEMO === 'true',
		mapStyleUrl: e.MAP_STYLE_URL,
		basemapPmtiles: e.BASEMAP_PMTILES
	};
}

let cached: Config | undefined;

/** The process's config, parsed once. */
export function getConfig(): Config {
	cached ??= parseConfig(process.env);
	return cached;
}

export function resetConfigForTests(): void {
	cached = undefined;
}
