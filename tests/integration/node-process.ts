// One app node as its own process (for tests that kill -9 a node): the realtime server and
// services on PORT, configured from the environment like production. Prints "ready" when listening.
import { createServer } from 'node:http';
import { startApp } from '../../src/lib/server/start.ts';

const server = createServer();
const app = await startApp(server, { ...process.env, HOST: '127.0.0.1' });
await new Promise<void>((resolve) => server.listen(Number(process.env.PORT), '127.0.0.1', resolve));
console.log('ready');
process.on('SIGTERM', () => {
	void app.close().finally(() => process.exit(0));
});
