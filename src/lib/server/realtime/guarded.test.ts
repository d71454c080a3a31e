import { afterEach, describe, expect, it, vi } from 'vitest';
import { answerEvents, type GuardedSocket } from './guarded.ts';

/** A stand-in for a Socket.IO socket: `receive` plays an incoming event as Socket.IO would. */
function fakeSocket() {
	const listeners = new Map<string, (...args: unknown[]) => void>();
	const any: ((event: unknown, ...args: unknown[]) => void)[] = [];
	const emitted: { event: string; error: string }[] = [];
	const socket: GuardedSocket = {
		id: 'sock-1',
		data: { userId: 42 },
		on: (event, l) => listeners.set(event, l),
		onAny: (l) => any.push(l),
		emit: (_e, payload) => emitted.push(payload)
	};
	const receive = (event: unknown, ...args: unknown[]) => {
		for (const l of any) l(event, ...args);
		if (typeof event === 'string') listeners.get(event)?.(...args);
	};
	return { socket, receive, emitted };
}

const tick = () => new Promise((r) => setTimeout(r, 10));

describe('answerEvents', () => {
	const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
	afterEach(() => errors.mockClear());

	it('answers a handler that throws, synchronously or asynchronously, and logs who and what without the payload', async () => {
		const { socket, receive } = fakeSocket();
		answerEvents(socket, () => null, {
			'sync:boom': () => {
				throw new RangeError('Maximum call stack size exceeded');
			},
			'async:boom': async () => Promise.reject(new Error('database gone'))
		});
		for (const event of ['sync:boom', 'async:boom']) {
			const ack = vi.fn();
			receive(event, { lat: 51.7512, note: 'private words' }, ack);
			await tick();
			expect(ack).toHaveBeenCalledWith({ ok: false, error: expect.stringMatching(/^server error \(ref [0-9a-f]{8}\)/) });
			const line = String(errors.mock.calls.at(-1)?.[0]);
			expect(line).toMatch(new RegExp(`event ${event}, socket sock-1, user 42, ref [0-9a-f]{8}`));
			expect(line).not.toMatch(/51\.7512|private words/);
		}
	});

	it('answers without an ack through request:error, never throwing, and survives an ack that throws', async () => {
		const { socket, receive, emitted } = fakeSocket();
		const handler = vi.fn(async () => ({ ok: true as const }));
		answerEvents(socket, () => null, { 'duty:set': handler });
		receive('duty:set', { onDuty: true });
		receive('duty:set', { onDuty: true }, 'not a function');
		await tick();
		expect(handler).not.toHaveBeenCalled();
		expect(emitted).toEqual([
			{ event: 'duty:set', error: expect.stringMatching(/acknowledgement/) },
			{ event: 'duty:set', error: expect.stringMatching(/acknowledgement/) }
		]);
		expect(() =>
			receive('duty:set', {}, () => {
				throw new Error('client gone');
			})
		).not.toThrow();
		await tick();
		expect(String(errors.mock.calls.at(-1)?.[0])).toMatch(/ack failed \(event duty:set, socket sock-1, user 42\)/);
	});

	it('refuses before the handler: unknown events, extra arguments, over-deep payloads, and what admit refuses', async () => {
		const { socket, receive } = fakeSocket();
		const handler = vi.fn(async () => ({ ok: true as const }));
		let refusal: string | null = null;
		answerEvents(socket, () => refusal, { 'position:report': handler });
		const answers: unknown[] = [];
		const ack = (r: unknown) => answers.push(r);
		let deep: unknown = 1;
		for (let i = 0; i < 6000; i++) deep = [deep];
		receive('no:such', {}, ack);
		receive(7, {}, ack);
		receive('position:report', {}, {}, ack);
		receive('position:report', { t: deep }, ack);
		refusal = 'forbidden: only officers send this';
		receive('position:report', {}, ack);
		await tick();
		expect(handler).not.toHaveBeenCalled();
		expect(answers).toEqual([
			{ ok: false, error: expect.stringMatching(/^unknown event "no:such"/) },
			{ ok: false, error: expect.stringMatching(/^unknown event "7"/) },
			{ ok: false, error: expect.stringMatching(/expected one payload/) },
			{ ok: false, error: expect.stringMatching(/^payload\.t\[0\].*nested deeper than 8 levels$/) },
			{ ok: false, error: 'forbidden: only officers send this' }
		]);
	});
});
