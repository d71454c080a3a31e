import adapter from '@sveltejs/adapter-node';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { realtimeDevServer } from './src/lib/server/realtime/vite-plugin.ts';

export default defineConfig({
	plugins: [sveltekit({ adapter: adapter() }), realtimeDevServer()],
	test: {
		projects: [
			{
				extends: true,
				test: { name: 'unit', include: ['src/**/*.test.ts'], environment: 'node' }
			},
			{
				extends: true,
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					environment: 'node',
					testTimeout: 60_000,
					hookTimeout: 60_000,
					// each file gets its own Postgres schema and Redis key prefix; two at a time fit 2 cores
					maxWorkers: 2
				}
			}
		]
	}
});
