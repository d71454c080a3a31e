// Which character separates a CSV's fields, from its header line: the candidate that occurs most
// often outside quotes. Exports from Excel in much of Europe use ";", Excel's "Unicode text" and
// many databases use tab; a comma-only reader told their analysts "the mapping names columns the
// file lacks". A header of one column (no candidate at all) is read as comma-separated.

export const DELIMITERS = [',', ';', '\t', '|'];

/** The delimiter of a header line (the text up to the first line break). */
export function sniffDelimiter(text: string): string {
	const counts = new Map(DELIMITERS.map((d) => [d, 0]));
	let inQuotes = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (c === '"') inQuotes = !inQuotes;
		else if (!inQuotes && (c === '\n' || c === '\r')) break;
		else if (!inQuotes && counts.has(c)) counts.set(c, counts.get(c)! + 1);
	}
	let best = ',';
	for (const d of DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
	return best;
}

export const delimiterName = (d: string) => (d === '\t' ? 'tab' : d === ';' ? 'semicolon' : d === '|' ? 'pipe' : 'comma');
