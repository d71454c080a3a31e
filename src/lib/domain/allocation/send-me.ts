// "Send me to a hot spot": a random pick, so patrols stay unpredictable (Koper; TVP random order),
// weighted toward hot spots that need a dose and are close enough to reach on foot.

export interface Candidate {
	id: number;
	/** metres from the officer; null when the phone has no location yet */
	metres: number | null;
	/** 0 = dose target met today (hidden), 1 = needs a dose; more when overdue */
	need: number;
}

export interface SendMeOptions {
	/** beyond this a hot spot is not offered, unless nothing is closer */
	maxMetres: number;
	/** distance at which the weight halves */
	halfWeightMetres: number;
}

export const SEND_ME_DEFAULTS: SendMeOptions = { maxMetres: 3000, halfWeightMetres: 600 };

export function sendMeWeights(candidates: Candidate[], opts: SendMeOptions = SEND_ME_DEFAULTS): Map<number, number> {
	const eligible = candidates.filter((c) => c.need > 0);
	const near = eligible.filter((c) => c.metres === null || c.metres <= opts.maxMetres);
	const pool = near.length > 0 ? near : eligible;
	const weights = new Map<number, number>();
	for (const c of pool) {
		const distance = c.metres === null ? 1 : 1 / (1 + c.metres / opts.halfWeightMetres);
		weights.set(c.id, c.need * distance);
	}
	return weights;
}

/** A weighted random pick; `random` is passed in (seeded) so a pick can be reproduced. */
export function pickHotspot(candidates: Candidate[], random: () => number, opts: SendMeOptions = SEND_ME_DEFAULTS): number | null {
	const weights = [...sendMeWeights(candidates, opts).entries()].sort((a, b) => a[0] - b[0]);
	const total = weights.reduce((s, [, w]) => s + w, 0);
	if (weights.length === 0 || total <= 0) return null;
	let r = random() * total;
	for (const [id, w] of weights) {
		r -= w;
		if (r < 0) return id;
	}
	return weights[weights.length - 1][0];
}
