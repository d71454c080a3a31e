// What services are handed: each takes the smallest of these that covers what it uses, never the
// whole App. The App (app.ts) satisfies every one of them, so a route passes `locals.app` and a
// test passes what it built; a service's signature says what it can touch.
import type { Bus } from '../bus.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/schema.ts';

/** the database and the clock: reads, writes and audit rows */
export interface DbDeps {
	db: Db;
	now: () => number;
}

/** …and the bus, for services that tell the other parts (and nodes) what changed */
export interface BusDeps extends DbDeps {
	bus: Bus;
}

/** …and the force's time zone, for services that count local days and weeks */
export interface ZonedDeps extends DbDeps {
	config: Pick<Config, 'timezone'>;
}
