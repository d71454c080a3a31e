import { describe, expect, it } from 'vitest';
import { createLog, readableLine } from './log.ts';

const capture = () => {
	const lines: string[] = [];
	return { lines, destination: { write: (l: string) => void lines.push(l) } };
};

describe('log', () => {
	it('writes JSON lines with time, level label and node', () => {
		const { lines, destination } = capture();
		const log = createLog({ level: 'info', nodeId: 'node-a', destination });
		log.info({ req: 'r1', user: 7 }, 'http');
		log.debug('not at info');
		expect(lines).toHaveLength(1);
		expect(JSON.parse(lines[0])).toEqual({ level: 'info', time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/), node: 'node-a', req: 'r1', user: 7, msg: 'http' });
	});

	it('writes short readable lines for a terminal', () => {
		const { lines, destination } = capture();
		createLog({ level: 'info', nodeId: 'node-a', destination, pretty: true }).warn({ socket: 'abc', user: 3 }, 'socket closed');
		expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} WARN  socket closed {2}socket=abc user=3\n$/);
		expect(readableLine('not json')).toBe('not json');
	});
});
