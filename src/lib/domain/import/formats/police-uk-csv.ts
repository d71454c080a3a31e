// data.police.uk "street" CSV: Crime ID,Month,Reported by,Falls within,Longitude,Latitude,
// Location,LSOA code,LSOA name,Crime type,Last outcome category,Context (all 12 columns kept).
import type { CsvFormat, RowResult } from '../types.ts';

const COLUMNS = [
	'Crime ID',
	'Month',
	'Reported by',
	'Falls within',
	'Longitude',
	'Latitude',
	'Location',
	'LSOA code',
	'LSOA name',
	'Crime type',
	'Last outcome category',
	'Context'
];

export const POLICE_UK_CATEGORIES = [
	'Anti-social behaviour',
	'Bicycle theft',
	'Burglary',
	'Criminal damage and arson',
	'Drugs',
	'Other crime',
	'Other theft',
	'Possession of weapons',
	'Public order',
	'Robbery',
	'Shoplifting',
	'Theft from the person',
	'Vehicle crime',
	'Violence and sexual offences'
];

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export const policeUkCsv: CsvFormat = {
	name: 'police.uk street CSV',
	matches: (header) => COLUMNS.every((c) => header.includes(c)),
	mapper(header) {
		const at = Object.fromEntries(COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<string, number>;
		const width = header.length;
		return (f, row): RowResult => {
			if (f.length !== width) {
				return { kind: 'rejected', rejection: { row, field: '*', reason: `expected ${width} fields, found ${f.length}` } };
			}
			const month = f[at['Month']].trim();
			if (!MONTH.test(month)) {
				return { kind: 'rejected', rejection: { row, field: 'Month', reason: `"${month}" is not YYYY-MM` } };
			}
			const category = f[at['Crime type']].trim();
			if (category === '') {
				return { kind: 'rejected', rejection: { row, field: 'Crime type', reason: 'empty' } };
			}
			const lonText = f[at['Longitude']].trim();
			const latText = f[at['Latitude']].trim();
			if (lonText === '' && latText === '') return { kind: 'no-location', row };
			const lon = Number(lonText);
			const lat = Number(latText);
			if (lonText === '' || !Number.isFinite(lon) || lon < -180 || lon > 180) {
				return { kind: 'rejected', rejection: { row, field: 'Longitude', reason: `"${lonText}" is not a longitude` } };
			}
			if (latText === '' || !Number.isFinite(lat) || lat < -90 || lat > 90) {
				return { kind: 'rejected', rejection: { row, field: 'Latitude', reason: `"${latText}" is not a latitude` } };
			}
			const text = (c: string) => {
				const v = f[at[c]].trim();
				return v === '' ? null : v;
			};
			return {
				kind: 'record',
				record: {
					source: 'police.uk',
					sourceId: text('Crime ID'),
					month,
					occurredAt: null,
					lon,
					lat,
					category,
					offenceCode: null,
					location: text('Location'),
					lsoaCode: text('LSOA code'),
					lsoaName: text('LSOA name'),
					outcome: text('Last outcome category'),
					context: text('Context')
				}
			};
		};
	}
};
