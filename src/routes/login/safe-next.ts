// Where to go after logging in. `next` comes from the query string, so anyone can write it into a
// link: only a path on this site is followed. "//evil.example" and "/\evil.example" are read by
// browsers as another host, and control characters can split a header, so those are ignored and
// the user goes to their role's home instead (redirect() refuses them by throwing, which was a 500).
export function safeNext(next: string | null): string | null {
	if (!next || next.length > 2000 || !next.startsWith('/')) return null;
	if (next.startsWith('//') || next.includes('\\')) return null;
	// eslint-disable-next-line no-control-regex
	if (/[\u0000-\u001f\u007f]/.test(next)) return null;
	try {
		const base = 'http://same.invalid';
		const u = new URL(next, base);
		return u.origin === base ? next : null;
	} catch {
		return null;
	}
}
