import { describe, expect, it } from 'vitest';
import { mappedReader } from './mapped-reader.ts';
import { mappedColumns, MappingError, parseMapping } from './mapping.ts';

const base = { source: 'force', id: 'URN', month: 'Month', lon: 'Lon', lat: 'Lat', category: 'Offence' };

describe('people in a column mapping', () => {
	it('reads roles and their columns, and names what is wrong', () => {
		const m = parseMapping({ ...base, persons: [{ role: 'suspect', ref: 'S', name: 'SN' }, { role: 'victim', ref: 'V' }] });
		expect(m.persons).toEqual([
			{ role: 'suspect', ref: 'S', name: 'SN', dob: undefined },
			{ role: 'victim', ref: 'V', name: undefined, dob: undefined }
		]);
		expect(mappedColumns(m)).toEqual(expect.arrayContaining(['S', 'SN', 'V']));
		expect(() => parseMapping({ ...base, persons: [{ role: 'bystander', ref: 'S' }] })).toThrow(/persons\[0\]\.role: one of suspect, offender, victim, witness/);
		expect(() => parseMapping({ ...base, persons: [{ role: 'victim' }] })).toThrow(/persons\[0\]\.ref/);
		expect(() => parseMapping({ ...base, persons: {} })).toThrow(MappingError);
		const { id: _, ...noId } = base;
		expect(() => parseMapping({ ...noId, persons: [{ role: 'victim', ref: 'V' }] })).toThrow(/needs "id"/);
	});

	it('splits several references in one cell and keeps a name only when it belongs to one person', () => {
		const m = parseMapping({ ...base, persons: [{ role: 'suspect', ref: 'S', name: 'SN' }, { role: 'victim', ref: 'V', name: 'VN' }] });
		const read = mappedReader(m, 'Europe/London');
		const row: Record<string, string> = { URN: 'X1', Month: '2024-03', Lon: '-1.25', Lat: '51.75', Offence: 'Robbery', S: 'P1; P2', SN: 'Two people', V: 'P3', VN: 'Victim Three' };
		const r = read((c) => row[c], 2);
		expect(r.kind).toBe('record');
		if (r.kind !== 'record') return;
		expect(r.record.persons).toEqual([
			{ ref: 'P1', role: 'suspect', name: null, dob: null },
			{ ref: 'P2', role: 'suspect', name: null, dob: null },
			{ ref: 'P3', role: 'victim', name: 'Victim Three', dob: null }
		]);
		const none = read((c) => ({ ...row, S: '', V: ' ' })[c], 3);
		expect(none.kind === 'record' && none.record.persons).toBeUndefined();
	});
});
