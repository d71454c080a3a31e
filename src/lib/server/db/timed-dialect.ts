// Times every transaction from BEGIN to COMMIT or ROLLBACK, whichever service opened it, by
// wrapping the dialect's driver: Kysely's plugins see queries, not transaction boundaries.
import type { DatabaseConnection, Dialect, Driver } from 'kysely';

export type TransactionObserver = (seconds: number, outcome: 'commit' | 'rollback') => void;

export function timedDialect(dialect: Dialect, observe: TransactionObserver): Dialect {
	return {
		createAdapter: () => dialect.createAdapter(),
		createQueryCompiler: () => dialect.createQueryCompiler(),
		createIntrospector: (db) => dialect.createIntrospector(db),
		createDriver: () => timedDriver(dialect.createDriver(), observe)
	};
}

function timedDriver(d: Driver, observe: TransactionObserver): Driver {
	const started = new WeakMap<DatabaseConnection, number>();
	const end = (c: DatabaseConnection, outcome: 'commit' | 'rollback') => {
		const t = started.get(c);
		if (t === undefined) return;
		started.delete(c);
		observe((performance.now() - t) / 1000, outcome);
	};
	// bound, not inherited: drivers keep private fields that only their own instance may touch
	const timed: Driver = {
		init: (o) => d.init(o),
		acquireConnection: (o) => d.acquireConnection(o),
		releaseConnection: (c, o) => d.releaseConnection(c, o),
		destroy: (o) => d.destroy(o),
		async beginTransaction(c, settings) {
			started.set(c, performance.now());
			await d.beginTransaction(c, settings);
		},
		async commitTransaction(c) {
			try {
				await d.commitTransaction(c);
			} finally {
				end(c, 'commit');
			}
		},
		async rollbackTransaction(c) {
			try {
				await d.rollbackTransaction(c);
			} finally {
				end(c, 'rollback');
			}
		}
	};
	if (d.savepoint) timed.savepoint = d.savepoint.bind(d);
	if (d.rollbackToSavepoint) timed.rollbackToSavepoint = d.rollbackToSavepoint.bind(d);
	if (d.releaseSavepoint) timed.releaseSavepoint = d.releaseSavepoint.bind(d);
	return timed;
}
