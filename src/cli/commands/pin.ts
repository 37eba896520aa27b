/**
 * `briefpack pin [brief.yaml…] [--update]`: pins every quoted paragraph of the briefs (default:
 * every briefs/*.yaml): its hash goes into the spec, its text into `briefs/<name>.lock.yaml`
 * (src/pin/pin-brief.ts). From then on a build warns when a pinned source changes and shows
 * the old and new sentences. Excerpts whose source changed keep their old pin (and the build
 * keeps warning) until `--update` accepts the new text.
 *
 * Files are replaced atomically (written beside, then renamed), so a spec is never half
 * written. A brief with errors is reported and pins nothing.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openCorpus } from '../../corpus/corpus.js';
import { DiagnosticError, formatDiagnostic, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { pinBrief } from '../../pin/pin-brief.js';
import type { CommandContext, CommandResult } from '../context.js';
import { EXIT, UsageError } from '../errors.js';
import { readInputTextOrThrow } from '../../util/input-text.js';
import { checkNamedBriefs, listBriefs } from './build.js';

export interface PinFlags {
  update?: boolean;
  quiet?: boolean;
}

export async function pinCommand(ctx: CommandContext, briefs: string[], flags: PinFlags): Promise<CommandResult> {
  const root = ctx.projectRoot;
  const targets = briefs.length ? briefs.map((b) => path.relative(root, path.resolve(root, b))) : listBriefs(root);
  if (!targets.length) throw new UsageError('no briefs to pin: briefs/ has no .yaml files and none were named');
  checkNamedBriefs(root, targets);
  const corpus = openCorpus(root);
  const readText = (file: string) => readInputTextOrThrow(path.resolve(root, file));
  const errors: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
  for (const brief of targets) {
    if (!existsSync(path.resolve(root, brief))) throw new UsageError(`no brief "${brief}"`);
    const result = pinBrief(brief, { projectRoot: root, corpus, update: flags.update === true, readText });
    if ('errors' in result) {
      errors.push(...result.errors);
      continue;
    }
    for (const [file, text] of result.specs) writeAtomically(path.resolve(root, file), text);
    const lockPath = path.resolve(root, result.lockFile);
    if (!existsSync(lockPath) || readFileSync(lockPath, 'utf8') !== result.lockText) writeAtomically(lockPath, result.lockText);
    const { pinned, unchanged, updated, changed } = result.counts;
    const changedWarnings = result.diagnostics.filter((d) => d.code === 'BP215');
    warnings.push(...changedWarnings);
    if (!flags.update) for (const d of changedWarnings) ctx.error(formatDiagnostic(d));
    const parts = [`${pinned} pinned`, `${unchanged} unchanged`, ...(flags.update ? [`${updated} updated`] : []), ...(changed ? [`${changed} changed in the source (run with --update to accept)`] : [])];
    if (!flags.quiet || changed) ctx.log(`${brief}: ${parts.join(', ')}; quoted text kept in ${result.lockFile}`);
  }
  if (errors.length) throw new DiagnosticError(errors);
  return { exitCode: EXIT.ok, diagnostics: flags.update ? [] : warnings };
}

function writeAtomically(file: string, text: string): void {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, file);
}
