import { error } from '@sveltejs/kit';
import { ArchiveError } from '#lib/server/basemap/archive.ts';
import { tileArchive } from '#lib/server/basemap/open.ts';
import { tileResponse } from '#lib/server/basemap/serve-tile.ts';

export const GET = async ({ params, url, request, locals }) => {
	const tiles = locals.app.config.basemapTiles;
	// no BASEMAP_TILES: the bundled map has no tiles, so every tile is outside its coverage
	if (!tiles) return new Response(null, { status: 204, headers: { 'cache-control': 'private, no-cache' } });
	try {
		return await tileResponse(await tileArchive(tiles.path), params, url, request.headers);
	} catch (e) {
		if (e instanceof ArchiveError) error(500, e.message);
		throw e;
	}
};
