// `demo --https` as a real process: it serves the app over TLS with its own self-signed
// certificate, made for this machine's addresses and localhost.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { request } from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { afterAll, expect, it } from 'vitest';
import { machineNames } from '../../src/lib/server/demo-certificate.ts';

const root = new URL('../..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'hp-demo-https-'));
let demo: ChildProcess | undefined;
let output = '';

async function freePort(): Promise<number> {
	const s = createServer().listen(0, '127.0.0.1');
	await new Promise((r) => s.once('listening', r));
	const port = (s.address() as { port: number }).port;
	await new Promise((r) => s.close(r));
	return port;
}

function get(port: number, path: string): Promise<{ status: number; body: string; san: string }> {
	return new Promise((resolve, reject) => {
		const req = request({ host: '127.0.0.1', port, path, rejectUnauthorized: false }, (res) => {
			const san = (res.socket as TLSSocket).getPeerCertificate().subjectaltname ?? '';
			let body = '';
			res.on('data', (c) => (body += c));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, body, san }));
		});
		req.on('error', reject);
		req.end();
	});
}

afterAll(() => {
	demo?.kill('SIGTERM');
});

it('demo --https serves /api/health over TLS with a certificate for localhost and this machine', { timeout: 240_000 }, async () => {
	const port = await freePort();
	demo = spawn(process.execPath, [join(root, 'src/cli/index.ts'), 'demo', '--https', '--no-sim', '--officers', '2', '--port', String(port)], {
		cwd: root,
		// the certificate is kept in data/ of the checkout; a scratch database
		env: { ...process.env, DEMO_DATABASE_URL: `sqlite:${join(dir, 'demo.db')}` },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	demo.stdout!.on('data', (c) => (output += c));
	demo.stderr!.on('data', (c) => (output += c));
	let answer: Awaited<ReturnType<typeof get>> | null = null;
	for (const end = Date.now() + 220_000; Date.now() < end && !answer; ) {
		answer = await get(port, '/api/health').catch(() => null);
		if (!answer) await new Promise((r) => setTimeout(r, 1000));
	}
	expect(answer, `the demo did not answer over TLS:\n${output.slice(-2000)}`).not.toBeNull();
	expect(answer!.status).toBe(200);
	expect(answer!.san).toContain('DNS:localhost');
	expect(answer!.san).toContain('IP Address:127.0.0.1');
	// and every IPv4 address a phone on the network could use
	for (const a of machineNames().addresses.filter((x) => !x.includes(':'))) expect(answer!.san).toContain(`IP Address:${a}`);
	await expect.poll(() => output, { timeout: 60_000 }).toContain(`https://127.0.0.1:${port}`);
	// the kept certificate is the one served
	const kept = JSON.parse(readFileSync(join(root, 'data/demo-certificate.json'), 'utf8')) as { names: string[] };
	expect(kept.names).toContain('localhost');
});
