import { error } from '@sveltejs/kit';
import { getCrimeRecord } from '#lib/server/db/queries/crimes.ts';
import { importOrigin } from '#lib/server/db/queries/imports.ts';
import { peopleOfRecord } from '#lib/server/db/queries/persons.ts';
import { audit } from '#lib/server/services/audit.ts';
import { canSeePeople } from '#lib/server/services/dashboard-view.ts';

export const load = async ({ params, locals, url }) => {
	const { app } = locals;
	const user = locals.user!;
	const id = Number(params.id);
	const record = Number.isInteger(id) ? await getCrimeRecord(app.db, id) : undefined;
	if (!record) error(404, `No crime record ${params.id}`);
	let people: { id: number; ref: string; name: string | null; dob: string | null; role: string }[] | null = null;
	if (canSeePeople(user.role)) {
		people = await peopleOfRecord(app.db, id);
		if (people.length)
			await audit(
				app.db,
				{
					actor: { id: user.id, name: user.username },
					operation: 'consultation',
					subject: `crime-record:${id}`,
					detail: { persons: people.map((p) => p.id) }
				},
				app.now()
			);
	}
	const imported = record.importId ? await importOrigin(app.db, record.importId) : undefined;
	return {
		record: {
			id: record.id,
			source: record.source,
			sourceId: record.sourceId,
			month: record.month,
			occurredAt: record.occurredAt,
			category: record.category,
			offenceCode: record.offenceCode,
			location: record.location,
			lsoa: record.lsoa,
			outcome: record.outcome,
			context: record.context,
			harm: record.harm,
			lon: record.lon,
			lat: record.lat
		},
		imported: imported ?? null,
		people,
		back: url.searchParams.get('back') ?? '',
		timezone: app.config.timezone
	};
};
