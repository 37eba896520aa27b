/**
 * Worker threads that build briefs in parallel; with this thread (hybrid.ts) they make the
 * `--jobs N` builders (default: session.ts defaultJobs, by the number of briefs).
 *
 * Each worker runs worker.ts: one ThreadBuilder that loads the fonts once and reuses them, and
 * the corpus, for every brief it gets. A worker holds up to DEPTH jobs: the one it builds and
 * the next, so that it never waits for this thread to hand it work. This thread builds briefs
 * too (hybrid.ts), and while it renders one (most of a second, all synchronous) it cannot
 * answer a worker: with one job at a time, a worker sat idle for about half of a 100-brief
 * build (issue 17). Jobs still go out one by one as builders free up, so a long brief holds
 * up at most the one queued behind it. A worker that dies fails only the brief it was
 * building (as an internal error); the ones queued behind it go back to the queue, and it is
 * replaced.
 *
 * The worker's code: next to the bundle (dist/briefpack-worker.mjs, built by
 * scripts/compile.mjs) when briefpack runs from the bundle; the TypeScript source, loaded
 * through tsx, when it runs from the sources (tests).
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { Worker } from 'node:worker_threads';
import type { ReleaseIndexEntry } from '../corpus/corpus.js';
import type { Executor, ExecutorOptions } from './executor.js';
import type { BuildJob, JobResult } from './jobs.js';
import type { FromWorker, ToWorker, WorkerInit } from './worker.js';

/** Jobs a worker holds at once: the one it is building and the next. */
const DEPTH = 2;

interface InFlight {
  id: number;
  job: BuildJob;
  resolve: (r: JobResult) => void;
  onStart?: () => void;
  posted: number;
}

interface Slot {
  worker: Worker;
  /** Its jobs, in the order it builds them: the first is the one it is building. */
  jobs: InFlight[];
  /** Which release index it has. */
  indexVersion: number;
}

interface Waiting {
  job: BuildJob;
  resolve: (r: JobResult) => void;
  onStart?: () => void;
}

function newWorker(init: WorkerInit): Worker {
  const here = import.meta.url;
  // Loaded when a worker is started, not with this module: loaded into the startup snapshot,
  // it would start workers that fail (src/cli/snapshot-prelude.ts).
  const { Worker } = createRequire(here)('node:worker_threads') as typeof import('node:worker_threads');
  if (!here.endsWith('.ts')) return new Worker(new URL('./briefpack-worker.mjs', here), { workerData: init });
  // From the TypeScript sources: register tsx's loader in the worker, then load worker.ts.
  // tsx's ESM API (its "import" export; require.resolve only finds the CommonJS one).
  const tsx = pathToFileURL(createRequire(here).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const entry = new URL('./worker.ts', here).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true, workerData: init });
}

export class WorkerPool implements Executor {
  private readonly slots: Slot[] = [];
  private readonly waiting: Waiting[] = [];
  private nextId = 1;
  private index: readonly ReleaseIndexEntry[] | undefined;
  private indexVersion = 0;
  private closed = false;

  constructor(
    private readonly options: ExecutorOptions,
    readonly size: number,
  ) {
    this.index = options.index;
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const worker = newWorker({ projectRoot: this.options.projectRoot, index: this.index, collect: this.options.collect });
    const slot: Slot = { worker, jobs: [], indexVersion: this.indexVersion };
    worker.on('message', (msg: FromWorker) => {
      if (msg.type === 'started') {
        slot.jobs.find((j) => j.id === msg.id)?.onStart?.();
        return;
      }
      if (msg.type !== 'result' || slot.jobs[0]?.id !== msg.id) return;
      const done = slot.jobs.shift()!;
      done.resolve(msg.result);
      // After the caller has seen the result, so "done" is reported before "next started".
      setImmediate(() => this.pump());
    });
    const die = (why: string) => {
      const i = this.slots.indexOf(slot);
      if (i < 0) return;
      const [lost, ...queued] = slot.jobs;
      slot.jobs = [];
      // Those it had not started go back to the front of the queue, in order.
      this.waiting.unshift(...queued.map(({ job, resolve, onStart }) => ({ job, resolve, onStart })));
      if (lost) {
        lost.resolve({
          ok: false,
          brief: lost.job.brief,
          diagnostics: [],
          globals: [],
          deps: { files: [lost.job.brief], template: null, releases: [], translations: [] },
          internal: `build worker stopped while building ${lost.job.brief}: ${why}`,
          ms: Math.round(performance.now() - lost.posted),
        });
      }
      if (this.closed) return;
      this.slots[i] = this.spawn();
      this.pump();
    };
    worker.on('error', (e) => die(e?.stack ?? String(e)));
    worker.on('exit', (code) => die(`exit code ${code}`));
    return slot;
  }

  build(job: BuildJob, onStart?: () => void): Promise<JobResult> {
    if (this.closed) throw new Error('the worker pool is closed');
    return new Promise((resolve) => {
      this.waiting.push({ job, resolve, onStart });
      this.pump();
    });
  }

  private pump(): void {
    // The least loaded worker first: every worker gets a job before any gets a second.
    for (;;) {
      const slot = this.slots.filter((s) => s.jobs.length < DEPTH).sort((a, b) => a.jobs.length - b.jobs.length)[0];
      if (!slot || !this.waiting.length) return;
      const { job, resolve, onStart } = this.waiting.shift()!;
      const id = this.nextId++;
      slot.jobs.push({ id, job, resolve, onStart, posted: performance.now() });
      const msg: ToWorker = { type: 'job', id, job };
      if (slot.indexVersion !== this.indexVersion) {
        msg.index = this.index;
        slot.indexVersion = this.indexVersion;
      }
      slot.worker.postMessage(msg);
    }
  }

  /** Room for more jobs in the workers, less what is queued for them. */
  idle(): number {
    return Math.max(0, this.slots.reduce((n, s) => n + DEPTH - s.jobs.length, 0) - this.waiting.length);
  }

  invalidate(changed: string[], index?: readonly ReleaseIndexEntry[]): void {
    if (index) {
      this.index = index;
      this.indexVersion++;
    }
    for (const slot of this.slots) {
      const msg: ToWorker = { type: 'invalidate', changed };
      if (index) {
        msg.index = index;
        slot.indexVersion = this.indexVersion;
      }
      slot.worker.postMessage(msg);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
