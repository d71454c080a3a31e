// A warning for placeholder places: exports that put every record with an unknown place at one
// point (the police station, the city centre, a geocoder's fallback) make that point a hot spot.
//
// The rule: warn when the busiest exact point holds at least 20 records and either 5× as many as
// the next busiest point, or more than 5 % of a file of 1,000 records or more. Real busy places
// are a little busier than their neighbours, not five times: in the Thames Valley street data
// (61,645 records, police.uk's anonymised points) the busiest point holds 0.25 % and 1.08× the next;
// Chicago's aggravated assaults (148,636) 0.08 % and 1.0×; Memphis robberies (2,245) 0.5 % and 1.6×;
// central Oxford alone (272 records, a shopping centre's point) 8.8 % but 1.26× — the size floor
// keeps small extracts of busy centres quiet.

export interface PointCount {
	lon: number;
	lat: number;
	n: number;
}

export const PLACEHOLDER = { minRecords: 20, ratio: 5, share: 0.05, shareFloor: 1000 };

/** The k busiest exact points, busiest first. */
export function busiestPoints(lon: ArrayLike<number>, lat: ArrayLike<number>, n: number, k = 2): PointCount[] {
	const counts = new Map<string, PointCount>();
	for (let i = 0; i < n; i++) {
		const key = `${lon[i]},${lat[i]}`;
		const p = counts.get(key);
		if (p) p.n++;
		else counts.set(key, { lon: lon[i], lat: lat[i], n: 1 });
	}
	return [...counts.values()].sort((a, b) => b.n - a.n).slice(0, k);
}

/** The warning for the busiest points of `total` records, or null when nothing looks placed. */
export function placeholderWarning(top: PointCount[], total: number, hint = 'leave those records out with the mapping\'s "exclude" (e.g. [{ "column": "Location", "equals": "UNKNOWN" }])'): string | null {
	const [first, second] = top;
	if (!first || first.n < PLACEHOLDER.minRecords) return null;
	const next = second?.n ?? 0;
	const lopsided = first.n >= PLACEHOLDER.ratio * next;
	const large = total >= PLACEHOLDER.shareFloor && first.n > PLACEHOLDER.share * total;
	if (!lopsided && !large) return null;
	const share = ((100 * first.n) / total).toFixed(first.n / total >= 0.1 ? 0 : 1);
	const than = next > 0 ? `, ${(first.n / next).toFixed(next * 10 > first.n ? 1 : 0)}× the next busiest point` : '';
	return (
		`${first.n.toLocaleString('en-GB')} records (${share} % of ${total.toLocaleString('en-GB')}) sit at one exact point (${first.lat}, ${first.lon})${than}: ` +
		`a placeholder for unknown places? It would show as a hot spot; if so, ${hint}`
	);
}
