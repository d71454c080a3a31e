/// <reference types="@sveltejs/kit" />
// The officer app opens with no signal: the app shell (every built file) and the small static
// assets are cached at install; the officer's pages and their data are served from the network
// when there is one and from the cache when not. The map data, the API and sockets are never cached
// here (positions and activities wait in the page's IndexedDB outbox instead).
import { assets, immutable } from '$app/manifest';
import { version } from '$app/env';

const sw = self as unknown as ServiceWorkerGlobalScope;
const SHELL = `shell-${version}`;
const PAGES = 'pages';
// the base map is for the control room's wall, not the phone: keep it out of the phone's cache
const precache = [...immutable.map((f) => f.path), ...assets.map((f) => f.path).filter((p) => !p.startsWith('basemap/'))].map((p) => `/${p}`);

sw.addEventListener('install', (event) => {
	event.waitUntil(caches.open(SHELL).then((c) => c.addAll(precache)).then(() => sw.skipWaiting()));
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		caches
			.keys()
			.then((keys) => Promise.all(keys.filter((k) => k !== SHELL && k !== PAGES).map((k) => caches.delete(k))))
			.then(() => sw.clients.claim())
	);
});

function isOfficerPage(url: URL): boolean {
	return url.pathname === '/officer' || url.pathname.startsWith('/officer/');
}

sw.addEventListener('fetch', (event) => {
	const req = event.request;
	if (req.method !== 'GET') return;
	const url = new URL(req.url);
	if (url.origin !== sw.location.origin) return;
	if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/socket.io')) return;
	if (precache.includes(url.pathname)) {
		event.respondWith(caches.match(req).then((hit) => hit ?? fetch(req)));
		return;
	}
	if (isOfficerPage(url)) {
		// network first, so hot spots and briefings are today's; the cache when there is no signal
		event.respondWith(
			fetch(req)
				.then((res) => {
					if (res.ok) {
						const copy = res.clone();
						void caches.open(PAGES).then((c) => c.put(req, copy));
					}
					return res;
				})
				.catch(async () => (await caches.match(req)) ?? new Response('Offline, and this page was never opened with signal.', { status: 503 }))
		);
	}
});
