/**
 * `briefpack build [brief.yaml…] [--out DIR] [--format pdf,docx] [--template NAME]`:
 * builds the named briefs (default: every briefs/*.yaml) into output/. Each brief is built
 * completely in memory and written only when all its files rendered; a brief that fails is
 * reported with every problem found and the others are still built.
 */
import { readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { buildBrief } from '../../build/build-brief.js';
import { writeOutputs, type WrittenFile } from '../../build/write-outputs.js';
import { loadCorpus } from '../../corpus/corpus.js';
import { DiagnosticError, formatDiagnostic, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { loadFontSet } from '../../fonts/font-set.js';
import { OUTPUT_FORMATS, type OutputFormat } from '../../render/types.js';
import { UsageError } from '../errors.js';
import type { CommandContext, CommandResult } from '../context.js';

export interface BuildFlags {
  out?: string;
  format?: string;
  template?: string;
}

export function listBriefs(projectRoot: string): string[] {
  const dir = path.join(projectRoot, 'briefs');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort()
    .map((f) => path.join('briefs', f));
}

export function parseFormats(value: string | undefined): OutputFormat[] | undefined {
  if (!value) return undefined;
  const formats = value.split(',').map((f) => f.trim());
  for (const f of formats) {
    if (!(OUTPUT_FORMATS as readonly string[]).includes(f)) throw new UsageError(`--format: unknown format "${f}" (use ${OUTPUT_FORMATS.join(', ')})`);
  }
  return formats as OutputFormat[];
}

export async function buildCommand(ctx: CommandContext, briefs: string[], flags: BuildFlags): Promise<CommandResult> {
  const started = performance.now();
  const formats = parseFormats(flags.format);
  const outDir = path.resolve(ctx.projectRoot, flags.out ?? 'output');
  const targets = briefs.length ? briefs : listBriefs(ctx.projectRoot);
  if (!targets.length) throw new UsageError('no briefs to build: briefs/ has no .yaml files and none were named');

  const corpus = loadCorpus(ctx.projectRoot);
  const diagnostics: Diagnostic[] = [...corpus.diagnostics];
  if (corpus.diagnostics.some((d) => d.severity === 'error')) {
    // Every brief reads the corpus: report its problems once and build nothing.
    throw new DiagnosticError(corpus.diagnostics);
  }
  const fonts = loadFontSet(ctx.projectRoot);
  let built = 0;
  let failed = 0;
  const written: WrittenFile[] = [];
  for (const [i, brief] of targets.entries()) {
    const name = path.basename(brief).replace(/\.ya?ml$/, '');
    try {
      const result = await buildBrief(brief, { projectRoot: ctx.projectRoot, corpus, fonts, formats, template: flags.template });
      const files = writeOutputs(outDir, name, result.outputs);
      written.push(...files);
      diagnostics.push(...result.warnings);
      built++;
      ctx.log(`[${i + 1}/${targets.length}] built ${brief} → ${files.map((f) => `${path.relative(ctx.projectRoot, f.path)} (${kb(f.bytes)})`).join(', ')}`);
    } catch (e) {
      if (!(e instanceof DiagnosticError)) throw e;
      failed++;
      diagnostics.push(...e.diagnostics);
      ctx.log(`[${i + 1}/${targets.length}] FAILED ${brief}: no output written, previous output (if any) kept`);
      for (const d of e.diagnostics) ctx.error(formatDiagnostic(d));
    }
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  ctx.log(`${built} built, ${failed} failed, ${warnings} warning${warnings === 1 ? '' : 's'} in ${seconds} s`);
  return { exitCode: failed ? 1 : 0, diagnostics };
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(0)} KB`;
}
