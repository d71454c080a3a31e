// Readiness: 200 when this node can take traffic, 503 while it cannot (draining, database or
// Redis away, migrations missing). Open, and the answer names nothing; the reason is logged.
import { notReady } from '#lib/server/services/health.ts';

const text = { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' };

export const GET = async ({ locals }) => {
	const why = await notReady(locals.app);
	if (why === null) return new Response('ready\n', { headers: text });
	locals.app.log.warn({ why }, 'readyz: not ready');
	return new Response('not ready\n', { status: 503, headers: text });
};
