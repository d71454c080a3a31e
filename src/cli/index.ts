#!/usr/bin/env node
// The command-line tool: thin — parses arguments, calls services and the domain core.
// Bad input exits non-zero with a one-line reason.
import { UsageError } from './args.ts';

interface Command {
	help: string;
	run(argv: string[]): number | Promise<number>;
}

const COMMANDS: Record<string, () => Promise<Command>> = {
	users: () => import('./commands/users.ts'),
	officers: () => import('./commands/officers.ts'),
	import: () => import('./commands/import.ts'),
	imports: () => import('./commands/imports.ts'),
	detect: () => import('./commands/detect.ts'),
	presence: () => import('./commands/presence.ts'),
	evaluate: () => import('./commands/evaluate.ts'),
	simulate: () => import('./commands/simulate.ts'),
	load: () => import('./commands/load.ts'),
	demo: () => import('./commands/demo.ts'),
	migrate: () => import('./commands/migrate.ts'),
	basemap: () => import('./commands/basemap.ts'),
	retention: () => import('./commands/retention.ts'),
	audit: () => import('./commands/audit.ts'),
	backup: () => import('./commands/backup.ts'),
	restore: () => import('./commands/restore.ts')
};

const USAGE = `usage: npm run cli -- <command> [options]   (each command takes --help)

commands:
  ${Object.keys(COMMANDS).join('\n  ')}`;

async function main(argv: string[]): Promise<number> {
	const [name, ...rest] = argv;
	if (!name || name === '--help' || name === '-h' || name === 'help') {
		console.log(USAGE);
		return name ? 0 : 2;
	}
	const load = COMMANDS[name];
	if (!load) {
		console.error(`unknown command "${name}"\n${USAGE}`);
		return 2;
	}
	const command = await load();
	if (rest.includes('--help') || rest.includes('-h')) {
		console.log(command.help);
		return 0;
	}
	return command.run(rest);
}

try {
	process.exitCode = await main(process.argv.slice(2));
} catch (e) {
	const message = e instanceof Error ? e.message : String(e);
	console.error(`error: ${message}`);
	if (process.env.DEBUG) console.error(e);
	process.exitCode = e instanceof UsageError ? 2 : 1;
}
