// The small-sample cluster-robust variance for a one-parameter estimating equation, and its
// degrees of freedom. Hot spot trials have tens of places, and their baselines are very unequal,
// so the plain sandwich (even × G/(G − 1) with t(G − 1)) is too narrow: in synthetic trials with
// 30 places and log-normal baselines (sd 1.5) it covered 88 % instead of 95 %.
//
// CR2 (Bell & McCaffrey 2002, Survey Methodology 28:169–181; for GLMs Kauermann & Carroll 2001,
// JASA 96:1387–1396): each place's score s_i is scaled by 1/(1 − h_i), h_i = w_i / Σw its leverage,
// which makes the variance unbiased under the working model Var(e_i) ∝ w_i. Degrees of freedom are
// Bell & McCaffrey's Satterthwaite approximation under the same working model, as Imbens &
// Kolesár (2016, Review of Economics and Statistics 98:701–712) recommend; with equal places it
// is G − 1, and it falls towards the number of places that really carry the information.
//
// Derivation of the df: s = M e, M = I − h 1ᵀ, e ~ N(0, W), W = diag(w); V·H² = sᵀ C s with
// C = diag(c), c_i = 1/(1 − h_i). Then df = tr(B)² / ‖B‖²_F for B = W^½ Mᵀ C M W^½, whose
// entries are √(w_i w_j)(δ_ij c_i + a_i + a_j), a_i = S/2 − c_i h_i, S = Σ c_k h_k². Writing
// B = D + v bᵀ + b vᵀ (D = diag(w_i c_i), v_i = √w_i, b_i = √w_i a_i) gives ‖B‖² in O(G).

export interface ClusterRobust {
	/** CR2 variance of the estimate */
	variance: number;
	/** Bell–McCaffrey degrees of freedom */
	df: number;
}

/**
 * w: each cluster's information (−∂score_i/∂β), s: its score at the estimate (they sum to 0).
 * Null with fewer than two clusters carrying information.
 */
export function clusterRobust(w: ArrayLike<number>, s: ArrayLike<number>): ClusterRobust | null {
	const G = w.length;
	let H = 0;
	for (let i = 0; i < G; i++) H += w[i];
	if (G < 2 || !(H > 0)) return null;
	const h = Float64Array.from({ length: G }, (_, i) => w[i] / H);
	if (h.some((x) => x >= 1 - 1e-12)) return null;
	const c = Float64Array.from(h, (x) => 1 / (1 - x));
	let meat = 0;
	let S = 0;
	for (let i = 0; i < G; i++) {
		meat += c[i] * s[i] * s[i];
		S += c[i] * h[i] * h[i];
	}
	let trace = 0;
	let dd = 0;
	let dvb = 0;
	let vv = 0;
	let bb = 0;
	let vb = 0;
	for (let i = 0; i < G; i++) {
		const a = S / 2 - c[i] * h[i];
		const d = w[i] * c[i];
		trace += d + 2 * w[i] * a;
		dd += d * d;
		dvb += d * w[i] * a;
		vv += w[i];
		bb += w[i] * a * a;
		vb += w[i] * a;
	}
	const frobenius = dd + 4 * dvb + 2 * vv * bb + 2 * vb * vb;
	return { variance: meat / (H * H), df: (trace * trace) / frobenius };
}
