import { fail } from '@sveltejs/kit';
import { liveDeviceTokenSince } from '#lib/server/db/queries/tokens.ts';
import { getRecognition, setRecognition } from '#lib/server/db/queries/users.ts';
import { issueDeviceToken } from '#lib/server/services/device-tokens.ts';
import { myPatrols } from '#lib/server/services/officer.ts';
import { UserError } from '#lib/server/services/users.ts';

export const load = async ({ locals }) => {
	const { app } = locals;
	const recognition = await getRecognition(app.db, locals.user!.id);
	const deviceSince = await liveDeviceTokenSince(app.db, locals.user!.id);
	return { ...(await myPatrols(app, locals.user!.id)), recognition, deviceSince };
};

export const actions = {
	recognition: async ({ request, locals }) => {
		const { app } = locals;
		const on = (await request.formData()).get('on') === '1';
		// opt-in only: nobody is named in the week's recognition without saying yes here
		await setRecognition(app.db, locals.user!.id, on);
		return { recognition: on };
	},
	// the officer's own device token, for a tracker app that reports with the screen off; the
	// settings use the address this page was reached at, so they work from this phone
	device: async ({ locals, url }) => {
		const me = locals.user!;
		try {
			return { setup: await issueDeviceToken(locals.app, { id: me.id, username: me.callsign }, me.id, url.origin) };
		} catch (e) {
			if (e instanceof UserError) return fail(400, { error: e.message });
			throw e;
		}
	}
};
