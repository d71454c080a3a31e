import { error } from '@sveltejs/kit';
import { csvResponse } from '#lib/server/csv-export.ts';
import { exportDashboard } from '#lib/server/services/dashboard-export.ts';
import { canExport } from '#lib/server/services/dashboard-view.ts';

export const GET = async ({ params, locals, url }) => {
	const user = locals.user!;
	if (!canExport(user.role)) error(403, 'Exports are for analysts, supervisors and commanders');
	if (params.format !== 'csv' && params.format !== 'geojson') error(404, `No export format "${params.format}" (csv or geojson)`);
	const out = await exportDashboard(locals.app, user, url.searchParams, params.format);
	if (params.format === 'csv') return csvResponse(out.name, out.body);
	return new Response(out.body, {
		headers: {
			'content-type': 'application/geo+json',
			'content-disposition': `attachment; filename="${out.name}"`,
			'cache-control': 'no-store'
		}
	});
};
