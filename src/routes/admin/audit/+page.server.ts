import { getContext } from '#lib/server/context.ts';
import { auditView, readAuditQuery } from '#lib/server/services/admin.ts';

export const load = async ({ locals, url }) => {
	const ctx = getContext();
	const { query, problems } = readAuditQuery(url.searchParams, ctx.config.timezone);
	const view = await auditView(ctx, locals.user!, query);
	return { ...view, problems, search: url.searchParams.toString(), query: Object.fromEntries(url.searchParams), timezone: ctx.config.timezone };
};
