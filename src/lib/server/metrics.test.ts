import { describe, expect, it } from 'vitest';
import type { StoredFix } from '../realtime/contract.ts';
import { Metrics, rejectionReason } from './metrics.ts';

const fix = (id: string, officerId: number, receivedAt: number): StoredFix => ({ id, officerId, t: receivedAt, lat: 51.75, lon: -1.25, accuracy: 5, quality: 'ok', receivedAt, source: 'web' });

describe('Metrics', () => {
	it('counts every fix of a report by outcome, and refusals by a fixed set of reasons', async () => {
		const m = new Metrics();
		m.reported([{}, {}, {}, {}], { ok: true, accepted: ['a'], duplicates: ['b'], rejected: [{ id: 'c', error: 'off duty: positions are only stored while on duty' }, { id: null, error: 'lat: must be a number from -90 to 90, got 91' }] }, 0.004);
		m.reported(Array(3).fill({}), { ok: false, error: 'server is shutting down; retry' }, 0.001);
		const text = await m.text();
		expect(text).toContain('hotspot_fixes_total{outcome="received"} 7');
		expect(text).toContain('hotspot_fixes_total{outcome="stored"} 1');
		expect(text).toContain('hotspot_fixes_total{outcome="duplicate"} 1');
		expect(text).toContain('hotspot_fixes_total{outcome="rejected",reason="off_duty"} 1');
		expect(text).toContain('hotspot_fixes_total{outcome="rejected",reason="invalid"} 1');
		expect(text).toContain('hotspot_fixes_total{outcome="rejected",reason="shutting_down"} 3');
		expect(text).toContain('hotspot_ack_duration_seconds_count 2');
		expect(rejectionReason('id: already used by another device')).toBe('id_taken');
		expect(rejectionReason('could not store the fixes; retry')).toBe('store_failed');
	});

	it('times a fix to the control room only when the move sent is that fix', async () => {
		const m = new Metrics();
		m.stored([fix('f1', 1, 1000), fix('f2', 2, 1000)]);
		m.movesSent([{ officer: 1, callsign: 'A', fixId: 'f1', t: 1000, lat: 0, lon: 0, accuracy: 5, mode: 'foot' }], 1080);
		// officer 2's move carries an older fix than the one stored: not timed
		m.movesSent([{ officer: 2, callsign: 'B', fixId: 'older', t: 900, lat: 0, lon: 0, accuracy: 5, mode: 'foot' }], 1090);
		const text = await m.text();
		expect(text).toContain('hotspot_fanout_duration_seconds_count 1');
		expect(text).toContain('hotspot_fanout_duration_seconds_sum 0.08');
	});

	it('reports sockets by role and the Redis outbox only when there is one', async () => {
		const m = new Metrics();
		m.watchSockets(() => [{ data: { role: 'officer' } }, { data: { role: 'officer' } }, { data: { role: 'supervisor' } }]);
		let text = await m.text();
		expect(text).toContain('hotspot_sockets{role="officer"} 2');
		expect(text).toContain('hotspot_sockets{role="supervisor"} 1');
		expect(text).not.toContain('hotspot_redis_outbox_fixes');
		m.watchOutbox(() => 42);
		text = await m.text();
		expect(text).toContain('hotspot_redis_outbox_fixes 42');
	});
});
