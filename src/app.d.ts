import type { App as HotspotPatrol } from '#lib/server/app.ts';
import type { Role } from '#lib/server/db/schema.ts';

declare global {
	namespace App {
		interface Locals {
			/** the composition root's App, set by hooks.server.ts for every request */
			app: HotspotPatrol;
			user: { id: number; username: string; displayName: string; callsign: string; role: Role } | null;
			sessionId: string | null;
			/** this request's id in the log (and the x-request-id answer header) */
			requestId: string;
		}
		interface Error {
			message: string;
		}
	}
}

export {};
