// `demo --https`: browsers give a page the phone's location only over a secure connection, so a
// demo tried on a real phone needs TLS. A self-signed certificate for this machine's network
// addresses and localhost, kept in data/ and made again when the addresses change or it nears
// its end, so a phone that accepted it once is not asked again each start.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { networkInterfaces, hostname } from 'node:os';
import { dirname } from 'node:path';
import { generate } from 'selfsigned';

export interface DemoCertificate {
	key: string;
	cert: string;
	/** the names it was made for: IP addresses and DNS names */
	names: string[];
	notAfter: number;
}

/** This machine's addresses a phone on the same network can reach, first; then loopback and names. */
export function machineNames(): { addresses: string[]; names: string[] } {
	const addresses: string[] = [];
	for (const list of Object.values(networkInterfaces())) {
		for (const a of list ?? []) if (!a.internal && (a.family === 'IPv4' || !a.address.startsWith('fe80'))) addresses.push(a.address);
	}
	return { addresses, names: [...addresses, '127.0.0.1', '::1', 'localhost', hostname()] };
}

const isIp = (name: string) => /^[\d.]+$/.test(name) || name.includes(':');
const DAY_MS = 86_400_000;

export async function demoCertificate(file: string, now: number): Promise<DemoCertificate> {
	const { names } = machineNames();
	if (existsSync(file)) {
		try {
			const kept = JSON.parse(readFileSync(file, 'utf8')) as DemoCertificate;
			if (names.every((n) => kept.names.includes(n)) && kept.notAfter - now > 7 * DAY_MS) return kept;
		} catch {
			// unreadable: make a new one
		}
	}
	const notAfter = now + 365 * DAY_MS;
	const pems = await generate([{ name: 'commonName', value: 'Hotspot Patrol demo' }], {
		keyType: 'ec',
		algorithm: 'sha256',
		notBeforeDate: new Date(now - DAY_MS),
		notAfterDate: new Date(notAfter),
		extensions: [
			{ name: 'basicConstraints', cA: false },
			{ name: 'keyUsage', digitalSignature: true },
			{ name: 'extKeyUsage', serverAuth: true },
			{ name: 'subjectAltName', altNames: names.map((n) => (isIp(n) ? { type: 7 as const, ip: n } : { type: 2 as const, value: n })) }
		]
	});
	const made: DemoCertificate = { key: pems.private, cert: pems.cert, names, notAfter };
	mkdirSync(dirname(file), { recursive: true });
	writeFileSync(file, JSON.stringify(made), { mode: 0o600 });
	return made;
}
