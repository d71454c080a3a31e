import { describe, expect, it } from 'vitest';
import { uploadName } from './upload-name.ts';

describe('upload names', () => {
	it('takes a file name and refuses paths, control characters, empty and overlong names with a reason', () => {
		expect(uploadName('2024-01-thames-valley-street.csv')).toEqual({ ok: true, name: '2024-01-thames-valley-street.csv' });
		expect(uploadName('Café données 2024.csv.gz')).toEqual({ ok: true, name: 'Café données 2024.csv.gz' });
		expect(uploadName(null)).toEqual({ ok: true, name: 'upload' });
		expect(uploadName('../../x')).toEqual({ ok: false, reason: expect.stringMatching(/^file: a file name, not a path/) });
		expect(uploadName('..')).toMatchObject({ ok: false });
		expect(uploadName('a\\b.csv')).toMatchObject({ ok: false });
		expect(uploadName('x\u0000.csv')).toEqual({ ok: false, reason: 'file: the name has a control character at position 2' });
		expect(uploadName('a\nb')).toMatchObject({ ok: false });
		expect(uploadName('x'.repeat(10_240))).toEqual({ ok: false, reason: 'file: the name is 10240 bytes long; at most 255' });
		expect(uploadName('  ')).toEqual({ ok: false, reason: 'file: the name is empty' });
	});
});
