// The phone's compass heading, so the direction arrow turns with the phone. iOS gives
// webkitCompassHeading; Android gives an absolute orientation whose alpha runs the other way.
export class Compass {
	heading = $state<number | null>(null);
	private listener = (e: DeviceOrientationEvent & { webkitCompassHeading?: number }) => {
		if (typeof e.webkitCompassHeading === 'number') this.heading = e.webkitCompassHeading;
		else if (e.absolute && typeof e.alpha === 'number') this.heading = (360 - e.alpha) % 360;
	};

	start(): () => void {
		if (typeof window === 'undefined' || !('DeviceOrientationEvent' in window)) return () => {};
		window.addEventListener('deviceorientationabsolute', this.listener as EventListener);
		window.addEventListener('deviceorientation', this.listener as EventListener);
		return () => {
			window.removeEventListener('deviceorientationabsolute', this.listener as EventListener);
			window.removeEventListener('deviceorientation', this.listener as EventListener);
		};
	}

	/** iOS asks for permission, and only from a tap. */
	async ask(): Promise<void> {
		const D = DeviceOrientationEvent as unknown as { requestPermission?: () => Promise<string> };
		if (typeof D.requestPermission === 'function') await D.requestPermission().catch(() => {});
	}
}
