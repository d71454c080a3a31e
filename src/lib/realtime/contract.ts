// The one contract for what crosses the wire, shared by browser, devices and server: socket events
// and their acks, and the payloads of the HTTP answers the client reads (docs/protocol.md).
import type { Window } from '../domain/hotspots/types.ts';
import type { Fix, FixQuality } from '../domain/presence/fix.ts';

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
	/** the officer's callsign, as the control room names them */
	callsign: string;
	hotspot: number;
	hotspotName: string;
	kind: 'self' | 'supervisor';
	status: 'offered' | 'accepted' | 'declined' | 'done' | 'cancelled';
	note: string | null;
	createdAt: number;
	createdBy: string | null;
}

/**
 * One of the officer's visits as the presence engine has it now: the phone's visit timer
 * (docs/presence.md, The current visit). The phone shows `insideMs`, plus the time since `asOf`
 * while `insideNow`, counted on its own clock until the next update.
 */
export interface PresenceUpdate {
	hotspot: number | null;
	hotspotName: string | null;
	visitStart: number | null;
	minutesInside: number;
	/** inside time at `asOf`, in ms (rule 6, unrounded) */
	insideMs: number;
	/** device time of the latest fix the engine applied: the phone's own clock, for a web phone */
	asOf: number | null;
	/** that fix keeps the visit (inside, or in the band of rule 2): the timer runs on */
	insideNow: boolean;
	dose: boolean;
	ended: boolean;
	/** server time of the update */
	at: number;
}

export interface ActivityReport {
	id: string;
	t: number;
	kind: string;
	hotspot?: number | null;
	note?: string | null;
}

/** The body of an HTTP error (SvelteKit's `error(status, message)`). */
export interface ErrorBody {
	message: string;
}

/**
 * A fix as committed: what `fixes:stored` carries after commit to presence and the live fleet, and
 * what a node appends to the Redis `fixes` stream for the others (docs/architecture.md).
 */
export interface StoredFix extends Fix {
	officerId: number;
	/** docs/presence.md rule 1: only `ok` fixes count as presence and move the map */
	quality: FixQuality;
	/** the server's clock when the batch was committed */
	receivedAt: number;
	/** `web`, `device`, `osmand` or `owntracks` (docs/protocol.md, What happens to a fix) */
	source: string;
}

/** One on-duty officer in the control room's snapshot. */
export interface FleetOfficer {
	officer: number;
	callsign: string;
	onDutySince: number;
	/** null until the officer's first position since coming on duty */
	last: OfficerMove | null;
	/** foot or vehicle, as the presence engine last read it (on whichever node runs it) */
	mode: Mode;
}

/** GET /api/control/snapshot: the control room's resync point after every (re)connect. */
export interface ControlSnapshot {
	at: number;
	officers: FleetOfficer[];
	hotspots: HotspotStatus[];
	/** every gap open now, as `gap:opened` would have said it (a room opened mid-gap must act on it) */
	gaps: GapAlert[];
	/** taskings of the last 12 hours, newest first, so the list survives a reload */
	taskings: Tasking[];
}

/** GET /api/control/replay: the last hours of positions and visits, for the time slider. */
export interface ReplayPayload {
	from: number;
	to: number;
	/** ms: at most one position per officer per step, so a whole force fits in one answer */
	step: number;
	/** the set's target interval between doses, ms */
	targetMs: number;
	/** each track point is [t, lon, lat], oldest first */
	officers: { officer: number; callsign: string; track: [number, number, number][] }[];
	visits: { hotspot: number; officer: number; start: number; end: number; dose: boolean }[];
}

/** A published hot spot as the control room and the wall draw it. */
export interface ControlHotspot {
	id: number;
	name: string;
	rank: number;
	polygon: [number, number][][];
	centroid: [number, number];
	bbox: [number, number, number, number];
	windows: Window[];
	/** what officers are told to look out for there */
	briefing: string;
}

/** The page data of /control and /control/wall. */
export interface ControlRoomData {
	basemapStyle: string | null;
	set: { id: number; name: string; targetIntervalS: number } | null;
	hotspots: ControlHotspot[];
}

/** POST /api/officer/send-me: the hot spot picked, its self-tasking and the seed that reproduces the pick. */
export interface SendMeAnswer {
	hotspot: number;
	tasking: string;
	seed: number;
}

/** What the phone's outbox keeps until the server acks it, by kind: exactly what is sent. */
export interface OutboxPayloads {
	fix: Fix;
	activity: ActivityReport;
}

export type OutboxKind = keyof OutboxPayloads;

export interface OutboxEntry<K extends OutboxKind = OutboxKind> {
	id: string;
	kind: K;
	payload: OutboxPayloads[K];
	queuedAt: number;
	/** held on the phone until then (epoch ms): an activity the officer can still undo */
	notBefore?: number;
}

export type ReportAck = Ack<ReportResult>;
export type DutyAck = Ack<{ onDuty: boolean }>;
export type TaskingAck = Ack<{ tasking: Tasking }>;

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
	/** an officer's hello on every (re)connection: their open visits now, so the timer survives reloads */
	'presence:current': (visits: PresenceUpdate[]) => void;
	/** the answer to an event sent without an ack callback (or with something else in its place) */
	'request:error': (e: { event: string; error: string }) => void;
	/** sent to control rooms every few seconds, so a silent connection is noticed */
	'system:state': (state: { degraded: boolean; reason: string | null; at: number }) => void;
}

export interface ClientToServer {
	'position:report': (fixes: Fix | Fix[], ack: (r: ReportAck) => void) => void;
	'activity:report': (activities: ActivityReport | ActivityReport[], ack: (r: ReportAck) => void) => void;
	'duty:set': (req: { onDuty: boolean }, ack: (r: DutyAck) => void) => void;
	'tasking:respond': (req: { id: string; accept: boolean }, ack: (r: TaskingAck) => void) => void;
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

/**
 * A device token just issued, with what the officer's tracker apps need (page data of /admin and
 * /officer/me; shown once). Traccar Client speaks the OsmAnd protocol, OwnTracks its HTTP mode.
 */
export interface DeviceSetup {
	callsign: string;
	token: string;
	traccar: {
		serverUrl: string;
		deviceId: string;
		intervalS: number;
		distanceM: number;
		/** what Traccar Client's *scan QR code* reads: the server URL with the settings as its query */
		qrText: string;
		qrSvg: string;
	};
	owntracks: {
		url: string;
		username: string;
		password: string;
		/** owntracks:///config?inline=…: tapping it (or scanning it) configures the app */
		link: string;
		qrSvg: string;
	};
}
