import adapter from '@sveltejs/adapter-node';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { realtimeDevServer } from './src/lib/server/realtime/vite-plugin.ts';

export default defineConfig({
	plugins: [
		sveltekit({
			adapter: adapter(),
			// small stylesheets go inline: one round trip fewer on a phone with 150 ms latency
			inlineStyleThreshold: 8192
		}),
		realtimeDevServer()
	],
	build: {
		rolldownOptions: {
			output: {
				// Svelte in one chunk and the socket client in another (SvelteKit keeps its own runtime chunk), instead of a dozen
				// small files: HTTP/1.1 phones fetch six at a time, and each wave costs a round trip
				codeSplitting: {
					groups: [
						{ name: 'framework', test: /node_modules[\\/](svelte|esm-env|clsx)[\\/]/, priority: 20 },
						{ name: 'socket', test: /node_modules[\\/](socket\.io-client|socket\.io-parser|engine\.io-client|engine\.io-parser|@socket\.io[\\/]component-emitter|xmlhttprequest-ssl)[\\/]/, priority: 10 }
					]
				}
			}
		}
	},
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
					globalSetup: ['tests/integration/global-setup.ts'],
					testTimeout: 60_000,
					hookTimeout: 60_000,
					// each file gets its own Postgres schema and Redis key prefix; two at a time fit 2 cores
					maxWorkers: 2
				}
			}
		]
	}
});
