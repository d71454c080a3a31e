// Hot spots as the GeoJSON of docs/hotspots.md (Output): Polygon features with id, rank, crimes,
// harm, z, p (FDR-corrected), windows and why; the run's parameters and concentration as foreign
// members.
import type { DetectOptions, DetectResult } from './detect.ts';

export function toGeoJSON(result: DetectResult, options: Partial<DetectOptions>) {
	return {
		type: 'FeatureCollection' as const,
		parameters: { ...options, area: options.area ? 'given' : 'convex hull of the records', exclusions: options.exclusions?.length ?? 0 },
		study: result.study,
		concentration: { at: result.concentration.at, places: result.concentration.places, half: result.concentration.half, any: result.concentration.any },
		features: result.hotspots.map((h) => ({
			type: 'Feature' as const,
			id: h.key,
			geometry: { type: 'Polygon' as const, coordinates: h.polygon },
			properties: {
				id: h.key,
				rank: h.rank,
				name: h.name,
				crimes: h.crimes,
				harm: h.harm,
				z: h.z,
				p: h.p,
				windows: h.windows,
				why: h.why
			}
		}))
	};
}
