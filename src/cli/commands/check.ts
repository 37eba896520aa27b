/**
 * `briefpack check [brief…] [--strict] [--json]`: validates the corpus (releases,
 * corrections, glossary, suspect text, font coverage) and the briefs (spec, selectors,
 * template, markup) without rendering or writing anything.
 * Exit 0 clean, 1 errors, 3 warnings under --strict.
 */
import { tryComposeDocument } from '../../pipeline/compose-document.js';
import { openCorpus } from '../../corpus/corpus.js';
import { checkCorpusGlyphs } from '../../corpus/font-coverage.js';
import { formatDiagnostic, hasErrors, sameDiagnostic, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { readFontSet } from '../../fonts/font-set.js';
import { EXIT } from '../errors.js';
import type { CommandContext, CommandResult } from '../context.js';
import { jsonDiagnostic } from '../reporter.js';
import { listBriefs, parseTemplateFlag } from './build.js';

export interface CheckFlags {
  strict?: boolean;
  json?: boolean;
  /** Accepted for symmetry with build: check prints only diagnostics and its summary anyway. */
  quiet?: boolean;
  template?: string;
}

export async function checkCommand(ctx: CommandContext, briefs: string[], flags: CheckFlags): Promise<CommandResult> {
  const template = parseTemplateFlag(ctx.projectRoot, flags.template);
  const corpus = openCorpus(ctx.projectRoot);
  // A broken fonts.yaml is reported beside the corpus's problems (not instead of them); the
  // glyph checks and the briefs need fonts, so they wait until it is fixed.
  const fontsRead = readFontSet(ctx.projectRoot);
  const fonts = fontsRead.ok ? fontsRead.fonts : undefined;
  // Every release is read: check reports every problem in the corpus, quoted or not, through
  // the same per-release checks a build applies to the releases it quotes.
  const diagnostics: Diagnostic[] = [...(fontsRead.ok ? [] : fontsRead.diagnostics), ...corpus.loadAll(), ...(fonts ? checkCorpusGlyphs(corpus, fonts) : [])];
  const targets = briefs.length ? briefs : listBriefs(ctx.projectRoot);
  if (fonts && !hasErrors(corpus.diagnostics)) {
    for (const brief of targets) {
      const composed = tryComposeDocument(brief, { projectRoot: ctx.projectRoot, corpus, fonts, template });
      // A brief's problems with the releases it quotes are already in the corpus report.
      const own = composed.ok ? composed.document.warnings : composed.diagnostics;
      diagnostics.push(...own.filter((d) => !diagnostics.some((seen) => sameDiagnostic(seen, d))));
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
