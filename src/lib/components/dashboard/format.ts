// Numbers, changes and dates as the dashboard shows them: en-GB, in the force's time zone.

export const fmt = (n: number) => Math.round(n).toLocaleString('en-GB');

/** The change on the period before, e.g. "+12 %"; null when there is no period before. */
export function change(now: number, before: number | undefined): string | null {
	if (before === undefined) return null;
	if (before === 0) return now === 0 ? '0 %' : 'new';
	const c = Math.round(((now - before) / before) * 100);
	return `${c > 0 ? '+' : ''}${c} %`;
}

/** A record's latest date and type: the day when it has a time, else its month. */
export function latestText(l: { at: number; timed: boolean; category: string }, timeZone: string): string {
	return `${l.timed ? new Date(l.at).toLocaleDateString('en-GB', { timeZone }) : new Date(l.at).toISOString().slice(0, 7)} · ${l.category}`;
}
