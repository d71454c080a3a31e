import { error, json } from '@sveltejs/kit';
import { isId } from '#lib/domain/payload-guard.ts';
import { readJsonOrNull } from '#lib/server/http/body.ts';
import { getUser } from '#lib/server/db/queries/users.ts';
import { publishedHotspots } from '#lib/server/services/hotspots.ts';
import { createTasking } from '#lib/server/services/taskings.ts';

/** A supervisor tasks an officer to a hot spot; it reaches the officer's phone as an offer. */
export const POST = async ({ request, locals }) => {
	const { app } = locals;
	const body = (await readJsonOrNull(request, app.config.requestMaxBytes)) as { officer?: unknown; hotspot?: unknown; note?: unknown } | null;
	if (!body || !isId(body.officer) || !isId(body.hotspot)) error(400, 'expected { officer, hotspot, note? } with officer and hotspot ids');
	if (body.note !== undefined && body.note !== null && (typeof body.note !== 'string' || body.note.length > 500)) error(400, 'note: text of at most 500 characters');
	const officer = await getUser(app.db, body.officer as number);
	if (!officer || officer.role !== 'officer') error(404, `officer ${body.officer} not found`);
	if (!app.fleet.get(officer.id)) error(409, `${officer.callsign} is not on duty`);
	const live = await publishedHotspots(app.db, app.now());
	if (!live?.byId.has(body.hotspot as number)) error(404, `hot spot ${body.hotspot} is not in the published set`);
	const tasking = await createTasking(app, {
		officer: officer.id,
		hotspot: body.hotspot as number,
		kind: 'supervisor',
		createdBy: locals.user!.id,
		note: (body.note as string | undefined)?.trim() || null
	});
	return json(tasking, { status: 201 });
};
