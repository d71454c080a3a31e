import { afterEach, describe, expect, it, vi } from 'vitest';
import { BadRequestError, PayloadTooLargeError } from './body.ts';
import { handleServerError, type CaughtHttpError } from './errors.ts';

const event = {
	request: new Request('http://x/api/devices/osmand?id=hp_secret-token&lat=51.7', { method: 'POST' }),
	url: new URL('http://x/api/devices/osmand?id=hp_secret-token&lat=51.7'),
	route: { id: '/api/devices/osmand' },
	locals: { user: { id: 7, username: 'pc-ada', displayName: 'PC Ada', callsign: 'TV-1', role: 'officer' }, sessionId: null }
} as unknown as CaughtHttpError['event'];

describe('handleServerError', () => {
	const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
	afterEach(() => errors.mockClear());

	it('answers an unexpected error 500 with a reference, and logs context without the query or names', () => {
		const r = handleServerError({ kind: 'unknown', error: new TypeError('cannot read lat of "private note"'), event });
		expect(r).toEqual({ status: 500, message: expect.stringMatching(/^Internal error \(ref ([0-9a-f]{8})\): it has been logged\.$/) });
		expect(r!.message).not.toMatch(/private/);
		const line = String(errors.mock.calls[0][0]);
		expect(line).toMatch(/^http: 500 POST \/api\/devices\/osmand \(route \/api\/devices\/osmand, user 7, ref [0-9a-f]{8}\) TypeError/);
		expect(line).toContain(`ref ${/ref ([0-9a-f]{8})/.exec(r!.message)![1]})`);
		expect(line).not.toMatch(/hp_secret|PC Ada|pc-ada|51\.7/);
	});
	it('answers input refused on the way in as 400 or 413, without logging it as a fault', () => {
		expect(handleServerError({ kind: 'unknown', error: new PayloadTooLargeError(64 * 1024), event })).toEqual({ status: 413, message: "the request body is over this route's limit of 64 KB" });
		expect(handleServerError({ kind: 'unknown', error: new BadRequestError('body: not valid JSON'), event })).toEqual({ status: 400, message: 'body: not valid JSON' });
		expect(handleServerError({ kind: 'unknown', error: new SyntaxError('Unexpected token } at 12'), event })).toEqual({ status: 400, message: 'malformed input' });
		expect(handleServerError({ kind: 'app', error: { message: 'nope' }, event })).toBeUndefined();
		expect(errors).not.toHaveBeenCalled();
	});
	it('copes with thrown values that are not errors', () => {
		expect(handleServerError({ kind: 'unknown', error: null, event })?.status).toBe(500);
		expect(handleServerError({ kind: 'unknown', error: { toString: () => { throw new Error('x'); } }, event })?.status).toBe(500);
	});
});
