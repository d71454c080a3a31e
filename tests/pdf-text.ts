// The text of a PDF as a reader's viewer extracts it (pdfjs, through each font's ToUnicode map):
// what a commander would copy out of the file, so a glyph the font lacks shows up as wrong text.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export async function pdfText(bytes: Uint8Array): Promise<string[]> {
	const task = getDocument({ data: new Uint8Array(bytes), useSystemFonts: false });
	const doc = await task.promise;
	const pages: string[] = [];
	for (let i = 1; i <= doc.numPages; i++) {
		const content = await (await doc.getPage(i)).getTextContent();
		pages.push(content.items.map((it) => ('str' in it ? it.str + (it.hasEOL ? '\n' : '') : '')).join(''));
	}
	await task.destroy();
	return pages;
}
