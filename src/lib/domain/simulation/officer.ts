// One simulated officer doing what the product asks of officers: come on duty, tap "send me",
// walk (or drive) there, patrol 10–15 minutes inside, record what they did, move on. Some come
// on duty late, stop on the way, skip a patrol or forget to record it; their phones report like
// real phones (phone.ts) at the rate the web app uses (reporting.ts). Time and randomness come
// in as arguments; the shell (src/lib/sim/runner.ts, shift.ts) answers "send me" and sends what
// comes out.
import { reportingPolicy } from '../allocation/reporting.ts';
import { haversine, type LonLat } from '../geo/geo.ts';
import { newPhone, read, type Phone } from './phone.ts';
import { errandNode, nextWaypoint, patrolTargetMs, pickActivity, planTrip, type Trip } from './trips.ts';
import { inBand, type SimWorld } from './world.ts';

export type SimEvent =
	| { kind: 'duty'; t: number; onDuty: boolean }
	| { kind: 'fix'; t: number; lat: number; lon: number; accuracy: number }
	/** the officer taps "send me" from where their phone says they are */
	| { kind: 'send-me'; t: number; lat: number; lon: number }
	| { kind: 'activity'; t: number; hotspot: number; activity: string }
	| { kind: 'patrol-ended'; t: number; hotspot: number; insideMs: number };

export type Phase =
	| { kind: 'off' }
	| { kind: 'asking' }
	| { kind: 'travel'; trip: Trip; leg: number; stopUntil: number; hotspot: number | null }
	| { kind: 'patrol'; hotspot: number; waypoint: LonLat | null; pauseUntil: number; targetMs: number; activityAtMs: number | null }
	| { kind: 'errand'; until: number };

export interface SimOfficer {
	mode: 'foot' | 'vehicle';
	walk: number;
	drive: number | null;
	patrolSpeed: number;
	/** how often this officer lets a "send me" go by */
	skips: number;
	onAt: number;
	offAt: number;
	/** after coming on duty, busy this long before the first "send me" */
	firstAskMs: number;
	onDuty: boolean;
	at: LonLat;
	t: number;
	phase: Phase;
	phone: Phone;
	nextFixAt: number;
	/** seconds between fixes instead of the web app's policy (the control-room test's 1 Hz cars) */
	fixEveryMs: number | null;
	lastFix: { t: number; lat: number; lon: number; inside: number | null } | null;
	/** the hot spot just patrolled: "send me" answering it again (it still needs a dose) is let go by */
	left: number | null;
	/** the phone's visit timer as the officer reads it: minutes inside the hot spot they were sent to */
	timer: { hotspot: number; ms: number } | null;
	random: () => number;
}

export interface OfficerOptions {
	mode: 'foot' | 'vehicle';
	at: LonLat;
	/** shift start and end; about one in four comes on 5–20 minutes late */
	onAt: number;
	offAt?: number;
	fixEveryMs?: number | null;
	/** carrying on a shift already begun (the live demo after its history): nobody is late */
	punctual?: boolean;
	random: () => number;
}

export function createOfficer(o: OfficerOptions): SimOfficer {
	const r = o.random;
	const late = o.punctual ? 0 : r() < 0.25 ? (5 + r() * 15) * 60_000 : r() * 60_000;
	return {
		mode: o.mode,
		walk: 1.2 + r() * 0.4,
		drive: o.mode === 'vehicle' ? 6 + r() * 5 : null,
		patrolSpeed: 0.5 + r() * 0.4,
		skips: r() < 0.3 ? 0.25 : 0.03,
		onAt: o.onAt + late,
		offAt: o.offAt ?? Infinity,
		// carrying on a shift, they finish what they were doing first: not all ask in the same second
		firstAskMs: o.punctual ? r() * 8 * 60_000 : 0,
		onDuty: false,
		at: o.at,
		t: o.onAt,
		phase: { kind: 'off' },
		phone: newPhone(o.onAt, r),
		nextFixAt: Infinity,
		fixEveryMs: o.fixEveryMs ?? null,
		lastFix: null,
		left: null,
		timer: null,
		random: r
	};
}

function goTo(o: SimOfficer, world: SimWorld, node: number, hotspot: number | null, from: number | null): void {
	const trip = planTrip(world, o.at, node, { walk: o.walk, drive: o.drive, allowed: [hotspot, from], random: o.random });
	o.phase = { kind: 'travel', trip, leg: 0, stopUntil: 0, hotspot };
}

function currentHotspot(o: SimOfficer): number | null {
	return o.phase.kind === 'patrol' ? o.phase.hotspot : null;
}

/** The answer to "send me": a hot spot to patrol, or null (nothing needs a visit): other duties. */
export function answerSendMe(o: SimOfficer, world: SimWorld, hotspot: number | null): void {
	if (o.phase.kind !== 'asking' || !o.onDuty) return;
	const h = hotspot === null ? undefined : world.byId.get(hotspot);
	// some officers let it go by: they are sent, and go about something else
	const from = o.left;
	o.left = null;
	if (h && h.id !== from && o.random() >= o.skips) return goTo(o, world, h.entry, h.id, from);
	goTo(o, world, errandNode(world, o.at, o.random), null, from);
}

/** A supervisor's tasking, accepted: go there now, whatever the officer was doing. */
export function assign(o: SimOfficer, world: SimWorld, hotspot: number): void {
	const h = world.byId.get(hotspot);
	if (!h || !o.onDuty || currentHotspot(o) === hotspot) return;
	goTo(o, world, h.entry, h.id, currentHotspot(o));
}

function moveToward(o: SimOfficer, to: LonLat, metres: number): number {
	const d = haversine(o.at, to);
	if (d <= metres) {
		o.at = [to[0], to[1]];
		return metres - d;
	}
	const f = metres / d;
	o.at = [o.at[0] + (to[0] - o.at[0]) * f, o.at[1] + (to[1] - o.at[1]) * f];
	return 0;
}

function stepTravel(o: SimOfficer, dt: number): void {
	const p = o.phase;
	if (p.kind !== 'travel' || o.t < p.stopUntil) return;
	let left = dt / 1000;
	while (left > 0 && p.leg < p.trip.legs.length) {
		const leg = p.trip.legs[p.leg];
		const metres = moveToward(o, leg.to, leg.speed * left);
		left = metres / leg.speed;
		if (metres > 0 || (o.at[0] === leg.to[0] && o.at[1] === leg.to[1])) {
			if (p.leg === p.trip.stopAfter) p.stopUntil = o.t + p.trip.stopMs;
			p.leg++;
			if (p.stopUntil > o.t) return;
		}
	}
	if (p.leg < p.trip.legs.length) return;
	if (p.hotspot === null) o.phase = { kind: 'errand', until: o.t + (3 + o.random() * 12) * 60_000 };
	else {
		const targetMs = patrolTargetMs(o.random);
		// one in eight forgets to record the patrol
		const activityAtMs = o.random() < 0.12 ? null : Math.min(targetMs - 30_000, (2 + o.random() * 7) * 60_000);
		o.phase = { kind: 'patrol', hotspot: p.hotspot, waypoint: null, pauseUntil: 0, targetMs, activityAtMs };
	}
}

function stepPatrol(o: SimOfficer, world: SimWorld, dt: number, out: SimEvent[]): void {
	const p = o.phase;
	if (p.kind !== 'patrol') return;
	const h = world.byId.get(p.hotspot);
	if (!h) {
		// the set changed under them: ask again
		o.phase = { kind: 'asking' };
		out.push(sendMe(o));
		return;
	}
	const insideMs = o.timer?.hotspot === h.id ? o.timer.ms : 0;
	if (p.activityAtMs !== null && insideMs >= p.activityAtMs) {
		out.push({ kind: 'activity', t: o.t, hotspot: h.id, activity: pickActivity(o.random) });
		p.activityAtMs = null;
	}
	if (insideMs >= p.targetMs) {
		out.push({ kind: 'patrol-ended', t: o.t, hotspot: h.id, insideMs });
		o.timer = null;
		o.left = h.id;
		// called away before the dose: off to other duties; otherwise "send me" for the next
		if (insideMs < 10 * 60_000) return goTo(o, world, errandNode(world, o.at, o.random), null, h.id);
		o.phase = { kind: 'asking' };
		out.push(sendMe(o));
		return;
	}
	if (o.t < p.pauseUntil) return;
	if (p.waypoint === null) {
		// a quarter of the time, stand and talk for a while
		if (o.random() < 0.25) p.pauseUntil = o.t + (20 + o.random() * 100) * 1000;
		p.waypoint = nextWaypoint(h.waypoints, o.at, o.random);
		return;
	}
	moveToward(o, p.waypoint, (o.patrolSpeed * dt) / 1000);
	if (o.at[0] === p.waypoint[0] && o.at[1] === p.waypoint[1]) p.waypoint = null;
}

function sendMe(o: SimOfficer): SimEvent {
	const at = o.lastFix ?? { lat: o.at[1], lon: o.at[0] };
	return { kind: 'send-me', t: o.t, lat: at.lat, lon: at.lon };
}

function fixEvery(o: SimOfficer, world: SimWorld): number {
	if (o.fixEveryMs !== null) return o.fixEveryMs;
	const patrolling = o.phase.kind === 'patrol' || (o.phase.kind === 'travel' && o.phase.hotspot !== null);
	let nearest: number | null = null;
	for (const h of world.hotspots) nearest = Math.min(nearest ?? Infinity, Math.max(0, haversine(o.at, h.centroid) - 70));
	const policy = reportingPolicy({ onDuty: o.onDuty, patrolling, nearestLiveMetres: nearest });
	return policy ? policy.heartbeatMs : Infinity;
}

function report(o: SimOfficer, world: SimWorld, out: SimEvent[]): void {
	const reading = read(o.phone, o.at, o.t, o.random);
	// a little inside the heartbeat, as phones wake early rather than late
	o.nextFixAt = o.t + fixEvery(o, world) * (0.8 + 0.2 * o.random());
	if (!reading) return;
	const p = o.phase;
	const target = p.kind === 'patrol' ? p.hotspot : p.kind === 'travel' ? p.hotspot : null;
	const h = target === null ? undefined : world.byId.get(target);
	const inside = h && inBand(h, [reading.lon, reading.lat], reading.accuracy) ? h.id : null;
	// the timer counts as the engine does: known intervals (≤ 60 s) between two fixes inside
	if (inside !== null) {
		if (o.timer?.hotspot !== inside) o.timer = { hotspot: inside, ms: 0 };
		else if (o.lastFix?.inside === inside && o.t - o.lastFix.t <= 60_000) o.timer.ms += o.t - o.lastFix.t;
	}
	o.lastFix = { t: o.t, lat: reading.lat, lon: reading.lon, inside };
	out.push({ kind: 'fix', t: o.t, ...reading });
}

/** Advances the officer to `now` in steps of at most a second; returns what they did. */
export function tick(o: SimOfficer, world: SimWorld, now: number): SimEvent[] {
	const out: SimEvent[] = [];
	while (o.t < now) {
		const dt = Math.min(1000, now - o.t);
		o.t += dt;
		if (!o.onDuty && o.t >= o.onAt && o.t < o.offAt) {
			o.onDuty = true;
			o.nextFixAt = o.t;
			out.push({ kind: 'duty', t: o.t, onDuty: true });
			report(o, world, out);
			if (o.firstAskMs > 0) o.phase = { kind: 'errand', until: o.t + o.firstAskMs };
			else {
				o.phase = { kind: 'asking' };
				out.push(sendMe(o));
			}
			continue;
		}
		if (o.onDuty && o.t >= o.offAt) {
			o.onDuty = false;
			o.phase = { kind: 'off' };
			out.push({ kind: 'duty', t: o.t, onDuty: false });
		}
		if (!o.onDuty) continue;
		if (o.phase.kind === 'travel') stepTravel(o, dt);
		else if (o.phase.kind === 'patrol') stepPatrol(o, world, dt, out);
		else if (o.phase.kind === 'errand' && o.t >= o.phase.until) {
			o.phase = { kind: 'asking' };
			out.push(sendMe(o));
		}
		if (o.t >= o.nextFixAt) report(o, world, out);
	}
	return out;
}
