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
  /** Filled with the milliseconds each step took: model, pdf, docx (benchmarks, --json). */
  timings?: Record<string, number>;
  /** Render only these of the formats wanted (the build splits one brief's formats between
   * two threads); the page limit is checked where the PDF is rendered. */
  renderOnly?: readonly OutputFormat[];
}

export interface BuiltBrief {
  model: DocumentModel;
  outputs: Map<OutputFormat, Uint8Array>;
  warnings: Diagnostic[];
  /** Every file the brief read (see BriefModel.inputs), for the build cache and watch mode. */
  inputs: string[];
  /** The template used. */
  template: string;
}

/** Reads, checks and renders one brief. Throws DiagnosticError with every problem found. */
export async function buildBrief(specFile: string, options: BuildBriefOptions): Promise<BuiltBrief> {
  const timings = options.timings ?? {};
  let t = performance.now();
  const lap = (step: string) => {
    const now = performance.now();
    timings[step] = Math.round(now - t);
    t = now;
  };
  const { model, warnings, formats, template, inputs } = briefToModel(specFile, options);
  lap('model');
  const outputs = new Map<OutputFormat, Uint8Array>();
  const only = options.renderOnly;
  const wanted = (options.formats ?? formats).filter((f) => !only || only.includes(f));
  const checksPages = template.maxPages !== null && (!only || only.includes('pdf'));
  // A page limit is checked on the PDF, so it is rendered even when only DOCX was asked for.
  const pdf = wanted.includes('pdf') || checksPages ? await RENDERERS.pdf(model, { fonts: options.fonts }) : undefined;
  if (pdf) lap('pdf');
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
  for (const format of wanted) {
    outputs.set(format, format === 'pdf' && pdf ? pdf : await RENDERERS[format](model, { fonts: options.fonts }));
    if (format !== 'pdf') lap(format);
  }
  return { model, outputs, warnings, inputs, template: template.name };
}
