// Naming a person in a hot spot's briefing: the analyst's deliberate act, audited as a disclosure.
import { DateTime } from 'luxon';
import { hotspotBriefing, setBriefing } from '../db/queries/hotspots.ts';
import { getPerson, personRoleCounts } from '../db/queries/persons.ts';
import { audit } from './audit.ts';
import { canSeePeople, type Viewer } from './dashboard-roles.ts';
import type { ZonedDeps } from './deps.ts';
import { invalidatePublishedHotspots } from './hotspots.ts';

/**
 * An analyst's deliberate act: name a person in a hot spot's briefing, with what the records
 * say of them there. Audited as a disclosure to the officers who read that briefing.
 */
export async function addPersonToBriefing(ctx: ZonedDeps, viewer: Viewer, personId: number, hotspotId: number, note: string): Promise<string> {
	if (!canSeePeople(viewer.role)) throw new BriefingError('only analysts name people in briefings');
	const person = await getPerson(ctx.db, personId);
	if (!person) throw new BriefingError(`no person ${personId}`);
	const hotspot = await hotspotBriefing(ctx.db, hotspotId);
	if (!hotspot) throw new BriefingError(`no hot spot ${hotspotId}`);
	const roles = await personRoleCounts(ctx.db, personId);
	const involvement = roles.map((r) => `${r.role} in ${r.n} record${r.n === 1 ? '' : 's'}`).join(', ');
	const day = DateTime.fromMillis(ctx.now(), { zone: ctx.config.timezone }).toISODate();
	const line = `Person of interest (added by analyst ${viewer.username}, ${day}): ${person.name ?? person.ref} (ref ${person.ref}) — ${involvement}.${note.trim() ? ` ${note.trim().slice(0, 300)}` : ''}`;
	const briefing = hotspot.briefing.trim() ? `${hotspot.briefing.trim()}\n${line}` : line;
	await setBriefing(ctx.db, hotspotId, briefing);
	invalidatePublishedHotspots(ctx.db);
	await audit(
		ctx.db,
		{
			actor: { id: viewer.id, name: viewer.username },
			operation: 'disclosure',
			subject: `person:${person.id}`,
			// by reference only: the line itself (name, involvement, note) stays in the briefing
			detail: { hotspot: hotspot.id, noteCharacters: note.trim().slice(0, 300).length },
			recipients: `officers briefed at hot spot ${hotspot.id}`
		},
		ctx.now()
	);
	return line;
}

export class BriefingError extends Error {}
