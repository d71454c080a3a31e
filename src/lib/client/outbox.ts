// The phone's outbox: every fix and activity gets a uuid on the phone and stays in IndexedDB
// until the server acks it after commit. The per-id ack decides what leaves: accepted and
// duplicates (already stored) leave; rejected ones leave too, with their reason shown to the officer,
// because resending a fix the server refused can never succeed.
import type { OutboxEntry, OutboxKind } from '../realtime/contract.ts';

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

	async put<K extends OutboxKind>(entry: OutboxEntry<K>): Promise<void> {
		const db = await this.open();
		const tx = db.transaction(STORE, 'readwrite');
		tx.objectStore(STORE).put(entry);
		await new Promise<void>((resolve, reject) => {
			tx.oncomplete = () => resolve();
			tx.onerror = () => reject(tx.error);
		});
	}

	/** The oldest items of a kind that may be sent at `now` (not held for undo), in the order they were queued. */
	async take<K extends OutboxKind>(kind: K, limit: number, now: number): Promise<OutboxEntry<K>[]> {
		const db = await this.open();
		// the 'kind' index holds only entries of this kind, as put() stored them
		const all = await request(db.transaction(STORE).objectStore(STORE).index('kind').getAll(kind));
		return (all as OutboxEntry<K>[])
			.filter((e) => (e.notBefore ?? 0) <= now)
			.sort((a, b) => a.queuedAt - b.queuedAt)
			.slice(0, limit);
	}

	/** Removes an item still held on the phone; false when it has already left (or never was). */
	async withdraw(id: string, now: number): Promise<boolean> {
		const db = await this.open();
		const tx = db.transaction(STORE, 'readwrite');
		const store = tx.objectStore(STORE);
		const entry = (await request(store.get(id))) as OutboxEntry | undefined;
		const held = entry !== undefined && (entry.notBefore ?? 0) > now;
		if (held) store.delete(id);
		await new Promise<void>((resolve, reject) => {
			tx.oncomplete = () => resolve();
			tx.onerror = () => reject(tx.error);
		});
		return held;
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
