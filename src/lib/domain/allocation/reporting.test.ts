import { describe, expect, it } from 'vitest';
import { reportingPolicy } from './reporting.ts';

describe('reporting policy', () => {
	it('reports nothing off duty', () => {
		expect(reportingPolicy({ onDuty: false, patrolling: true, nearestLiveMetres: 10 })).toBeNull();
	});
	it('reports every second at most on patrol, every 5 s near a live hot spot, 10 s elsewhere', () => {
		expect(reportingPolicy({ onDuty: true, patrolling: true, nearestLiveMetres: 150 })).toEqual({ minIntervalMs: 1000, heartbeatMs: 5000 });
		expect(reportingPolicy({ onDuty: true, patrolling: true, nearestLiveMetres: 900 })).toEqual({ minIntervalMs: 1000, heartbeatMs: 10_000 });
		expect(reportingPolicy({ onDuty: true, patrolling: true, nearestLiveMetres: null })).toEqual({ minIntervalMs: 1000, heartbeatMs: 10_000 });
	});
	it('reports every 30–60 s on duty off patrol', () => {
		expect(reportingPolicy({ onDuty: true, patrolling: false, nearestLiveMetres: 5 })).toEqual({ minIntervalMs: 30_000, heartbeatMs: 60_000 });
	});
});
