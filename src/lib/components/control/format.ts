// How the control room writes times: a running timer, "how long ago", "due in", a clock time with
// its day (replay and last doses reach back past midnight).

export function timer(ms: number): string {
	const s = Math.max(0, Math.floor(ms / 1000));
	return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export function minutes(ms: number): string {
	const m = Math.max(0, Math.floor(ms / 60_000));
	return m < 60 ? `${m} min` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

export function due(t: number | null, now: number): string {
	if (t === null) return '';
	return t >= now ? `due in ${minutes(t - now)}` : `${minutes(now - t)} overdue`;
}

export function seconds(ms: number): string {
	const s = Math.max(0, Math.round(ms / 1000));
	return s < 120 ? `${s} s` : minutes(ms);
}

export function clockTime(t: number): string {
	return new Date(t).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
}

export function dayAndTime(t: number): string {
	return new Date(t).toLocaleString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}
