import { error } from '@sveltejs/kit';
import { selectShift } from '#lib/server/services/shift-select.ts';
import { shiftSummary } from '#lib/server/services/summary.ts';
import { summaryPdf } from '#lib/server/services/summary-pdf.ts';
import { auditBy } from '#lib/server/services/audit.ts';

export const GET = async ({ url, locals }) => {
	const { app } = locals;
	const shift = selectShift(app, url.searchParams);
	if ('error' in shift) error(400, shift.error);
	const summary = await shiftSummary(app, shift, { perOfficer: locals.user!.role === 'supervisor' });
	const pdf = await summaryPdf(summary);
	await auditBy(app, locals.user, 'disclosure', `export:shift-${shift.date}-${shift.name}.pdf`, { shift: shift.label, perOfficer: summary.officers !== null }, `downloaded by ${locals.user!.username}`);
	return new Response(new Uint8Array(pdf), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="shift-${shift.date}-${shift.name}.pdf"`,
			'cache-control': 'no-store'
		}
	});
};
