// The officer's activity log: what they did at the hot spot. Led by non-enforcement tactics —
// visible presence and engagement, which the hot spots evidence credits with most of the effect
// (Braga et al. 2019; College of Policing hot spots guidance) — then enforcement, then a note.
// A force replaces the list with ACTIVITY_CHECKLIST (a JSON file of the same shape).

export interface ChecklistItem {
	id: string;
	label: string;
	kind: 'engagement' | 'enforcement';
}

export const DEFAULT_CHECKLIST: ChecklistItem[] = [
	{ id: 'visible-presence', label: 'Visible presence', kind: 'engagement' },
	{ id: 'spoke-residents', label: 'Spoke with residents', kind: 'engagement' },
	{ id: 'spoke-businesses', label: 'Spoke with businesses or door staff', kind: 'engagement' },
	{ id: 'checked-premises', label: 'Checked premises', kind: 'engagement' },
	{ id: 'safeguarding', label: 'Safeguarding or welfare check', kind: 'engagement' },
	{ id: 'environment', label: 'Reported lighting, litter or damage', kind: 'engagement' },
	{ id: 'stop-account', label: 'Stop and account', kind: 'enforcement' },
	{ id: 'stop-search', label: 'Stop and search', kind: 'enforcement' },
	{ id: 'arrest', label: 'Arrest', kind: 'enforcement' },
	{ id: 'intelligence', label: 'Intelligence submitted', kind: 'enforcement' }
];

export function parseChecklist(raw: unknown): ChecklistItem[] {
	if (!Array.isArray(raw) || raw.length === 0) throw new Error('the checklist must be a non-empty JSON array');
	return raw.map((x, i) => {
		const item = x as Partial<ChecklistItem>;
		if (typeof item.id !== 'string' || !/^[a-z0-9-]{2,40}$/.test(item.id)) throw new Error(`item ${i + 1}: id must be 2–40 lower-case letters, digits or dashes`);
		if (typeof item.label !== 'string' || !item.label.trim()) throw new Error(`item ${i + 1}: label is required`);
		if (item.kind !== 'engagement' && item.kind !== 'enforcement') throw new Error(`item ${i + 1}: kind must be engagement or enforcement`);
		return { id: item.id, label: item.label.trim(), kind: item.kind };
	});
}
