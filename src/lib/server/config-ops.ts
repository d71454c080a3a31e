// What a force's operations team sets: the log level, the metrics token and the proxies whose
// X-Forwarded-For is believed (README: Running it for a force).
import { isIP } from 'node:net';
import { ConfigError, type Env } from './config-error.ts';
import { LOG_LEVELS, type LogLevel } from './log.ts';

export interface OpsConfig {
	/** LOG_LEVEL: fatal, error, warn, info (default), debug, trace or silent */
	logLevel: LogLevel;
	/** METRICS_TOKEN: the bearer token /metrics asks for; unset, /metrics is off (404) */
	metricsToken: string | undefined;
	/** TRUST_PROXY: addresses of the reverse proxies whose X-Forwarded-For names the client */
	trustProxy: string[];
}

export function parseOps(env: Env): OpsConfig {
	const level = (env.LOG_LEVEL || 'info').toLowerCase();
	if (!(LOG_LEVELS as readonly string[]).includes(level)) throw new ConfigError('LOG_LEVEL', env.LOG_LEVEL, `expected one of ${LOG_LEVELS.join(', ')}`);
	const token = env.METRICS_TOKEN || undefined;
	// a secret: the message names the variable and what is wrong, never the value
	if (token !== undefined && token.length < 16) throw new ConfigError('METRICS_TOKEN', '(hidden)', `expected at least 16 characters, got ${token.length}`);
	const trustProxy = (env.TRUST_PROXY ?? '')
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean)
		.map((s) => (s === 'loopback' ? ['127.0.0.1', '::1'] : [s]))
		.flat();
	for (const a of trustProxy) if (!isIP(a)) throw new ConfigError('TRUST_PROXY', env.TRUST_PROXY, `"${a}" is not an IP address (list the proxies' addresses, or "loopback")`);
	return { logLevel: level as LogLevel, metricsToken: token, trustProxy };
}
