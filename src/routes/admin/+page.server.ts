import { fail } from '@sveltejs/kit';
import { countLiveTokens } from '#lib/server/db/queries/tokens.ts';
import { ROLES } from '#lib/server/db/schema.ts';
import { AdminError, changeUser, listUsersForAdmin, type UserAction } from '#lib/server/services/admin.ts';
import { deviceSetup, issueDeviceToken } from '#lib/server/services/device-tokens.ts';
import { addUser, resetPassword, updateUser, UserError } from '#lib/server/services/users.ts';

export const load = async ({ locals }) => {
	const { app } = locals;
	const tokens = await countLiveTokens(app.db);
	const users = (await listUsersForAdmin(app.db)).map((u) => ({ ...u, deviceTokens: tokens.get(u.id)?.device ?? 0, apiTokens: tokens.get(u.id)?.api ?? 0 }));
	return { user: locals.user!, users, roles: ROLES, now: app.now() };
};

const CHANGES: UserAction[] = ['disable', 'enable', 'unlock', 'revoke-tokens', 'enrol-totp', 'remove-totp'];
const ACTIONS = ['create', 'update', 'reset-password', 'issue-device-token', ...CHANGES];

const text = (form: FormData, name: string) => {
	const v = form.get(name);
	return typeof v === 'string' ? v : null;
};

// One action, told apart by the button pressed (`action`), so each row's buttons share one form.
export const actions = {
	default: async ({ request, locals, url }) => {
		const { app } = locals;
		const admin = locals.user!;
		const form = await request.formData();
		const action = text(form, 'action') ?? '';
		if (!ACTIONS.includes(action)) return fail(400, { error: `action: one of ${ACTIONS.join(', ')}` });
		const id = Number(form.get('user'));
		try {
			if (action === 'create') {
				const out = await addUser(
					app,
					admin,
					{
						username: text(form, 'username') ?? '',
						role: text(form, 'role') ?? '',
						callsign: text(form, 'callsign'),
						team: text(form, 'team'),
						password: text(form, 'password'),
						token: form.get('deviceToken') === 'on' ? 'device' : null
					},
					{ temporary: true }
				);
				const setup = out.token ? await deviceSetup(url.origin, out.user.callsign, out.token) : null;
				return { done: `created ${out.user.role} ${out.user.username}`, username: out.user.username, password: out.password, setup };
			}
			if (action === 'update') {
				const { changed } = await updateUser(app, admin, id, { role: text(form, 'role') ?? undefined, callsign: text(form, 'callsign'), team: text(form, 'team') });
				return { done: changed.length ? `changed ${changed.join(', ')} of user ${id}` : `nothing changed for user ${id}` };
			}
			if (action === 'reset-password') {
				const { username, password } = await resetPassword(app, admin, id);
				return { done: `password reset for ${username}`, username, password };
			}
			if (action === 'issue-device-token') {
				return { done: `device token issued for user ${id}`, setup: await issueDeviceToken(app, admin, id, url.origin) };
			}
			const out = await changeUser(app, admin, id, action as UserAction);
			return { done: `${action} for user ${id}`, otpauth: out.otpauth ?? null };
		} catch (e) {
			if (e instanceof AdminError || e instanceof UserError) return fail(400, { error: e.message });
			throw e;
		}
	}
};
