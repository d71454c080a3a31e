// Screen Wake Lock keeps the page (and so its reporting) alive while patrolling.
export class ScreenAwake {
	private lock: WakeLockSentinel | null = null;

	async hold(): Promise<void> {
		try {
			if (this.lock && !this.lock.released) return;
			this.lock = (await navigator.wakeLock?.request('screen')) ?? null;
		} catch {
			// refused (battery saver, no user gesture): the paused-tracking notice covers it
		}
	}

	release(): void {
		void this.lock?.release();
		this.lock = null;
	}
}
