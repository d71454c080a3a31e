// `npm run bench [name…]`: every benchmark program, each printing its figures and a ratio against
// a baseline measured in the same run. Benchmarks are programs, never timed tests.
const all: Record<string, () => Promise<{ run(): Promise<void> }>> = {
	detect: () => import('./detect.ts'),
	import: () => import('./import.ts'),
	presence: () => import('./presence.ts'),
	'officer-page': () => import('./officer-page.ts'),
	'control-room': () => import('./control-room.ts'),
	load: () => import('./load.ts'),
	dashboard: () => import('./dashboard.ts')
};

const wanted = process.argv.slice(2);
for (const name of wanted.length ? wanted : Object.keys(all)) {
	const load = all[name];
	if (!load) {
		console.error(`unknown benchmark "${name}"; have: ${Object.keys(all).join(', ')}`);
		process.exit(2);
	}
	console.log(`\n== ${name}`);
	await (await load()).run();
}
