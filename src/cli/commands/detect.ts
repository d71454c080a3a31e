import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { DateTime } from 'luxon';
import { CAPACITY_DEFAULTS, capacityCount, chosenShare, readCapacity } from '../../lib/domain/hotspots/capacity.ts';
import { detectHotspots, DETECT_DEFAULTS, type DetectOptions } from '../../lib/domain/hotspots/detect.ts';
import { toGeoJSON } from '../../lib/domain/hotspots/geojson.ts';
import { parseHarmTable, STARTER_HARM } from '../../lib/domain/hotspots/harm.ts';
import { explainNoResult, zeroHarmTypes } from '../../lib/domain/hotspots/no-result.ts';
import type { PolygonCoords } from '../../lib/domain/geo/geo.ts';
import { parseCsv } from '../../lib/domain/import/csv.ts';
import { parseMapping } from '../../lib/domain/import/formats/mapping.ts';
import { loadColumns } from '../../lib/server/import/load-columns.ts';
import { args, positiveInt, required, UsageError } from '../args.ts';
import { progressBar } from '../progress.ts';

export const help = `detect --input <files…> --out <geojson> [options]
  Finds significant, harm-weighted hot spots straight from files (no database).
  --types "<type>[,…]"   crime types (police.uk category names); default all but Drugs
  --cell 150             cell size in metres (square side; hexagon side with --shape hex)
  --shape square|hex     grid shape (default square; hex 139 m ≈ 5 ha, as Thames Valley)
  --top N                only the N highest-harm significant hot spots (instead of capacity)
  --all                  every significant hot spot (no capacity limit)
  Capacity, as on the detect page: officers × patrols × shifts ÷ doses hot spots (at most 150)
  --officers 4           officers on hot spot patrol per shift
  --patrols 3            patrols each per shift
  --shifts 3             shifts per day
  --doses 2              doses per hot spot per day
  --until <date>         end of the look-back (YYYY-MM-DD or YYYY-MM); default the latest record
  --lookback 12          months (3–24)
  --tz <zone>            the zone of windows and months (default the mapping's datetime.tz, else
                         Europe/London); a zone different from the mapping's is warned about
  --metric harm|count    what Gi* and the ranking weigh (default harm)
  --max-cells 4          cells merged into one hot spot at most
  --min-crimes 5         records a hot spot must hold at least
  --alpha 0.05           false discovery rate
  --windows auto|day-night|profile   peak windows from times when records have them (auto)
  --mapping <json>       column mapping for a force's own CSV or GeoJSON properties
  --harm <csv>           a full Crime Harm Index table (offence or code, weight in days)
  --area <geojson>       the study area (e.g. the force boundary); default the records' convex hull
  --exclude <geojson>    exclusion areas (prisons, hospitals, water)`;

function polygons(file: string, flag: string): PolygonCoords[] {
	let g: { type?: string; features?: { geometry?: { type?: string; coordinates?: unknown } }[]; geometry?: unknown; coordinates?: unknown };
	try {
		g = JSON.parse(readFileSync(file, 'utf8'));
	} catch (e) {
		throw new UsageError(`${flag} ${file}: not readable JSON (${(e as Error).message})`);
	}
	const geoms = g.type === 'FeatureCollection' ? (g.features ?? []).map((f) => f.geometry) : g.type === 'Feature' ? [g.geometry] : [g];
	const out: PolygonCoords[] = [];
	for (const geom of geoms as { type?: string; coordinates?: unknown }[]) {
		if (geom?.type === 'Polygon') out.push(geom.coordinates as PolygonCoords);
		else if (geom?.type === 'MultiPolygon') out.push(...(geom.coordinates as PolygonCoords[]));
		else throw new UsageError(`${flag} ${file}: only Polygon and MultiPolygon geometries, got ${geom?.type}`);
	}
	return out;
}

function number(v: string | undefined, flag: string, min: number, max: number, fallback: number): number {
	if (v === undefined) return fallback;
	const n = Number(v);
	if (!Number.isFinite(n) || n < min || n > max) throw new UsageError(`${flag} must be a number from ${min} to ${max}, got "${v}"`);
	return n;
}

export async function run(argv: string[]): Promise<number> {
	const { values, positionals } = args(
		argv,
		{
			input: { type: 'string', multiple: true },
			out: { type: 'string' },
			types: { type: 'string' },
			cell: { type: 'string' },
			shape: { type: 'string' },
			top: { type: 'string' },
			all: { type: 'boolean' },
			officers: { type: 'string' },
			patrols: { type: 'string' },
			shifts: { type: 'string' },
			doses: { type: 'string' },
			until: { type: 'string' },
			lookback: { type: 'string' },
			tz: { type: 'string' },
			metric: { type: 'string' },
			'max-cells': { type: 'string' },
			'min-crimes': { type: 'string' },
			alpha: { type: 'string' },
			windows: { type: 'string' },
			mapping: { type: 'string' },
			harm: { type: 'string' },
			area: { type: 'string' },
			exclude: { type: 'string' }
		},
		true
	);
	// `--input a.csv b.csv` leaves b.csv positional: take those as inputs too
	const inputs = [...(values.input ?? []), ...positionals];
	if (inputs.length === 0) throw new UsageError('--input: name at least one crime file');
	for (const f of inputs) if (!existsSync(f)) throw new UsageError(`--input ${f}: no such file`);
	const out = required(values.out, '--out');
	let mapping = null;
	if (values.mapping) {
		try {
			mapping = parseMapping(JSON.parse(readFileSync(values.mapping, 'utf8')), values.mapping);
		} catch (e) {
			throw new UsageError(`--mapping ${values.mapping}: ${(e as Error).message}`);
		}
	}
	// the mapping's zone counts unless told otherwise: windows in London for Chicago's records were wrong
	const mappingTz = mapping?.datetime?.tz;
	const tz = values.tz ?? mappingTz ?? 'Europe/London';
	if (!DateTime.local().setZone(tz).isValid) throw new UsageError(`--tz: unknown time zone "${tz}"`);
	if (values.tz && mappingTz && values.tz !== mappingTz) {
		console.error(`warning: --tz ${values.tz} differs from the mapping's zone ${mappingTz}: times are read in ${mappingTz}, windows and months are worked out in ${values.tz}`);
	}
	const shape = (values.shape ?? 'square') as DetectOptions['shape'];
	if (shape !== 'square' && shape !== 'hex') throw new UsageError(`--shape must be square or hex, got "${values.shape}"`);
	const metric = (values.metric ?? 'harm') as DetectOptions['metric'];
	if (metric !== 'harm' && metric !== 'count') throw new UsageError(`--metric must be harm or count, got "${values.metric}"`);
	const windows = (values.windows ?? 'auto') as DetectOptions['windows'];
	if (!['auto', 'day-night', 'profile'].includes(windows)) throw new UsageError(`--windows must be auto, day-night or profile`);
	let until: number | null = null;
	if (values.until) {
		const d = /^\d{4}-\d{2}$/.test(values.until)
			? DateTime.fromISO(values.until, { zone: tz }).endOf('month')
			: DateTime.fromISO(values.until, { zone: tz }).endOf('day');
		if (!d.isValid) throw new UsageError(`--until must be YYYY-MM-DD or YYYY-MM, got "${values.until}"`);
		until = d.toMillis();
	}
	let harm = STARTER_HARM;
	if (values.harm) {
		try {
			harm = parseHarmTable(parseCsv(readFileSync(values.harm, 'utf8')), { source: values.harm, version: 'file' });
		} catch (e) {
			throw new UsageError(`--harm ${values.harm}: ${(e as Error).message}`);
		}
	}
	const capacity = readCapacity({ officers: values.officers, patrolsPerOfficer: values.patrols, shiftsPerDay: values.shifts, dosesPerHotspot: values.doses }, CAPACITY_DEFAULTS);
	const flags = { officers: '--officers', patrolsPerOfficer: '--patrols', shiftsPerDay: '--shifts', dosesPerHotspot: '--doses' } as const;
	if ('error' in capacity) throw new UsageError(`${flags[capacity.field]}: ${capacity.error}`);
	if (values.all && values.top) throw new UsageError('--all and --top: give one or the other');
	const byCapacity = capacityCount(capacity);
	const options: Partial<DetectOptions> = {
		cellM: number(values.cell, '--cell', 25, 2000, shape === 'hex' ? 139 : DETECT_DEFAULTS.cellM),
		shape,
		lookbackMonths: number(values.lookback, '--lookback', 3, 24, DETECT_DEFAULTS.lookbackMonths),
		until,
		types: values.types ? values.types.split(',').map((t) => t.trim()).filter(Boolean) : null,
		excluded: harm.excluded,
		metric,
		alpha: number(values.alpha, '--alpha', 1e-9, 0.5, DETECT_DEFAULTS.alpha),
		maxCells: number(values['max-cells'], '--max-cells', 1, 50, DETECT_DEFAULTS.maxCells),
		minCrimes: number(values['min-crimes'], '--min-crimes', 1, 10_000, DETECT_DEFAULTS.minCrimes),
		top: values.all ? null : values.top ? positiveInt(values.top, '--top') : byCapacity.count,
		tz,
		windows,
		area: values.area ? polygons(values.area, '--area') : null,
		exclusions: values.exclude ? polygons(values.exclude, '--exclude') : []
	};
	const bar = progressBar('reading');
	const t0 = performance.now();
	let loaded;
	try {
		loaded = await loadColumns(inputs, { mapping, tz, harm, onProgress: (d, t) => bar.update(d, t) });
	} finally {
		bar.done();
	}
	const { columns, reports, warnings } = loaded;
	for (const r of reports) {
		console.error(
			`${r.file}: ${r.format}: ${r.accepted} records, ${r.withoutLocation} without a location, ${r.rejected} rejected` +
				(r.excluded ? `, ${r.excluded} left out by the mapping's "exclude"` : '') +
				(r.repeated ? `, ${r.repeated} repeated ids (the later row kept)` : '')
		);
		for (const x of r.rejections.slice(0, 5)) console.error(`  row ${x.row}, ${x.field}: ${x.reason}`);
		for (const w of r.warnings) console.error(`  warning: ${w}`);
	}
	for (const w of warnings) console.error(`warning: ${w}`);
	if (columns.n === 0) {
		const why = reports.map((r) => `${basename(r.file)} has none (${r.rowsRead} rows: ${r.rejected} rejected, ${r.withoutLocation} without a location${r.excluded ? `, ${r.excluded} left out` : ''})`);
		console.error(`error: no records to analyse: ${why.join('; ')}`);
		return 1;
	}
	if (options.types) {
		const unknown = options.types.filter((t) => !columns.categories.includes(t));
		if (unknown.length === options.types.length) throw new UsageError(`--types: none of ${unknown.map((t) => `"${t}"`).join(', ')} occurs in the input (it has: ${columns.categories.join(', ')})`);
	}
	const t1 = performance.now();
	const result = detectHotspots(columns, options);
	const t2 = performance.now();
	const nothing = explainNoResult(columns, { types: options.types ?? null, excluded: harm.excluded, metric }, result);
	if (nothing) {
		const remedy = nothing.kind === 'no-harm' ? '; find hot spots by count with --metric count' : nothing.kind === 'none-selected' ? '; check --types, --until and --lookback' : '';
		console.error(`error: ${nothing.message}${remedy}`);
		return 1;
	}
	const zero = metric === 'harm' ? zeroHarmTypes(columns, { types: options.types ?? null, excluded: harm.excluded }).zero : [];
	if (zero.length) console.error(`note: ${zero.join(', ')} ${zero.length === 1 ? 'has' : 'have'} harm weight 0 and count for nothing with --metric harm`);
	writeFileSync(out, JSON.stringify(toGeoJSON(result, options), null, 1) + '\n');
	const c = result.concentration;
	console.error(
		`${result.hotspots.length} of ${result.study.significant} significant hot spots${values.all || values.top ? '' : ` (capacity: ${capacity.officers} × ${capacity.patrolsPerOfficer} × ${capacity.shiftsPerDay} ÷ ${capacity.dosesPerHotspot} = ${byCapacity.count}${byCapacity.capped ? ', capped at 150' : ''})`}, holding ${Math.round(chosenShare(result.hotspots, result.study, metric) * 100)} % of ${metric}, from ${result.study.records} records (${result.study.from}…${result.study.to}) over ${result.study.cells} cells; ` +
			`half of all ${metric} is in ${(c.half * 100).toPrecision(2)} % of places. read ${((t1 - t0) / 1000).toFixed(2)} s, detect ${((t2 - t1) / 1000).toFixed(2)} s → ${out}`
	);
	return 0;
}
