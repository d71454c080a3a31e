import { error, json } from '@sveltejs/kit';
import type { SendMeAnswer } from '#lib/realtime/contract.ts';
import { readJsonOrNull } from '#lib/server/http/body.ts';
import { sendMe } from '#lib/server/services/send-me.ts';
import { treatedToday } from '#lib/server/services/trials.ts';

export const POST = async ({ request, locals }) => {
	const { app } = locals;
	const body = await readJsonOrNull(request, app.config.requestMaxBytes);
	if (body === null || typeof body !== 'object') error(400, 'expected a JSON object { lat, lon }');
	const { lat, lon } = body as { lat?: unknown; lon?: unknown };
	// no position (the phone has none yet) is allowed: the nearest is then unknown; a wrong one is refused
	const absent = (v: unknown) => v === undefined || v === null;
	if (!(absent(lat) && absent(lon))) {
		if (typeof lat !== 'number' || !Number.isFinite(lat) || Math.abs(lat) > 90) error(400, 'lat: a number of degrees from -90 to 90');
		if (typeof lon !== 'number' || !Number.isFinite(lon) || Math.abs(lon) > 180) error(400, 'lon: a number of degrees from -180 to 180');
	}
	const at = absent(lat) ? null : { lat: lat as number, lon: lon as number };
	// during a trial only today's treated hot spots are offered (control hot spots get no extra patrol)
	const r = await sendMe(app, locals.user!.id, at, (await treatedToday(app)) ?? undefined);
	if (!r) error(404, 'No hot spot needs a visit right now.');
	return json(r satisfies SendMeAnswer);
};
