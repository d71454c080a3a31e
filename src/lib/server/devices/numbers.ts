// Strict numbers and times from tracker apps. `Number()` reads "0x33" as 51, true as 1, null and
// "" as 0 and " 7 " as 7, so a broken or hostile client could place an officer anywhere; here a
// number is decimal text (query and form parameters) or a JSON number, and anything else is
// refused with the field's name and a short description of what came.
import { describeValue } from '../../domain/payload-guard.ts';

/** A device's input that cannot be read; the message names the field. */
export class FieldError extends Error {}

// Java's Double.toString (Traccar Client on Android) writes small values as 1.0E-4
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d{1,3})?$/;
const EPOCH = /^\d{9,16}(?:\.\d{1,6})?$/;
// ISO 8601 date-time; Traccar reads one without a zone as UTC, and so do we
const ISO = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}(?::?\d{2})?)?$/;

/** Decimal text, or null when the parameter is absent or empty. */
export function textNumber(v: string | null, field: string): number | null {
	if (v === null || v === '') return null;
	const n = DECIMAL.test(v) ? Number(v) : NaN;
	if (!Number.isFinite(n)) throw new FieldError(`${field}: must be a decimal number, got ${describeValue(v)}`);
	return n;
}

/** A JSON number, or null when the field is absent or null ("not known"). */
export function jsonNumber(v: unknown, field: string): number | null {
	if (v === undefined || v === null) return null;
	if (typeof v !== 'number' || !Number.isFinite(v)) throw new FieldError(`${field}: must be a number, got ${describeValue(v)}`);
	return v;
}

export function required<T>(v: T | null, field: string, what = 'a number'): T {
	if (v === null) throw new FieldError(`${field}: ${what} is required`);
	return v;
}

/** Seconds or milliseconds since 1970 (a JSON number or digits), or an ISO 8601 date-time; epoch ms. */
export function deviceTime(v: unknown, field: string): number {
	let n: number | null = null;
	if (typeof v === 'number' && v > 0 && v < 1e16) n = v;
	else if (typeof v === 'string' && EPOCH.test(v)) n = Number(v);
	else if (typeof v === 'string') {
		const m = ISO.exec(v);
		const t = m ? Date.parse(`${m[1]}T${m[2]}${m[3] ?? 'Z'}`) : NaN;
		if (Number.isFinite(t)) return t;
	}
	if (n === null) throw new FieldError(`${field}: seconds since 1970 or an ISO 8601 date-time, got ${describeValue(v)}`);
	// seconds, or milliseconds from clients that send them
	return n > 1e12 ? Math.round(n) : Math.round(n * 1000);
}

/** Runs a parser that throws FieldError, as a result. */
export function parsing<T>(f: () => T): ({ ok: true } & T) | { ok: false; error: string } {
	try {
		return { ok: true, ...f() };
	} catch (e) {
		if (e instanceof FieldError) return { ok: false, error: e.message };
		throw e;
	}
}
