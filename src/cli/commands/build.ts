/**
 * `briefpack build [brief.yaml…]`: builds the named briefs (default: every briefs/*.yaml)
 * into output/ (build/session.ts does the work). Briefs whose inputs did not change since
 * their output was written are skipped (`--force` rebuilds them); the others are built in
 * parallel in worker threads (`--jobs`). A brief that fails is reported with every problem
 * found, its previous output stays as it was (stale), and the others are still built.
 *
 * Exit code: 4 if briefpack hit a bug, else 1 if any brief failed, else 3 under --strict if
 * there were warnings, else 0.
 */
import { existsSync, readdirSync } from 'node:fs';
import { DiagnosticError } from '../../diagnostics/diagnostic.js';
import { briefFileProblem, isLockFile } from '../../brief/brief-files.js';
import { inputProblemOf } from '../../util/input-text.js';
import { templateNames } from '../../template/template-names.js';
import path from 'node:path';
import type { Executor, ExecutorOptions } from '../../builder/executor.js';
import { LocalExecutor } from '../../builder/executor.js';
import { BuildSession, type BuildSettings, type BuildSummary } from '../../builder/session.js';
import { briefsOfShard, parseShard, type Shard } from '../../builder/shard.js';
import { OUTPUT_FORMATS, type OutputFormat } from '../../render/shared/types.js';
import { EXIT, UsageError } from '../errors.js';
import type { CommandContext, CommandResult } from '../context.js';
import { BuildReporter } from '../reporter.js';

export interface BuildFlags {
  out?: string;
  format?: string;
  template?: string;
  jobs?: string;
  /** "K/N": build only that share of the briefs (builder/shard.ts). */
  shard?: string;
  force?: boolean;
  emit?: string;
  strict?: boolean;
  json?: boolean;
  quiet?: boolean;
}

export function listBriefs(projectRoot: string): string[] {
  const dir = path.join(projectRoot, 'briefs');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    // Not hidden files: an editor's lock link (.#x.yaml) or swap file is not a brief.
    .filter((f) => (f.endsWith('.yaml') || f.endsWith('.yml')) && !f.startsWith('.') && !isLockFile(f))
    .sort()
    .map((f) => path.join('briefs', f));
}

export function parseFormats(value: string | undefined): OutputFormat[] | undefined {
  if (!value) return undefined;
  const formats = value.split(',').map((f) => f.trim());
  for (const f of formats) {
    if (!(OUTPUT_FORMATS as readonly string[]).includes(f)) throw new UsageError(`--format: unknown format "${f}" (use ${OUTPUT_FORMATS.join(', ')})`);
  }
  return [...new Set(formats)] as OutputFormat[];
}

export function parseJobs(value: string | undefined, fallback: number | 'auto'): number | 'auto' {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--jobs: expected a whole number of 1 or more, got "${value}"`);
  return n;
}

export function parseEmit(value: string | undefined): boolean {
  if (value === undefined) return false;
  for (const v of value.split(',').map((x) => x.trim())) {
    if (v !== 'model') throw new UsageError(`--emit: unknown output "${v}" (the only one is "model": the document model as JSON)`);
  }
  return true;
}

export function parseShardFlag(value: string | undefined): Shard | undefined {
  if (value === undefined) return undefined;
  const shard = parseShard(value);
  if (!shard) throw new UsageError(`--shard: expected K/N with 1 ≤ K ≤ N, e.g. --shard 2/4, got "${value}"`);
  return shard;
}

/**
 * `--template NAME`: a template in templates/ (the name, not a path). An empty or unknown name
 * is a usage mistake, said once, rather than the same failure for every brief.
 */
export function parseTemplateFlag(projectRoot: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const names = templateNames(path.join(projectRoot, 'templates'));
  const known = names.length ? `templates: ${names.join(', ')}` : 'templates/ has none';
  if (!/^[a-z0-9][a-z0-9-]*$/.test(value)) {
    throw new UsageError(`--template: expected the name of a template in templates/ (lowercase letters, digits and "-"), got ${JSON.stringify(value)} (${known})`);
  }
  if (!names.includes(value)) throw new UsageError(`--template: no template named "${value}" (${known})`);
  return value;
}

/**
 * Briefs named on the command line that are not files (a folder such as `briefs`, a device
 * such as /dev/zero, a pipe) or are too large: refused before anything reads them, with
 * every such name reported. A brief that does not exist is left to the build (BP501: it
 * fails, the others still build).
 */
export function checkNamedBriefs(projectRoot: string, briefs: readonly string[]): void {
  const problems = briefs.flatMap((b) => {
    const problem = inputProblemOf(path.resolve(projectRoot, b));
    if (!problem || problem.kind === 'missing') return [];
    const rel = path.relative(projectRoot, path.resolve(projectRoot, b));
    return [briefFileProblem(rel.startsWith('..') || path.isAbsolute(rel) ? b : rel, problem)];
  });
  if (problems.length) throw new DiagnosticError(problems);
}

/** `defaultJobsHere`: the builders when `--jobs` is not given: for `build`, by the number of
 * briefs to build (session.ts defaultJobs); watch passes defaultWatchJobs. */
export function buildSettings(ctx: CommandContext, flags: BuildFlags, command: string, defaultJobsHere: number | 'auto' = 'auto'): BuildSettings {
  return {
    projectRoot: ctx.projectRoot,
    outDir: path.resolve(ctx.projectRoot, flags.out ?? 'output'),
    formats: parseFormats(flags.format),
    template: parseTemplateFlag(ctx.projectRoot, flags.template),
    emitModel: parseEmit(flags.emit),
    force: flags.force === true,
    jobs: parseJobs(flags.jobs, defaultJobsHere),
    command,
  };
}

/** In this thread for one brief; this thread and n − 1 worker threads (loaded only then) for more. */
export async function makeExecutor(n: number, options: ExecutorOptions): Promise<Executor> {
  if (n <= 1) return new LocalExecutor(options);
  const { HybridExecutor } = await import('../../builder/hybrid.js');
  return new HybridExecutor(options, n);
}

export function exitCodeOf(summary: BuildSummary, strict: boolean): number {
  if (summary.internal) return EXIT.internal;
  if (summary.failed || summary.errors.length) return EXIT.inputErrors;
  // Infos (e.g. a fact selected twice, BP223) are reported but never fail --strict.
  if (strict && summary.warnings.some((d) => d.severity === 'warning')) return EXIT.strictWarnings;
  return EXIT.ok;
}

export async function buildCommand(ctx: CommandContext, briefs: string[], flags: BuildFlags): Promise<CommandResult> {
  const settings = buildSettings(ctx, flags, `briefpack build ${briefs.join(' ')}`.trim());
  const shard = parseShardFlag(flags.shard);
  checkNamedBriefs(ctx.projectRoot, briefs);
  const all = briefs.length ? briefs : listBriefs(ctx.projectRoot);
  if (!all.length) throw new UsageError('no briefs to build: briefs/ has no .yaml files and none were named (briefpack new <name> starts one)');
  // A shard is chosen by project-relative path, so `build a.yaml --shard 1/2` and a run from
  // another folder split alike. A shard may be empty (few briefs, many runners): that is a
  // successful build of nothing.
  const targets = shard ? briefsOfShard(all.map((b) => path.relative(ctx.projectRoot, path.resolve(ctx.projectRoot, b))), shard) : all;
  const reporter = new BuildReporter(ctx, { json: flags.json === true, quiet: flags.quiet === true });
  const session = new BuildSession(settings, reporter.event, makeExecutor);
  let summary: BuildSummary;
  try {
    summary = await session.run(targets);
  } finally {
    await session.close();
  }
  const exitCode = exitCodeOf(summary, flags.strict === true);
  reporter.summary(summary, exitCode);
  return { exitCode, diagnostics: [...summary.errors, ...summary.warnings] };
}
