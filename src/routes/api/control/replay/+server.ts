import { error, json } from '@sveltejs/kit';
import { auditBy } from '#lib/server/services/audit.ts';
import { replay } from '#lib/server/services/replay.ts';

/** The last hours of officers' positions and hot spot visits, for the control room's time slider. */
export const GET = async ({ url, locals }) => {
	const { app } = locals;
	const hours = Number(url.searchParams.get('hours') ?? 12);
	if (!Number.isFinite(hours) || hours <= 0 || hours > 12) error(400, 'hours: from 0 to 12');
	const data = await replay(app, app.now() - hours * 3600_000, app.now());
	await auditBy(app, locals.user, 'consultation', 'officer-positions', { view: 'replay', hours });
	return json(data);
};
