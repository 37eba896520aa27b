/**
 * The last stage of the pipeline: a composed document (compose-document.ts) → bytes per
 * format, through the renderer table. Writes nothing; the builder decides what to do with the
 * bytes (builder/write-outputs.ts), so a failing brief can never leave a half-written file.
 * The template's page limit is enforced here, on the PDF as rendered.
 */
import { diagnostic, DiagnosticError, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { FontSet } from '../fonts/font-set.js';
import { RENDERERS } from '../render/index.js';
import { pdfPageCount } from '../render/shared/page-count.js';
import type { OutputFormat } from '../render/shared/types.js';
import type { ComposedDocument } from './compose-document.js';

export interface RenderOutputsOptions {
  fonts: FontSet;
  /** Overrides the formats the spec asks for. */
  formats?: readonly OutputFormat[];
  /** Render only these of the formats wanted (the build splits one brief's formats between
   * two threads); the page limit is checked where the PDF is rendered. */
  renderOnly?: readonly OutputFormat[];
  /** Filled with the milliseconds each renderer took (benchmarks, --json). */
  timings?: Record<string, number>;
}

/** The bytes of each format rendered, in the order asked for. */
export type RenderedOutputs = Map<OutputFormat, Uint8Array>;

export type RenderResult = { ok: true; outputs: RenderedOutputs } | { ok: false; diagnostics: Diagnostic[] };

/** Renders a composed document; over its page limit, the result is BP403. Only a bug throws. */
export async function tryRenderOutputs(composed: ComposedDocument, options: RenderOutputsOptions): Promise<RenderResult> {
  const { model, template, renderOptions } = composed;
  const timings = options.timings ?? {};
  const timed = async (format: OutputFormat) => {
    const t = performance.now();
    const bytes = await RENDERERS[format](model, { fonts: options.fonts, ...renderOptions });
    timings[format] = Math.round(performance.now() - t);
    return bytes;
  };
  const outputs: RenderedOutputs = new Map();
  const only = options.renderOnly;
  const wanted = (options.formats ?? composed.formats).filter((f) => !only || only.includes(f));
  const checksPages = template.maxPages !== null && (!only || only.includes('pdf'));
  // A page limit is checked on the PDF, so it is rendered even when only DOCX was asked for.
  const pdf = wanted.includes('pdf') || checksPages ? await timed('pdf') : undefined;
  if (pdf && template.maxPages !== null) {
    const pages = pdfPageCount(pdf);
    if (pages > template.maxPages) {
      return {
        ok: false,
        diagnostics: [
          diagnostic({
          code: 'BP403',
          message: `the "${template.name}" template allows ${template.maxPages} page${template.maxPages === 1 ? '' : 's'}, but this brief needs ${pages}`,
          file: template.specFile,
          start: template.specPosition,
          expected: String(template.maxPages),
          actual: String(pages),
          }),
        ],
      };
    }
  }
  for (const format of wanted) outputs.set(format, format === 'pdf' && pdf ? pdf : await timed(format));
  return { ok: true, outputs };
}

/** `tryRenderOutputs` for callers that stop at the first problem: throws DiagnosticError. */
export async function renderOutputs(composed: ComposedDocument, options: RenderOutputsOptions): Promise<RenderedOutputs> {
  const result = await tryRenderOutputs(composed, options);
  if (!result.ok) throw new DiagnosticError(result.diagnostics);
  return result.outputs;
}
