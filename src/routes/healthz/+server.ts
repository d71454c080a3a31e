// Liveness, for a load balancer or systemd: the process answers. Open, and says nothing more.
export const GET = () => new Response('ok\n', { headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
