#!/usr/bin/env node
// The command-line tool (package bin, `npm run cli`, `npm run demo`): src/cli/index.ts, after the
// Node version check of launch.mjs.
import { launch } from './launch.mjs';

await launch(new URL('../src/cli/index.ts', import.meta.url), process.argv.slice(2));
