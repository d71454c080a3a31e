// The guard refuses a page before any route runs, so SvelteKit would answer with its bare
// fallback page (src/routes/+error.svelte renders only below the root layout). A person who
// followed a stale link gets this instead: what happened and a way back to their role's home.
// Client-side navigations get the 403 as data and render +error.svelte, with the same link.
import { HOME } from '../access.ts';
import type { Role } from '../db/schema.ts';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function forbiddenPage(role: Role, path: string): Response {
	const home = HOME[role];
	const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Not for your role · Hotspot Patrol</title>
<style>body{font-family:system-ui,sans-serif;background:#f6f7f9;color:#0d1726;margin:0}main{max-width:32rem;margin:10vh auto;padding:1.5rem}
a{display:inline-block;padding:.7rem 1.1rem;border-radius:.6rem;background:#0b5cd5;color:#fff;font-weight:700;text-decoration:none}</style>
</head><body><main><h1>Not for your role</h1>
<p>Your role (${escape(role)}) cannot open ${escape(path)}. <small>(403)</small></p>
<p><a href="${home}">Back to your home page</a></p></main></body></html>`;
	return new Response(html, { status: 403, headers: { 'content-type': 'text/html; charset=utf-8' } });
}

/** A browser asking for a page (not data, not an API). */
export function wantsPage(request: Request, path: string): boolean {
	return request.method === 'GET' && !path.startsWith('/api/') && !path.endsWith('/__data.json') && (request.headers.get('accept') ?? '').includes('text/html');
}
