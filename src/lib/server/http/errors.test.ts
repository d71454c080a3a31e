import { afterEach, describe, expect, it } from 'vitest';
import { createLog } from '../log.ts';
import { BadRequestError, PayloadTooLargeError } from './body.ts';
import { handleServerError, type CaughtHttpError } from './errors.ts';

const lines: string[] = [];
const log = createLog({ level: 'info', nodeId: 'n1', destination: { write: (l: string) => lines.push(l) } });

const event = {
	request: new Request('http://x/api/devices/osmand?id=hp_secret-token&lat=51.7', { method: 'POST' }),
	url: new URL('http://x/api/devices/osmand?id=hp_secret-token&lat=51.7'),
	route: { id: '/api/devices/osmand' },
	locals: { app: { log }, requestId: 'req-12345678', user: { id: 7, username: 'pc-ada', displayName: 'PC Ada', callsign: 'TV-1', role: 'officer' }, sessionId: null }
} as unknown as CaughtHttpError['event'];

describe('handleServerError', () => {
	afterEach(() => {
		lines.length = 0;
	});

	it('answers an unexpected error 500 with a reference, and logs context without the query or names', () => {
		const r = handleServerError({ kind: 'unknown', error: new TypeError('cannot read lat of "private note"'), event });
		expect(r).toEqual({ status: 500, message: expect.stringMatching(/^Internal error \(ref ([0-9a-f]{8})\): it has been logged\.$/) });
		expect(r!.message).not.toMatch(/private/);
		expect(lines).toHaveLength(1);
		expect(JSON.parse(lines[0])).toMatchObject({ level: 'error', node: 'n1', msg: 'http: 500', req: 'req-12345678', user: 7, method: 'POST', path: '/api/devices/osmand', route: '/api/devices/osmand', ref: /ref ([0-9a-f]{8})/.exec(r!.message)![1], error: expect.stringMatching(/^TypeError/) });
		expect(lines[0]).not.toMatch(/hp_secret|PC Ada|pc-ada|51\.7/);
	});
	it('answers input refused on the way in as 400 or 413, without logging it as a fault', () => {
		expect(handleServerError({ kind: 'unknown', error: new PayloadTooLargeError(64 * 1024), event })).toEqual({ status: 413, message: "the request body is over this route's limit of 64 KB" });
		expect(handleServerError({ kind: 'unknown', error: new BadRequestError('body: not valid JSON'), event })).toEqual({ status: 400, message: 'body: not valid JSON' });
		expect(handleServerError({ kind: 'unknown', error: new SyntaxError('Unexpected token } at 12'), event })).toEqual({ status: 400, message: 'malformed input' });
		expect(handleServerError({ kind: 'app', error: { message: 'nope' }, event })).toBeUndefined();
		expect(lines).toEqual([]);
	});
	it('copes with thrown values that are not errors', () => {
		expect(handleServerError({ kind: 'unknown', error: null, event })?.status).toBe(500);
		expect(handleServerError({ kind: 'unknown', error: { toString: () => { throw new Error('x'); } }, event })?.status).toBe(500);
	});
});
