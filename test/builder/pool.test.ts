/**
 * The worker pool (src/builder/pool.ts): each worker holds the brief it builds and the next,
 * starts them in order and says so; when a worker dies, only the brief it was building fails
 * (as an internal error), the one queued behind it is built by the worker that replaces it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { WorkerPool } from '../../src/builder/pool.js';
import type { JobResult } from '../../src/builder/jobs.js';
import { tempProject } from '../helpers/temp-project.js';

const project = tempProject();
const BRIEFS = ['briefs/sco-pabbi-antiterror-letter.yaml', 'briefs/cambodia-meeting-simplified.yaml', 'briefs/cambodia-law-enforcement-meeting.yaml'];
const job = (brief: string) => ({ brief, emitModel: false, formats: ['pdf' as const] });

describe('WorkerPool', () => {
  const pools: WorkerPool[] = [];
  afterAll(() => Promise.all(pools.map((p) => p.close())));

  it('gives one worker two jobs at once and builds them in order, reporting each start', async () => {
    const pool = new WorkerPool({ projectRoot: project }, 1);
    pools.push(pool);
    const events: string[] = [];
    const results = BRIEFS.map((b) => pool.build(job(b), () => events.push(`start ${b}`)).then((r) => (events.push(`done ${b}`), r)));
    // Two are with the worker, the third waits: no room left.
    expect(pool.idle()).toBe(0);
    const done = await Promise.all(results);
    expect(done.map((r) => r.ok)).toEqual([true, true, true]);
    expect(events).toEqual(BRIEFS.flatMap((b) => [`start ${b}`, `done ${b}`]));
    expect(pool.idle()).toBe(2);
  }, 120_000);

  it('fails only the brief a dying worker was building; the one queued behind it is built', async () => {
    const pool = new WorkerPool({ projectRoot: project }, 1);
    pools.push(pool);
    const started: string[] = [];
    const [first, second] = BRIEFS.slice(0, 2).map((b) => pool.build(job(b), () => started.push(b)));
    // Kill the worker once it has started the first brief.
    await new Promise<void>((resolve) => {
      const wait = () => (started.length ? resolve() : setTimeout(wait, 5));
      wait();
    });
    await (pool as unknown as { slots: { worker: { terminate(): Promise<number> } }[] }).slots[0]!.worker.terminate();
    const [a, b] = (await Promise.all([first, second])) as [JobResult, JobResult];
    expect(a.ok).toBe(false);
    expect(!a.ok && a.internal).toMatch(/build worker stopped while building briefs\/sco-pabbi-antiterror-letter\.yaml/);
    expect(b.ok).toBe(true);
  }, 120_000);
});
