// Runs a TypeScript entry (the server, the CLI, the benchmarks) after checking that this Node can:
// Node runs .ts straight from source only from 22.18 (type stripping on by default), and an older
// one fails with ERR_UNKNOWN_FILE_EXTENSION and no hint. Plain JavaScript, so that Node 20 (what
// Debian ships) and older reach the message. The entry is imported into this process, not spawned:
// argv, stdio, exit code and signals (SIGTERM to the server) stay exactly as if run directly.
//   node bin/launch.mjs src/server.ts [args…]
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const NEED = 'Node.js ≥ 22.18 (24 recommended)';

/**
 * Why this Node cannot run the TypeScript entries, or null when it can.
 * @param {{ node: string }} versions
 * @param {{ typescript?: unknown } | undefined} features
 * @returns {string | null}
 */
export function unsupported(versions = process.versions, features = process.features) {
	const [major, minor] = versions.node.split('.').map(Number);
	const install =
		'install Node.js 24 LTS from https://nodejs.org/en/download (or `nvm install 24`, `fnm install 24`, or your distribution\'s nodejs 24 package) and run this again';
	if (major < 22 || (major === 22 && minor < 18) || (major === 23 && minor < 6)) {
		return `Hotspot Patrol needs ${NEED}; this is Node ${versions.node} — ${install}.`;
	}
	if (features && features.typescript === false) {
		return `Hotspot Patrol runs its TypeScript directly, but this Node ${versions.node} has type stripping turned off (--no-experimental-strip-types in NODE_OPTIONS or the command line?); remove that flag.`;
	}
	return null;
}

/**
 * Imports `entry` as the main module with `args`, or says what to install and exits 1.
 * @param {string | URL} entry
 * @param {string[]} args
 */
export async function launch(entry, args) {
	const why = unsupported();
	if (why) {
		console.error(why);
		process.exit(1);
	}
	const file = entry instanceof URL ? fileURLToPath(entry) : resolve(entry);
	process.argv = [process.argv[0], file, ...args];
	await import(pathToFileURL(file).href);
}

if (import.meta.url === pathToFileURL(resolve(process.argv[1] ?? '')).href) {
	const [entry, ...args] = process.argv.slice(2);
	if (!entry) {
		console.error('usage: node bin/launch.mjs <entry.ts> [args…]');
		process.exit(2);
	}
	await launch(entry, args);
}
