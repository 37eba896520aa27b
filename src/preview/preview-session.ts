/**
 * The preview's builds: one brief, built into a private folder on every save, its last good
 * PDF and DOCX kept in memory for the page, with the diagnostics of the latest build (a
 * broken save shows its diagnostics and keeps the last good pages) and the excerpt index.
 *
 * The build itself is the ordinary one (builder/session.ts: cache, lock, atomic writes), so
 * the preview shows exactly what `build` writes. Its own watching is chokidar's: briefs/,
 * releases/, templates/ and fonts/ (and the brief's folder), editor droppings ignored, a
 * burst of events settled for a few milliseconds, one build at a time.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { BuildSession, briefName, type BuildEvent } from '../builder/session.js';
import type { Executor, ExecutorOptions } from '../builder/executor.js';
import { formatDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { excerptIndex, type ExcerptInfo } from './excerpt-index.js';
import type { PreviewContent } from './server.js';

export interface PreviewSessionOptions {
  projectRoot: string;
  /** Spec path relative to the project root. */
  brief: string;
  template?: string;
  makeExecutor: (n: number, options: ExecutorOptions) => Executor | Promise<Executor>;
  /** Builders: 2 renders PDF and DOCX at once (a warm worker thread); 1 keeps to this thread. */
  jobs: number;
  /** Called after every build (the server tells the page). */
  onBuilt: () => void;
  /** Lines for the terminal: one per build. */
  log: (line: string) => void;
}

export interface PreviewState {
  brief: string;
  /** Builds finished so far. */
  build: number;
  /** Bumped whenever the outputs changed (the page reloads the pages then). */
  outputs: number;
  status: 'building' | 'ok' | 'failed';
  /** Milliseconds the latest build took. */
  ms: number;
  /** Whether the pages shown are from an earlier build than the latest (which failed). */
  stale: boolean;
  diagnostics: (Diagnostic & { text: string })[];
  excerpts: ExcerptInfo[];
}

/** Saves come in bursts (write, rename, chmod): wait this long for the burst to end. */
const SETTLE_MS = 20;
const WATCHED = ['briefs', 'releases', 'templates', 'fonts'];

function ignored(rel: string): boolean {
  const base = path.basename(rel);
  return base.startsWith('.') || base.endsWith('~') || base.endsWith('.swp') || base.endsWith('.tmp') || base === '4913';
}

export class PreviewSession implements PreviewContent {
  private readonly outDir = mkdtempSync(path.join(os.tmpdir(), 'briefpack-preview-'));
  private readonly session: BuildSession;
  private readonly files = new Map<'pdf' | 'docx', Uint8Array>();
  private readonly current: PreviewState;
  private watcher: FSWatcher | undefined;
  private pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private globals: Diagnostic[] = [];
  private lastEvent: Extract<BuildEvent, { type: 'brief' }> | undefined;

  constructor(private readonly options: PreviewSessionOptions) {
    this.current = { brief: options.brief, build: 0, outputs: 0, status: 'building', ms: 0, stale: false, diagnostics: [], excerpts: [] };
    this.session = new BuildSession(
      {
        projectRoot: options.projectRoot,
        outDir: this.outDir,
        formats: ['pdf', 'docx'],
        template: options.template,
        emitModel: false,
        force: false,
        // As in watch mode: a warm worker renders the DOCX while this thread renders the PDF.
        jobs: options.jobs,
        keepWarm: true,
        command: `briefpack preview ${options.brief}`,
      },
      (e) => this.event(e),
      options.makeExecutor,
    );
  }

  state(): string {
    return JSON.stringify(this.current);
  }

  output(format: 'pdf' | 'docx'): Uint8Array | undefined {
    return this.files.get(format);
  }

  /** Watching, then the first build (a save during it is built next). */
  async start(): Promise<void> {
    const root = this.options.projectRoot;
    const briefDir = path.dirname(this.options.brief);
    const dirs = [...new Set([...WATCHED, briefDir])].map((d) => path.join(root, d));
    this.watcher = watch(dirs, {
      ignoreInitial: true,
      ignored: (p: string) => ignored(path.relative(root, p)) || path.relative(root, p).startsWith(path.join('releases', 'raw') + path.sep),
    });
    for (const event of ['add', 'change', 'unlink'] as const) {
      this.watcher.on(event, (p: string) => {
        this.pending.add(path.relative(root, p));
        this.timer ??= setTimeout(() => this.flush(), SETTLE_MS);
      });
    }
    this.watcher.on('error', (e) => this.options.log(`briefpack preview: watching failed: ${(e as Error).message}`));
    await new Promise<void>((resolve) => this.watcher!.once('ready', () => resolve()));
    this.running = this.build().finally(() => {
      this.running = undefined;
      if (this.pending.size) this.timer ??= setTimeout(() => this.flush(), SETTLE_MS);
    });
    await this.running;
  }

  private flush(): void {
    this.timer = undefined;
    if (this.running) return;
    const changed = [...this.pending];
    this.pending.clear();
    this.running = this.build(changed).finally(() => {
      this.running = undefined;
      if (this.pending.size) this.timer ??= setTimeout(() => this.flush(), SETTLE_MS);
    });
  }

  private event(e: BuildEvent): void {
    if (e.type === 'globals') this.globals = e.diagnostics;
    if (e.type === 'brief') this.lastEvent = e;
  }

  private async build(changed?: string[]): Promise<void> {
    const started = performance.now();
    if (changed) this.session.changed(changed);
    this.lastEvent = undefined;
    let problems: Diagnostic[] = [];
    let ok = false;
    try {
      await this.session.run([this.options.brief], { changed });
      const e = this.lastEvent as Extract<BuildEvent, { type: 'brief' }> | undefined;
      ok = e !== undefined && e.status !== 'failed';
      problems = e ? [...e.errors, ...e.warnings] : [];
      if (e?.internal) this.options.log(`briefpack preview: internal error: ${e.internal}`);
      if (e?.status === 'built' || (ok && this.files.size === 0)) this.readOutputs();
    } catch (err) {
      // A spec that cannot even be planned (a usage problem) is shown like a failed build.
      const diagnostics = (err as { diagnostics?: Diagnostic[] }).diagnostics;
      if (diagnostics) problems = diagnostics;
      else this.options.log(`briefpack preview: ${(err as Error).stack ?? String(err)}`);
    }
    if (ok) {
      try {
        this.current.excerpts = excerptIndex(this.options.projectRoot, this.options.brief);
      } catch (err) {
        this.options.log(`briefpack preview: excerpt index: ${(err as Error).message}`);
      }
    }
    const all = [...problems, ...this.globals.filter((g) => !problems.some((p) => p.file === g.file && p.code === g.code && p.start.line === g.start.line))];
    all.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) || a.file.localeCompare(b.file) || a.start.line - b.start.line || a.start.column - b.start.column);
    Object.assign(this.current, {
      build: this.current.build + 1,
      status: ok ? 'ok' : 'failed',
      ms: Math.round(performance.now() - started),
      stale: !ok && this.files.size > 0,
      diagnostics: all.map((d) => ({ ...d, text: formatDiagnostic(d) })),
    });
    const errors = all.filter((d) => d.severity === 'error').length;
    const t = (this.lastEvent as Extract<BuildEvent, { type: 'brief' }> | undefined)?.timings;
    this.options.log(ok ? `built ${this.options.brief} in ${this.current.ms} ms${t ? ` (${Object.entries(t).map(([k, v]) => `${k} ${v}`).join(', ')})` : ''}${all.length ? ` (${all.length} warning${all.length === 1 ? '' : 's'})` : ''}` : `${this.options.brief} failed: ${errors} error${errors === 1 ? '' : 's'} (the page keeps the last good pages)`);
    this.options.onBuilt();
  }

  private readOutputs(): void {
    const name = briefName(this.options.brief);
    for (const format of ['pdf', 'docx'] as const) this.files.set(format, readFileSync(path.join(this.outDir, `${name}.${format}`)));
    this.current.outputs++;
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    await this.watcher?.close();
    await this.running;
    await this.session.close();
    rmSync(this.outDir, { recursive: true, force: true });
  }
}
