// The shift summary as a PDF for those who file or email it: the same figures as the page, with
// the dose-against-target chart drawn as bars. PDFKit's built-in Helvetica: no font files needed.
import PDFDocument from 'pdfkit';
import type { ShiftSummary } from './summary.ts';

const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)} %`);

export function summaryPdf(s: ShiftSummary): Promise<Buffer> {
	const doc = new PDFDocument({ size: 'A4', margin: 40, info: { Title: `Shift summary ${s.shift.label}`, Creator: 'Hotspot Patrol' } });
	const chunks: Buffer[] = [];
	doc.on('data', (c: Buffer) => chunks.push(c));
	const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));

	doc.fontSize(18).font('Helvetica-Bold').text(`Shift summary — ${s.shift.label}`);
	doc.moveDown(0.3).fontSize(10).font('Helvetica').text(`Hot spot set: ${s.set?.name ?? 'none published'}${s.final ? '' : ' (shift still running: figures so far)'}`);
	doc.moveDown(0.5).fontSize(11);
	const t = s.total;
	doc.text(`Doses delivered ${t.doses} of ${t.target} due (${t.target ? Math.round((t.doses / t.target) * 100) : 0} %); ${t.visits} visits by ${t.officers} officers.`);
	doc.text(`Patrol-minutes ${t.patrolMinutes}, officer-minutes ${t.officerMinutes}, unknown minutes ${t.unknownMinutes}; on foot ${pct(t.footShare)}; ${t.activities} activities logged.`);
	doc.moveDown();

	// dose against target, one bar pair per hot spot
	doc.font('Helvetica-Bold').text('Dose against target');
	const left = 180;
	const width = 330;
	const max = Math.max(1, ...s.hotspots.map((h) => Math.max(h.doses, h.target)));
	for (const h of s.hotspots) {
		const y = doc.y + 2;
		doc.font('Helvetica').fontSize(9).text(h.name.slice(0, 34), 40, y, { width: left - 50 });
		doc.rect(left, y, (h.target / max) * width, 6).fill('#c8ced8');
		doc.rect(left, y + 6, (h.doses / max) * width, 6).fill(h.doses >= h.target && h.target > 0 ? '#2e9e5b' : '#e08a00');
		doc.fillColor('#000').text(`${h.doses}/${h.target}`, left + width + 8, y);
		doc.y = y + 16;
	}
	doc.moveDown();

	const row = (cells: string[], widths: number[], bold = false) => {
		const y = doc.y;
		let x = 40;
		doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8.5);
		cells.forEach((c, i) => {
			doc.text(c, x, y, { width: widths[i] - 4 });
			x += widths[i];
		});
		doc.y = y + 13;
		if (doc.y > 780) doc.addPage();
	};
	doc.fontSize(11).font('Helvetica-Bold').text('Per hot spot', 40);
	const w = [140, 45, 55, 60, 40, 55, 50, 60];
	row(['Hot spot', 'Doses', 'Patrol min', 'Officer min', 'Visits', '≥10 min', 'Foot', 'Unknown min'], w, true);
	for (const h of s.hotspots) row([h.name, `${h.doses}/${h.target}`, String(Math.round(h.patrolMinutes)), String(Math.round(h.officerMinutes)), String(h.visits), pct(h.longShare), pct(h.footShare), String(Math.round(h.unknownMinutes))], w);
	doc.moveDown().fontSize(11).font('Helvetica-Bold').text('Per team', 40);
	const tw = [160, 60, 60, 60, 80, 80];
	row(['Team', 'Officers', 'Visits', 'Doses', 'Minutes', 'Activities'], tw, true);
	for (const tm of s.teams) row([tm.team, String(tm.officers), String(tm.visits), String(tm.doses), String(tm.minutes), String(tm.activities)], tw);
	if (s.officers) {
		doc.moveDown().fontSize(11).font('Helvetica-Bold').text('Per officer (supervisors only)', 40);
		const ow = [100, 120, 60, 60, 70, 60];
		row(['Callsign', 'Team', 'Visits', 'Doses', 'Minutes', 'Foot'], ow, true);
		for (const o of s.officers) row([o.callsign, o.team ?? '', String(o.visits), String(o.doses), String(o.minutes), pct(o.footShare)], ow);
	}
	doc.end();
	return done;
}
