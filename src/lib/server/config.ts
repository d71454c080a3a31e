// The one place the environment is read. Errors name the variable and the bad value.
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { DEFAULT_CHECKLIST, parseChecklist, type ChecklistItem } from '../domain/activities.ts';
import { DEFAULT_SHIFTS, parseShifts, type ShiftPattern } from '../domain/shifts/shifts.ts';
import { detectFormat, type TileFormat } from './basemap/archive.ts';
import { ROLES, type Role } from './db/schema.ts';
import { ConfigError, type Env } from './config-error.ts';
import { parseRetention, type RetentionPolicy } from './config-retention.ts';
import { parseOps, type OpsConfig } from './config-ops.ts';
import { parseLocalLogin, parseOidc, type OidcConfig } from './config-oidc.ts';

export { ConfigError, type Env } from './config-error.ts';

export type DatabaseConfig =
	| { kind: 'sqlite'; path: string }
	| { kind: 'postgres'; url: string; schema?: string };

export interface Config extends OpsConfig {
	port: number;
	host: string;
	origin: string | undefined;
	/** Browser origins allowed to open sockets, besides `origin` itself. */
	allowedOrigins: string[];
	database: DatabaseConfig;
	/** Connection used to run migrations (PostgreSQL owner role); defaults to `database`. */
	migrationDatabase: DatabaseConfig | undefined;
	redisUrl: string | undefined;
	/** key prefix in Redis, so several deployments or test runs can share one server */
	redisPrefix: string;
	/** entries each Redis stream keeps: rate × the longest reconnection window to ride out */
	redisStreamMaxLen: number;
	/** this node's name in the cluster (default: host, pid and a random part) */
	nodeId: string | undefined;
	/** URL of a MapLibre style a force supplies instead of the bundled Oxford base map. */
	basemapStyle: string | undefined;
	/** BASEMAP_TILES: a force's own vector tiles (MBTiles or PMTiles), served at /basemap/tiles */
	basemapTiles: { path: string; format: TileFormat } | undefined;
	/** The demo shows its accounts on the login page; nowhere else do they exist. */
	demo: boolean;
	sessionIdleMinutes: number;
	/** consecutive failed logins before a lockout, and its length */
	loginMaxFailures: number;
	loginLockMinutes: number;
	/** login attempts per minute from one address */
	loginRatePerMinute: number;
	/** roles that must use a TOTP second factor */
	requireTotp: Role[];
	/** socket events per second one user may send (position reports, activities…) */
	socketEventsPerSecond: number;
	/** how long each class of data is kept (RETENTION_*) */
	retention: RetentionPolicy;
	sessionMaxHours: number;
	timezone: string;
	/** Cookies need `Secure` behind HTTPS; inferred from ORIGIN. */
	secureCookies: boolean;
	activityChecklist: ChecklistItem[];
	/** SHIFTS, e.g. "Early=07:00-15:00,Late=15:00-23:00,Night=23:00-07:00" */
	shifts: ShiftPattern;
	/** AUDIT_KEY: the HMAC key of the audit chain, held outside the database; null = plain SHA-256 */
	auditKey: Buffer | null;
	/** request body limits in bytes: device endpoints, crime file uploads, everything else */
	deviceMaxBytes: number;
	importMaxBytes: number;
	requestMaxBytes: number;
	/** OIDC_*: single sign-on through the force's identity provider, or null */
	oidc: OidcConfig | null;
	/** LOCAL_LOGIN: usernames and passwords on the login page */
	localLogin: boolean;
}

export function parseDatabaseUrl(
	raw: string | undefined,
	variable = 'DATABASE_URL',
	fallback = 'sqlite:data/hotspot-patrol.db'
): DatabaseConfig {
	const value = raw === undefined || raw === '' ? fallback : raw;
	if (value.startsWith('postgres://') || value.startsWith('postgresql://')) {
		try {
			const url = new URL(value);
			const schema = url.searchParams.get('schema') ?? undefined;
			return { kind: 'postgres', url: value, schema };
		} catch {
			throw new ConfigError(variable, value, 'not a valid postgres:// URL');
		}
	}
	if (value.startsWith('sqlite:')) {
		const path = value.slice('sqlite:'.length);
		if (path === '') throw new ConfigError(variable, value, 'sqlite: needs a file path, e.g. sqlite:data/app.db');
		return { kind: 'sqlite', path };
	}
	throw new ConfigError(variable, value, 'expected postgres://… or sqlite:<path>');
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
	const raw = env[name];
	if (raw === undefined || raw === '') return fallback;
	const n = Number(raw);
	if (!Number.isInteger(n) || n < min || n > max) {
		throw new ConfigError(name, raw, `expected a whole number from ${min} to ${max}`);
	}
	return n;
}

const UNITS: Record<string, number> = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 };

/** a size in bytes, with an optional K, M or G (powers of 1024), as adapter-node's BODY_SIZE_LIMIT */
function bytes(env: Env, name: string, fallback: number, min: number, max: number): number {
	const raw = env[name];
	if (raw === undefined || raw === '') return fallback;
	const m = /^(\d+)([KMG]?)B?$/i.exec(raw.trim());
	const n = m ? Number(m[1]) * UNITS[m[2].toUpperCase()] : NaN;
	if (!Number.isSafeInteger(n) || n < min || n > max) {
		throw new ConfigError(name, raw, `expected a size from ${min} bytes to ${max / 1024 ** 3} G, e.g. 64K, 1M or 2G`);
	}
	return n;
}

function url(env: Env, name: string, schemes: string[]): string | undefined {
	const raw = env[name];
	if (raw === undefined || raw === '') return undefined;
	let parsed: URL;
	try {
		parsed = new URL(raw);
	} catch {
		throw new ConfigError(name, raw, 'not a valid URL');
	}
	if (!schemes.includes(parsed.protocol)) {
		throw new ConfigError(name, raw, `expected a ${schemes.join(' or ')} URL`);
	}
	return raw;
}

function flag(env: Env, name: string): boolean {
	const raw = env[name];
	if (raw === undefined || raw === '' || raw === '0' || raw === 'false') return false;
	if (raw === '1' || raw === 'true') return true;
	throw new ConfigError(name, raw, 'expected 1/true or 0/false');
}

export function readConfig(env: Env): Config {
	const origin = url(env, 'ORIGIN', ['http:', 'https:']);
	const allowedOrigins = (env.ALLOWED_ORIGINS ?? '')
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
	for (const o of allowedOrigins) {
		try {
			new URL(o);
		} catch {
			throw new ConfigError('ALLOWED_ORIGINS', env.ALLOWED_ORIGINS, `"${o}" is not an origin`);
		}
	}
	const database = parseDatabaseUrl(env.DATABASE_URL);
	const migration = env.MIGRATION_DATABASE_URL
		? parseDatabaseUrl(env.MIGRATION_DATABASE_URL, 'MIGRATION_DATABASE_URL')
		: undefined;
	const timezone = env.TZ_DATA ?? 'Europe/London';
	const oidc = parseOidc(env);
	return {
		port: integer(env, 'PORT', 3000, 0, 65535),
		host: env.HOST || '0.0.0.0',
		origin,
		allowedOrigins,
		database,
		migrationDatabase: migration,
		redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
		redisPrefix: env.REDIS_PREFIX || 'hp:',
		redisStreamMaxLen: integer(env, 'REDIS_STREAM_MAXLEN', 100_000, 1000, 10_000_000),
		nodeId: env.NODE_ID || undefined,
		basemapStyle: env.BASEMAP_STYLE || undefined,
		basemapTiles: basemapTiles(env.BASEMAP_TILES),
		demo: flag(env, 'DEMO'),
		sessionIdleMinutes: integer(env, 'SESSION_IDLE_MINUTES', 60, 1, 24 * 60),
		loginMaxFailures: integer(env, 'LOGIN_MAX_FAILURES', 5, 1, 100),
		loginLockMinutes: integer(env, 'LOGIN_LOCK_MINUTES', 15, 1, 24 * 60),
		loginRatePerMinute: integer(env, 'LOGIN_RATE_PER_MINUTE', 20, 1, 10_000),
		requireTotp: roles(env, 'REQUIRE_TOTP'),
		socketEventsPerSecond: integer(env, 'SOCKET_EVENTS_PER_SECOND', 20, 1, 10_000),
		retention: parseRetention(env),
		sessionMaxHours: integer(env, 'SESSION_MAX_HOURS', 12, 1, 24 * 7),
		timezone,
		secureCookies: origin?.startsWith('https:') ?? false,
		activityChecklist: checklist(env),
		shifts: shifts(env, timezone),
		auditKey: auditKey(env.AUDIT_KEY),
		oidc,
		localLogin: parseLocalLogin(env, oidc),
		deviceMaxBytes: bytes(env, 'DEVICE_MAX_BYTES', 64 * 1024, 1024, 1024 ** 3),
		importMaxBytes: bytes(env, 'IMPORT_MAX_BYTES', 1024 ** 3, 1024, 64 * 1024 ** 3),
		requestMaxBytes: bytes(env, 'REQUEST_MAX_BYTES', 1024 ** 2, 1024, 1024 ** 3),
		...parseOps(env)
	};
}

/** 32 or more random bytes, as hex or base64 (`openssl rand -base64 32`). */
export function auditKey(raw: string | undefined): Buffer | null {
	if (raw === undefined || raw === '') return null;
	const text = raw.trim();
	const bytes = /^(?:[0-9a-f]{2})+$/i.test(text) ? Buffer.from(text, 'hex') : /^[A-Za-z0-9+/_-]+={0,2}$/.test(text) ? Buffer.from(text, 'base64') : null;
	// the value is a secret: the message names the variable and what is wrong, never the value
	if (!bytes) throw new ConfigError('AUDIT_KEY', '(hidden)', 'expected hex or base64, e.g. from `openssl rand -base64 32`');
	if (bytes.length < 32) throw new ConfigError('AUDIT_KEY', '(hidden)', `expected at least 32 bytes, got ${bytes.length}`);
	return bytes;
}

/** The file must be there and be MBTiles or PMTiles by its first bytes; its contents are checked when first served. */
export function basemapTiles(path: string | undefined): Config['basemapTiles'] {
	if (path === undefined || path === '') return undefined;
	const head = Buffer.alloc(16);
	try {
		const fd = openSync(path, 'r');
		try {
			readSync(fd, head, 0, 16, 0);
		} finally {
			closeSync(fd);
		}
	} catch (e) {
		throw new ConfigError('BASEMAP_TILES', path, `cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
	}
	const format = detectFormat(head);
	if (!format) throw new ConfigError('BASEMAP_TILES', path, 'expected an MBTiles (SQLite) or PMTiles version 3 file of vector tiles');
	return { path, format };
}

function roles(env: Env, name: string): Role[] {
	const list = (env[name] ?? '')
		.split(',')
		.map((r) => r.trim())
		.filter(Boolean);
	for (const r of list) if (!(ROLES as readonly string[]).includes(r)) throw new ConfigError(name, env[name], `"${r}" is not a role (${ROLES.join(', ')})`);
	return list as Role[];
}

function checklist(env: Env): ChecklistItem[] {
	const path = env.ACTIVITY_CHECKLIST;
	if (!path) return DEFAULT_CHECKLIST;
	try {
		return parseChecklist(JSON.parse(readFileSync(path, 'utf8')));
	} catch (e) {
		throw new ConfigError('ACTIVITY_CHECKLIST', path, (e as Error).message);
	}
}

function shifts(env: Env, tz: string): ShiftPattern {
	if (!env.SHIFTS) return { ...DEFAULT_SHIFTS, tz };
	try {
		return parseShifts(env.SHIFTS, tz);
	} catch (e) {
		throw new ConfigError('SHIFTS', env.SHIFTS, (e as Error).message);
	}
}
