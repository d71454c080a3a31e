// Significant adjacent cells (sharing an edge) merge into one hot spot, up to a maximum number of
// cells (docs/hotspots.md, Detection 5: 4 by default) so each stays patrollable on foot in 10–15
// minutes. Greedy by harm: the strongest unassigned cell seeds a hot spot, which grows by its
// strongest qualifying neighbour until full.

export function mergeCells(
	qualifying: number[],
	value: ArrayLike<number>,
	count: ArrayLike<number>,
	width: number,
	edgeNeighbours: (col: number, row: number) => [number, number][],
	height: number,
	maxCells: number
): number[][] {
	const stronger = (a: number, b: number) => value[b] - value[a] || count[b] - count[a] || a - b;
	const order = [...qualifying].sort(stronger);
	const isQualifying = new Set(qualifying);
	const assigned = new Set<number>();
	const groups: number[][] = [];
	const around = (i: number) =>
		edgeNeighbours(i % width, Math.floor(i / width))
			.filter(([c, r]) => c >= 0 && r >= 0 && c < width && r < height)
			.map(([c, r]) => r * width + c);
	for (const seed of order) {
		if (assigned.has(seed)) continue;
		const group = [seed];
		assigned.add(seed);
		while (group.length < maxCells) {
			let best = -1;
			for (const cell of group) {
				for (const j of around(cell)) {
					if (!isQualifying.has(j) || assigned.has(j)) continue;
					if (best < 0 || stronger(j, best) < 0) best = j;
				}
			}
			if (best < 0) break;
			group.push(best);
			assigned.add(best);
		}
		groups.push(group);
	}
	return groups;
}
