// The load tool: real socket clients against servers on this machine (README: Device protocol).
import { readFileSync } from 'node:fs';
import { boundedNumber, openFileLimit, parseServerUrls, parseTokensCsv } from '../../lib/load/inputs.ts';
import { runLoad } from '../../lib/load/driver.ts';
import { describe } from '../../lib/load/result.ts';
import { checkDbUrl, countMissing } from '../../lib/load/verify-db.ts';
import { args, required, UsageError } from '../args.ts';

export const help = `load --url <http://127.0.0.1:PORT>[,<url>…] --tokens <csv> [--officers N] [--hz 1] [--seconds 60]
     [--control-token <supervisor API token>] [--control-url <url>] [--verify-db <postgres://…|sqlite:path>]
     [--ack-timeout 10] [--drain 15]
  Load test over real sockets. Officers from the tokens CSV (callsign,token, as "officers add"
  writes it; N ≤ 20000, default all) connect, go on duty and each report one fix every 1/hz
  seconds (0.1–10 Hz) at their own phase, for --seconds (≤ 3600), spread round-robin over the
  --url servers (loopback only). A fix not acknowledged as stored (ok:false, no ack within
  --ack-timeout seconds, or disconnected) is kept and resent; after sending stops, unsettled fixes
  get --drain seconds. With --control-token, a supervisor on --control-url (default: the last
  --url) times every fix's arrival in the control room; without it, fan-out is not measured.
  With --verify-db, every acknowledged fix is looked up in the fixes table (read only).
  Prints a summary, then one JSON line: sent, acked, acceptedPerSecond, ackP50/P95/P99,
  fanoutP50/P99, fanoutSeen, errors, lost, missingInDb, ….`;

export async function run(argv: string[]): Promise<number> {
	const { values } = args(argv, {
		url: { type: 'string' },
		tokens: { type: 'string' },
		officers: { type: 'string' },
		hz: { type: 'string' },
		seconds: { type: 'string' },
		'control-url': { type: 'string' },
		'control-token': { type: 'string' },
		'verify-db': { type: 'string' },
		'ack-timeout': { type: 'string' },
		drain: { type: 'string' }
	});
	let opts;
	try {
		const urls = parseServerUrls(required(values.url, '--url'), '--url');
		const controlUrl = values['control-url'] ? parseServerUrls(values['control-url'], '--control-url') : [urls[urls.length - 1]];
		if (controlUrl.length !== 1) throw new Error('--control-url: one server');
		const file = required(values.tokens, '--tokens');
		let text: string;
		try {
			text = readFileSync(file, 'utf8');
		} catch (e) {
			throw new Error(`--tokens: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
		}
		const all = parseTokensCsv(text, file);
		const count = boundedNumber(values.officers, '--officers', Math.min(all.length, 20_000), 1, 20_000, true);
		if (count > all.length) throw new Error(`--officers ${count}: ${file} has only ${all.length} officers`);
		// each officer is an open socket; run out of descriptors half-way and every figure is wrong
		const limit = openFileLimit(() => readFileSync('/proc/self/limits', 'utf8'));
		if (limit !== null && count + 200 > limit) {
			throw new Error(`--officers ${count} needs about ${count + 200} open files, but this process may open ${limit} (ulimit -n)`);
		}
		const token = values['control-token'];
		if (token === '') throw new Error('--control-token: empty');
		opts = {
			urls,
			officers: all.slice(0, count),
			hz: boundedNumber(values.hz, '--hz', 1, 0.1, 10),
			seconds: boundedNumber(values.seconds, '--seconds', 60, 1, 3600),
			control: token ? { url: controlUrl[0], token } : undefined,
			ackTimeoutMs: boundedNumber(values['ack-timeout'], '--ack-timeout', 10, 0.1, 600) * 1000,
			drainMs: boundedNumber(values.drain, '--drain', 15, 0, 3600) * 1000,
			verifyDb: values['verify-db'] === undefined ? undefined : checkDbUrl(values['verify-db'], '--verify-db')
		};
	} catch (e) {
		throw new UsageError((e as Error).message);
	}

	const abort = new AbortController();
	const onSigint = () => {
		console.error('load: stopping early (Ctrl-C); draining');
		abort.abort();
	};
	process.once('SIGINT', onSigint);
	try {
		const run = await runLoad({ ...opts, keepAcked: opts.verifyDb !== undefined, signal: abort.signal, log: (m) => console.error(`load: ${m}`) });
		const summary = run.result;
		let verifyError: string | null = null;
		try {
			if (opts.verifyDb && run.ackedSeqs) summary.missingInDb = await countMissing(opts.verifyDb, run.prefix, run.ackedSeqs);
		} catch (e) {
			verifyError = `--verify-db: ${(e as Error).message}`;
		}
		for (const line of describe(summary)) console.log(line);
		console.log(JSON.stringify(summary));
		if (verifyError) console.error(`error: ${verifyError}`);
		return verifyError ? 1 : 0;
	} finally {
		process.off('SIGINT', onSigint);
	}
}
