// Getis-Ord Gi* (Getis & Ord 1992; Ord & Getis 1995) over a dense grid of cells with binary
// queen-contiguity weights that include the cell itself — the statistic Esri's Optimized Hot Spot
// Analysis and sfhotspot use. Only cells inside the study-area mask take part (n = mask cells).
//
//   Gi* = (Σj wij xj − x̄ Σj wij) / ( S √[(n Σj wij² − (Σj wij)²) / (n − 1)] )
//   x̄ = Σ xj / n,   S = √(Σ xj² / n − x̄²)
//
// p-values are two-sided from the normal approximation, then Benjamini–Hochberg adjusted over all
// n cells (docs/hotspots.md, Detection 4: the p reported is the corrected one).
import { benjaminiHochberg } from '../stats/fdr.ts';
import { twoSidedP } from '../stats/normal.ts';

export interface GiStar {
	z: Float64Array;
	/** FDR-adjusted two-sided p; 1 outside the mask */
	p: Float64Array;
	n: number;
	mean: number;
	sd: number;
}

export function giStar(
	values: Float64Array,
	mask: Uint8Array,
	width: number,
	height: number,
	queenOffsets: (row: number) => readonly number[]
): GiStar {
	let n = 0;
	let sum = 0;
	let sumSq = 0;
	for (let i = 0; i < values.length; i++) {
		if (!mask[i]) continue;
		n++;
		sum += values[i];
		sumSq += values[i] * values[i];
	}
	const mean = n > 0 ? sum / n : 0;
	const sd = n > 0 ? Math.sqrt(Math.max(0, sumSq / n - mean * mean)) : 0;
	const z = new Float64Array(values.length);
	const pRaw = new Float64Array(n);
	const maskIndex = new Int32Array(values.length).fill(-1);
	let k = 0;
	for (let row = 0; row < height; row++) {
		const offsets = queenOffsets(row);
		for (let col = 0; col < width; col++) {
			const i = row * width + col;
			if (!mask[i]) continue;
			let w = 1;
			let local = values[i];
			for (let o = 0; o < offsets.length; o += 2) {
				const c = col + offsets[o];
				const r = row + offsets[o + 1];
				if (c < 0 || r < 0 || c >= width || r >= height) continue;
				const j = r * width + c;
				if (!mask[j]) continue;
				w++;
				local += values[j];
			}
			const den = sd * Math.sqrt((n * w - w * w) / (n - 1));
			const zi = den > 0 ? (local - mean * w) / den : 0;
			z[i] = zi;
			maskIndex[i] = k;
			pRaw[k++] = twoSidedP(zi);
		}
	}
	const adjusted = benjaminiHochberg(pRaw);
	const p = new Float64Array(values.length).fill(1);
	for (let i = 0; i < values.length; i++) if (maskIndex[i] >= 0) p[i] = adjusted[maskIndex[i]];
	return { z, p, n, mean, sd };
}
