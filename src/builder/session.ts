/**
 * A build of some briefs into one output folder: lock, plan, build, write, remember.
 *
 *   1. lock the output folder (lock.ts): two builds never interleave their files;
 *   2. plan: a brief whose cache key (cache.ts) is unchanged and whose output files are intact
 *      is skipped, unless `force`; the others are built;
 *   3. build them: one brief in this thread; more in this thread and worker threads at once
 *      (hybrid.ts, pool.ts); in watch mode one brief's PDF and DOCX on two threads at once;
 *   4. write each brief's files atomically (write-outputs.ts) as soon as it is done; a brief
 *      that fails leaves its previous output in place, reported as stale;
 *   5. save the manifest, release the lock.
 * Everything that happens is reported as events (BuildEvent); the CLI turns them into progress
 * lines, a summary or NDJSON. Watch mode keeps one session and calls `run` after each change.
 */
import { existsSync, lstatSync, readFileSync, unlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ReleaseIndexEntry } from '../corpus/corpus.js';
import { diagnostic, DiagnosticError, type Diagnostic } from '../diagnostics/diagnostic.js';
import { OUTPUT_FORMATS, type OutputFormat } from '../render/shared/types.js';
import { CACHE_DIR, errnoText, KeyContext, loadManifest, saveManifest, type Manifest, type OutputRecord } from './cache.js';
import { FileMemo } from './file-memo.js';
import { LocalExecutor, type Executor } from './executor.js';
import { FileStore, sha256 } from './file-store.js';
import type { BriefDeps, BuildJob, JobResult } from './jobs.js';
import { BriefNameClash } from './errors.js';
import { acquireLock, type OutputLock } from './lock.js';
import { removeStaleTemps } from './temp-files.js';
import { writeOutputs } from './write-outputs.js';

export interface BuildSettings {
  projectRoot: string;
  /** Absolute output folder. */
  outDir: string;
  formats?: OutputFormat[];
  template?: string;
  emitModel: boolean;
  force: boolean;
  /** Most briefs built at once (this thread and worker threads); `auto`: as many as
   * `defaultJobs` gives for the number of briefs to build (`build` without `--jobs`). */
  jobs: number | 'auto';
  /** Recorded in the lock file, so a second build can say who holds it. */
  command: string;
  /** Watch mode: keep a worker even for one brief (see `builders`). */
  keepWarm?: boolean;
}

export interface WrittenOutput {
  /** Path relative to the project root (absolute when outside it). */
  path: string;
  bytes: number;
}

export type BriefStatus = 'built' | 'skipped' | 'failed';

export type BuildEvent =
  | { type: 'plan'; total: number; toBuild: number; skipped: number; jobs: number }
  | { type: 'start'; brief: string; running: string[]; done: number; total: number }
  | {
      type: 'brief';
      status: BriefStatus;
      brief: string;
      outputs: WrittenOutput[];
      /** Output files left from an earlier build because this one failed. */
      stale: string[];
      warnings: Diagnostic[];
      errors: Diagnostic[];
      internal?: string;
      ms: number;
      /** Milliseconds per step of a built brief: fonts, model, pdf, docx. */
      timings?: Record<string, number>;
      done: number;
      total: number;
    }
  | { type: 'globals'; diagnostics: Diagnostic[] };

export interface BuildSummary {
  total: number;
  built: number;
  skipped: number;
  failed: number;
  /** Briefs that failed because of a bug in briefpack. */
  internal: number;
  /** Distinct warnings and errors of this run (skipped briefs' warnings included). */
  warnings: Diagnostic[];
  errors: Diagnostic[];
  seconds: number;
  /** Files written by this run. */
  written: WrittenOutput[];
  /** Bytes of every output file of the briefs in this run (built or skipped), by extension. */
  outputBytes: Record<string, number>;
  stale: string[];
  /** Peak resident memory of the process (all threads), in MB. */
  peakRssMB: number;
}

export interface RunOptions {
  /** Changed files (watch mode): failed briefs are retried only when these concern them. */
  changed?: string[];
  force?: boolean;
}

const OUTPUT_EXTS = ['pdf', 'docx', 'model.json'];
/** The manifest key of an output whose inputs changed while it was built: matches no key. */
const CHANGED_WHILE_BUILT = 'inputs-changed-while-built';

/**
 * How many builders (this thread and worker threads) for n briefs, up to `jobs`:
 * - one brief in a one-off build: this thread alone; a worker would need ~0.4 s to load the
 *   code and fonts, which is what rendering the DOCX beside the PDF would save (measured);
 * - watch mode: two when `jobs` allows, even for one brief; the worker stays warm, and each
 *   rebuild renders the PDF and the DOCX at the same time (0.48 s → 0.32 s measured);
 * - more briefs: one builder per brief up to `jobs`. `--jobs 1` builds all in this thread.
 */
export function builders(settings: Pick<BuildSettings, 'jobs' | 'formats' | 'keepWarm'>, n: number, cpus: number = cpuCount()): number {
  const jobs = settings.jobs === 'auto' ? defaultJobs(n, cpus) : settings.jobs;
  if (jobs <= 1 || n < 1) return 1;
  if (n === 1 && (!settings.keepWarm || settings.formats?.length === 1)) return 1;
  return Math.max(2, Math.min(jobs, n));
}

export const briefName = (brief: string) => path.basename(brief).replace(/\.ya?ml$/, '');

export class BuildSession {
  private readonly memo: FileMemo;
  readonly store: FileStore;
  readonly keys: KeyContext;
  private manifest: Manifest | undefined;
  private executor: Executor | undefined;
  /** Briefs that failed in this session, with what they had read (watch mode). */
  private readonly failures = new Map<string, BriefDeps>();
  private announcedGlobals = '';

  constructor(
    readonly settings: BuildSettings,
    private readonly emit: (event: BuildEvent) => void,
    /** Makes the executor for n briefs; the CLI passes one that can start the worker pool. */
    private readonly makeExecutor: (n: number, options: { projectRoot: string; index?: readonly ReleaseIndexEntry[]; readText: (abs: string) => string }) => Executor | Promise<Executor> = (
      _n,
      o,
    ) => new LocalExecutor(o),
  ) {
    this.memo = new FileMemo(path.join(settings.projectRoot, CACHE_DIR, 'files.json'));
    this.store = new FileStore(this.memo);
    this.keys = new KeyContext(settings.projectRoot, this.store, { formats: settings.formats, template: settings.template, emitModel: settings.emitModel });
  }

  private rel(abs: string): string {
    const r = path.relative(this.settings.projectRoot, abs);
    return r.startsWith('..') || path.isAbsolute(r) ? abs : r;
  }

  /** Files changed on disk (watch mode). */
  changed(files: string[]): void {
    this.keys.invalidate(files);
    const releases = files.some((f) => {
      const rel = this.rel(path.resolve(this.settings.projectRoot, f));
      return rel === 'releases' || rel.startsWith(`releases${path.sep}`);
    });
    this.executor?.invalidate(files, releases ? this.keys.index() : undefined);
  }

  async run(targets: string[], options: RunOptions = {}): Promise<BuildSummary> {
    const started = performance.now();
    const { settings } = this;
    const briefs = targets.map((t) => this.rel(path.resolve(settings.projectRoot, t)));
    const byName = new Map<string, string>();
    for (const b of briefs) {
      const clash = byName.get(briefName(b));
      if (clash && clash !== b) throw new BriefNameClash(clash, b, `${briefName(b)}.pdf`);
      byName.set(briefName(b), b);
    }
    const unique = [...new Set(briefs)];
    const summary: BuildSummary = {
      total: unique.length,
      built: 0,
      skipped: 0,
      failed: 0,
      internal: 0,
      warnings: [],
      errors: [],
      seconds: 0,
      written: [],
      outputBytes: {},
      stale: [],
      peakRssMB: 0,
    };
    const seen = new Set<string>();
    const note = (list: Diagnostic[], into: Diagnostic[]) => {
      for (const d of list) {
        const k = `${d.severity}:${d.file}:${d.start.line}:${d.start.column}:${d.code}:${d.message}`;
        if (!seen.has(k)) {
          seen.add(k);
          into.push(d);
        }
      }
    };
    const countBytes = (file: string, bytes: number) => {
      const ext = OUTPUT_EXTS.find((e) => file.endsWith(`.${e}`)) ?? path.extname(file).slice(1);
      summary.outputBytes[ext] = (summary.outputBytes[ext] ?? 0) + bytes;
    };

    const lock: OutputLock = acquireLock(settings.outDir, settings.command, undefined, this.rel(settings.outDir));
    if (lock.takenOver) this.emit({ type: 'globals', diagnostics: [lock.takenOver] });
    try {
      removeStaleTemps(settings.outDir);
      const manifest = (this.manifest ??= loadManifest(settings.projectRoot, settings.outDir));
      const toBuild: string[] = [];
      const skipped: string[] = [];
      for (const brief of unique) {
        const entry = manifest.briefs[brief];
        const force = options.force ?? settings.force;
        if (!force && entry && this.keys.keyOf(brief, entry.deps) === entry.key && this.keys.outputsIntact(settings.outDir, entry.outputs)) {
          skipped.push(brief);
        } else if (options.changed && this.failures.has(brief) && !this.failureAffected(this.failures.get(brief)!, options.changed)) {
          // Watch mode: still failing for reasons this change does not touch; already reported.
          summary.total--;
        } else toBuild.push(brief);
      }
      const total = summary.total;
      let done = 0;
      const jobs = builders(settings, toBuild.length);
      this.emit({ type: 'plan', total, toBuild: toBuild.length, skipped: skipped.length, jobs });
      for (const brief of skipped) {
        const entry = manifest.briefs[brief]!;
        summary.skipped++;
        note(entry.warnings, summary.warnings);
        for (const o of entry.outputs) countBytes(o.file, o.bytes);
        this.emit({
          type: 'brief',
          status: 'skipped',
          brief,
          outputs: entry.outputs.map((o) => ({ path: this.rel(path.join(settings.outDir, o.file)), bytes: o.bytes })),
          stale: [],
          warnings: entry.warnings,
          errors: [],
          ms: 0,
          done: ++done,
          total,
        });
      }

      if (toBuild.length) {
        const executor = await this.executorFor(toBuild.length);
        const running = new Set<string>();
        await Promise.all(
          toBuild.map(async (brief) => {
            const started = () => {
              running.add(brief);
              this.emit({ type: 'start', brief, running: [...running], done, total });
            };
            const queued = Date.now();
            const result = await this.buildOne(executor, brief, toBuild.length, started);
            running.delete(brief);
            this.handle(result, queued, summary, note, countBytes, ++done, total);
          }),
        );
      }
      // Only now, with every output in place: the cache never names an output that is not there.
      try {
        this.memo.save();
        saveManifest(settings.projectRoot, settings.outDir, manifest);
      } catch (e) {
        if (!(e instanceof DiagnosticError)) throw e;
        note(e.diagnostics, summary.errors);
        this.emit({ type: 'globals', diagnostics: e.diagnostics });
      }
    } finally {
      lock.release();
    }
    summary.seconds = (performance.now() - started) / 1000;
    summary.peakRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
    return summary;
  }

  /** `queued`: when the brief's job was handed to the executor (Date.now()). */
  private handle(
    result: JobResult,
    queued: number,
    summary: BuildSummary,
    note: (list: Diagnostic[], into: Diagnostic[]) => void,
    countBytes: (file: string, bytes: number) => void,
    done: number,
    total: number,
  ): void {
    const { settings } = this;
    const manifest = this.manifest!;
    const name = briefName(result.brief);
    const globals = result.globals;
    const globalsKey = JSON.stringify(globals);
    if (globals.length && globalsKey !== this.announcedGlobals) {
      this.announcedGlobals = globalsKey;
      this.emit({ type: 'globals', diagnostics: globals });
    }
    note(globals.filter((d) => d.severity !== 'error'), summary.warnings);
    let failure: { errors: Diagnostic[]; internal?: string } | undefined;
    if (result.ok) {
      let written;
      try {
        const files = new Map(result.files.map((f) => [f.ext, f.bytes]));
        written = writeOutputs(settings.outDir, name, files);
      } catch (e) {
        failure = {
          errors: [
            diagnostic({
              code: 'BP502',
              message: `could not write the output of ${result.brief} to ${this.rel(settings.outDir)}: ${errnoText(e as NodeJS.ErrnoException)}`,
              file: this.rel(settings.outDir),
            }),
          ],
        };
      }
      if (written) {
        const previous = manifest.briefs[result.brief];
        const outputs: OutputRecord[] = result.files.map((f) => ({ file: `${name}.${f.ext}`, bytes: f.bytes.byteLength, sha256: sha256(f.bytes) }));
        // The key is of the bytes the store hashed; the builder read the files itself. A file
        // saved while the brief was built (then maybe saved back as it was) could leave an
        // output of other bytes under this key, skipped as current for ever after: such an
        // output is recorded under a key no build matches, so the next build makes it again.
        const touched: string[] = [];
        const key = this.keys.keyOf(result.brief, result.deps, touched);
        const unsure = touched.some((f) => this.store.mayDifferSince(f, queued));
        manifest.briefs[result.brief] = { key: unsure ? CHANGED_WHILE_BUILT : key, deps: result.deps, outputs, warnings: result.warnings };
        this.failures.delete(result.brief);
        const leftovers = this.removeUnwritten(name, outputs, previous?.outputs ?? []);
        summary.built++;
        note(result.warnings, summary.warnings);
        note(leftovers.stale, summary.warnings);
        const shown = written.map((w) => ({ path: this.rel(w.path), bytes: w.bytes }));
        for (const w of written) countBytes(w.path, w.bytes);
        summary.written.push(...shown);
        summary.stale.push(...leftovers.staleFiles);
        const warnings = [...result.warnings, ...leftovers.removed, ...leftovers.stale];
        this.emit({ type: 'brief', status: 'built', brief: result.brief, outputs: shown, stale: leftovers.staleFiles, warnings, errors: [], ms: result.ms, timings: result.timings, done, total });
        return;
      }
    } else {
      failure = { errors: result.diagnostics, internal: result.internal };
      this.failures.set(result.brief, result.deps);
    }
    if (!failure) return;
    summary.failed++;
    if (failure.internal) summary.internal++;
    const warnings = failure.errors.filter((d) => d.severity !== 'error');
    const errors = failure.errors.filter((d) => d.severity === 'error');
    note(warnings, summary.warnings);
    note(errors, summary.errors);
    const stale = OUTPUT_EXTS.map((ext) => path.join(settings.outDir, `${name}.${ext}`))
      .filter((f) => existsSync(f))
      .map((f) => this.rel(f));
    summary.stale.push(...stale);
    this.emit({ type: 'brief', status: 'failed', brief: result.brief, outputs: [], stale, warnings, errors, internal: failure.internal, ms: result.ms, done, total });
  }

  /**
   * Outputs of this brief that this build did not write (its spec's `formats:`, `--format`
   * or `--emit` now ask for less): removed when briefpack wrote them and they are unchanged
   * since (BP507), else left and reported as stale (BP508). Never left looking current.
   */
  private removeUnwritten(name: string, written: readonly OutputRecord[], previous: readonly OutputRecord[]): { removed: Diagnostic[]; stale: Diagnostic[]; staleFiles: string[] } {
    const { outDir } = this.settings;
    const removed: Diagnostic[] = [];
    const stale: Diagnostic[] = [];
    const staleFiles: string[] = [];
    const now = new Set(written.map((o) => o.file));
    for (const ext of OUTPUT_EXTS) {
      const file = `${name}.${ext}`;
      if (now.has(file)) continue;
      const abs = path.join(outDir, file);
      let bytes: Buffer;
      try {
        if (!lstatSync(abs).isFile()) continue;
        bytes = readFileSync(abs);
      } catch {
        continue;
      }
      const shown = this.rel(abs);
      const record = previous.find((o) => o.file === file);
      if (record && record.bytes === bytes.byteLength && record.sha256 === sha256(bytes)) {
        try {
          unlinkSync(abs);
          removed.push(diagnostic({ code: 'BP507', message: `removed ${shown}: this build of the brief no longer writes it`, file: shown }));
          continue;
        } catch {
          // cannot remove it: report it as stale below
        }
      }
      stale.push(
        diagnostic({
          code: 'BP508',
          message: `${shown} is stale: this build of the brief no longer writes it${record ? ', and it was changed after briefpack wrote it' : ', and briefpack has no record of writing it'}; it was left in place`,
          file: shown,
        }),
      );
      staleFiles.push(shown);
    }
    return { removed, stale, staleFiles };
  }

  /** Watch mode: does a change concern a brief that failed? */
  private failureAffected(deps: BriefDeps, changed: string[]): boolean {
    const rels = changed.map((f) => this.rel(path.resolve(this.settings.projectRoot, f)));
    const files = new Set(deps.files);
    const ids = new Set([...deps.releases, ...deps.translations]);
    const index = this.keys.index();
    return rels.some((f) => {
      if (files.has(f) || deps.files.some((d) => d.startsWith(f + path.sep))) return true;
      const top = f.split(path.sep)[0];
      if (top === 'templates' || top === 'fonts') return true;
      if (f === path.join('releases', 'glossary.yaml') || f === path.join('releases', 'corrections.yaml')) return true;
      if (top === 'releases') {
        const entry = index.find((e) => e.file === f);
        return !entry || (entry.id !== null && ids.has(entry.id)) || (entry.translationOf !== null && ids.has(entry.translationOf));
      }
      // A file below briefs/ that is not a brief of its own may be an include.
      return top === 'briefs' && path.dirname(f) !== 'briefs';
    });
  }

  /** One brief, by the executor. With more builders than briefs (one brief, in watch mode),
   * its PDF and its other formats are rendered on different threads at the same time. Not
   * async: the executor's own promise is what the caller awaits, so a brief is reported
   * done before the executor starts the next (the progress line counts on that). */
  private buildOne(executor: Executor, brief: string, briefs: number, started?: () => void): Promise<JobResult> {
    const { settings } = this;
    const job: BuildJob = { brief, formats: settings.formats, template: settings.template, emitModel: settings.emitModel };
    if (briefs >= executor.size || (settings.formats && settings.formats.length <= 1)) return executor.build(job, started);
    return Promise.all([
      executor.build({ ...job, renderOnly: ['pdf'] }, started),
      executor.build({ ...job, renderOnly: OUTPUT_FORMATS.filter((f) => f !== 'pdf'), emitModel: false }),
    ]).then(mergeParts);
  }

  /**
   * Watch mode, after the first build: builds the first of `briefs` that built again
   * `rounds` times, as a save would, and drops what it made (nothing is written, reported
   * or cached). V8 optimises the code
   * that renders a brief only after it has run a few times; without this, the first three
   * or four saves took about twice as long as later ones (issue 17: 180–230 ms for the PDF
   * of the 3-page sample brief, then 85–100 ms). It costs the watch that much longer to
   * start, before it says it is watching. No round starts once `budgetMs` have gone (a long
   * brief warms up in fewer rounds) or once `stop()` says so (a save is waiting: it is
   * built next).
   */
  async warmUp(briefs: readonly string[], rounds: number, options: { budgetMs: number; stop?: () => boolean }): Promise<void> {
    const brief = briefs.map((t) => this.rel(path.resolve(this.settings.projectRoot, t))).find((b) => this.manifest?.briefs[b] && !this.failures.has(b));
    if (!this.executor || !brief) return;
    const started = performance.now();
    for (let i = 0; i < rounds && performance.now() - started < options.budgetMs && !options.stop?.(); i++) {
      const result = await this.buildOne(this.executor, brief, 1);
      if (!result.ok) return;
    }
  }

  private async executorFor(n: number): Promise<Executor> {
    const want = builders(this.settings, n);
    if (this.executor && this.executor.size >= want) return this.executor;
    if (this.executor && want === 1) return this.executor;
    await this.executor?.close();
    this.executor = await this.makeExecutor(want, {
      projectRoot: this.settings.projectRoot,
      // Scanned here, once: builders in this thread and in workers only read what they quote.
      index: this.keys.index(),
      readText: (abs) => this.store.text(abs),
    });
    return this.executor;
  }

  async close(): Promise<void> {
    await this.executor?.close();
    this.executor = undefined;
  }
}

/** One brief built in parts (PDF here, DOCX there): one result, failing if either part failed. */
export function mergeParts([a, b]: [JobResult, JobResult]): JobResult {
  const ms = Math.max(a.ms, b.ms);
  if (a.ok && b.ok) {
    return { ...a, files: [...a.files, ...b.files], timings: { ...b.timings, ...a.timings, ...pick(b.timings, OUTPUT_FORMATS) }, ms };
  }
  if (!a.ok && !b.ok) {
    const seen = new Set(a.diagnostics.map((d) => JSON.stringify(d)));
    return { ...a, diagnostics: [...a.diagnostics, ...b.diagnostics.filter((d) => !seen.has(JSON.stringify(d)))], internal: a.internal ?? b.internal, ms };
  }
  return { ...(a.ok ? b : a), ms };
}

function pick(o: Record<string, number>, keys: readonly string[]): Record<string, number> {
  return Object.fromEntries(Object.entries(o).filter(([k]) => keys.includes(k)));
}

export function cpuCount(): number {
  return Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
}

/** From this many briefs to build, a `build` without `--jobs` uses a builder per CPU. */
export const MANY_BRIEFS = 30;

/**
 * Builders for `build` when `--jobs` is not given: one per CPU but one (at least one) for
 * fewer than MANY_BRIEFS briefs, one per CPU from there on.
 *
 * Why it depends on the number: each builder thread loads the code and the fonts and has V8
 * compile the hot code again (TurboFan, on V8's own threads: 4.8 CPU-seconds of a 20-brief
 * build with one builder). While both builders warm up, they and those threads share the
 * CPUs, and every brief takes about twice as long in each, so a second builder pays only
 * once each has built enough briefs warm. Measured alternately on the 2-CPU bench machine
 * (2026-12-05, 3,000 releases, ~10-page briefs, nothing cached; one builder / two):
 * 20 briefs 5.93–5.98 / 6.11–6.37 s (300 releases), 30 briefs 9.21–9.80 / 8.78–9.16 s,
 * 40 briefs 11.2–12.0 / 10.5–11.6 s, 60 briefs 15.7 / 13.8 s, 100 briefs 23.1–23.7 /
 * 18.4–19.4 s (peak RSS ~285 / ~450 MB). (On 2026-12-03 two builders were slower even for
 * 100 briefs; since then a brief's PDF is no longer kept alive through its DOCX and no
 * collection is forced between briefs, so each builder's collector has far less to do.)
 */
export function defaultJobs(briefs: number, cpus: number = cpuCount()): number {
  return Math.max(1, briefs >= MANY_BRIEFS ? cpus : cpus - 1);
}

/** Builders for `watch` when `--jobs` is not given: one per CPU. A save rebuilds one brief
 * at a time, and its PDF and DOCX rendered on two threads side by side come sooner
 * (0.48 → 0.32 s measured) though each thread runs slower. */
export function defaultWatchJobs(cpus: number = cpuCount()): number {
  return Math.max(1, cpus);
}
