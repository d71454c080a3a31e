// Upload of one crime file: the body is streamed to a temporary file (never held in memory),
// then imported whole or not at all. The page polls /api/analyst/imports/progress/<job>.
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { error, json } from '@sveltejs/kit';
import { getContext } from '#lib/server/context.ts';
import { parseMapping } from '#lib/server/import/formats/mapping.ts';
import { importFile } from '#lib/server/services/imports.ts';

const JOB = /^[A-Za-z0-9-]{8,64}$/;

export const POST = async ({ request, url, locals }) => {
	const ctx = getContext();
	const name = (url.searchParams.get('file') ?? 'upload').replace(/[^\w.\- ]/g, '_').slice(0, 120);
	const job = url.searchParams.get('job') ?? '';
	if (!JOB.test(job)) error(400, 'job: a uuid made by the page');
	let mapping = null;
	const mappingId = url.searchParams.get('mapping');
	if (mappingId) {
		const row = await ctx.db.selectFrom('import_mappings').select('mapping').where('id', '=', Number(mappingId)).executeTakeFirst();
		if (!row) error(400, `mapping ${mappingId} does not exist`);
		mapping = parseMapping(JSON.parse(row.mapping));
	}
	if (!request.body) error(400, 'the request has no file');
	const dir = await mkdtemp(join(tmpdir(), 'hp-upload-'));
	const path = join(dir, name);
	try {
		const total = Number(request.headers.get('content-length') ?? 0);
		ctx.jobs.set(job, { stage: 'uploading', done: 0, total });
		await pipeline(Readable.fromWeb(request.body as import('node:stream/web').ReadableStream), createWriteStream(path));
		const report = await importFile(ctx.db, path, {
			now: ctx.now(),
			userId: locals.user!.id,
			actor: { id: locals.user!.id, name: locals.user!.username },
			mapping,
			tz: url.searchParams.get('tz') ?? undefined,
			fileName: name,
			onProgress: (done, all) => ctx.jobs.set(job, { stage: 'reading', done, total: all })
		});
		ctx.jobs.set(job, { stage: report.status === 'failed' ? 'failed' : 'done', done: 1, total: 1 });
		return json(report, { status: report.status === 'failed' ? 422 : 200 });
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
};
