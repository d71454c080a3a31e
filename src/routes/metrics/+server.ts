// Prometheus metrics for the force's monitoring, behind `Authorization: Bearer $METRICS_TOKEN`;
// without METRICS_TOKEN the route does not exist (404).
import { timingSafeEqual } from 'node:crypto';
import { error } from '@sveltejs/kit';

function sameToken(header: string | null, token: string): boolean {
	const given = Buffer.from(header?.startsWith('Bearer ') ? header.slice(7).trim() : '');
	const wanted = Buffer.from(token);
	return given.length === wanted.length && timingSafeEqual(given, wanted);
}

export const GET = async ({ locals, request }) => {
	const { app } = locals;
	const token = app.config.metricsToken;
	if (!token) error(404, 'Not found');
	if (!sameToken(request.headers.get('authorization'), token)) {
		return new Response('metrics need Authorization: Bearer <METRICS_TOKEN>\n', { status: 401, headers: { 'www-authenticate': 'Bearer', 'content-type': 'text/plain; charset=utf-8' } });
	}
	return new Response(await app.metrics.text(), { headers: { 'content-type': app.metrics.contentType, 'cache-control': 'no-store' } });
};
