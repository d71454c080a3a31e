import { getContext } from '#lib/server/context.ts';
import { myPatrols } from '#lib/server/services/officer.ts';

export const load = async ({ locals }) => myPatrols(getContext(), locals.user!.id);
