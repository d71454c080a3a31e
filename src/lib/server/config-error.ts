// What config.ts and the parts of the configuration it reads through other files share: the
// environment's shape and the error that names a bad variable and its value.
export type Env = Record<string, string | undefined>;

export class ConfigError extends Error {
	constructor(variable: string, value: string | undefined, reason: string) {
		super(`${variable}=${JSON.stringify(value ?? '')}: ${reason}`);
		this.name = 'ConfigError';
	}
}
