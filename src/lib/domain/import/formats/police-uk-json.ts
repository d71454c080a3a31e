// data.police.uk API JSON (e.g. GET /api/crimes-street/all-crime): an array of crimes whose
// category is a slug; slugs map to the category names of the street CSV.
import type { RowResult } from '../types.ts';

export const POLICE_UK_SLUGS: Record<string, string> = {
	'anti-social-behaviour': 'Anti-social behaviour',
	'bicycle-theft': 'Bicycle theft',
	burglary: 'Burglary',
	'criminal-damage-arson': 'Criminal damage and arson',
	drugs: 'Drugs',
	'other-theft': 'Other theft',
	'possession-of-weapons': 'Possession of weapons',
	'public-order': 'Public order',
	robbery: 'Robbery',
	shoplifting: 'Shoplifting',
	'theft-from-the-person': 'Theft from the person',
	'vehicle-crime': 'Vehicle crime',
	'violent-crime': 'Violence and sexual offences',
	'other-crime': 'Other crime',
	// categories police.uk used before May 2013
	'public-disorder-weapons': 'Public order'
};

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export function policeUkJsonRecord(el: unknown, row: number): RowResult {
	if (!el || typeof el !== 'object' || Array.isArray(el)) return { kind: 'rejected', rejection: { row, field: '*', reason: 'not a crime object' } };
	const c = el as Record<string, unknown>;
	const slug = c.category;
	if (typeof slug !== 'string' || !POLICE_UK_SLUGS[slug]) {
		return { kind: 'rejected', rejection: { row, field: 'category', reason: `unknown police.uk category ${JSON.stringify(slug)}` } };
	}
	if (typeof c.month !== 'string' || !MONTH.test(c.month)) {
		return { kind: 'rejected', rejection: { row, field: 'month', reason: `${JSON.stringify(c.month)} is not YYYY-MM` } };
	}
	const loc = c.location as { latitude?: unknown; longitude?: unknown; street?: { name?: unknown } } | null | undefined;
	if (!loc || (loc.latitude == null && loc.longitude == null)) return { kind: 'no-location', row };
	const lat = Number(loc.latitude);
	const lon = Number(loc.longitude);
	if (loc.latitude === '' || !Number.isFinite(lat) || lat < -90 || lat > 90) return { kind: 'rejected', rejection: { row, field: 'location.latitude', reason: `${JSON.stringify(loc.latitude)} is not a latitude` } };
	if (loc.longitude === '' || !Number.isFinite(lon) || lon < -180 || lon > 180) return { kind: 'rejected', rejection: { row, field: 'location.longitude', reason: `${JSON.stringify(loc.longitude)} is not a longitude` } };
	const outcome = c.outcome_status as { category?: unknown } | null | undefined;
	const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
	return {
		kind: 'record',
		record: {
			source: 'police.uk',
			// persistent_id is the street CSV's Crime ID, so CSV and API imports upsert one another
			sourceId: text(c.persistent_id),
			month: c.month,
			occurredAt: null,
			lon,
			lat,
			category: POLICE_UK_SLUGS[slug],
			offenceCode: null,
			location: text(loc.street?.name),
			lsoaCode: null,
			lsoaName: null,
			outcome: text(outcome?.category),
			context: text(c.context)
		}
	};
}
