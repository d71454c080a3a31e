// Who may open what, by route prefix. The guard in hooks.server.ts denies anything not listed.
import type { Role } from './db/schema.ts';

export type Access = 'public' | 'authenticated' | 'token' | readonly Role[];

export const ROUTE_ACCESS: readonly { prefix: string; access: Access }[] = [
	{ prefix: '/login', access: 'public' },
	{ prefix: '/logout', access: 'authenticated' },
	// a force's own tiles and the style over them are for its staff; glyphs and the land outline are static
	{ prefix: '/basemap/style.json', access: 'authenticated' },
	{ prefix: '/basemap/tiles', access: 'authenticated' },
	{ prefix: '/basemap', access: 'public' },
	{ prefix: '/api/health', access: 'public' },
	// for load balancers: they say nothing beyond "ok" or "ready"
	{ prefix: '/healthz', access: 'public' },
	{ prefix: '/readyz', access: 'public' },
	// METRICS_TOKEN as a bearer token, checked by the route
	{ prefix: '/metrics', access: 'token' },
	// device protocols carry their own token (OsmAnd's device id, OwnTracks' basic auth)
	{ prefix: '/api/devices', access: 'token' },
	{ prefix: '/api/officer', access: ['officer'] },
	{ prefix: '/api/control', access: ['supervisor'] },
	{ prefix: '/api/analyst', access: ['analyst'] },
	{ prefix: '/api/command', access: ['commander', 'supervisor'] },
	{ prefix: '/api/dashboard', access: ['analyst', 'supervisor', 'commander', 'officer'] },
	{ prefix: '/officer', access: ['officer'] },
	{ prefix: '/control', access: ['supervisor'] },
	// analysts set trials up and read their results; supervisors get the daily schedule
	{ prefix: '/command/trial', access: ['commander', 'supervisor', 'analyst'] },
	{ prefix: '/command', access: ['commander', 'supervisor'] },
	// officers get the reduced dashboard: no exports
	{ prefix: '/dashboard/export', access: ['analyst', 'supervisor', 'commander'] },
	{ prefix: '/dashboard', access: ['analyst', 'supervisor', 'commander', 'officer'] },
	{ prefix: '/analyst', access: ['analyst'] },
	{ prefix: '/admin', access: ['admin'] },
	{ prefix: '/', access: 'authenticated' }
];

export const HOME: Record<Role, string> = {
	officer: '/officer',
	supervisor: '/control',
	commander: '/command',
	analyst: '/analyst',
	admin: '/admin'
};

function matches(path: string, prefix: string): boolean {
	if (prefix === '/') return path === '/';
	return path === prefix || path.startsWith(prefix + '/');
}

export function accessFor(path: string): Access | null {
	return ROUTE_ACCESS.find((r) => matches(path, r.prefix))?.access ?? null;
}

export type Decision = 'allow' | 'login' | 'forbidden';

export function decide(path: string, role: Role | null): Decision {
	const access = accessFor(path);
	if (access === null) return role ? 'forbidden' : 'login';
	if (access === 'public' || access === 'token') return 'allow';
	if (!role) return 'login';
	if (access === 'authenticated') return 'allow';
	return access.includes(role) ? 'allow' : 'forbidden';
}
