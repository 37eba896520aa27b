/**
 * Builds in this thread and in worker threads together: on two cores, this thread and one
 * worker are two builders, where a pool of two workers would leave this thread idle, load
 * the fonts a third time and hold ~100 MB more. The next job goes to whichever builder is
 * free first, this thread first. Results from a worker wait while this thread renders (its
 * event loop is busy), which costs nothing: files are written as soon as it is free.
 */
import { LocalExecutor, type Executor, type ExecutorOptions } from './executor.js';
import type { ReleaseIndexEntry } from '../corpus/corpus.js';
import type { BuildJob, JobResult } from './jobs.js';
import { WorkerPool } from './pool.js';

interface Waiting {
  job: BuildJob;
  resolve: (r: JobResult) => void;
  reject: (e: unknown) => void;
  onStart?: () => void;
}

export class HybridExecutor implements Executor {
  readonly size: number;
  private readonly local: LocalExecutor;
  private readonly pool: WorkerPool;
  private localBusy = false;
  private readonly waiting: Waiting[] = [];

  /** `size` builders in all: this thread and size − 1 workers. */
  constructor(options: ExecutorOptions, size: number) {
    this.size = Math.max(2, size);
    this.local = new LocalExecutor(options);
    this.pool = new WorkerPool(options, this.size - 1);
  }

  build(job: BuildJob, onStart?: () => void): Promise<JobResult> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ job, resolve, reject, onStart });
      this.pump();
    });
  }

  private pump(): void {
    if (!this.localBusy && this.waiting.length) {
      const w = this.waiting.shift()!;
      this.localBusy = true;
      this.local.build(w.job, w.onStart).then(
        (r) => {
          this.localBusy = false;
          w.resolve(r);
          setImmediate(() => this.pump());
        },
        (e) => {
          this.localBusy = false;
          w.reject(e);
          setImmediate(() => this.pump());
        },
      );
    }
    while (this.waiting.length && this.pool.idle() > 0) {
      const w = this.waiting.shift()!;
      this.pool.build(w.job, w.onStart).then(
        (r) => {
          w.resolve(r);
          setImmediate(() => this.pump());
        },
        (e) => w.reject(e),
      );
    }
  }

  invalidate(changed: string[], index?: readonly ReleaseIndexEntry[]): void {
    this.local.invalidate(changed, index);
    this.pool.invalidate(changed, index);
  }

  async close(): Promise<void> {
    await Promise.all([this.local.close(), this.pool.close()]);
  }
}
