// Removing an import: its records go, with their links to people and the people no other record
// names; every node's dashboard cache reloads (the crime version moves); the erasure is audited
// with counts only.
import { deleteImport, getImportStatus } from '../db/queries/imports.ts';
import type { Db } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { audit } from './audit.ts';
import { bumpCrimeVersion } from '../db/queries/crimes.ts';

export interface RemovedImport {
	importId: number;
	file: string;
	records: number;
	links: number;
	persons: number;
}

export async function removeImport(db: Db, importId: number, opts: { now: number; actor: { id: number | null; name: string } }): Promise<RemovedImport | null> {
	const done = await inTransaction(db, async (tx) => {
		const row = await getImportStatus(tx, importId);
		if (!row || row.status !== 'done') return null;
		const counts = await deleteImport(tx, importId);
		await bumpCrimeVersion(tx);
		return { importId, file: row.fileName, ...counts };
	});
	if (done) {
		await audit(db, { actor: opts.actor, operation: 'erasure', subject: `import:${importId}`, detail: { records: done.records, links: done.links, persons: done.persons } }, opts.now);
	}
	return done;
}
