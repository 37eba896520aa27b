#!/usr/bin/env node
// Entry point for the `briefpack` command. The code lives in the bundle that
// `npm ci` (prepare) and `npm run build` (prebuild) produce from src/.
import { main } from '../dist/briefpack.mjs';

// `briefpack releases | head` closes the pipe early: that is not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});
process.exitCode = await main(process.argv.slice(2));
