// Student's t distribution, for intervals from a cluster-robust variance with few clusters: the
// normal is too narrow for G < ~50 (Cameron & Miller 2015, "A practitioner's guide to
// cluster-robust inference", J. Human Resources 50:317–372), so critical values come from t on
// G − 1 or on Bell–McCaffrey degrees of freedom, which need not be whole.
// The CDF is the regularised incomplete beta by its continued fraction (Press et al., Numerical
// Recipes, 3rd ed., §6.4, evaluated with the modified Lentz method), as R's pt does in effect.

/** log Γ(x) for x > 0: Lanczos approximation (g = 7, n = 9), relative error below 1e-15. */
export function logGamma(x: number): number {
	const g = [
		0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
		-0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7
	];
	if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
	const z = x - 1;
	let a = g[0];
	const t = z + 7.5;
	for (let i = 1; i < 9; i++) a += g[i] / (z + i);
	return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

function betaContinuedFraction(x: number, a: number, b: number): number {
	const tiny = 1e-300;
	let c = 1;
	let d = 1 - ((a + b) * x) / (a + 1);
	if (Math.abs(d) < tiny) d = tiny;
	d = 1 / d;
	let h = d;
	for (let m = 1; m <= 300; m++) {
		const m2 = 2 * m;
		for (const num of [(m * (b - m) * x) / ((a + m2 - 1) * (a + m2)), (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1))]) {
			d = 1 + num * d;
			if (Math.abs(d) < tiny) d = tiny;
			c = 1 + num / c;
			if (Math.abs(c) < tiny) c = tiny;
			d = 1 / d;
			h *= d * c;
		}
		// the last factor of the pair decides convergence
		if (Math.abs(d * c - 1) < 1e-15) break;
	}
	return h;
}

/** Regularised incomplete beta I_x(a, b). */
export function incompleteBeta(x: number, a: number, b: number): number {
	if (x <= 0) return 0;
	if (x >= 1) return 1;
	const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x));
	// the continued fraction converges fast only below (a + 1)/(a + b + 2); use the symmetry above it
	if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
	return 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

/** P(T ≤ t) for T ~ t(df), df > 0 (need not be whole). */
export function studentTCdf(t: number, df: number): number {
	if (Number.isNaN(t)) return NaN;
	if (!Number.isFinite(t)) return t > 0 ? 1 : 0;
	const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
	return t > 0 ? 1 - tail : tail;
}

/** Two-sided p-value of a t statistic with df degrees of freedom. */
export function studentTTwoSidedP(t: number, df: number): number {
	const x = df / (df + t * t);
	return Math.min(1, incompleteBeta(x, df / 2, 0.5));
}

/** The t with P(T ≤ t) = p, by bisection on the CDF (called a few times per evaluation, not hot). */
export function studentTQuantile(p: number, df: number): number {
	if (p <= 0) return -Infinity;
	if (p >= 1) return Infinity;
	if (p === 0.5) return 0;
	if (p < 0.5) return -studentTQuantile(1 - p, df);
	let lo = 0;
	let hi = 1;
	while (studentTCdf(hi, df) < p) {
		lo = hi;
		hi *= 2;
	}
	for (let i = 0; i < 200 && hi - lo > 1e-14 * hi; i++) {
		const mid = (lo + hi) / 2;
		if (studentTCdf(mid, df) < p) lo = mid;
		else hi = mid;
	}
	return (lo + hi) / 2;
}
