// Whole numbers that add up: a table of rounded minutes whose rows add to its rounded total.
// Rounding each row on its own can leave the column one or two off the total beneath it; the
// largest-remainder method (Hamilton's) rounds down, then gives the units left over to the rows
// that lost most, so every row is within 1 of its exact value and the column adds up exactly.

/** Rounds `values` (≥ 0) to whole numbers that add to Math.round of their exact sum. */
export function roundToTotal(values: readonly number[]): number[] {
	const exact = values.reduce((s, v) => s + v, 0);
	const target = Math.round(exact);
	const floors = values.map((v) => Math.floor(v));
	let left = target - floors.reduce((s, v) => s + v, 0);
	const order = values.map((v, i) => ({ i, rest: v - Math.floor(v) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
	for (const { i } of order) {
		if (left <= 0) break;
		floors[i]++;
		left--;
	}
	return floors;
}
