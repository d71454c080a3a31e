// Bounds on untrusted JSON before anything walks it. Validators, Socket.IO's encoder and
// JSON.stringify all recurse, so a 12 KB frame of 6,000 nested arrays overflows the stack in
// whichever touches it first (the security review's critical finding). Everything here is
// iterative and stops at the first bound crossed, so its own cost is bounded by the limits.

export interface PayloadLimits {
	/** nesting of arrays and objects; a fix report is 3 deep */
	maxDepth: number;
	/** values, keys included, across the whole payload */
	maxNodes: number;
	/** characters of any one string or key */
	maxString: number;
}

/** Socket events: 500 fixes of 7 fields fit with room; a note is at most 2,000 characters. */
export const SOCKET_LIMITS: PayloadLimits = { maxDepth: 8, maxNodes: 20_000, maxString: 10_000 };
/** Device and API JSON bodies (Traccar Client nests extras a few levels). */
export const BODY_LIMITS: PayloadLimits = { maxDepth: 16, maxNodes: 50_000, maxString: 100_000 };

/** A row id as a client may name one: a positive integer that fits PostgreSQL's 32-bit `integer`. */
export function isId(v: unknown): v is number {
	return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 2_147_483_647;
}

export type GuardResult = { ok: true } | { ok: false; error: string };

const PREVIEW = 40;

/** A short, bounded description of any value, safe to put in a message: never recursive, never long. */
export function describeValue(v: unknown): string {
	if (v === null) return 'null';
	if (Array.isArray(v)) return `an array of ${v.length}`;
	switch (typeof v) {
		case 'string':
			return v.length > PREVIEW ? `a string of ${v.length} characters starting ${JSON.stringify(v.slice(0, PREVIEW))}` : JSON.stringify(v);
		case 'number':
			return String(v);
		case 'boolean':
			return String(v);
		case 'undefined':
			return 'nothing';
		case 'object':
			return ArrayBuffer.isView(v) || v instanceof ArrayBuffer ? 'binary data' : `an object with ${Object.keys(v).length} keys`;
		default:
			return `a ${typeof v}`;
	}
}

function step(path: string, key: string | number): string {
	if (typeof key === 'number') return `${path}[${key}]`;
	const k = /^[A-Za-z_$][\w$]{0,30}$/.test(key) ? key : JSON.stringify(key.length > 20 ? key.slice(0, 20) + '…' : key);
	return path ? `${path}.${k}` : k;
}

/**
 * Checks a parsed payload against the limits without recursion. The error names where it went
 * wrong (`payload.lat[0][0]…: nested deeper than 8 levels`), with a bounded path.
 */
export function checkPayload(value: unknown, limits: PayloadLimits, name = 'payload'): GuardResult {
	const stack: { v: unknown; depth: number; path: string }[] = [{ v: value, depth: 0, path: '' }];
	let nodes = 0;
	const where = (path: string) => (path.startsWith('[') || !path ? name + path : `${name}.${path}`).slice(0, 120);
	while (stack.length > 0) {
		const { v, depth, path } = stack.pop()!;
		if (++nodes > limits.maxNodes) return { ok: false, error: `${name}: more than ${limits.maxNodes} values` };
		if (typeof v === 'string') {
			if (v.length > limits.maxString) return { ok: false, error: `${where(path)}: a string longer than ${limits.maxString} characters` };
			continue;
		}
		if (v === null || typeof v === 'number' || typeof v === 'boolean') continue;
		if (typeof v !== 'object') return { ok: false, error: `${where(path)}: ${describeValue(v)} is not JSON` };
		if (ArrayBuffer.isView(v) || v instanceof ArrayBuffer) return { ok: false, error: `${where(path)}: binary data is not accepted` };
		if (depth >= limits.maxDepth) return { ok: false, error: `${where(path)}: nested deeper than ${limits.maxDepth} levels` };
		if (Array.isArray(v)) {
			if (nodes + v.length > limits.maxNodes) return { ok: false, error: `${name}: more than ${limits.maxNodes} values` };
			for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], depth: depth + 1, path: step(path, i) });
			continue;
		}
		const keys = Object.keys(v);
		if (nodes + 2 * keys.length > limits.maxNodes) return { ok: false, error: `${name}: more than ${limits.maxNodes} values` };
		for (const k of keys) {
			nodes++;
			if (k.length > limits.maxString) return { ok: false, error: `${where(path)}: a key longer than ${limits.maxString} characters` };
			stack.push({ v: (v as Record<string, unknown>)[k], depth: depth + 1, path: step(path, k) });
		}
	}
	return { ok: true };
}

/**
 * The same depth bound on JSON text, before JSON.parse builds anything: one pass, brackets
 * outside strings counted. Malformed text is left for JSON.parse to refuse.
 */
export function checkJsonDepth(text: string, maxDepth: number, name = 'body'): GuardResult {
	let depth = 0;
	let inString = false;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (inString) {
			if (c === 92 /* \ */) i++;
			else if (c === 34 /* " */) inString = false;
		} else if (c === 34) inString = true;
		else if (c === 91 /* [ */ || c === 123 /* { */) {
			if (++depth > maxDepth) return { ok: false, error: `${name}: nested deeper than ${maxDepth} levels` };
		} else if (c === 93 /* ] */ || c === 125 /* } */) depth--;
	}
	return { ok: true };
}
