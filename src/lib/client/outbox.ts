// The phone's outbox: every fix and activity gets a uuid on the phone and stays in IndexedDB
// until the server acks it after commit. The per-id ack decides what leaves: accepted and
// duplicates (already stored) leave; rejected ones leave too, with their reason kept for display,
// because resending a fix the server refused can never succeed.

export type OutboxKind = 'fix' | 'activity';

export interface OutboxItem {
	id: string;
	kind: OutboxKind;
	payload: Record<string, unknown>;
	queuedAt: number;
}

const DB = 'hotspot-patrol';
const STORE = 'outbox';

function request<T>(r: IDBRequest<T>): Promise<T> {
	return new Promise((resolve, reject) => {
		r.onsuccess = () => resolve(r.result);
		r.onerror = () => reject(r.error);
	});
}

export class Outbox {
	private db: Promise<IDBDatabase> | null = null;

	private open(): Promise<IDBDatabase> {
		this.db ??= new Promise((resolve, reject) => {
			const r = indexedDB.open(DB, 1);
			r.onupgradeneeded = () => {
				const store = r.result.createObjectStore(STORE, { keyPath: 'id' });
				store.createIndex('kind', 'kind');
			};
			r.onsuccess = () => resolve(r.result);
			r.onerror = () => reject(r.error);
		});
		return this.db;
	}

	async put(items: OutboxItem[]): Promise<void> {
		const db = await this.open();
		const tx = db.transaction(STORE, 'readwrite');
		for (const item of items) tx.objectStore(STORE).put(item);
		await new Promise<void>((resolve, reject) => {
			tx.oncomplete = () => resolve();
			tx.onerror = () => reject(tx.error);
		});
	}

	/** The oldest items of a kind, in the order they were queued. */
	async take(kind: OutboxKind, limit: number): Promise<OutboxItem[]> {
		const db = await this.open();
		const all = await request(db.transaction(STORE).objectStore(STORE).index('kind').getAll(kind));
		return (all as OutboxItem[]).sort((a, b) => a.queuedAt - b.queuedAt).slice(0, limit);
	}

	async remove(ids: string[]): Promise<void> {
		if (ids.length === 0) return;
		const db = await this.open();
		const tx = db.transaction(STORE, 'readwrite');
		for (const id of ids) tx.objectStore(STORE).delete(id);
		await new Promise<void>((resolve, reject) => {
			tx.oncomplete = () => resolve();
			tx.onerror = () => reject(tx.error);
		});
	}

	async count(): Promise<number> {
		const db = await this.open();
		return request(db.transaction(STORE).objectStore(STORE).count());
	}
}
