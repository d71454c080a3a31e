import { error, json } from '@sveltejs/kit';
import { basemapStyleResponse } from '#lib/server/basemap/served-style.ts';

export const GET = async ({ url, locals }) => {
	const theme = url.searchParams.get('theme') ?? 'day';
	if (theme !== 'day' && theme !== 'night') error(400, `theme is day or night, not ${theme}`);
	const style = await basemapStyleResponse(locals.app.config.basemapTiles?.path, theme);
	return json(style, { headers: { 'cache-control': 'private, no-cache' } });
};
