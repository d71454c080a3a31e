// Services own their transactions but build no SQL: they open one here and hand the transaction
// to query functions, which take any Db (STYLE habit 3). Inside a transaction already, the work
// joins it, so a service can be composed into a caller's transaction.
import type { Db } from './schema.ts';

export function inTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
	return db.isTransaction ? work(db) : db.transaction().execute(work);
}
