// The retention policy as the environment states it (RETENTION_*), read by config.ts; the erasing
// itself is services/retention.ts.
import { ConfigError, type Env } from './config-error.ts';

export interface RetentionPolicy {
	/** raw position fixes, by the time the server received them */
	fixesDays: number;
	/** visits, activities, taskings and ended duty periods */
	visitsDays: number;
	/** crime records by month, with their links to people; 0 keeps them (the force's policy) */
	crimeMonths: number;
	/** sessions, counted from when they expired */
	sessionsDays: number;
	/** applied by the database owner, never by the app */
	auditYears: number;
}

function whole(env: Env, name: string, fallback: number, min: number, max: number): number {
	const raw = env[name];
	if (raw === undefined || raw.trim() === '') return fallback;
	const n = Number(raw);
	if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(name, raw, `expected a whole number from ${min} to ${max}`);
	return n;
}

export function parseRetention(env: Env): RetentionPolicy {
	return {
		// 31 days: long enough to answer a complaint about a patrol, short for location data
		fixesDays: whole(env, 'RETENTION_FIXES_DAYS', 31, 1, 36_500),
		// two years: a trial and its evaluation (place-days are rebuilt from visits)
		visitsDays: whole(env, 'RETENTION_VISITS_DAYS', 730, 1, 36_500),
		crimeMonths: whole(env, 'RETENTION_CRIME_MONTHS', 0, 0, 1200),
		sessionsDays: whole(env, 'RETENTION_SESSIONS_DAYS', 30, 1, 3650),
		auditYears: whole(env, 'RETENTION_AUDIT_YEARS', 7, 1, 100)
	};
}
