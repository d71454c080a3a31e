// The one bridge between two module instances of the same code: the entry (src/server.ts, the
// Vite dev plugin) loads the app's modules through Node, while SvelteKit's server bundle carries
// its own copies. The entry provides the App it built; hooks.server.ts's init takes it from here.
// A symbol on globalThis is the only thing both instances share; nothing else may read it.
import type { App } from './app.ts';

const KEY = Symbol.for('hotspot-patrol.app');

type Holder = typeof globalThis & { [KEY]?: App };

/** The entry hands over the App it built (undefined when it has closed it). */
export function provideApp(app: App | undefined): void {
	(globalThis as Holder)[KEY] = app;
}

/** The App an entry provided, if any (none when the build runs directly as `node build`). */
export function providedApp(): App | undefined {
	return (globalThis as Holder)[KEY];
}
