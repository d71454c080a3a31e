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
	const at =
		typeof lat === 'number' && typeof lon === 'number' && Math.abs(lat) <= 90 && Math.abs(lon) <= 180
			? { lat, lon }
			: null;
	// during a trial only today's treated hot spots are offered (control hot spots get no extra patrol)
	const r = await sendMe(app, locals.user!.id, at, (await treatedToday(app)) ?? undefined);
	if (!r) error(404, 'No hot spot needs a visit right now.');
	return json(r satisfies SendMeAnswer);
};
