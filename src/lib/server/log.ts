// The server's log: pino's JSON lines (time, level, node, and the request or socket and user a
// line is about) whenever stdout is not a terminal, so a force's log shipper can parse them;
// short readable lines on a terminal. What a line may carry: ids, routes, counts, durations,
// error summaries — never a name, a position or a note (README: Running it for a force).
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { format } from 'node:util';
import { pino, type DestinationStream, type Logger } from 'pino';

export type Log = Logger;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LogOptions {
	level: LogLevel;
	nodeId: string;
	/** where lines go (default stdout); tests pass a stream that keeps them */
	destination?: DestinationStream;
	/** readable lines instead of JSON (default: when stdout is a terminal) */
	pretty?: boolean;
}

export function createLog(opts: LogOptions): Log {
	const out = opts.destination ?? process.stdout;
	const pretty = opts.pretty ?? (opts.destination === undefined && process.stdout.isTTY === true);
	return pino(
		{
			level: opts.level,
			base: { node: opts.nodeId },
			timestamp: pino.stdTimeFunctions.isoTime,
			formatters: { level: (label) => ({ level: label }) }
		},
		pretty ? readable(out) : out
	);
}

const SHOWN_FIRST = new Set(['time', 'level', 'node', 'msg']);

/** One JSON line as `12:00:01.234 WARN  message  key=value …`: for a person at a terminal. */
export function readableLine(json: string): string {
	let o: Record<string, unknown>;
	try {
		o = JSON.parse(json) as Record<string, unknown>;
	} catch {
		return json.trimEnd();
	}
	const time = typeof o.time === 'string' ? o.time.slice(11, 23) : '';
	const level = String(o.level ?? '').toUpperCase().padEnd(5);
	const rest = Object.entries(o)
		.filter(([k]) => !SHOWN_FIRST.has(k))
		.map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
		.join(' ');
	return `${time} ${level} ${String(o.msg ?? '')}${rest ? `  ${rest}` : ''}`;
}

function readable(out: DestinationStream): DestinationStream {
	return { write: (line: string) => out.write(readableLine(line) + '\n') };
}

/**
 * Lines other modules still write with console.* (and adapter-node's "Listening on …") go
 * through the log too, so the production server's output is JSON from the first line to the last.
 */
export function routeConsole(log: Log): void {
	console.log = (...a: unknown[]) => log.info(format(...a));
	console.info = (...a: unknown[]) => log.info(format(...a));
	console.warn = (...a: unknown[]) => log.warn(format(...a));
	console.error = (...a: unknown[]) => log.error(format(...a));
	console.debug = (...a: unknown[]) => log.debug(format(...a));
}

/** a node's name when NODE_ID is unset: host, process and a random part (a restarted process is a new node) */
export function defaultNodeId(): string {
	return `${hostname()}-${process.pid}-${randomUUID().slice(0, 6)}`;
}
