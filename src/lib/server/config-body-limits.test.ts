import { describe, expect, it } from 'vitest';
import { bodyLimitFor } from './http/body.ts';
import { readConfig } from './config.ts';

describe('request body limits', () => {
	it('default to 64 KB for devices, 1 GB for imports and 1 MB for the rest', () => {
		const c = readConfig({});
		expect([c.deviceMaxBytes, c.importMaxBytes, c.requestMaxBytes]).toEqual([64 * 1024, 1024 ** 3, 1024 ** 2]);
		expect(bodyLimitFor('/api/devices/osmand', c)).toBe(64 * 1024);
		expect(bodyLimitFor('/api/devices/owntracks', c)).toBe(64 * 1024);
		expect(bodyLimitFor('/api/analyst/imports', c)).toBe(1024 ** 3);
		expect(bodyLimitFor('/api/analyst/imports/progress/x', c)).toBe(1024 ** 2);
		expect(bodyLimitFor('/login', c)).toBe(1024 ** 2);
		// the exclusions page's own 5 MB GeoJSON upload still fits
		expect(bodyLimitFor('/analyst/exclusions', c)).toBe(6 * 1024 ** 2);
	});
	it('read sizes with K, M or G, and name the variable and value when wrong', () => {
		expect(readConfig({ DEVICE_MAX_BYTES: '128K', IMPORT_MAX_BYTES: '2g', REQUEST_MAX_BYTES: '2097152' })).toMatchObject({ deviceMaxBytes: 128 * 1024, importMaxBytes: 2 * 1024 ** 3, requestMaxBytes: 2 * 1024 ** 2 });
		expect(() => readConfig({ IMPORT_MAX_BYTES: 'lots' })).toThrow(/^IMPORT_MAX_BYTES="lots": expected a size/);
		expect(() => readConfig({ DEVICE_MAX_BYTES: '0x10' })).toThrow(/^DEVICE_MAX_BYTES="0x10"/);
		expect(() => readConfig({ REQUEST_MAX_BYTES: '10' })).toThrow(/^REQUEST_MAX_BYTES="10"/);
	});
});
