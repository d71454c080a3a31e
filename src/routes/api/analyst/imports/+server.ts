// Upload of one crime file: the body is streamed to a temporary file (never held in memory),
// then imported whole or not at all. The page polls /api/analyst/imports/progress/<job>.
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { error, json } from '@sveltejs/kit';
import { mappingText } from '#lib/server/db/queries/import-mappings.ts';
import { MappingError, parseMapping } from '#lib/domain/import/formats/mapping.ts';
import { uploadName } from '#lib/server/import/upload-name.ts';
import { importFile } from '#lib/server/services/imports.ts';

const JOB = /^[A-Za-z0-9-]{8,64}$/;

export const POST = async ({ request, url, locals }) => {
	const { app } = locals;
	const named = uploadName(url.searchParams.get('file'));
	if (!named.ok) error(400, named.reason);
	const name = named.name;
	const job = url.searchParams.get('job') ?? '';
	if (!JOB.test(job)) error(400, 'job: a uuid made by the page');
	let mapping = null;
	const mappingId = url.searchParams.get('mapping');
	if (mappingId) {
		const text = /^\d{1,9}$/.test(mappingId) ? await mappingText(app.db, Number(mappingId)) : undefined;
		if (text === undefined) error(400, `mapping ${mappingId.slice(0, 20)} does not exist`);
		try {
			mapping = parseMapping(JSON.parse(text));
		} catch (e) {
			// a mapping saved before a rule was added (e.g. "crs" for non-British easting/northing)
			if (e instanceof MappingError) error(400, `${e.message}; correct the saved mapping on the import page`);
			throw e;
		}
	}
	if (!request.body) error(400, 'the request has no file');
	const dir = await mkdtemp(join(tmpdir(), 'hp-upload-'));
	const path = join(dir, name);
	try {
		const total = Number(request.headers.get('content-length') ?? 0);
		app.jobs.set(job, { stage: 'uploading', done: 0, total });
		await pipeline(Readable.fromWeb(request.body as import('node:stream/web').ReadableStream), createWriteStream(path));
		const report = await importFile(app.db, path, {
			now: app.now(),
			userId: locals.user!.id,
			actor: { id: locals.user!.id, name: locals.user!.username },
			mapping,
			tz: url.searchParams.get('tz') ?? undefined,
			fileName: name,
			onProgress: (done, all) => app.jobs.set(job, { stage: 'reading', done, total: all })
		});
		app.jobs.set(job, { stage: report.status === 'failed' ? 'failed' : 'done', done: 1, total: 1 });
		return json(report, { status: report.status === 'failed' ? 422 : 200 });
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
};
