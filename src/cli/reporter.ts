/**
 * How a build shows where it is and how it ended, for a person or a machine:
 *
 * - on a terminal: a progress line on stderr (`[12/100] building briefs/x.yaml`), redrawn
 *   in place, above which finished briefs and diagnostics scroll;
 * - otherwise: one plain line per brief (`[12/100] built briefs/x.yaml → …`);
 * - `--json`: NDJSON on stdout, one event per line (docs in README, "Machine-readable
 *   output"), diagnostics included, ending with a `summary` event that holds the exit code;
 * - `--quiet`: diagnostics and the summary only.
 * Each diagnostic is shown once per run, however many briefs share it.
 */
import { formatDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { BuildEvent, BuildSummary } from '../builder/session.js';
import type { CommandContext } from './context.js';

export interface ReporterOptions {
  json: boolean;
  quiet: boolean;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function jsonDiagnostic(d: Diagnostic, brief?: string): string {
  return JSON.stringify({ event: 'diagnostic', ...(brief ? { brief } : {}), ...d });
}

export class BuildReporter {
  private readonly shown = new Set<string>();
  private statusLine = '';
  /** Watch mode turns this off after the first build: unchanged briefs are not news. */
  showSkipped = true;

  constructor(
    private readonly ctx: CommandContext,
    private readonly options: ReporterOptions,
  ) {}

  private get tty(): boolean {
    return !this.options.json && !this.options.quiet && this.ctx.status !== undefined;
  }

  /** Prints a line above the progress line. */
  private out(line: string, stream: 'log' | 'error' = 'log'): void {
    if (this.tty && this.statusLine) this.ctx.status!('');
    this.ctx[stream](line);
    if (this.tty && this.statusLine) this.ctx.status!(this.statusLine);
  }

  private status(text: string): void {
    if (!this.tty) return;
    this.statusLine = text;
    this.ctx.status!(text);
  }

  /** Watch mode: a new build shows its diagnostics again. */
  newRun(): void {
    this.shown.clear();
  }

  diagnostics(list: readonly Diagnostic[], brief?: string): void {
    for (const d of list) {
      const k = `${d.severity}:${d.file}:${d.start.line}:${d.start.column}:${d.code}:${d.message}`;
      if (this.shown.has(k)) continue;
      this.shown.add(k);
      if (this.options.json) this.ctx.log(jsonDiagnostic(d, brief));
      else this.out(formatDiagnostic(d), 'error');
    }
  }

  event = (e: BuildEvent): void => {
    const { json, quiet } = this.options;
    if (json) {
      if (e.type === 'globals') return this.diagnostics(e.diagnostics);
      if (e.type === 'brief') {
        if (e.status === 'skipped' && !this.showSkipped) return;
        const { warnings, errors, type: _type, ...rest } = e;
        this.ctx.log(JSON.stringify({ event: 'brief', ...rest, warnings: warnings.length, errors: errors.length }));
        this.diagnostics([...errors, ...warnings], e.brief);
        return;
      }
      this.ctx.log(JSON.stringify({ event: e.type, ...omitType(e) }));
      return;
    }
    switch (e.type) {
      case 'plan':
        if (!quiet && e.toBuild > 0 && e.total > 1) {
          this.out(`building ${e.toBuild} of ${e.total} briefs${e.skipped ? ` (${e.skipped} unchanged)` : ''}${e.jobs > 1 ? ` on ${e.jobs} threads` : ''}`);
        }
        return;
      case 'start':
        this.status(`[${e.done}/${e.total}] building ${e.running.join(', ')}`);
        return;
      case 'globals':
        this.diagnostics(e.diagnostics);
        return;
      case 'brief': {
        if (e.status === 'skipped' && !this.showSkipped) return;
        const n = `[${e.done}/${e.total}]`;
        if (!quiet) {
          if (e.status === 'built') {
            this.out(`${n} built ${e.brief} → ${e.outputs.map((o) => `${o.path} (${formatBytes(o.bytes)})`).join(', ')} in ${(e.ms / 1000).toFixed(2)} s`);
          } else if (e.status === 'skipped') {
            this.out(`${n} skipped ${e.brief} (unchanged)`);
          }
        }
        if (e.status === 'failed') {
          const kept = e.stale.length ? `previous output kept, now stale: ${e.stale.join(', ')}` : 'no output written';
          this.out(`${n} FAILED ${e.brief}: ${kept}`);
        }
        this.diagnostics([...e.errors, ...e.warnings], e.brief);
        if (e.internal) {
          this.out(`briefpack: internal error while building ${e.brief}: ${e.internal}`, 'error');
          this.out('This is a bug in briefpack; please report it with the command you ran and the message above.', 'error');
        }
        if (e.done < e.total) this.status(`[${e.done}/${e.total}] building…`);
        else this.status('');
        return;
      }
    }
  };

  /** The closing summary: one line for a person, one `summary` event for a machine. */
  summary(s: BuildSummary, exitCode: number, extra: Record<string, unknown> = {}): void {
    this.status('');
    this.statusLine = '';
    const total = Object.values(s.outputBytes).reduce((a, b) => a + b, 0);
    if (this.options.json) {
      this.ctx.log(
        JSON.stringify({
          event: 'summary',
          total: s.total,
          built: s.built,
          skipped: s.skipped,
          failed: s.failed,
          internal: s.internal,
          warnings: s.warnings.length,
          errors: s.errors.length,
          seconds: Number(s.seconds.toFixed(3)),
          outputBytes: { ...s.outputBytes, total },
          written: s.written,
          stale: s.stale,
          peakRssMB: s.peakRssMB,
          exitCode,
          ...extra,
        }),
      );
      return;
    }
    const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
    const sizes = Object.entries(s.outputBytes)
      .map(([ext, b]) => `${ext} ${formatBytes(b)}`)
      .join(', ');
    const infos = s.warnings.filter((d) => d.severity === 'info').length;
    this.ctx.log(
      `${s.built} built, ${s.skipped} skipped, ${s.failed} failed, ${plural(s.warnings.length - infos, 'warning')}${infos ? `, ${plural(infos, 'info')}` : ''} in ${s.seconds.toFixed(2)} s` +
        (total ? `; output ${formatBytes(total)} (${sizes})` : ''),
    );
    if (s.stale.length) this.ctx.log(`stale (kept from an earlier build): ${s.stale.join(', ')}`);
  }
}

function omitType<T extends { type: string }>(e: T): Omit<T, 'type'> {
  const { type: _type, ...rest } = e;
  return rest;
}
