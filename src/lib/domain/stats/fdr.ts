// Benjamini–Hochberg (1995) false discovery rate adjustment, as R's p.adjust(method = "BH"):
// sort ascending, p_adj(k) = min over j ≥ k of p(j)·n/j, capped at 1, in the input's order.

export function benjaminiHochberg(p: ArrayLike<number>): Float64Array {
	const n = p.length;
	const order = new Uint32Array(n);
	for (let i = 0; i < n; i++) order[i] = i;
	// sort indices by p; a typed sort of packed keys would be faster but this is not the hot path
	const sorted = Array.from(order).sort((a, b) => p[a] - p[b]);
	const out = new Float64Array(n);
	let running = 1;
	for (let k = n - 1; k >= 0; k--) {
		const i = sorted[k];
		running = Math.min(running, (p[i] * n) / (k + 1));
		out[i] = Math.min(1, running);
	}
	return out;
}
