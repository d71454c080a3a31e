import type { Role } from '#lib/server/db/schema.ts';

declare global {
	namespace App {
		interface Locals {
			user: { id: number; username: string; displayName: string; callsign: string; role: Role } | null;
			sessionId: string | null;
		}
		interface Error {
			message: string;
		}
	}
}

export {};
