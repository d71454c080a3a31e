// The filtered view's records for BI tools: CSV (formula-safe) or GeoJSON, each download audited
// as a disclosure (records leave the system). No people: exports carry places, times and types.
import { selector } from '../../domain/dashboard/aggregate.ts';
import { monthLabel } from '../../domain/hotspots/columns.ts';
import type { ZonedDeps } from './deps.ts';
import { toCsv } from '../csv-export.ts';
import { audit } from './audit.ts';
import { auditFilter, filtered, type Viewer } from './dashboard-view.ts';

export async function exportDashboard(ctx: ZonedDeps, viewer: Viewer, params: URLSearchParams, format: 'csv' | 'geojson') {
	const f = await filtered(ctx, params);
	const s = f.loaded.store;
	const select = selector(s, f.filter, f.hotspotOf);
	const names = new Map(f.hotspots.map((h) => [h.id, h.name]));
	const rows: { id: number; month: string; at: string | null; category: string; harm: number; lon: number; lat: number; location: string | null; lsoa: string | null; hotspot: string | null }[] = [];
	for (let i = 0; i < s.n; i++) {
		if (select(i) !== 1) continue;
		rows.push({
			id: s.id[i],
			month: monthLabel(s.month[i]),
			at: Number.isNaN(s.t[i]) ? null : new Date(s.t[i]).toISOString(),
			category: s.categories[s.cat[i]],
			harm: s.harm[i],
			lon: s.lon[i],
			lat: s.lat[i],
			location: s.loc[i] >= 0 ? s.locations[s.loc[i]] : null,
			lsoa: s.lsoa[i] >= 0 ? s.lsoas[s.lsoa[i]] : null,
			hotspot: f.hotspotOf && f.hotspotOf[i] >= 0 ? (names.get(f.hotspotOf[i]) ?? null) : null
		});
	}
	const name = `crime-${f.query.from}-to-${f.query.to}.${format}`;
	await audit(
		ctx.db,
		{
			actor: { id: viewer.id, name: viewer.username },
			operation: 'disclosure',
			subject: `export:${name}`,
			detail: { filter: auditFilter(f.query), rows: rows.length, format },
			recipients: `downloaded by ${viewer.username}`
		},
		ctx.now()
	);
	if (format === 'csv') {
		const header = ['id', 'month', 'occurred_at', 'category', 'harm', 'lon', 'lat', 'location', 'lsoa', 'hotspot'];
		return { name, body: toCsv(header, rows.map((r) => [r.id, r.month, r.at, r.category, r.harm, r.lon, r.lat, r.location, r.lsoa, r.hotspot])) };
	}
	const fc = {
		type: 'FeatureCollection',
		features: rows.map(({ lon, lat, ...properties }) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties }))
	};
	return { name, body: JSON.stringify(fc) };
}
