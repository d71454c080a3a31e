// What a password a person chooses must be. Length over composition rules, as the NCSC advises
// (Password policy: updating your approach, 2018): composition rules make passwords predictable,
// length makes them strong. Passwords set by the command line (the demo's, the seed's) are not
// held to this; only one a person chooses at login is.

export const MIN_PASSWORD_LENGTH = 10;

/** Why this password will not do, or null when it will. */
export function passwordProblem(password: string, username: string, temporary: string | null = null): string | null {
	if (password.length < MIN_PASSWORD_LENGTH) return `new password: at least ${MIN_PASSWORD_LENGTH} characters (this has ${password.length})`;
	if (password.length > 200) return 'new password: at most 200 characters';
	if (password.toLowerCase() === username.toLowerCase()) return 'new password: not your username';
	if (temporary !== null && password === temporary) return 'new password: not the temporary one you were given';
	if (/^(.)\1*$/.test(password)) return 'new password: not one character repeated';
	return null;
}

/** A username as the login form takes it. */
export function usernameProblem(username: string): string | null {
	return /^[A-Za-z0-9._-]{2,64}$/.test(username) ? null : `username "${username}": 2–64 letters, digits, dot, dash or underscore`;
}
