import { error } from '@sveltejs/kit';

export const load = async ({ params, parent }) => {
	const { hotspots } = await parent();
	const hotspot = hotspots.find((h) => h.id === Number(params.id));
	if (!hotspot) error(404, 'That hot spot is not in the published set.');
	return { hotspot };
};
