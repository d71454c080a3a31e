// Which encoding a crime file is in, decided before its rows are read: a byte-order mark says
// UTF-16 (Excel's "Unicode text"); otherwise a pass over the bytes says whether they are UTF-8.
// Force exports are often Windows-1252 (Latin-1): those are read as such and the report says so,
// naming the first byte that was not UTF-8 — unless the mapping says "encoding": "utf-8", when
// the file is refused with that line and byte. Either way nothing becomes U+FFFD silently.
import { isUtf8 } from 'node:buffer';
import type { Readable } from 'node:stream';
import { firstInvalidUtf8, incompleteTail } from '../../domain/import/utf8.ts';

export interface EncodingChoice {
	encoding: string;
	/** said to the analyst when the file was not what was expected */
	note: string | null;
}

/** Line (1-based), byte offset and value of the first byte that is not UTF-8, or null when all are. */
async function scanUtf8(stream: Readable): Promise<{ line: number; offset: number; byte: number } | null> {
	let carry: Buffer = Buffer.alloc(0);
	let offset = 0;
	let line = 1;
	for await (const chunk of stream) {
		const all = carry.length ? Buffer.concat([carry, chunk as Buffer]) : (chunk as Buffer);
		const keep = incompleteTail(all);
		const body = all.subarray(0, all.length - keep);
		if (!isUtf8(body)) {
			const at = firstInvalidUtf8(body);
			stream.destroy();
			return { line: line + countLines(body, at), offset: offset + at, byte: body[at] };
		}
		line += countLines(body, body.length);
		offset += body.length;
		carry = Buffer.from(all.subarray(all.length - keep));
	}
	if (carry.length) return { line, offset, byte: carry[0] };
	return null;
}

function countLines(b: Buffer, end: number): number {
	let n = 0;
	for (let i = b.indexOf(10); i >= 0 && i < end; i = b.indexOf(10, i + 1)) n++;
	return n;
}

async function firstBytes(stream: Readable): Promise<Buffer> {
	for await (const chunk of stream) {
		stream.destroy();
		return chunk as Buffer;
	}
	return Buffer.alloc(0);
}

export class EncodingError extends Error {}

/**
 * Picks the decoder for a file: `declared` (a mapping's "encoding") wins; else a UTF-16 byte-order
 * mark; else UTF-8 when every byte is, Windows-1252 when not. `open` gives a fresh stream of the
 * file's (unpacked) bytes each call.
 */
export async function chooseEncoding(open: () => Readable, declared?: string): Promise<EncodingChoice> {
	if (declared && declared !== 'utf-8') return { encoding: declared, note: null };
	if (!declared) {
		const head = await firstBytes(open());
		if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', note: null };
		if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', note: null };
	}
	const bad = await scanUtf8(open());
	if (!bad) return { encoding: 'utf-8', note: null };
	const where = `line ${bad.line}, byte ${bad.offset} (0x${bad.byte.toString(16).toUpperCase().padStart(2, '0')})`;
	if (declared) throw new EncodingError(`${where}: not UTF-8, though the mapping says "encoding": "utf-8"; save the file as UTF-8 or give its encoding (e.g. "windows-1252")`);
	return { encoding: 'windows-1252', note: `not UTF-8 (first at ${where}): read as Windows-1252 (Latin-1); give "encoding" in the mapping if it is another` };
}
