import { describe, expect, it } from 'vitest';
import { passwordProblem, usernameProblem } from './password-rules.ts';

describe('passwordProblem', () => {
	it('takes a long enough password that is not the username or the temporary one', () => {
		expect(passwordProblem('correct horse battery', 'pc-ada', 'Tmp-1234-abcd')).toBeNull();
	});
	it('names what is wrong', () => {
		expect(passwordProblem('short', 'pc-ada')).toBe('new password: at least 10 characters (this has 5)');
		expect(passwordProblem('PC-ADA-1234'.slice(0, 11), 'pc-ada-1234')).toBe('new password: not your username');
		expect(passwordProblem('Tmp-1234-abcd', 'pc-ada', 'Tmp-1234-abcd')).toBe('new password: not the temporary one you were given');
		expect(passwordProblem('aaaaaaaaaaaa', 'pc-ada')).toBe('new password: not one character repeated');
		expect(passwordProblem('x'.repeat(199) + 'y!', 'pc-ada')).toBe('new password: at most 200 characters');
	});
});

describe('usernameProblem', () => {
	it('takes letters, digits, dot, dash and underscore', () => {
		expect(usernameProblem('pc.ada_1-b')).toBeNull();
		expect(usernameProblem('a b')).toMatch(/^username "a b": 2–64/);
		expect(usernameProblem('x')).not.toBeNull();
	});
});
