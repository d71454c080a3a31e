// The control room's time slider: the last 12 hours of officers and hot spot states, replayed
// with the same pure coverage function the live view uses.
import { coverage } from '../domain/coverage/state.ts';
import type { Window } from '../domain/hotspots/types.ts';
import type { HotspotState, ReplayPayload } from '../realtime/contract.ts';

export class ReplayState {
	data = $state<ReplayPayload | null>(null);
	time = $state(0);
	playing = $state(false);
	loading = $state(false);
	error = $state<string | null>(null);
	private timer: ReturnType<typeof setInterval> | null = null;

	async open(hours = 12): Promise<void> {
		this.loading = true;
		this.error = null;
		try {
			const res = await fetch(`/api/control/replay?hours=${hours}`);
			if (!res.ok) throw new Error(`HTTP ${res.status}`);
			this.data = await res.json();
			this.time = this.data!.from;
		} catch (e) {
			this.error = `Could not load the replay: ${(e as Error).message}`;
		} finally {
			this.loading = false;
		}
	}

	close(): void {
		this.pause();
		this.data = null;
	}

	/** 60× real time: twelve hours in twelve minutes. */
	play(speed = 60): void {
		this.pause();
		this.playing = true;
		this.timer = setInterval(() => {
			if (!this.data) return this.pause();
			this.time = Math.min(this.data.to, this.time + speed * 250);
			if (this.time >= this.data.to) this.pause();
		}, 250);
	}

	pause(): void {
		if (this.timer) clearInterval(this.timer);
		this.timer = null;
		this.playing = false;
	}

	/** Each officer's last known position at the slider's time (not shown before their first). */
	officersAt(t: number): { officer: number; callsign: string; lon: number; lat: number }[] {
		if (!this.data) return [];
		const out = [];
		for (const o of this.data.officers) {
			let lo = 0;
			let hi = o.track.length - 1;
			if (hi < 0 || o.track[0][0] > t) continue;
			while (lo < hi) {
				const mid = (lo + hi + 1) >> 1;
				if (o.track[mid][0] <= t) lo = mid;
				else hi = mid - 1;
			}
			// an officer last seen more than 15 minutes before is not shown as still there
			if (t - o.track[lo][0] > 15 * 60_000) continue;
			out.push({ officer: o.officer, callsign: o.callsign, lon: o.track[lo][1], lat: o.track[lo][2] });
		}
		return out;
	}

	stateAt(hotspot: number, windows: Window[], t: number): HotspotState {
		if (!this.data) return 'not-live';
		let lastDoseAt: number | null = null;
		let present = 0;
		for (const v of this.data.visits) {
			if (v.hotspot !== hotspot) continue;
			if (v.dose && v.end <= t && (lastDoseAt === null || v.end > lastDoseAt)) lastDoseAt = v.end;
			if (v.start <= t && t <= v.end) present++;
		}
		return coverage({ windows, targetMs: this.data.targetMs, lastDoseAt, present }, t).state;
	}
}
