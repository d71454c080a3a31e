// MapLibre is loaded only where a map is shown (not in the officer's first load). v6 ships as
// ESM with a separate worker that bundlers must be told about (MapLibre v5→v6 migration guide).
let loading: Promise<typeof import('maplibre-gl')> | null = null;

export function loadMapLibre(): Promise<typeof import('maplibre-gl')> {
	loading ??= Promise.all([
		import('maplibre-gl'),
		import('maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url'),
		import('maplibre-gl/dist/maplibre-gl.css')
	]).then(([ml, worker]) => {
		ml.setWorkerUrl((worker as { default: string }).default);
		return ml;
	});
	return loading;
}
