// Which characters a TrueType font has glyphs for, from its `cmap` table (Unicode subtables of
// format 4 or 12; OpenType spec, "cmap — Character to Glyph Index Mapping Table"). Enough to check
// that a PDF's font draws every character printed, without a font library.

export function fontCodePoints(ttf: Uint8Array): (cp: number) => boolean {
	const v = new DataView(ttf.buffer, ttf.byteOffset, ttf.byteLength);
	const tables = v.getUint16(4);
	let cmap = -1;
	for (let i = 0; i < tables; i++) {
		const rec = 12 + i * 16;
		if (String.fromCharCode(...ttf.subarray(rec, rec + 4)) === 'cmap') cmap = v.getUint32(rec + 8);
	}
	if (cmap < 0) throw new Error('no cmap table');
	const subtables: number[] = [];
	for (let i = 0; i < v.getUint16(cmap + 2); i++) {
		const rec = cmap + 4 + i * 8;
		const platform = v.getUint16(rec);
		const encoding = v.getUint16(rec + 2);
		if (platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10))) subtables.push(cmap + v.getUint32(rec + 4));
	}
	const twelve = subtables.find((o) => v.getUint16(o) === 12);
	if (twelve !== undefined) {
		const groups = v.getUint32(twelve + 12);
		return (cp) => {
			for (let g = 0; g < groups; g++) {
				const o = twelve + 16 + g * 12;
				if (cp >= v.getUint32(o) && cp <= v.getUint32(o + 4)) return v.getUint32(o + 8) + cp - v.getUint32(o) !== 0;
			}
			return false;
		};
	}
	const four = subtables.find((o) => v.getUint16(o) === 4);
	if (four === undefined) throw new Error('no Unicode cmap of format 4 or 12');
	const segs = v.getUint16(four + 6) / 2;
	const ends = four + 14;
	const starts = ends + segs * 2 + 2;
	const deltas = starts + segs * 2;
	const offsets = deltas + segs * 2;
	return (cp) => {
		if (cp > 0xffff) return false;
		for (let s = 0; s < segs; s++) {
			if (cp > v.getUint16(ends + s * 2)) continue;
			const start = v.getUint16(starts + s * 2);
			if (cp < start) return false;
			const delta = v.getInt16(deltas + s * 2);
			const ro = v.getUint16(offsets + s * 2);
			if (ro === 0) return ((cp + delta) & 0xffff) !== 0;
			const at = offsets + s * 2 + ro + (cp - start) * 2;
			const glyph = v.getUint16(at);
			return glyph !== 0 && ((glyph + delta) & 0xffff) !== 0;
		}
		return false;
	};
}
