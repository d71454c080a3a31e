// Ingest under load, end to end: the production server as its own process, driven by the load
// tool (`cli load`, real socket clients) as another. Reports (a) BENCH_OFFICERS officers at 1 Hz
// on one SQLite node against the goals (0 lost, p99 ack < 100 ms, p99 fix → control room
// < 250 ms, ≤ 600 MB), (b) the highest rate one node sustains with p99 ack < 100 ms, stepping
// officers at 2 Hz, (c) a bare Socket.IO server that only acks and batches the fan-out
// (load-baseline.ts), driven the same way in the same run, for the ratio, and (d) with
// BENCH_CLUSTER=1, several nodes over Redis and PostgreSQL (runCluster). The load tool shares the machine's cores with the server:
// its own CPU share and timer lateness are printed beside every figure.
//   BENCH_OFFICERS (5000), BENCH_SECONDS (60); BENCH_STEPS ("4000,6000,8000,10000,12000" fixes/s),
//   BENCH_STEP_SECONDS (20); BENCH_CLUSTER=1 with BENCH_CLUSTER_NODES (2), BENCH_CLUSTER_REDIS_URL
//   (redis://127.0.0.1:6379) and BENCH_CLUSTER_DATABASE_URL (default: a scratch schema in the
//   integration tests' PostgreSQL database, dropped afterwards).
//   BENCH_SERVER_NODE_OPTIONS: NODE_OPTIONS for the servers only (e.g. --max-old-space-size=400), not the load tool.
import { join } from 'node:path';
import pg from 'pg';
import type { LoadResult } from '../../src/lib/load/result.ts';
import { BASELINE_CONTROL } from './load-baseline.ts';
import { attempt, ensureBuild, load, scratch, seed, serverErrors, startNode, usage, type Node } from './load-processes.ts';

const env = process.env;
const OFFICERS = Number(env.BENCH_OFFICERS ?? 5000);
const SECONDS = Number(env.BENCH_SECONDS ?? 60);
const STEPS = (env.BENCH_STEPS ?? '4000,6000,8000,10000,12000').split(',').map(Number);
const STEP_SECONDS = Number(env.BENCH_STEP_SECONDS ?? Math.min(20, SECONDS));
const STEP_HZ = 2;
const BASELINE_SECONDS = Math.min(SECONDS, 30);
const GOAL = { ackP99: 100, fanoutP99: 250, rssMb: 600 };

const n = (x: number) => Math.round(x).toLocaleString('en-GB');
const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
const ratio = (a: number | null, b: number | null) => (a !== null && b ? (a / b).toFixed(1) : '–');
const generator = (r: LoadResult) => `load tool ${r.clientCpuPercent} % of a core, timer late ≤ ${r.maxTickLagMs} ms, ${r.errors} errors${r.errorSamples[0] ? ` (${r.errorSamples[0].message})` : ''}`;

function loadArgs(urls: string[], tokens: string, officers: number, hz: number, seconds: number, control: string | null): string[] {
	const args = ['--url', urls.join(','), '--tokens', tokens, '--officers', String(officers), '--hz', String(hz), '--seconds', String(seconds)];
	return control ? [...args, '--control-token', control] : args;
}

export async function run(): Promise<void> {
	ensureBuild();
	await scratch('load', async (dir, children) => {
		const db = `sqlite:${join(dir, 'load.db')}`;
		const dbEnv = { DATABASE_URL: db, REDIS_URL: '' };
		const { tokens, supervisor } = await seed(children, dir, dbEnv, Math.max(OFFICERS, Math.ceil(Math.max(...STEPS) / STEP_HZ)), 'LB');
		const node = await startNode(children, ['src/server.ts'], dbEnv, join(dir, 'server.log'));

		// (a) the force's load on one node
		const a = await attempt('(a)', async () => {
			const { r, serverCpu: [cpu] } = await load(children, [...loadArgs([node.url], tokens, OFFICERS, 1, SECONDS, supervisor), '--verify-db', db], [node.child]);
			const peakMb = usage(node.child).peakMb;
			console.log(
				`load (a): ${n(r.officersReady)} officers at 1 Hz for ${r.seconds} s, one node on SQLite: ${n(r.acceptedPerSecond)} fixes/s stored; ` +
					`lost ${r.lost} (goal 0: ${met(r.lost === 0)}); ack p50 ${r.ackP50} / p95 ${r.ackP95} / p99 ${r.ackP99} ms (goal p99 < ${GOAL.ackP99}: ${met((r.ackP99 ?? Infinity) < GOAL.ackP99)}); ` +
					`fix → control room p50 ${r.fanoutP50} / p99 ${r.fanoutP99} ms (goal p99 < ${GOAL.fanoutP99}: ${met((r.fanoutP99 ?? Infinity) < GOAL.fanoutP99)}), ${((r.fanoutSeen ?? 0) * 100).toFixed(1)} % seen; ` +
					`server peak RSS ${n(peakMb)} MB (goal ≤ ${GOAL.rssMb}: ${met(peakMb <= GOAL.rssMb)}), server CPU while sending ${n(cpu)} % of a core; ${r.missingInDb} acked fixes missing from the database`
			);
			console.log(`load (a): ${generator(r)}; officers connected and on duty in ${r.connectSeconds} s`);
			return { r, cpu, peakMb };
		});

		// (c) the same load on a server that does nothing but ack and batch, in the same run
		await attempt('(c)', async () => {
			const base = await startNode(children, ['tests/bench/load-baseline.ts'], {}, join(dir, 'baseline.log'));
			const { r: c, serverCpu: [cpu] } = await load(children, loadArgs([base.url], tokens, OFFICERS, 1, BASELINE_SECONDS, BASELINE_CONTROL), [base.child]);
			const peakMb = usage(base.child).peakMb;
			await children.stop(base.child);
			console.log(
				`load (c) baseline, bare Socket.IO (ack at once, fan-out batched every 100 ms), same load for ${c.seconds} s: ${n(c.acceptedPerSecond)} fixes/s; ack p50 ${c.ackP50} / p99 ${c.ackP99} ms; ` +
					`fix → control room p50 ${c.fanoutP50} / p99 ${c.fanoutP99} ms; peak RSS ${n(peakMb)} MB; CPU while sending ${n(cpu)} % of a core; ${generator(c)}`
			);
			if (a) {
				console.log(
					`load (c) ratio ours/baseline: ack p50 ${ratio(a.r.ackP50, c.ackP50)}, ack p99 ${ratio(a.r.ackP99, c.ackP99)}, fan-out p99 ${ratio(a.r.fanoutP99, c.fanoutP99)}, ` +
						`peak RSS ${ratio(a.peakMb, peakMb)}, server CPU per fix ${ratio(a.cpu / a.r.acceptedPerSecond, cpu / c.acceptedPerSecond)}`
				);
			}
		});

		// (b) step the rate up until p99 ack passes 100 ms (or a fix is lost, or the tool cannot
		// offer the rate); when even the first step fails, halve it twice so the figure still says something
		await attempt('(b)', async () => {
			let best = 0;
			const steps = [...STEPS];
			for (let k = 0; k < steps.length; k++) {
				const rate = steps[k];
				const officers = Math.ceil(rate / STEP_HZ);
				const { r, serverCpu: [cpu] } = await load(children, loadArgs([node.url], tokens, officers, STEP_HZ, STEP_SECONDS, supervisor), [node.child]);
				const offered = r.offeredPerSecond >= 0.95 * rate;
				const ok = offered && r.lost === 0 && (r.ackP99 ?? Infinity) < GOAL.ackP99 && r.acceptedPerSecond >= 0.95 * rate;
				console.log(
					`load (b): ${n(rate)} fixes/s (${n(officers)} officers × ${STEP_HZ} Hz, ${r.seconds} s): ${n(r.acceptedPerSecond)}/s stored, ack p50 ${r.ackP50} / p99 ${r.ackP99} ms, ` +
						`fan-out p99 ${r.fanoutP99} ms (${((r.fanoutSeen ?? 0) * 100).toFixed(1)} % seen), lost ${r.lost}, server CPU ${n(cpu)} % — ${ok ? 'sustained' : offered ? 'NOT sustained' : `inconclusive: the load tool offered only ${n(r.offeredPerSecond)}/s`}; ${generator(r)}`
				);
				if (ok) best = Math.max(best, rate);
				if (ok && rate < STEPS[0]) break;
				if (!ok && best === 0 && rate >= STEPS[0] / 2 && rate / 2 >= 2 * STEP_HZ) steps.splice(k + 1, steps.length, rate / 2);
				else if (!ok) break;
			}
			console.log(
				`load (b): highest rate one node sustained with p99 ack < ${GOAL.ackP99} ms: ${best ? `${n(best)} fixes/s` : `below ${n(steps.at(-1)!)} fixes/s`}; server peak RSS over (a) and (b) ${n(usage(node.child).peakMb)} MB`
			);
		});
		await children.stop(node.child);
		console.log(`load: ${serverErrors(node.log)}`);
	});

	if (env.BENCH_CLUSTER === '1') {
		const nodes = Number(env.BENCH_CLUSTER_NODES ?? 2);
		const given = env.BENCH_CLUSTER_DATABASE_URL;
		// a schema of its own unless told otherwise, dropped afterwards
		const schema = `hp_load_${Date.now().toString(36)}`;
		const database = given ?? `postgres://postgres@127.0.0.1:5432/test?schema=${schema}`;
		try {
			await runCluster({ nodes, env: { DATABASE_URL: database, REDIS_URL: env.BENCH_CLUSTER_REDIS_URL ?? 'redis://127.0.0.1:6379' } });
		} catch (e) {
			console.log(`load (d): cluster run failed: ${(e as Error).message}`);
		} finally {
			if (!given) await dropSchema(database, schema).catch((e) => console.log(`load (d): could not drop schema ${schema}: ${(e as Error).message}`));
		}
	}
}

/**
 * Several server processes on one database and Redis: officers spread over the nodes round-robin,
 * the control room on the last node, so every fix it sees crossed the cluster's bus. A node that
 * refuses the environment or fails is reported, not thrown.
 */
export async function runCluster(opts: { nodes: number; env: Record<string, string>; officers?: number; hz?: number; seconds?: number }): Promise<LoadResult | null> {
	const officers = opts.officers ?? OFFICERS;
	const seconds = opts.seconds ?? Math.min(SECONDS, 30);
	ensureBuild();
	return scratch('cluster', async (dir, children) => {
		const { tokens, supervisor } = await seed(children, dir, opts.env, officers, `LC${Date.now().toString(36).slice(-6)}`);
		const nodes: Node[] = [];
		for (let i = 0; i < opts.nodes; i++) {
			try {
				nodes.push(await startNode(children, ['src/server.ts'], opts.env, join(dir, `node-${i}.log`)));
			} catch (e) {
				console.log(`load (d): node ${i + 1} of ${opts.nodes} failed to start: ${(e as Error).message}`);
				return null;
			}
		}
		const { r, serverCpu } = await load(
			children,
			[...loadArgs(nodes.map((x) => x.url), tokens, officers, opts.hz ?? 1, seconds, supervisor), '--verify-db', opts.env.DATABASE_URL],
			nodes.map((x) => x.child)
		);
		const after = nodes.map((node) => usage(node.child));
		console.log(
			`load (d): ${opts.nodes} nodes, ${n(r.officersReady)} officers at ${r.hz} Hz for ${r.seconds} s, control room on the last node: ${n(r.acceptedPerSecond)} fixes/s stored; lost ${r.lost}; ` +
				`ack p50 ${r.ackP50} / p99 ${r.ackP99} ms; fix → control room p50 ${r.fanoutP50} / p99 ${r.fanoutP99} ms, ${((r.fanoutSeen ?? 0) * 100).toFixed(1)} % seen; ${r.missingInDb} acked fixes missing from the database; ${generator(r)}`
		);
		console.log(
			`load (d): per node peak RSS ${after.map((u) => `${n(u.peakMb)} MB`).join(', ')}; CPU while sending ${serverCpu.map((x) => `${n(x)} %`).join(', ')} of a core`
		);
		for (const node of nodes) await children.stop(node.child);
		for (const [i, node] of nodes.entries()) console.log(`load (d): node ${i + 1}: ${serverErrors(node.log)}`);
		return r;
	});
}

async function dropSchema(url: string, schema: string): Promise<void> {
	const u = new URL(url);
	u.searchParams.delete('schema');
	const client = new pg.Client({ connectionString: u.toString() });
	await client.connect();
	try {
		await client.query(`drop schema if exists "${schema}" cascade`);
	} finally {
		await client.end();
	}
}

if (import.meta.url === `file://${process.argv[1]}`) {
	await run();
	process.exit(0);
}
