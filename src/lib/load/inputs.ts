// What the load tool is given: a tokens file as `officers add` writes it, and the servers to drive.
// Errors say what was wrong and where; the CLI turns them into one-line usage errors.

export interface LoadOfficer {
	callsign: string;
	token: string;
}

export function parseTokensCsv(text: string, file: string): LoadOfficer[] {
	const rows = text.split(/\r?\n/);
	while (rows.length > 0 && rows[rows.length - 1] === '') rows.pop();
	if (rows[0] !== 'callsign,token') {
		// the line itself is not echoed: a wrong file may well hold a secret
		throw new Error(`${file}: line 1 is not the header "callsign,token" that "officers add" writes`);
	}
	const officers: LoadOfficer[] = [];
	for (let i = 1; i < rows.length; i++) {
		const cells = rows[i].split(',');
		if (cells.length !== 2 || !cells[0] || !cells[1]) throw new Error(`${file}: row ${i + 1} is not "callsign,token"`);
		officers.push({ callsign: cells[0], token: cells[1] });
	}
	if (officers.length === 0) throw new Error(`${file}: no officers after the header`);
	return officers;
}

/** Loopback only: the tool can open tens of thousands of sockets and must never be aimed at someone else's server. */
export function isLoopbackHost(hostname: string): boolean {
	const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
	if (h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
	const v4 = h.startsWith('::ffff:') ? h.slice(7) : h;
	return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/** One or more `http(s)://host:port` servers, comma-separated, each on this machine. */
export function parseServerUrls(raw: string, flag: string): string[] {
	const urls = raw
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
	if (urls.length === 0) throw new Error(`${flag}: give at least one http://127.0.0.1:PORT`);
	return urls.map((u) => {
		let url: URL;
		try {
			url = new URL(u);
		} catch {
			throw new Error(`${flag}: "${u}" is not a URL; expected http://127.0.0.1:PORT`);
		}
		if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`${flag}: "${u}" must be http:// or https://`);
		if (!isLoopbackHost(url.hostname)) {
			throw new Error(`${flag}: host "${url.hostname}" is not a loopback address; the load tool only drives servers on this machine (127.0.0.1, ::1, localhost)`);
		}
		return url.origin;
	});
}

/** A number from the command line within bounds, or a reason naming the flag. */
export function boundedNumber(raw: string | undefined, flag: string, fallback: number, min: number, max: number, whole = false): number {
	if (raw === undefined) return fallback;
	const n = Number(raw);
	if (raw.trim() === '' || !Number.isFinite(n) || n < min || n > max || (whole && !Number.isInteger(n))) {
		throw new Error(`${flag} must be ${whole ? 'a whole number' : 'a number'} from ${min} to ${max}, got "${raw}"`);
	}
	return n;
}

/** Open files this process may hold (Linux), to refuse a run that would die of EMFILE half-way. */
export function openFileLimit(readLimits: () => string): number | null {
	try {
		const m = /^Max open files\s+(\d+|unlimited)/m.exec(readLimits());
		if (!m) return null;
		return m[1] === 'unlimited' ? Infinity : Number(m[1]);
	} catch {
		return null;
	}
}
