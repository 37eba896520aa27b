#!/usr/bin/env node
// Entry point for the `briefpack` command. The code lives in the bundle that
// `npm ci` (prepare) and `npm run build` (prebuild) produce from src/.
// (`npm run build` starts from the startup snapshot instead: scripts/build.sh.)
import { runFromCommandLine } from '../dist/briefpack.mjs';

await runFromCommandLine(process.argv.slice(2));
