import { fail } from '@sveltejs/kit';
import { deleteExclusionArea, insertExclusionArea, listExclusionAreas } from '#lib/server/db/queries/exclusions.ts';

const KINDS = ['prison', 'hospital', 'water', 'police station', 'other'];

export const load = async ({ locals }) => {
	const { app } = locals;
	return { areas: await listExclusionAreas(app.db), kinds: KINDS };
};

/** Polygons or multipolygons of [lon, lat] with closed rings of at least four points. */
function polygonal(g: unknown): g is GeoJSON.Polygon | GeoJSON.MultiPolygon {
	const geom = g as { type?: string; coordinates?: unknown };
	const ringOk = (r: unknown) =>
		Array.isArray(r) && r.length >= 4 && r.every((p) => Array.isArray(p) && p.length >= 2 && Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90);
	if (geom?.type === 'Polygon') return Array.isArray(geom.coordinates) && (geom.coordinates as unknown[]).every(ringOk);
	if (geom?.type === 'MultiPolygon') return Array.isArray(geom.coordinates) && (geom.coordinates as unknown[][]).every((p) => Array.isArray(p) && p.every(ringOk));
	return false;
}

export const actions = {
	add: async ({ request, locals }) => {
		const { app } = locals;
		const form = await request.formData();
		const name = String(form.get('name') ?? '').trim().slice(0, 120);
		const kind = String(form.get('kind') ?? 'other');
		if (!name) return fail(400, { error: 'Name the area.' });
		if (!KINDS.includes(kind)) return fail(400, { error: `Kind must be one of ${KINDS.join(', ')}.` });
		const geometries: GeoJSON.Geometry[] = [];
		const drawn = String(form.get('geometry') ?? '');
		const upload = form.get('file');
		try {
			if (drawn) geometries.push(JSON.parse(drawn));
			if (upload instanceof File && upload.size > 0) {
				if (upload.size > 5_000_000) return fail(400, { error: 'The GeoJSON file is over 5 MB.' });
				const g = JSON.parse(await upload.text());
				const list = g.type === 'FeatureCollection' ? g.features.map((f: GeoJSON.Feature) => f.geometry) : g.type === 'Feature' ? [g.geometry] : [g];
				geometries.push(...list);
			}
		} catch (e) {
			return fail(400, { error: `Not readable GeoJSON: ${(e as Error).message}` });
		}
		if (geometries.length === 0) return fail(400, { error: 'Draw an area on the map (three corners or more) or upload GeoJSON.' });
		const bad = geometries.findIndex((g) => !polygonal(g));
		if (bad >= 0) return fail(400, { error: `Geometry ${bad + 1} is not a Polygon or MultiPolygon of [lon, lat] rings.` });
		for (const [i, g] of geometries.entries()) {
			await insertExclusionArea(app.db, { name: geometries.length > 1 ? `${name} ${i + 1}` : name, kind, geometry: g, createdBy: locals.user!.id }, app.now());
		}
		return { added: geometries.length };
	},
	remove: async ({ request, locals }) => {
		const { app } = locals;
		const id = Number((await request.formData()).get('id'));
		await deleteExclusionArea(app.db, id);
		return { removed: id };
	}
};
