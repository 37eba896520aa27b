/**
 * `briefpack check [brief…] [--strict] [--json]`: validates the corpus (releases,
 * corrections, glossary, suspect text, font coverage) and the briefs (spec, selectors,
 * template, markup) without rendering or writing anything.
 * Exit 0 clean, 1 errors, 3 warnings under --strict.
 */
import { composeDocument } from '../../pipeline/compose-document.js';
import { loadCorpus } from '../../corpus/corpus.js';
import { checkCorpusGlyphs } from '../../corpus/font-coverage.js';
import { DiagnosticError, formatDiagnostic, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { loadFontSet } from '../../fonts/font-set.js';
import { EXIT } from '../errors.js';
import type { CommandContext, CommandResult } from '../context.js';
import { jsonDiagnostic } from '../reporter.js';
import { listBriefs } from './build.js';

export interface CheckFlags {
  strict?: boolean;
  json?: boolean;
  /** Accepted for symmetry with build: check prints only diagnostics and its summary anyway. */
  quiet?: boolean;
  template?: string;
}

export async function checkCommand(ctx: CommandContext, briefs: string[], flags: CheckFlags): Promise<CommandResult> {
  const corpus = loadCorpus(ctx.projectRoot);
  const fonts = loadFontSet(ctx.projectRoot);
  const diagnostics: Diagnostic[] = [...corpus.diagnostics, ...checkCorpusGlyphs(corpus, fonts)];
  const targets = briefs.length ? briefs : listBriefs(ctx.projectRoot);
  if (!corpus.diagnostics.some((d) => d.severity === 'error')) {
    for (const brief of targets) {
      try {
        diagnostics.push(...composeDocument(brief, { projectRoot: ctx.projectRoot, corpus, fonts, template: flags.template }).warnings);
      } catch (e) {
        if (!(e instanceof DiagnosticError)) throw e;
        diagnostics.push(...e.diagnostics);
      }
    }
  }
  for (const d of diagnostics) {
    if (flags.json) ctx.log(jsonDiagnostic(d));
    else ctx.error(formatDiagnostic(d));
  }
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  const exitCode = errors ? EXIT.inputErrors : warnings && flags.strict ? EXIT.strictWarnings : EXIT.ok;
  if (flags.json) ctx.log(JSON.stringify({ event: 'summary', releases: corpus.releases.size, briefs: targets.length, errors, warnings, exitCode }));
  else ctx.log(`checked ${corpus.releases.size} releases and ${targets.length} briefs: ${errors} errors, ${warnings} warnings`);
  return { exitCode, diagnostics };
}
