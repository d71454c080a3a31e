import { json } from '@sveltejs/kit';
import { getContext } from '#lib/server/context.ts';

export const GET = ({ params }) => json(getContext().jobs.get(params.job) ?? { stage: 'unknown', done: 0, total: 0 });
