/**
 * Watch mode's warm-up (BuildSession.warmUp): after the first build, the first brief that
 * built is built again, as a save would build it (PDF and DOCX on two builders), and what
 * that makes is dropped: no file written, no event, nothing cached. A brief that failed is
 * not built again.
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Executor } from '../../src/builder/executor.js';
import type { BuildJob, JobResult } from '../../src/builder/jobs.js';
import { BuildSession, type BuildEvent } from '../../src/builder/session.js';
import { PROJECT_ROOT } from '../helpers/project.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function project(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bp-warm-'));
  dirs.push(dir);
  for (const d of ['briefs', 'releases', 'templates', 'fonts']) cpSync(path.join(PROJECT_ROOT, d), path.join(dir, d), { recursive: true });
  return dir;
}

/** Two builders that make fixed bytes per format, or fail the briefs named in `failing`. */
function cannedExecutor(jobs: BuildJob[], failing: Set<string> = new Set()): Executor {
  return {
    size: 2,
    async build(job) {
      jobs.push(job);
      const deps = { files: [job.brief], template: null, releases: [], translations: [] };
      if (failing.has(job.brief)) return { ok: false, brief: job.brief, diagnostics: [], globals: [], deps, ms: 1 } as JobResult;
      const formats = job.renderOnly ?? ['pdf', 'docx'];
      return { ok: true, brief: job.brief, files: formats.map((ext) => ({ ext, bytes: new TextEncoder().encode(`${ext} of ${job.brief}`) })), warnings: [], globals: [], deps, ms: 1, timings: {} };
    },
    invalidate: () => undefined,
    close: async () => undefined,
  };
}

const settings = (root: string) => ({ projectRoot: root, outDir: path.join(root, 'output'), emitModel: false, force: false, jobs: 2, command: 'test' });
const snapshot = (dir: string) => Object.fromEntries(readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => {
  const f = path.join(e.parentPath, e.name);
  return [path.relative(dir, f), `${statSync(f).mtimeMs}:${readFileSync(f).toString('base64')}`];
}));

describe('watch warm-up', () => {
  it('builds the first brief that built again, in two parts, and writes nothing', async () => {
    const root = project();
    const jobs: BuildJob[] = [];
    const events: BuildEvent[] = [];
    const session = new BuildSession(settings(root), (e) => events.push(e), () => cannedExecutor(jobs, new Set(['briefs/cambodia-law-enforcement-meeting.yaml'])));
    const briefs = ['briefs/cambodia-law-enforcement-meeting.yaml', 'briefs/sco-pabbi-antiterror-letter.yaml'];
    const summary = await session.run(briefs);
    expect(summary.built).toBe(1);
    expect(summary.failed).toBe(1);
    const before = { out: snapshot(path.join(root, 'output')), cache: snapshot(path.join(root, '.briefpack-cache')), events: events.length, jobs: jobs.length };
    await session.warmUp(briefs, 3, { budgetMs: 60_000 });
    const warm = jobs.slice(before.jobs);
    // The one that built, not the one that failed; PDF on one builder, the rest on the other.
    expect(warm.map((j) => [j.brief, j.renderOnly])).toEqual(
      Array.from({ length: 3 }, () => [
        ['briefs/sco-pabbi-antiterror-letter.yaml', ['pdf']],
        ['briefs/sco-pabbi-antiterror-letter.yaml', ['docx']],
      ]).flat(),
    );
    expect(events.length).toBe(before.events);
    expect(snapshot(path.join(root, 'output'))).toEqual(before.out);
    expect(snapshot(path.join(root, '.briefpack-cache'))).toEqual(before.cache);
    await session.close();
  });

  it('begins no round once its time is spent or a save is waiting', async () => {
    const root = project();
    const jobs: BuildJob[] = [];
    const slow = cannedExecutor(jobs);
    const build = slow.build.bind(slow);
    // Each part takes 30 ms: a round (PDF and DOCX at once) about 30.
    slow.build = async (job) => (await new Promise((r) => setTimeout(r, 30)), build(job));
    const brief = 'briefs/sco-pabbi-antiterror-letter.yaml';
    const session = new BuildSession(settings(root), () => undefined, () => slow);
    await session.run([brief]);
    const rounds = async (options: { budgetMs: number; stop?: () => boolean }) => {
      const n = jobs.length;
      await session.warmUp([brief], 3, options);
      return (jobs.length - n) / 2;
    };
    expect(await rounds({ budgetMs: 60_000 })).toBe(3);
    // The first round always starts; none after the budget is spent.
    expect(await rounds({ budgetMs: 1 })).toBe(1);
    expect(await rounds({ budgetMs: 60_000, stop: () => true })).toBe(0);
    let asked = 0;
    expect(await rounds({ budgetMs: 60_000, stop: () => ++asked > 1 })).toBe(1);
    await session.close();
  });

  it('builds nothing when no brief built', async () => {
    const root = project();
    const jobs: BuildJob[] = [];
    const brief = 'briefs/sco-pabbi-antiterror-letter.yaml';
    const session = new BuildSession(settings(root), () => undefined, () => cannedExecutor(jobs, new Set([brief])));
    await session.run([brief]);
    const n = jobs.length;
    await session.warmUp([brief], 3, { budgetMs: 60_000 });
    expect(jobs.length).toBe(n);
    await session.close();
  });
});
