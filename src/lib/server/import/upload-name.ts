// The name an analyst's upload arrives with (?file=…), checked before it names anything on disk:
// a name, not a path; no control characters; a length a file system takes. A bad one is refused
// with the reason (it answered 500 when "..", "" or a long name reached the file system).

const MAX_BYTES = 255;

export type UploadName = { ok: true; name: string } | { ok: false; reason: string };

export function uploadName(raw: string | null): UploadName {
	if (raw === null) return { ok: true, name: 'upload' };
	const bytes = Buffer.byteLength(raw, 'utf8');
	if (bytes > MAX_BYTES) return { ok: false, reason: `file: the name is ${bytes} bytes long; at most ${MAX_BYTES}` };
	const name = raw.trim();
	if (name === '') return { ok: false, reason: 'file: the name is empty' };
	const control = [...name].findIndex((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
	if (control >= 0) return { ok: false, reason: `file: the name has a control character at position ${control + 1}` };
	if (/[/\\]/.test(name) || name === '.' || name === '..') return { ok: false, reason: `file: a file name, not a path (no "/", "\\", "." or "..")` };
	return { ok: true, name };
}
