// The live stream (rule 7) against the batch function, on the hot spot and grid of
// visit-rules.test.ts: A is x 0–150, y 0–150; IN is its middle, FAR is 70 m east of it.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random.ts';
import { detectVisits } from './detect-visits.ts';
import { HotspotIndex } from './hotspot-index.ts';
import { OfficerPresence } from './officer-presence.ts';
import { fixes, square, stand, T0 } from './test-tracks.ts';
import type { OfficerFix, PresenceEvent, PresenceOptions } from './types.ts';

const index = new HotspotIndex([square('A')]);
const IN: [number, number] = [75, 75];
const FAR: [number, number] = [220, 75];
const secs = (t: number) => (t - T0) / 1000;

/** Feeds fixes in the order given, each at its receivedAt (default: its device time + 1 s), advancing the clock. */
function feed(fs: OfficerFix[], opts: Partial<PresenceOptions> = {}) {
	const p = new OfficerPresence('o1', index, opts);
	const events: PresenceEvent[] = [];
	const statuses: string[] = [];
	for (const f of fs) {
		const now = f.receivedAt ?? f.t + 1000;
		statuses.push(p.push({ ...f, receivedAt: now }));
		events.push(...p.advance(now));
	}
	return { p, events, statuses, close: () => [...events, ...p.close()] };
}

// inside 0–300 s, outside 305–430 s (125 s: the visit ends), inside 435–735 s, then away
const track = fixes('o1', [...stand(...IN, 0, 300), ...stand(...FAR, 305, 430), ...stand(...IN, 435, 735), ...stand(...FAR, 740, 1000)]);

describe('OfficerPresence', () => {
	it('emits started, updated each minute, and ended once the exit is certain', () => {
		const { close, p } = feed(track);
		const events = close().filter((e) => e.type.startsWith('visit'));
		const started = events.filter((e) => e.type === 'visit-started');
		expect(started.map((e) => e.type === 'visit-started' && secs(e.visit.start))).toEqual([0, 435]);
		expect(events.filter((e) => e.type === 'visit-updated')).toHaveLength(2 * 5); // minutes 1–5 of each
		const ended = events.filter((e) => e.type === 'visit-ended');
		expect(ended.map((e) => e.type === 'visit-ended' && [secs(e.visit.start), secs(e.visit.end)])).toEqual([[0, 300], [435, 735]]);
		expect(p.visits).toEqual(detectVisits(track, index).visits);
	});

	it('puts fixes back in device-time order within the 30 s window', () => {
		const random = seededRandom(7);
		const shuffled = track.map((f) => ({ ...f, receivedAt: f.t + Math.floor(random() * 25_000) })).sort((a, b) => a.receivedAt - b.receivedAt);
		expect(shuffled.map((f) => f.id)).not.toEqual(track.map((f) => f.id));
		const { close, statuses, p } = feed(shuffled);
		close();
		expect(new Set(statuses)).toEqual(new Set(['buffered']));
		expect(p.visits).toEqual(detectVisits(track, index).visits);
	});

	it('counts a repeated fix id once', () => {
		const twice = track.flatMap((f, i) => (i % 3 === 0 ? [f, { ...f }] : [f]));
		const { close, statuses, p } = feed(twice);
		close();
		expect(statuses.filter((s) => s === 'duplicate')).toHaveLength(Math.ceil(track.length / 3));
		expect(p.visits).toEqual(detectVisits(track, index).visits);
	});

	it('folds a late fix into the record with one revision marked late', () => {
		// without the inside fix at 370 s the officer is out 305–430 s and the visit ends at 300 s;
		// with it, neither stretch outside (305–365, 375–430) exceeds 2 minutes: one visit 0–735 s
		const late = fixes('o1', [{ s: 370, x: 75, y: 75 }])[0];
		late.id = 'late-370';
		const withLate = [...track.filter((f) => secs(f.t) !== 370), late];
		const { p, events } = feed(withLate.filter((f) => f !== late));
		expect(p.visits.map((v) => [secs(v.start), secs(v.end)])).toEqual([[0, 300], [435, 735]]);
		const now = T0 + 1005_000;
		expect(p.push({ ...late, receivedAt: now })).toBe('late');
		const revision = p.advance(now).filter((e) => e.type === 'visits-revised');
		expect(revision).toHaveLength(1);
		const r = revision[0];
		if (r.type !== 'visits-revised') throw new Error('unreachable');
		expect(r.late).toBe(true);
		expect(r.removed.map((v) => [secs(v.start), secs(v.end)])).toEqual([[0, 300], [435, 735]]);
		expect(r.added.map((v) => [secs(v.start), secs(v.end)])).toEqual([[0, 735]]);
		p.close();
		expect(p.visits).toEqual(detectVisits(withLate, index).visits);
		expect(events.every((e) => !e.late)).toBe(true);
	});

	it('marks events from fixes delivered long after their device time as late', () => {
		const { events } = feed(track.map((f) => ({ ...f, receivedAt: f.t + 600_000 })));
		expect(events.length).toBeGreaterThan(0);
		expect(events.every((e) => e.late)).toBe(true);
	});

	it('closes a visit after 10 minutes of silence, and reopens it if queued fixes show it went on', () => {
		const before = fixes('o1', stand(...IN, 0, 300));
		const p = new OfficerPresence('o1', index);
		for (const f of before) p.push({ ...f, receivedAt: f.t });
		p.advance(T0 + 400_000);
		expect(p.advance(T0 + 300_000 + 10 * 60_000).filter((e) => e.type === 'visit-ended')).toEqual([]);
		const closed = p.advance(T0 + 300_000 + 11 * 60_000).filter((e) => e.type === 'visit-ended');
		expect(closed.map((e) => e.type === 'visit-ended' && secs(e.visit.end))).toEqual([300]);
		expect(p.current()).toEqual([]);
		// the phone was only offline: it uploads fixes from 305 s on, 15 minutes late
		const after = fixes('o1', [...stand(...IN, 305, 605), ...stand(...FAR, 610, 800)]).map((f) => ({ ...f, id: `q-${f.id}` }));
		const now = T0 + 20 * 60_000;
		for (const f of after) p.push({ ...f, receivedAt: now });
		const events = [...p.advance(now), ...p.close()];
		expect(events.filter((e) => e.type === 'visits-revised').map((e) => e.type === 'visits-revised' && e.removed.length)).toEqual([1]);
		expect(p.visits.map((v) => [secs(v.start), secs(v.end), v.minutes])).toEqual([[0, 605, 10.08]]);
		expect(p.visits).toEqual(detectVisits([...before, ...after], index).visits);
	});

	it('folds a late fix into a silence the clock already closed, as if it had come in time', () => {
		// inside 0–645 s; the server hears nothing until 1,533 s (its clock closes the visit at
		// 1,301 s); then 1,525 s and 1,645 s, 880 s after the last fix: a real silence, so far. The
		// fix of 1,165 s arrives last: 520 s after 645 s, so the visit never ended (rule 4).
		const inside = fixes('o1', stand(...IN, 0, 645));
		const after = fixes('o1', [{ s: 1165, x: 75, y: 75 }, { s: 1525, x: 75, y: 75 }, { s: 1645, x: 75, y: 75 }]).map((f) => ({ ...f, id: `b-${f.id}` }));
		const p = new OfficerPresence('o1', index);
		for (const f of inside) {
			p.push({ ...f, receivedAt: f.t + 1000 });
			p.advance(f.t + 1000);
		}
		expect(p.advance(T0 + 1301_000).map((e) => e.type)).toContain('visit-ended');
		p.push({ ...after[1], receivedAt: T0 + 1533_000 });
		p.push({ ...after[2], receivedAt: T0 + 1647_000 });
		const settled = p.advance(T0 + 1647_000);
		// the phone heard the visit end at the clock's closure, and is not told again
		expect(settled.filter((e) => e.type === 'visit-ended')).toEqual([]);
		expect(p.push({ ...after[0], receivedAt: T0 + 1680_000 })).toBe('late');
		p.advance(T0 + 1680_000);
		p.close();
		expect(p.visits.map((v) => [secs(v.start), secs(v.end)])).toEqual([[0, 1645]]);
		expect(p.visits).toEqual(detectVisits([...inside, ...after], index).visits);
	});

	it("exposes the current visit, the phone's timer: the same one after 7 minutes of silence, a new one after 11", () => {
		for (const [silence, start] of [[7, 0], [11, 420 + 11 * 60]]) {
			// inside 0–420 s, silent, inside again for 3 minutes
			const back = 420 + silence * 60;
			const { p } = feed(fixes('o1', [...stand(...IN, 0, 420), ...stand(...IN, back, back + 180)]));
			p.advance(T0 + (back + 240) * 1000);
			const [now] = p.current();
			expect(now.hotspot).toBe('A');
			expect(secs(now.start)).toBe(start);
			expect(now.insideNow).toBe(true);
			expect(secs(now.asOf)).toBe(back + 180);
			// minutes inside so far: the known time only, the silence is not inside
			expect(now.minutes).toBe(silence === 7 ? 10 : 3);
		}
	});

	it('says whether the officer is inside now, while a short excursion keeps the visit open', () => {
		const { p } = feed(fixes('o1', [...stand(...IN, 0, 300), ...stand(...FAR, 305, 360)]));
		p.advance(T0 + 400_000);
		const [now] = p.current();
		expect([secs(now.start), now.insideNow, now.minutes]).toEqual([0, false, 5]);
	});

	it('refuses a fix older than the history it keeps, so the caller recomputes from storage', () => {
		const { p } = feed(track, { historyMs: 5 * 60_000, snapshotEveryMs: 60_000 });
		const old = { ...fixes('o1', [{ s: 2, x: 75, y: 75 }])[0], id: 'old', receivedAt: T0 + 1_000_000 };
		expect(p.push(old)).toBe('too-late');
		const recent = { ...fixes('o1', [{ s: 802, x: 75, y: 75 }])[0], id: 'recent', receivedAt: T0 + 1_000_000 };
		expect(p.push(recent)).toBe('late');
	});

	it('holds at most historyMaxFixes fixes at any rate, folds within them and refuses older ones', () => {
		// 1 Hz for 40 minutes: 2,401 fixes, far more than the 200 it may hold
		const busy = fixes('o1', [...stand(...IN, 0, 1200, 1), ...stand(...FAR, 1201, 2400, 1)]);
		const p = new OfficerPresence('o1', index, { historyMaxFixes: 200 });
		let most = 0;
		for (const f of busy) {
			p.push({ ...f, receivedAt: f.t });
			p.advance(f.t);
			most = Math.max(most, p.held.fixes);
		}
		// history, plus the reorder window's 31 fixes and up to 16 applied ones not yet dropped
		expect(most).toBeLessThanOrEqual(200 + 16 + 31);
		expect(p.held.snapshots).toBeLessThanOrEqual(3);
		const now = T0 + 2_401_000;
		expect(p.push({ ...fixes('o1', [{ s: 2300.5, x: 220, y: 75 }])[0], id: 'recent', receivedAt: now })).toBe('late');
		expect(p.push({ ...fixes('o1', [{ s: 600.5, x: 75, y: 75 }])[0], id: 'old', receivedAt: now })).toBe('too-late');
		p.close();
		// what it kept gave the same record as the whole track
		expect(p.visits).toEqual(detectVisits(busy, index).visits);
		// without the bound it would have held them all
		const unbounded = new OfficerPresence('o1', index);
		for (const f of busy) unbounded.push({ ...f, receivedAt: f.t });
		unbounded.advance(T0 + 2_500_000);
		expect(unbounded.held.fixes).toBe(busy.length);
	});
});
