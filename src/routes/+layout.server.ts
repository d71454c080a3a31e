import { HOME } from '#lib/server/access.ts';

// Where "home" is for whoever is signed in: the error pages link back to it.
export const load = ({ locals }) => ({ home: locals.user ? HOME[locals.user.role] : null });
