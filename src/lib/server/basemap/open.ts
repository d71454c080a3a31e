// Opens the BASEMAP_TILES file once and again only when it changes on disk (size or modification
// time), so an operator can drop in a newer extract without a restart. Keyed by path: the lead's
// move to event.locals can hold one of these per app instead.
import { open as openFile, stat } from 'node:fs/promises';
import { ArchiveError, detectFormat, type TileArchive } from './archive.ts';
import { openMbtiles } from './mbtiles.ts';
import { openPmtiles } from './pmtiles.ts';

export async function fileVersion(path: string): Promise<string> {
	const s = await stat(path);
	return `${s.size.toString(36)}-${Math.floor(s.mtimeMs).toString(36)}`;
}

export async function openArchive(path: string): Promise<TileArchive> {
	const version = await fileVersion(path).catch((e: Error) => {
		throw new ArchiveError(`cannot read the file (${e.message})`);
	});
	const f = await openFile(path, 'r');
	const head = Buffer.alloc(16);
	try {
		await f.read(head, 0, 16, 0);
	} finally {
		await f.close();
	}
	const format = detectFormat(head);
	if (format === 'mbtiles') return openMbtiles(path, version);
	if (format === 'pmtiles') return openPmtiles(path, version);
	throw new ArchiveError('the file is neither MBTiles (SQLite) nor PMTiles version 3');
}

const opened = new Map<string, { version: string; archive: Promise<TileArchive> }>();

export async function tileArchive(path: string): Promise<TileArchive> {
	const version = await fileVersion(path).catch((e: Error) => {
		throw new ArchiveError(`cannot read the file (${e.message})`);
	});
	const current = opened.get(path);
	if (current?.version === version) return current.archive;
	const archive = openArchive(path);
	opened.set(path, { version, archive });
	// a file that cannot be opened is tried again on the next request, not remembered as broken
	archive.catch(() => opened.get(path)?.archive === archive && opened.delete(path));
	// the old file is closed a minute later: requests still reading it finish first
	if (current) setTimeout(() => void current.archive.then((a) => a.close()).catch(() => {}), 60_000).unref();
	return archive;
}
