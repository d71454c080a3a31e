// Metric grids for detection: squares (150 m by default: West Midlands, Southend and
// Peterborough trials) or pointy-top hexagons (≈5 ha, 139 m side, as Thames Valley's "seven
// football pitches"). Cells are addressed (col, row) in a dense W×H window, so neighbour sums
// and the study-area mask are plain array work, linear in cells.

export type CellShape = 'square' | 'hex';

export interface Grid {
	shape: CellShape;
	/** square: side; hex: centre-to-vertex radius (= side length), metres */
	size: number;
	/** cell of a projected point */
	cellOf(x: number, y: number): [col: number, row: number];
	centre(col: number, row: number): [x: number, y: number];
	/** ring of the cell's corners in metres, counter-clockwise, not closed */
	corners(col: number, row: number): [number, number][];
	/** cells touching by an edge (rook) — for merging into hot spots */
	edgeNeighbours(col: number, row: number): [number, number][];
	/** cells touching by an edge or a corner (queen) — Gi* weights */
	allNeighbours(col: number, row: number): [number, number][];
	/** queen neighbours of any cell in a row as flat (dcol, drow) pairs, without allocating */
	queenOffsets(row: number): readonly number[];
	/** area of one cell in square metres */
	area: number;
}

const SQUARE_QUEEN = [1, 0, -1, 0, 0, 1, 0, -1, 1, 1, -1, -1, 1, -1, -1, 1];
const HEX_EVEN = [1, 0, -1, 0, 0, 1, -1, 1, 0, -1, -1, -1];
const HEX_ODD = [1, 0, -1, 0, 1, 1, 0, 1, 1, -1, 0, -1];

export function squareGrid(size: number): Grid {
	return {
		shape: 'square',
		size,
		area: size * size,
		queenOffsets: () => SQUARE_QUEEN,
		cellOf: (x, y) => [Math.floor(x / size), Math.floor(y / size)],
		centre: (c, r) => [(c + 0.5) * size, (r + 0.5) * size],
		corners: (c, r) => [
			[c * size, r * size],
			[(c + 1) * size, r * size],
			[(c + 1) * size, (r + 1) * size],
			[c * size, (r + 1) * size]
		],
		edgeNeighbours: (c, r) => [
			[c + 1, r],
			[c - 1, r],
			[c, r + 1],
			[c, r - 1]
		],
		allNeighbours: (c, r) => [
			[c + 1, r],
			[c - 1, r],
			[c, r + 1],
			[c, r - 1],
			[c + 1, r + 1],
			[c - 1, r - 1],
			[c + 1, r - 1],
			[c - 1, r + 1]
		]
	};
}

/** Side length of a regular hexagon of the given area (m²). */
export function hexSideForArea(area: number): number {
	return Math.sqrt((2 * area) / (3 * Math.sqrt(3)));
}

// "odd-r" offset coordinates: odd rows are shifted half a cell to the right (redblobgames.com/grids/hexagons)
export function hexGrid(size: number): Grid {
	const w = Math.sqrt(3) * size;
	const h = 1.5 * size;
	const centre = (c: number, r: number): [number, number] => [w * (c + 0.5 * (r & 1)), h * r];
	return {
		shape: 'hex',
		size,
		area: (3 * Math.sqrt(3) * size * size) / 2,
		queenOffsets: (row) => (row & 1 ? HEX_ODD : HEX_EVEN),
		centre,
		cellOf(x, y) {
			// to fractional axial, round in cube coordinates, back to odd-r
			const q = ((Math.sqrt(3) / 3) * x - y / 3) / size;
			const r = ((2 / 3) * y) / size;
			let rx = Math.round(q);
			let rz = Math.round(r);
			const ry = Math.round(-q - r);
			const dx = Math.abs(rx - q);
			const dy = Math.abs(ry - (-q - r));
			const dz = Math.abs(rz - r);
			if (dx > dy && dx > dz) rx = -ry - rz;
			else if (!(dy > dz)) rz = -rx - ry;
			return [rx + (rz - (rz & 1)) / 2, rz];
		},
		corners(c, r) {
			const [cx, cy] = centre(c, r);
			const out: [number, number][] = [];
			for (let k = 0; k < 6; k++) {
				const a = (Math.PI / 180) * (60 * k - 30);
				out.push([cx + size * Math.cos(a), cy + size * Math.sin(a)]);
			}
			return out;
		},
		edgeNeighbours: hexNeighbours,
		allNeighbours: hexNeighbours
	};
}

function hexNeighbours(c: number, r: number): [number, number][] {
	const odd = r & 1;
	return [
		[c + 1, r],
		[c - 1, r],
		[c + odd, r + 1],
		[c - 1 + odd, r + 1],
		[c + odd, r - 1],
		[c - 1 + odd, r - 1]
	];
}

/** For squares `cellM` is the side; for hexagons the side too (139 m ≈ 5 ha, TVP's cell). */
export function makeGrid(shape: CellShape, cellM: number): Grid {
	return shape === 'square' ? squareGrid(cellM) : hexGrid(cellM);
}
