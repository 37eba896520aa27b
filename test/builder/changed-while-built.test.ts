/**
 * An input saved while its brief is being built. The cache key is of the bytes the session
 * hashed; the builder reads the files itself, so it may have made the output from other bytes.
 * Were that output recorded under the key, a save back to the old bytes would find the key
 * matching and skip the brief for ever after, its output one edit off and looking current.
 * So such an output is recorded under a key no build matches: the next build makes it again.
 *
 * The builder here is a stand-in that writes what it reads into its "output", and makes the
 * save itself, between the planning and its read, as an editor's save lands in the real race.
 */
import { readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Executor } from '../../src/builder/executor.js';
import type { BuildJob, JobResult } from '../../src/builder/jobs.js';
import { BuildSession } from '../../src/builder/session.js';
import { tempProject } from '../helpers/temp-project.js';

const BRIEF = 'briefs/sco-pabbi-antiterror-letter.yaml';
const RELEASE_ID = 'mps-2021-09-24-en-sco-pabbi-antiterror-letter';
const RELEASE = `releases/${RELEASE_ID}.md`;

const projects: string[] = [];
afterEach(() => {
  for (const p of projects.splice(0)) rmSync(p, { recursive: true, force: true });
});

/** Saves that land mid-build: before the builder reads its files, or after. */
interface During {
  run?: () => void;
  afterRead?: () => void;
}

/** A builder whose output is the brief's and the release's bytes as it reads them. */
function readingExecutor(root: string, during: During): Executor {
  return {
    size: 1,
    async build(job: BuildJob) {
      during.run?.();
      during.run = undefined;
      const text = readFileSync(path.join(root, job.brief), 'utf8') + readFileSync(path.join(root, RELEASE), 'utf8');
      // A real build takes a while: the save after its read is ticks after the job began.
      if (during.afterRead) await tick();
      during.afterRead?.();
      during.afterRead = undefined;
      const deps = { files: [job.brief], template: null, releases: [RELEASE_ID], translations: [] };
      return { ok: true, brief: job.brief, files: [{ ext: 'docx', bytes: new TextEncoder().encode(text) }], warnings: [], globals: [], deps, ms: 1, timings: {} } as JobResult;
    },
    invalidate: () => undefined,
    close: async () => undefined,
  };
}

const tick = () => new Promise((r) => setTimeout(r, 30));

async function setUp() {
  const root = tempProject();
  projects.push(root);
  const during: During = {};
  const settings = { projectRoot: root, outDir: path.join(root, 'output'), emitModel: false, force: false, jobs: 1, command: 'test', formats: ['docx' as const] };
  const session = () => new BuildSession(settings, () => undefined, () => readingExecutor(root, during));
  const at = (rel: string) => path.join(root, rel);
  const output = () => readFileSync(at('output/sco-pabbi-antiterror-letter.docx'), 'utf8');
  return { during, session, at, output };
}

describe('an input saved while its brief is built', () => {
  it('the spec, hashed when the build was planned: built again after it is saved back', async () => {
    const { during, session, at, output } = await setUp();
    const original = readFileSync(at(BRIEF), 'utf8');
    expect((await session().run([BRIEF])).built).toBe(1);
    await tick();
    // A real edit (so the brief is planned with its key, then built), and mid-build another.
    writeFileSync(at(BRIEF), original.replace(/^author: .*$/m, 'author: edit one'));
    await tick();
    during.run = () => writeFileSync(at(BRIEF), original.replace(/^author: .*$/m, 'author: edit two, mid-build'));
    expect((await session().run([BRIEF])).built).toBe(1);
    expect(output()).toContain('edit two, mid-build');
    await tick();
    // Saved back to the bytes the plan hashed: the output holds other bytes, so it is built.
    writeFileSync(at(BRIEF), original.replace(/^author: .*$/m, 'author: edit one'));
    const again = await session().run([BRIEF]);
    expect(again.built).toBe(1);
    expect(output()).toContain('author: edit one');
    // And now it is current: skipped.
    await tick();
    expect((await session().run([BRIEF])).skipped).toBe(1);
  });

  it('a release first hashed after the build, saved after the builder read it: built again', async () => {
    // The release is hashed for the key only once the build is done (nothing planned it): a
    // key of the new bytes over an output of the old would match from then on.
    const { during, session, at, output } = await setUp();
    const original = readFileSync(at(RELEASE), 'utf8');
    during.afterRead = () => writeFileSync(at(RELEASE), `${original}\nA line added mid-build.\n`);
    expect((await session().run([BRIEF])).built).toBe(1);
    expect(output()).not.toContain('A line added mid-build.');
    await tick();
    expect((await session().run([BRIEF])).built).toBe(1);
    expect(output()).toContain('A line added mid-build.');
    await tick();
    expect((await session().run([BRIEF])).skipped).toBe(1);
  });

  it('the spec only touched mid-build (new times, same bytes): the next build skips the brief', async () => {
    const { during, session, at } = await setUp();
    const original = readFileSync(at(BRIEF), 'utf8');
    expect((await session().run([BRIEF])).built).toBe(1);
    await tick();
    writeFileSync(at(BRIEF), original.replace(/^author: .*$/m, 'author: edit one'));
    await tick();
    during.run = () => {
      const later = new Date(Date.now() + 5000);
      utimesSync(at(BRIEF), later, later);
    };
    expect((await session().run([BRIEF])).built).toBe(1);
    await tick();
    expect((await session().run([BRIEF])).skipped).toBe(1);
  });

  it('nothing saved during the build: the next build skips the brief', async () => {
    const { session } = await setUp();
    expect((await session().run([BRIEF])).built).toBe(1);
    await tick();
    expect((await session().run([BRIEF])).skipped).toBe(1);
  });
});
