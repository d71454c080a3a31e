// Who sees what on the dashboard.
import type { Role } from '../db/schema.ts';

export interface Viewer {
	id: number;
	username: string;
	role: Role;
}

/** docs/roles.md: people involved for analysts only; exports for everyone but officers. */
export const canSeePeople = (role: Role) => role === 'analyst';
export const canExport = (role: Role) => role === 'analyst' || role === 'supervisor' || role === 'commander';
