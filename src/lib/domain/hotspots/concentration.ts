// The concentration curve: places sorted from most to least harmed, and the share of all harm
// they hold ("1 % of places hold 30 % of harm" — Weisburd's law of crime concentration).

export interface Concentration {
	places: number;
	total: number;
	/** cumulative share of harm at each share of places (both 0–1), ~100 points */
	curve: [placeShare: number, harmShare: number][];
	/** headline figures: the share of harm in the top x % of places */
	at: { placeShare: number; harmShare: number }[];
	/** the smallest share of places that holds half of all harm */
	half: number;
	/** the share of places with any harm at all */
	any: number;
}

export function concentration(values: ArrayLike<number>, mask?: ArrayLike<number>): Concentration {
	const v: number[] = [];
	for (let i = 0; i < values.length; i++) if (!mask || mask[i]) v.push(values[i]);
	v.sort((a, b) => b - a);
	const total = v.reduce((s, x) => s + x, 0);
	const places = v.length;
	const cumulative = new Float64Array(places + 1);
	for (let i = 0; i < places; i++) cumulative[i + 1] = cumulative[i] + v[i];
	const share = (k: number) => (total > 0 ? cumulative[Math.min(places, Math.max(0, k))] / total : 0);
	const curve: [number, number][] = [];
	const steps = Math.min(100, places);
	for (let s = 0; s <= steps; s++) {
		const k = Math.round((s / Math.max(1, steps)) * places);
		curve.push([places > 0 ? k / places : 0, share(k)]);
	}
	const at = [0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5].map((placeShare) => ({
		placeShare,
		harmShare: share(Math.ceil(placeShare * places))
	}));
	let k = 0;
	while (k < places && cumulative[k] < total / 2) k++;
	const nonzero = v.filter((x) => x > 0).length;
	return { places, total, curve, at, half: places > 0 ? k / places : 0, any: places > 0 ? nonzero / places : 0 };
}
