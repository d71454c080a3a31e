import { auditView, readAuditQuery } from '#lib/server/services/admin.ts';

export const load = async ({ locals, url }) => {
	const { app } = locals;
	const { query, problems } = readAuditQuery(url.searchParams, app.config.timezone);
	const view = await auditView(app, locals.user!, query);
	return { ...view, problems, search: url.searchParams.toString(), query: Object.fromEntries(url.searchParams), timezone: app.config.timezone };
};
