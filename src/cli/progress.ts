// A one-line progress bar on stderr when it is a terminal; silent otherwise (logs, CI).
export function progressBar(label: string) {
	const tty = process.stderr.isTTY;
	let last = -1;
	return {
		update(done: number, total: number) {
			if (!tty || total <= 0) return;
			const pct = Math.min(100, Math.floor((done / total) * 100));
			if (pct === last) return;
			last = pct;
			const width = 30;
			const fill = Math.round((pct / 100) * width);
			process.stderr.write(`\r${label} [${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${String(pct).padStart(3)} %`);
		},
		done() {
			if (tty && last >= 0) process.stderr.write('\n');
			last = -1;
		}
	};
}
