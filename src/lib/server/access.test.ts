import { describe, expect, it } from 'vitest';
import { decide } from './access.ts';

describe('route guard', () => {
	it('sends anonymous users to log in, except public routes', () => {
		expect(decide('/officer', null)).toBe('login');
		expect(decide('/login', null)).toBe('allow');
		expect(decide('/api/devices/osmand', null)).toBe('allow');
	});
	it('keeps each audience to its own routes', () => {
		expect(decide('/officer/hotspot/3', 'officer')).toBe('allow');
		expect(decide('/control', 'officer')).toBe('forbidden');
		expect(decide('/control', 'supervisor')).toBe('allow');
		expect(decide('/api/control/snapshot', 'commander')).toBe('forbidden');
		expect(decide('/admin', 'analyst')).toBe('forbidden');
		expect(decide('/officerx', 'officer')).toBe('forbidden');
	});
});
