import { redirect } from '@sveltejs/kit';
import { HOME } from '#lib/server/access.ts';

export const load = ({ locals }) => {
	redirect(303, locals.user ? HOME[locals.user.role] : '/login');
};
