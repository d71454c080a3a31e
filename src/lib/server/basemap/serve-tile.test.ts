import { describe, expect, it } from 'vitest';
import { acceptsGzip, isGzip, parseTile } from './serve-tile.ts';

describe('acceptsGzip', () => {
	it('reads Accept-Encoding as browsers and proxies send it', () => {
		expect(acceptsGzip('gzip, deflate, br, zstd')).toBe(true);
		expect(acceptsGzip('br;q=1.0, gzip;q=0.8')).toBe(true);
		expect(acceptsGzip('*')).toBe(true);
		expect(acceptsGzip('gzip;q=0')).toBe(false);
		expect(acceptsGzip('identity')).toBe(false);
		expect(acceptsGzip('x-gzip-like')).toBe(false);
		expect(acceptsGzip(null)).toBe(false);
	});
});

describe('parseTile', () => {
	it('takes whole numbers inside the zoom grid and says what is wrong otherwise', () => {
		expect(parseTile({ z: '16', x: '32539', y: '21720' })).toEqual({ z: 16, x: 32539, y: 21720 });
		expect(parseTile({ z: '0', x: '0', y: '0' })).toEqual({ z: 0, x: 0, y: 0 });
		expect(parseTile({ z: '2', x: '4', y: '0' })).toBe('x and y run from 0 to 3 at zoom 2, not 4/0');
		expect(parseTile({ z: '31', x: '0', y: '0' })).toBe('zoom 31 is beyond 30');
		expect(parseTile({ z: '1', x: '-1', y: '0' })).toMatch(/whole numbers, not 1\/-1\/0/);
		expect(parseTile({ z: '1.5', x: '0', y: '0' })).toMatch(/whole numbers/);
	});
});

describe('isGzip', () => {
	it('knows gzip by its magic bytes', () => {
		expect(isGzip(Buffer.from([0x1f, 0x8b, 8, 0]))).toBe(true);
		expect(isGzip(Buffer.from([0x1a, 0x02, 0x08]))).toBe(false);
	});
});
