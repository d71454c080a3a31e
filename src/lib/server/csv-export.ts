// CSV for BI tools and spreadsheets, safe against formula injection (OWASP "CSV Injection"):
// a cell that a spreadsheet would run as a formula — starting with =, +, -, @, tab or carriage
// return — is prefixed with a single quote, and every cell with a comma, quote or line break
// is quoted. Numbers stay numbers.

export function csvCell(v: unknown): string {
	if (v === null || v === undefined) return '';
	if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
	if (typeof v === 'boolean') return v ? 'true' : 'false';
	let s = String(v);
	if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
	return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

function line(cells: unknown[]): string {
	const text = cells.map(csvCell).join(',');
	// a row of one empty cell would read back as a blank line: quote it
	return text === '' ? '""' : text;
}

export function toCsv(header: string[], rows: unknown[][]): string {
	return [line(header), ...rows.map(line)].join('\r\n') + '\r\n';
}

export function csvResponse(name: string, body: string): Response {
	return new Response(body, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${name.replace(/[^\w.-]/g, '_')}"`,
			'cache-control': 'no-store'
		}
	});
}
