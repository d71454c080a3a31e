// The identity of a reading of a file, so that a file re-imported through a corrected mapping is
// read again while the same file through the same mapping adds nothing.
import { createHash } from 'node:crypto';

/**
 * What makes two readings of one file different: the mapping (its name aside) and, when the
 * mapping leaves the zone to the importer, the zone. '' without a mapping, so police.uk files
 * stay de-duplicated whatever --tz says (their rows carry months, not times).
 */
export function mappingKey(mapping: { name?: string; datetime?: { tz?: string } } | null, tz: string | undefined): string {
	if (!mapping) return '';
	const { name: _, ...rest } = mapping;
	const usesTz = !!mapping.datetime && !mapping.datetime.tz;
	return createHash('sha256')
		.update(canonical({ mapping: rest, tz: usesTz ? (tz ?? 'Europe/London') : null }))
		.digest('hex');
}

function canonical(v: unknown): string {
	if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
	if (v && typeof v === 'object') {
		const entries = Object.entries(v).filter(([, x]) => x !== undefined).sort(([a], [b]) => (a < b ? -1 : 1));
		return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(',')}}`;
	}
	return JSON.stringify(v);
}
