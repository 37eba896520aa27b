/**
 * The pipeline up to the document model, for one brief: spec → resolved brief → markup →
 * document model, with every problem collected. No rendering, so `check`, golden tests and
 * the model dump never load a renderer. Pure composition: no threads, cache or files written.
 */
import path from 'node:path';
import type { Corpus } from '../corpus/corpus.js';
import { diagnostic, DiagnosticError, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { DocumentModel, Point } from '../model/model.js';
import { markupToModel } from '../markup/markup-to-model.js';
import type { FontSet } from '../fonts/font-set.js';
import type { OutputFormat, RenderOptions } from '../render/shared/types.js';
import { checkGlyphs } from '../render/shared/check-glyphs.js';
import { fontsForTypeface, typefaceProblem } from '../fonts/font-set.js';
import { resolveBrief, type ResolvedBrief } from '../resolve/resolve.js';
import { loadBrief } from '../brief/load-brief.js';
import { readInputText } from '../util/input-text.js';
import { briefFileProblem } from '../brief/brief-files.js';
import { loadTemplate } from '../template/render-template.js';
import { templateNames } from '../template/template-names.js';

export interface ComposeOptions {
  projectRoot: string;
  corpus: Corpus;
  fonts: FontSet;
  /** Overrides the spec's `template`. */
  template?: string;
}

/** A brief composed into its document model, with what the build needs to know about it. */
export interface ComposedDocument {
  model: DocumentModel;
  warnings: Diagnostic[];
  /** The formats the spec asks for. */
  formats: OutputFormat[];
  /** Every file the brief read: spec, includes, releases, template (for caches and watch). */
  inputs: string[];
  /** The template used, with its page limit, and where the spec names it. */
  template: { name: string; maxPages: number | null; specFile: string; specPosition: Point };
  /** Format-specific options the spec sets (the model itself knows no output format). */
  renderOptions: Pick<RenderOptions, 'docx' | 'typeface'>;
  /** The resolved brief the model was made from. */
  brief: ResolvedBrief;
  /** Runs the template again on other brief data (a page-limited template's cuts:
   * pipeline/fit-document.ts): the model, or the problems found. */
  assemble(brief: ResolvedBrief): { model: DocumentModel } | { diagnostics: Diagnostic[] };
}

export type ComposeResult = { ok: true; document: ComposedDocument } | { ok: false; diagnostics: Diagnostic[] };

/**
 * Composes one brief. Problems in the inputs come back as `{ ok: false, diagnostics }` (every
 * one found, warnings included); only a bug in briefpack throws.
 */
export function tryComposeDocument(specFile: string, options: ComposeOptions): ComposeResult {
  try {
    return composeOrReport(specFile, options);
  } catch (e) {
    // An input problem found deep down, where there is no result to return it in: a font
    // file that passed the configuration's check but cannot be parsed when first needed.
    if (e instanceof DiagnosticError) return { ok: false, diagnostics: e.diagnostics };
    throw e;
  }
}

function composeOrReport(specFile: string, options: ComposeOptions): ComposeResult {
  const failed = (diagnostics: Diagnostic[]): ComposeResult => ({ ok: false, diagnostics });
  const abs = path.resolve(options.projectRoot, specFile);
  const relative = path.relative(options.projectRoot, abs);
  // A brief outside the project (named on the command line) is shown by its absolute path.
  const file = relative.startsWith(`..${path.sep}`) || relative === '..' || path.isAbsolute(relative) ? abs : relative;
  const read = readInputText(abs);
  if (!read.ok) return failed([briefFileProblem(file, read)]);
  const specText = read.text;
  const loaded = loadBrief(options.projectRoot, file, specText);
  const diagnostics: Diagnostic[] = [...loaded.diagnostics];
  const resolved = resolveBrief(loaded, options.corpus);
  diagnostics.push(...resolved.diagnostics);

  const templateName = options.template ?? loaded.spec?.template;
  const templatesDir = path.join(options.projectRoot, 'templates');
  if (templateName && !templateNames(templatesDir).includes(templateName)) {
    diagnostics.push(
      diagnostic({
        code: 'BP209',
        message: `no template named "${templateName}"`,
        file,
        start: loaded.main.positionOf(['template']),
        hint: `Templates: ${templateNames(templatesDir).join(', ') || 'none found in templates/'}.`,
      }),
    );
  }
  if (hasErrors(diagnostics) || !resolved.brief || !templateName) return failed(diagnostics);

  const opened = loadTemplate(options.projectRoot, templateName);
  if (!opened.ok) return failed([...diagnostics, ...opened.diagnostics]);
  const template = opened.template;
  // The spec's citation style wins over the template's; either over the labels' default.
  const brief = { ...resolved.brief, meta: { ...resolved.brief.meta, citationStyle: resolved.brief.meta.citationStyle ?? template.config.citationStyle } };
  // The spec's typeface, else the template's (fonts.yaml typefaces).
  const typeface = brief.meta.typeface ?? template.config.typeface;
  const unknownTypeface = typefaceProblem(options.fonts, typeface);
  if (unknownTypeface) return failed([...diagnostics, unknownTypeface]);
  const assemble = (data: ResolvedBrief): { model: DocumentModel } | { diagnostics: Diagnostic[] } => {
    const ran = template.run(data);
    if ('diagnostics' in ran) return { diagnostics: ran.diagnostics };
    const { model, diagnostics: markupProblems } = markupToModel(ran.markup, template.file, {
      title: data.meta.title,
      subtitle: data.meta.subtitle,
      date: data.meta.date,
      classification: data.meta.classification,
      author: data.meta.author,
      subject: data.meta.subtitle || data.meta.title,
      keywords: data.sources.map((s) => s.id),
      lang: data.meta.script,
      ...(data.meta.region ? { region: data.meta.region } : {}),
      labels: data.meta.labels,
      paper: data.meta.paper,
    });
    if (!model) return { diagnostics: markupProblems };
    const glyphProblems = checkGlyphs(model, fontsForTypeface(options.fonts, typeface), file, { specText });
    if (glyphProblems.length) return { diagnostics: glyphProblems };
    return { model };
  };
  const assembled = assemble(brief);
  if ('diagnostics' in assembled) return failed([...diagnostics, ...assembled.diagnostics]);
  const { model } = assembled;
  const releaseFiles = resolved.releaseIds.map((id) => options.corpus.releases.get(id)!.file);
  const document: ComposedDocument = {
    model,
    warnings: diagnostics.filter((d) => d.severity !== 'error'),
    formats: [...brief.meta.formats],
    inputs: [...loaded.files, ...releaseFiles, ...template.files],
    template: { name: template.name, maxPages: template.config.maxPages, specFile: file, specPosition: loaded.main.positionOf(['template']) },
    renderOptions: { typeface, docx: { embedFonts: brief.meta.embedFonts, tocPageNumbers: brief.meta.docxTocPageNumbers } },
    brief,
    assemble,
  };
  return { ok: true, document };
}

/** `tryComposeDocument` for callers that stop at the first failing brief (tests, tools):
 * throws DiagnosticError with every problem found. */
export function composeDocument(specFile: string, options: ComposeOptions): ComposedDocument {
  const result = tryComposeDocument(specFile, options);
  if (!result.ok) throw new DiagnosticError(result.diagnostics);
  return result.document;
}

