import { parseArgs, type ParseArgsConfig } from 'node:util';
import { readConfig } from '../lib/server/config.ts';
import type { DbHandle } from '../lib/server/db/connect.ts';
import { openAppDatabase as openMigrated } from '../lib/server/db/open.ts';

export class UsageError extends Error {}

/** parseArgs with errors turned into one-line usage errors. */
export function args<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T, allowPositionals = false) {
	try {
		return parseArgs({ args: argv, options, allowPositionals, strict: true });
	} catch (e) {
		throw new UsageError((e as Error).message.split('\n')[0]);
	}
}

export function required<T>(value: T | undefined, flag: string): T {
	if (value === undefined || value === '') throw new UsageError(`${flag} is required`);
	return value;
}

export function positiveInt(value: string | undefined, flag: string, fallback?: number): number {
	if (value === undefined) {
		if (fallback === undefined) throw new UsageError(`${flag} is required`);
		return fallback;
	}
	const n = Number(value);
	if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${flag} must be a positive whole number, got "${value}"`);
	return n;
}

/** The database from DATABASE_URL (default SQLite file), migrated; audit rows the CLI writes are signed like the server's (same AUDIT_KEY). */
export async function openAppDatabase(): Promise<DbHandle> {
	return openMigrated(readConfig(process.env));
}

export async function withDatabase<T>(fn: (h: DbHandle) => Promise<T>): Promise<T> {
	const h = await openAppDatabase();
	try {
		return await fn(h);
	} finally {
		await h.close();
	}
}
