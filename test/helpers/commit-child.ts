/**
 * A build whose rendering is already done: a real BuildSession (lock, plan, outputs, cache
 * manifest, all written to disk as by `briefpack build`) with an executor that returns the
 * bytes a real build made. The fault-injection test runs it as a child process and kills it
 * at random moments: every file briefpack writes is written here exactly as in a build, in a
 * fraction of a second, because nothing is rendered.
 *
 *   node commit-child.mjs <project> <out> <results.json> [--force]
 * results.json: { "brief", "deps", "files": { "<ext>": "<base64>" } }
 */
import { readFileSync } from 'node:fs';
import { BuildSession } from '../../src/builder/session.js';
import type { Executor } from '../../src/builder/executor.js';
import type { BriefDeps, JobResult } from '../../src/builder/jobs.js';

const [project, out, results, force] = process.argv.slice(2) as [string, string, string, string?];
const canned = JSON.parse(readFileSync(results, 'utf8')) as { brief: string; deps: BriefDeps; files: Record<string, string> };
const result: JobResult = {
  ok: true,
  brief: canned.brief,
  files: Object.entries(canned.files).map(([ext, b64]) => ({ ext, bytes: Buffer.from(b64, 'base64') })),
  warnings: [],
  globals: [],
  deps: canned.deps,
  ms: 0,
  timings: {},
};
const executor: Executor = { size: 1, build: async () => result, invalidate: () => undefined, close: async () => undefined };
const session = new BuildSession(
  { projectRoot: project, outDir: out, formats: ['docx'], emitModel: true, force: force === '--force', jobs: 1, command: 'commit-child' },
  () => undefined,
  () => executor,
);
const summary = await session.run([canned.brief]);
await session.close();
process.stdout.write(JSON.stringify({ built: summary.built, skipped: summary.skipped, failed: summary.failed, errors: summary.errors }));
process.exitCode = summary.failed || summary.errors.length ? 1 : 0;
