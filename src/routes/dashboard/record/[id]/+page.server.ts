import { error } from '@sveltejs/kit';
import { audit } from '#lib/server/services/audit.ts';
import { canSeePeople } from '#lib/server/services/dashboard-view.ts';

export const load = async ({ params, locals, url }) => {
	const { app } = locals;
	const user = locals.user!;
	const id = Number(params.id);
	const record = Number.isInteger(id) ? await app.db.selectFrom('crime_records').selectAll().where('id', '=', id).executeTakeFirst() : undefined;
	if (!record) error(404, `No crime record ${params.id}`);
	let people: { id: number; ref: string; name: string | null; dob: string | null; role: string }[] | null = null;
	if (canSeePeople(user.role)) {
		people = await app.db
			.selectFrom('crime_persons')
			.innerJoin('persons', 'persons.id', 'crime_persons.person_id')
			.select(['persons.id', 'persons.ref', 'persons.name', 'persons.dob', 'crime_persons.role'])
			.where('crime_persons.crime_id', '=', id)
			.orderBy('crime_persons.role')
			.execute();
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
	const imported = record.import_id ? await app.db.selectFrom('imports').select(['file_name', 'format']).where('id', '=', record.import_id).executeTakeFirst() : undefined;
	return {
		record: {
			id: record.id,
			source: record.source,
			sourceId: record.source_id,
			month: record.month,
			occurredAt: record.occurred_at === null ? null : Number(record.occurred_at),
			category: record.category,
			offenceCode: record.offence_code,
			location: record.location,
			lsoa: record.lsoa_name,
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
