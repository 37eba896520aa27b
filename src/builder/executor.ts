/**
 * Where briefs are built: in this thread (LocalExecutor: one brief, `--jobs 1`), or in this
 * thread and worker threads together (hybrid.ts over pool.ts). All take the same jobs and
 * return the same results, so the build session does not care which one it has.
 */
import type { ReleaseIndexEntry } from '../corpus/corpus.js';
import type { BuildJob, JobResult } from './jobs.js';
import { Collector, type CollectMode } from './memory.js';

export interface Executor {
  /** How many jobs it runs at once. */
  readonly size: number;
  /** `onStart` is called when the job leaves the queue and starts. */
  build(job: BuildJob, onStart?: () => void): Promise<JobResult>;
  /** Files changed on disk; `index` is the new release index when releases changed. */
  invalidate(changed: string[], index?: readonly ReleaseIndexEntry[]): void;
  close(): Promise<void>;
}

export interface ExecutorOptions {
  projectRoot: string;
  index?: readonly ReleaseIndexEntry[];
  readText?: (abs: string) => string;
  /** When the builder threads collect garbage (memory.ts); default `by-v8` (a build). */
  collect?: CollectMode;
}

/** Builds in this thread. The builder module (and with it the renderers) loads on first use. */
export class LocalExecutor implements Executor {
  readonly size = 1;
  private builder: Promise<import('./thread-builder.js').ThreadBuilder> | undefined;
  private pendingIndex: readonly ReleaseIndexEntry[] | undefined;

  private readonly collector: Collector;

  constructor(private readonly options: ExecutorOptions) {
    this.pendingIndex = options.index;
    this.collector = new Collector(options.collect);
  }

  private load() {
    this.builder ??= import('./thread-builder.js').then(
      ({ ThreadBuilder }) => new ThreadBuilder(this.options.projectRoot, { index: this.pendingIndex, readText: this.options.readText }),
    );
    return this.builder;
  }

  private queue: Promise<unknown> = Promise.resolve();

  /** One brief at a time: the renderers are not re-entrant (pdfmake is a singleton). */
  build(job: BuildJob, onStart?: () => void): Promise<JobResult> {
    const run = this.queue.then(async () => {
      this.collector.briefStarted();
      onStart?.();
      return (await this.load()).build(job);
    });
    // Collected after the result has been handed on (its files are written first), and not
    // at all when nothing follows: a one-off build exits without a last full collection
    // (it cost 0.1–0.3 s a run), watch mode collects while it waits for the next save.
    run.then(
      () => setImmediate(() => this.afterJob()),
      () => undefined,
    );
    this.queue = run.catch(() => undefined);
    return run;
  }

  private afterJob(): void {
    if (this.closed) return;
    this.collector.briefDone();
  }

  private closed = false;

  invalidate(changed: string[], index?: readonly ReleaseIndexEntry[]): void {
    if (index) this.pendingIndex = index;
    void this.builder?.then((b) => b.invalidate(changed, index));
  }

  async close(): Promise<void> {
    this.closed = true;
    this.collector.stop();
  }
}
