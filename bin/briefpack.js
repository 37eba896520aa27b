#!/usr/bin/env node
// Entry point for the `briefpack` command. The code lives in the bundle that
// `npm ci` (prepare) and `npm run build` (prebuild) produce from src/.
import { main } from '../dist/briefpack.mjs';

process.exitCode = await main(process.argv.slice(2));
