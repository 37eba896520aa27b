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
import { openCorpus, type LazyCorpus, type ReleaseIndexEntry } from '../corpus/open-corpus.js';
import { DiagnosticError, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { loadFontSet, type FontSet } from '../fonts/font-set.js';
import { composeDocument } from '../pipeline/compose-document.js';
import { renderOutputs } from '../pipeline/render-outputs.js';
import type { BriefDeps, BuildJob, JobResult, OutputFile } from './jobs.js';

export interface ThreadBuilderOptions {
  /** Release index from the planning step (else the builder scans releases/ itself). */
  index?: readonly ReleaseIndexEntry[];
  /** How to read corpus files (the main thread shares its FileStore). */
  readText?: (abs: string) => string;
}

export class ThreadBuilder {
  private corpus: LazyCorpus | undefined;
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

  /** Loads the fonts ahead of the first job (worker start-up). */
  warmUp(): void {
    try {
      this.fonts();
    } catch {
      // Reported with the first brief that needs them.
    }
  }

  private fonts(): FontSet {
    // Cached per process by the font configuration and the font files' stamps.
    return loadFontSet(this.projectRoot);
  }

  private openCorpus(): LazyCorpus {
    this.corpus ??= openCorpus(this.projectRoot, { index: this.index, readText: this.options.readText });
    return this.corpus;
  }

  async build(job: BuildJob): Promise<JobResult> {
    const started = performance.now();
    const deps: BriefDeps = { files: [job.brief], template: null, releases: [], translations: [] };
    let corpus: LazyCorpus | undefined;
    let stop: (() => { releases: string[]; translations: string[] }) | undefined;
    const globals = () => corpus?.diagnostics ?? [];
    const ms = () => Math.round(performance.now() - started);
    const track = () => {
      if (!stop) return;
      const reads = stop();
      stop = undefined;
      deps.releases = reads.releases;
      deps.translations = reads.translations;
    };
    const timings: Record<string, number> = {};
    try {
      corpus = this.openCorpus();
      const t = performance.now();
      const fonts = this.fonts();
      const fontMs = Math.round(performance.now() - t);
      if (fontMs > 1) timings.fonts = fontMs;
      if (hasErrors(corpus.diagnostics)) {
        // The glossary or the corrections file is broken: every brief depends on both.
        throw new DiagnosticError(corpus.diagnostics.filter((d) => d.severity === 'error'));
      }
      stop = corpus.track();
      const t0 = performance.now();
      const composed = composeDocument(job.brief, { projectRoot: this.projectRoot, corpus, fonts, template: job.template });
      timings.model = Math.round(performance.now() - t0);
      const outputs = await renderOutputs(composed, { fonts, formats: job.formats, renderOnly: job.renderOnly, timings });
      track();
      deps.files = [...new Set(composed.inputs)];
      deps.template = composed.template.name;
      const releaseProblems = corpus.releaseDiagnostics(deps.releases);
      if (hasErrors(releaseProblems)) throw new DiagnosticError(releaseProblems);
      const files: OutputFile[] = [...outputs].map(([ext, bytes]) => ({ ext, bytes }));
      if (job.emitModel) files.push({ ext: 'model.json', bytes: Buffer.from(`${JSON.stringify(composed.model, null, 2)}\n`) });
      const fontDigests: Record<string, string> = {};
      for (const face of fonts.faces.values()) {
        for (const f of [face.regular, face.bold]) if (typeof f.digest === 'string') fontDigests[f.path] = f.digest;
      }
      return { ok: true, brief: job.brief, files, warnings: [...releaseProblems, ...composed.warnings], globals: globals(), deps, fontDigests, ms: ms(), timings };
    } catch (e) {
      track();
      if (e instanceof DiagnosticError) {
        const own = e.diagnostics;
        // A release that does not load shows up as "no release with id …": say why.
        const extra = corpus ? corpus.releaseDiagnostics(deps.releases).filter((d) => !own.includes(d)) : [];
        return { ok: false, brief: job.brief, diagnostics: dedupe([...own, ...extra]), globals: globals(), deps, ms: ms() };
      }
      return { ok: false, brief: job.brief, diagnostics: [], globals: globals(), deps, internal: (e as Error)?.stack ?? String(e), ms: ms() };
    }
  }
}

function dedupe(list: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const k = `${d.file}:${d.start.line}:${d.start.column}:${d.code}:${d.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
