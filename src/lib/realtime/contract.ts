// The one realtime contract, shared by browser, devices and server (DESIGN.md, Realtime).
import type { Fix } from '../domain/presence/fix.ts';

export type Ack<T extends object = object> = ({ ok: true } & T) | { ok: false; error: string };

export type Mode = 'foot' | 'vehicle' | 'unknown';

export interface ReportResult {
	accepted: string[];
	duplicates: string[];
	rejected: { id: string | null; error: string }[];
}

export interface OfficerMove {
	officer: number;
	callsign: string;
	fixId: string;
	t: number;
	lat: number;
	lon: number;
	accuracy: number;
	mode: Mode;
}

export type HotspotState = 'not-live' | 'needs-dose' | 'present' | 'dosed' | 'gap';

export interface HotspotStatus {
	hotspot: number;
	state: HotspotState;
	/** officers inside now */
	present: number[];
	/** start of the longest running visit, for the timer */
	presentSince: number | null;
	lastDoseAt: number | null;
	/** when a gap opens (or opened) if no dose arrives */
	dueAt: number | null;
}

export interface GapAlert {
	hotspot: number;
	name: string;
	since: number;
	nearest: { officer: number; callsign: string; metres: number }[];
}

export interface Tasking {
	id: string;
	officer: number;
	hotspot: number;
	hotspotName: string;
	kind: 'self' | 'supervisor';
	status: 'offered' | 'accepted' | 'declined' | 'done' | 'cancelled';
	note: string | null;
	createdAt: number;
	createdBy: string | null;
}

export interface PresenceUpdate {
	hotspot: number | null;
	hotspotName: string | null;
	visitStart: number | null;
	minutesInside: number;
	dose: boolean;
	ended: boolean;
	at: number;
}

export interface ActivityReport {
	id: string;
	t: number;
	kind: string;
	hotspot?: number | null;
	note?: string | null;
}

export interface OfficerStatus {
	officer: number;
	callsign: string;
	onDuty: boolean;
}

export interface ServerToClient {
	'officers:moved': (moves: OfficerMove[]) => void;
	'officers:status': (status: OfficerStatus[]) => void;
	'hotspots:status': (status: HotspotStatus[]) => void;
	'gap:opened': (gap: GapAlert) => void;
	'gap:closed': (gap: { hotspot: number; at: number }) => void;
	'tasking:created': (tasking: Tasking) => void;
	'tasking:updated': (tasking: Tasking) => void;
	'presence:update': (update: PresenceUpdate) => void;
	/** the answer to an event sent without an ack callback (or with something else in its place) */
	'request:error': (e: { event: string; error: string }) => void;
	/** sent to control rooms every few seconds, so a silent connection is noticed */
	'system:state': (state: { degraded: boolean; reason: string | null; at: number }) => void;
}

export interface ClientToServer {
	'position:report': (fixes: Fix | Fix[], ack: (r: Ack<ReportResult>) => void) => void;
	'activity:report': (activities: ActivityReport | ActivityReport[], ack: (r: Ack<ReportResult>) => void) => void;
	'duty:set': (req: { onDuty: boolean }, ack: (r: Ack<{ onDuty: boolean }>) => void) => void;
	'tasking:respond': (req: { id: string; accept: boolean }, ack: (r: Ack<{ tasking: Tasking }>) => void) => void;
}

export interface SocketData {
	userId: number;
	role: string;
	callsign: string;
	sessionId: string | null;
	tokenId: string | null;
}

export const ROOMS = {
	control: 'control',
	officer: (id: number) => `officer:${id}`
} as const;

/** Position fan-out to control rooms is merged per officer and sent at most this often. */
export const MOVE_BATCH_MS = 100;
