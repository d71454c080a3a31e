// One activity an officer's phone reports (what they did at a hot spot): shape, and a time in the
// same plausible window as a usable fix — an activity from more than a week before it arrived, or
// more than a day ahead, is a broken clock (t = 1e15 is the year 33658), not a record. Whether the
// hot spot exists is the service's question: it needs the database.
import { describeValue, isId } from './payload-guard.ts';
import { FIX_RULES, FIX_T_RANGE } from './presence/fix.ts';

export const ACTIVITY_RULES = { maxNote: 2000, maxPerReport: 200 } as const;

export interface ActivityInput {
	id: string;
	t: number;
	kind: string;
	hotspot: number | null;
	note: string | null;
}

export type ActivityCheck = { ok: true; activity: ActivityInput } | { ok: false; id: string | null; error: string };

const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{7,63}$/;
const KIND = /^[a-z0-9-]{2,40}$/;

export function parseActivity(raw: unknown, receivedAt: number): ActivityCheck {
	if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, id: null, error: `an activity must be an object { id, t, kind, hotspot?, note? }, got ${describeValue(raw)}` };
	const a = raw as Record<string, unknown>;
	const id = typeof a.id === 'string' && ID.test(a.id) ? a.id : null;
	const refuse = (error: string): ActivityCheck => ({ ok: false, id, error });
	if (!id) return refuse(`id: must be a uuid from the device, got ${describeValue(a.id)}`);
	const t = a.t;
	if (typeof t !== 'number' || !Number.isInteger(t) || t < FIX_T_RANGE[0] || t > FIX_T_RANGE[1]) return refuse(`t: device time in epoch milliseconds, got ${describeValue(t)}`);
	if (t > receivedAt + FIX_RULES.maxFutureMs) return refuse(`t: more than ${FIX_RULES.maxFutureMs / 3600_000} h ahead of the server's clock; check the phone's date and time`);
	if (t < receivedAt - FIX_RULES.maxAgeMs) return refuse(`t: more than ${FIX_RULES.maxAgeMs / 86_400_000} days before it reached the server`);
	if (typeof a.kind !== 'string' || !KIND.test(a.kind)) return refuse(`kind: a checklist item id such as "visible-presence", got ${describeValue(a.kind)}`);
	if (a.note != null && (typeof a.note !== 'string' || a.note.length > ACTIVITY_RULES.maxNote)) return refuse(`note: text of at most ${ACTIVITY_RULES.maxNote} characters, got ${describeValue(a.note)}`);
	if (a.hotspot != null && !isId(a.hotspot)) return refuse(`hotspot: a hot spot id, got ${describeValue(a.hotspot)}`);
	return { ok: true, activity: { id, t, kind: a.kind, hotspot: (a.hotspot as number | null | undefined) ?? null, note: (a.note as string | null | undefined) ?? null } };
}
