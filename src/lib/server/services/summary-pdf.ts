// The shift summary as a PDF for those who file or email it: the same figures as the page, with
// the dose-against-due chart drawn as bars. DejaVu Sans is embedded (src/lib/server/fonts): PDFKit's
// built-in Helvetica has no "≥" or "—" and printed "≥10 min" as `"e10 min`.
import PDFDocument from 'pdfkit';
import regularUrl from '../fonts/DejaVuSans.ttf?inline';
import boldUrl from '../fonts/DejaVuSans-Bold.ttf?inline';
import type { ShiftSummary } from './summary.ts';

const fromDataUrl = (url: string) => Buffer.from(url.slice(url.indexOf(',') + 1), 'base64');
/** The embedded fonts, as bytes (tests check every printed character is in them). */
export const PDF_FONTS = { regular: fromDataUrl(regularUrl), bold: fromDataUrl(boldUrl) };

const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)} %`);

export const DEFINITION =
	'A dose is a visit of 10 minutes or more inside a hot spot. Doses delivered: every dose that began in this shift, in a hot spot of the set. ' +
	'Doses due: one per hot spot for each of its live windows that overlaps the shift; a due dose is met when a dose began in that window during the shift. ' +
	'Visits and officers count the visits that began in the shift; minutes are time inside during the shift. Every column adds up to the figures above it.';

/** The PDF and every string printed in it (for the font check). */
export function renderSummaryPdf(s: ShiftSummary): Promise<{ pdf: Buffer; printed: string[] }> {
	const doc = new PDFDocument({ size: 'A4', margin: 40, info: { Title: `Shift summary ${s.shift.label}`, Creator: 'Hotspot Patrol' } });
	doc.registerFont('regular', PDF_FONTS.regular);
	doc.registerFont('bold', PDF_FONTS.bold);
	const printed: string[] = [];
	const chunks: Buffer[] = [];
	doc.on('data', (c: Buffer) => chunks.push(c));
	const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
	const text = (str: string, ...rest: [number?, number?, PDFKit.Mixins.TextOptions?]) => {
		printed.push(str);
		return rest.length ? doc.text(str, rest[0], rest[1], rest[2]) : doc.text(str);
	};

	doc.fontSize(18).font('bold');
	text(`Shift summary — ${s.shift.label}`);
	doc.moveDown(0.3).fontSize(10).font('regular');
	text(`Hot spot set: ${s.set?.name ?? 'none published'}${s.final ? '' : ' (shift still running: figures so far)'}`);
	doc.moveDown(0.5).fontSize(11);
	const t = s.total;
	text(`Doses delivered ${t.doses}; doses due ${t.due}, of which met ${t.met}${t.due ? ` (${Math.round((t.met / t.due) * 100)} %)` : ''}. ${t.visits} visits by ${t.officers} officers.`);
	text(`Patrol-minutes ${t.patrolMinutes}, officer-minutes ${t.officerMinutes}, unknown minutes ${t.unknownMinutes}; on foot ${pct(t.footShare)}; ${t.activities} activities logged.`);
	doc.moveDown(0.4).fontSize(8.5).fillColor('#444');
	text(DEFINITION);
	doc.fillColor('#000').moveDown();

	// doses delivered against due, one bar pair per hot spot
	doc.fontSize(11).font('bold');
	text('Doses delivered against due');
	const left = 180;
	const width = 330;
	const max = Math.max(1, ...s.hotspots.map((h) => Math.max(h.doses, h.due)));
	for (const h of s.hotspots) {
		const y = doc.y + 2;
		doc.font('regular').fontSize(9);
		text(h.name.slice(0, 34), 40, y, { width: left - 50 });
		doc.rect(left, y, (h.due / max) * width, 6).fill('#c8ced8');
		doc.rect(left, y + 6, (h.doses / max) * width, 6).fill(h.due > 0 && h.met >= h.due ? '#2e9e5b' : '#e08a00');
		doc.fillColor('#000');
		text(`${h.doses}/${h.due}`, left + width + 8, y);
		doc.y = y + 16;
		if (doc.y > 780) doc.addPage();
	}
	doc.moveDown();

	const row = (cells: string[], widths: number[], bold = false) => {
		const y = doc.y;
		let x = 40;
		doc.font(bold ? 'bold' : 'regular').fontSize(8);
		// a header that wraps ("Patrol min") makes its row taller rather than running into the next
		const height = Math.max(...cells.map((c, i) => doc.heightOfString(c || ' ', { width: widths[i] - 4 })));
		cells.forEach((c, i) => {
			text(c, x, y, { width: widths[i] - 4 });
			x += widths[i];
		});
		doc.y = y + height + 3;
		if (doc.y > 780) doc.addPage();
	};
	const heading = (str: string) => {
		doc.moveDown().fontSize(11).font('bold');
		text(str, 40);
	};
	heading('Per hot spot');
	const w = [125, 40, 30, 35, 45, 50, 35, 45, 35, 50];
	row(['Hot spot', 'Doses', 'Due', 'Met', 'Patrol min', 'Officer min', 'Visits', '≥10 min', 'Foot', 'Unknown min'], w, true);
	for (const h of s.hotspots)
		row([h.name, String(h.doses), String(h.due), String(h.met), String(h.patrolMinutes), String(h.officerMinutes), String(h.visits), pct(h.longShare), pct(h.footShare), String(h.unknownMinutes)], w);
	row([`All ${s.hotspots.length} hot spots`, String(t.doses), String(t.due), String(t.met), String(t.patrolMinutes), String(t.officerMinutes), String(t.visits), '', '', String(t.unknownMinutes)], w, true);
	heading('Per team');
	const tw = [160, 60, 60, 70, 80, 80];
	row(['Team', 'Officers', 'Visits', 'Doses', 'Officer min', 'Activities'], tw, true);
	for (const tm of s.teams) row([tm.team, String(tm.officers), String(tm.visits), String(tm.doses), String(tm.minutes), String(tm.activities)], tw);
	row(['All teams', String(t.officers), String(t.visits), String(t.doses), String(t.officerMinutes), String(t.activities)], tw, true);
	if (s.officers) {
		heading('Per officer (supervisors only)');
		const ow = [100, 120, 60, 60, 70, 60];
		row(['Callsign', 'Team', 'Visits', 'Doses', 'Officer min', 'Foot'], ow, true);
		for (const o of s.officers) row([o.callsign, o.team ?? '', String(o.visits), String(o.doses), String(o.minutes), pct(o.footShare)], ow);
		row(['All officers', '', String(t.visits), String(t.doses), String(t.officerMinutes), ''], ow, true);
	}
	doc.end();
	return done.then((pdf) => ({ pdf, printed }));
}

export async function summaryPdf(s: ShiftSummary): Promise<Buffer> {
	return (await renderSummaryPdf(s)).pdf;
}
