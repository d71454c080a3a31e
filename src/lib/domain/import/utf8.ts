// Where bytes stop being UTF-8, for files that must say why they were read as Windows-1252 (or
// refused): Latin-1 exports from force systems otherwise became U+FFFD without a word.

/** Bytes at the end of `b` that start a multi-byte character not yet complete (0–3). */
export function incompleteTail(b: Uint8Array): number {
	for (let k = 1; k <= Math.min(3, b.length); k++) {
		const c = b[b.length - k];
		if ((c & 0xc0) === 0x80) continue; // a continuation byte: look further back
		const need = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 1;
		return need > k ? k : 0;
	}
	return 0;
}

/** Offset of the first byte that is not part of a well-formed UTF-8 sequence, or -1. */
export function firstInvalidUtf8(b: Uint8Array): number {
	let i = 0;
	while (i < b.length) {
		const c = b[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		let need: number;
		let lo = 0x80;
		let hi = 0xbf;
		if (c >= 0xc2 && c <= 0xdf) need = 1;
		else if (c >= 0xe0 && c <= 0xef) {
			need = 2;
			if (c === 0xe0) lo = 0xa0; // no overlong forms
			if (c === 0xed) hi = 0x9f; // no surrogates
		} else if (c >= 0xf0 && c <= 0xf4) {
			need = 3;
			if (c === 0xf0) lo = 0x90;
			if (c === 0xf4) hi = 0x8f;
		} else return i;
		if (i + need > b.length - 1) return i; // cut short
		if (b[i + 1] < lo || b[i + 1] > hi) return i;
		for (let k = 2; k <= need; k++) if ((b[i + k] & 0xc0) !== 0x80) return i;
		i += need + 1;
	}
	return -1;
}
