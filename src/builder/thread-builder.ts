/**
 * Builds briefs one after another in one thread, by running the pipeline (src/pipeline/), keeping what is expensive to load: the font
 * set (parsed once, reused by every brief), the templates (cached by render-template.ts) and
 * the corpus (opened lazily: only the releases the briefs quote are read and cleaned).
 *
 * The same class runs in the main thread (one brief, watch mode) and in each worker thread of
 * the pool (worker.ts), so both paths build exactly alike. It never writes a file: it returns
 * the bytes, the warnings and what the brief depended on (for the build cache).
 */
import path from 'node:path';
import { openCorpus, type Corpus, type CorpusReads, type ReleaseIndexEntry } from '../corpus/corpus.js';
import { DiagnosticError, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { readFontSet } from '../fonts/font-set.js';
import { tryComposeDocument } from '../pipeline/compose-document.js';
import { tryRenderOutputs } from '../pipeline/render-outputs.js';
import type { BriefDeps, BuildJob, JobResult, OutputFile } from './jobs.js';

export interface ThreadBuilderOptions {
  /** Release index from the planning step (else the builder scans releases/ itself). */
  index?: readonly ReleaseIndexEntry[];
  /** How to read corpus files (the main thread shares its FileStore). */
  readText?: (abs: string) => string;
  /** Parsed releases kept between briefs (default RELEASES_KEPT). */
  releasesKept?: number;
}

export class ThreadBuilder {
  private corpus: Corpus | undefined;
  private index: readonly ReleaseIndexEntry[] | undefined;

  constructor(
    readonly projectRoot: string,
    private readonly options: ThreadBuilderOptions = {},
  ) {
    this.index = options.index;
  }

  /** Files changed on disk (watch mode): reopen the corpus if any of them is part of it. */
  invalidate(changed: readonly string[], index?: readonly ReleaseIndexEntry[]): void {
    if (index) this.index = index;
    const releasesDir = path.join(this.projectRoot, 'releases') + path.sep;
    if (index || changed.some((f) => path.resolve(this.projectRoot, f).startsWith(releasesDir))) this.corpus = undefined;
  }

  /** Loads the fonts ahead of the first job (worker start-up). A broken font configuration
   * is reported with the first brief that needs it. Cached per process by the configuration
   * and the font files' stamps. */
  warmUp(): void {
    readFontSet(this.projectRoot);
  }

  private openCorpus(): Corpus {
    this.corpus ??= openCorpus(this.projectRoot, { index: this.index, readText: this.options.readText });
    return this.corpus;
  }

  /**
   * Builds one job. Problems in the inputs come back from every stage as results, never as
   * exceptions; this is the one place where an exception (a bug in briefpack) is isolated,
   * so that it fails only its own brief. The CLI turns `internal` into exit code 4.
   */
  async build(job: BuildJob): Promise<JobResult> {
    try {
      return await this.buildIsolated(job);
    } finally {
      // Between briefs, the releases used last stay parsed; a long build's thread read
      // every release its briefs quote and kept them all (~20 KB each: 25 MB for 1,200).
      this.corpus?.forgetAllBut(this.options.releasesKept ?? RELEASES_KEPT);
    }
  }

  private async buildIsolated(job: BuildJob): Promise<JobResult> {
    const started = performance.now();
    const deps: BriefDeps = { files: [job.brief], template: null, releases: [], translations: [] };
    const run: JobRun = { deps, corpus: undefined, stop: undefined };
    try {
      return await this.buildJob(job, run, started);
    } catch (e) {
      run.stop?.();
      const globals = [...(run.corpus?.diagnostics ?? [])];
      // A problem in the inputs found late: a font file that passed the configuration's check
      // but cannot be parsed when a document first needs it (fonts/font-set.ts).
      if (e instanceof DiagnosticError) return { ok: false, brief: job.brief, diagnostics: dedupe(e.diagnostics), globals, deps, ms: elapsed(started) };
      return { ok: false, brief: job.brief, diagnostics: [], globals, deps, internal: (e as Error)?.stack ?? String(e), ms: elapsed(started) };
    }
  }

  private async buildJob(job: BuildJob, run: JobRun, started: number): Promise<JobResult> {
    const { deps } = run;
    const corpus = (run.corpus = this.openCorpus());
    const globals = [...corpus.diagnostics];
    const timings: Record<string, number> = {};
    const failed = (diagnostics: Diagnostic[]): JobResult => {
      stopTracking();
      // A release that does not load shows up as "no release with id …": say why.
      const extra = corpus.releaseDiagnostics(deps.releases).filter((d) => !diagnostics.includes(d));
      return { ok: false, brief: job.brief, diagnostics: dedupe([...diagnostics, ...extra]), globals, deps, ms: elapsed(started) };
    };
    const stopTracking = () => {
      if (!run.stop) return;
      const reads = run.stop();
      run.stop = undefined;
      deps.releases = reads.releases;
      deps.translations = reads.translations;
    };
    const t = performance.now();
    const fontSet = readFontSet(this.projectRoot);
    const fontMs = elapsed(t);
    if (fontMs > 1) timings.fonts = fontMs;
    if (!fontSet.ok) return failed(fontSet.diagnostics);
    const fonts = fontSet.fonts;
    // The glossary or the corrections file is broken: every brief depends on both.
    if (hasErrors(globals)) return failed(globals.filter((d) => d.severity === 'error'));

    run.stop = corpus.track();
    const t0 = performance.now();
    const composed = tryComposeDocument(job.brief, { projectRoot: this.projectRoot, corpus, fonts, template: job.template });
    timings.model = elapsed(t0);
    if (!composed.ok) return failed(composed.diagnostics);
    const rendered = await tryRenderOutputs(composed.document, { fonts, formats: job.formats, renderOnly: job.renderOnly, timings });
    stopTracking();
    deps.files = [...new Set(composed.document.inputs)];
    deps.template = composed.document.template.name;
    if (!rendered.ok) return failed(rendered.diagnostics);
    // For a page-limited template: the fitted document, with a warning per cut.
    const document = rendered.document;
    const releaseProblems = corpus.releaseDiagnostics(deps.releases);
    if (hasErrors(releaseProblems)) return failed(releaseProblems);
    const files: OutputFile[] = [...rendered.outputs].map(([ext, bytes]) => ({ ext, bytes }));
    if (job.emitModel) files.push({ ext: 'model.json', bytes: Buffer.from(`${JSON.stringify(document.model, null, 2)}\n`) });
    return { ok: true, brief: job.brief, files, warnings: [...releaseProblems, ...document.warnings], globals, deps, ms: elapsed(started), timings };
  }
}

/** What a job has touched so far, kept where the exception handler of `build` can see it. */
interface JobRun {
  deps: BriefDeps;
  corpus: Corpus | undefined;
  stop: (() => CorpusReads) | undefined;
}

const elapsed = (since: number) => Math.round(performance.now() - since);

/** Parsed releases a thread keeps between briefs (corpus.forgetAllBut): the 256 used last,
 * ~5 MB; a watched brief's, or a run of briefs on one topic, are read once. */
const RELEASES_KEPT = 256;

function dedupe(list: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const k = `${d.file}:${d.start.line}:${d.start.column}:${d.code}:${d.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
