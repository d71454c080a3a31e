import { json } from '@sveltejs/kit';

export const GET = ({ params, locals }) => json(locals.app.jobs.get(params.job) ?? { stage: 'unknown', done: 0, total: 0 });
