/**
 * One brief, start to finish, in memory: model (brief-to-model.ts) → bytes per format.
 * Writes nothing; the caller decides what to do with the bytes (see write-outputs.ts), so a
 * failing brief can never leave a half-written file behind.
 */
import { diagnostic, DiagnosticError, type Diagnostic } from '../diagnostics/diagnostic.js';
import { pdfPageCount } from '../render/page-count.js';
import type { DocumentModel } from '../doc/model.js';
import { RENDERERS } from '../render/index.js';
import type { OutputFormat } from '../render/types.js';
import { briefToModel, type BriefToModelOptions } from './brief-to-model.js';

export interface BuildBriefOptions extends BriefToModelOptions {
  /** Overrides the formats the spec asks for. */
  formats?: readonly OutputFormat[];
}

export interface BuiltBrief {
  model: DocumentModel;
  outputs: Map<OutputFormat, Uint8Array>;
  warnings: Diagnostic[];
}

/** Reads, checks and renders one brief. Throws DiagnosticError with every problem found. */
export async function buildBrief(specFile: string, options: BuildBriefOptions): Promise<BuiltBrief> {
  const { model, warnings, formats, template } = briefToModel(specFile, options);
  const outputs = new Map<OutputFormat, Uint8Array>();
  const wanted = options.formats ?? formats;
  // A page limit is checked on the PDF, so it is rendered even when only DOCX was asked for.
  const pdf = wanted.includes('pdf') || template.maxPages !== null ? await RENDERERS.pdf(model, { fonts: options.fonts }) : undefined;
  if (pdf && template.maxPages !== null) {
    const pages = pdfPageCount(pdf);
    if (pages > template.maxPages) {
      throw new DiagnosticError([
        diagnostic({
          code: 'BP403',
          message: `the "${template.name}" template allows ${template.maxPages} page${template.maxPages === 1 ? '' : 's'}, but this brief needs ${pages}`,
          file: template.specFile,
          start: template.specPosition,
          expected: String(template.maxPages),
          actual: String(pages),
        }),
      ]);
    }
  }
  for (const format of wanted) outputs.set(format, format === 'pdf' && pdf ? pdf : await RENDERERS[format](model, { fonts: options.fonts }));
  return { model, outputs, warnings };
}
