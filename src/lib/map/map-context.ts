import { getContext, setContext } from 'svelte';
import type { Map as MapLibreMap } from 'maplibre-gl';

/** The map is created on mount; layers wait for it through this box. */
export interface MapBox {
	map: MapLibreMap | null;
	ready: boolean;
}

const KEY = Symbol('map');
export const provideMap = (box: MapBox) => setContext(KEY, box);
export const useMap = () => getContext<MapBox>(KEY);
