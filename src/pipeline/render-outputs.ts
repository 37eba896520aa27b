/**
 * The last stage of the pipeline: a composed document (compose-document.ts) → bytes per
 * format, through the renderer table. Writes nothing; the builder decides what to do with the
 * bytes (builder/write-outputs.ts), so a failing brief can never leave a half-written file.
 * A page-limited template's document is fitted here first (fit-document.ts), measured on the
 * PDF as rendered.
 */
import { DiagnosticError, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { FontSet } from '../fonts/font-set.js';
import { RENDERERS } from '../render/index.js';
import type { OutputFormat } from '../render/shared/types.js';
import type { ComposedDocument } from './compose-document.js';
import { fitDocument } from './fit-document.js';

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

/** The bytes, and the document they were rendered from: for a page-limited template, the
 * fitted one (its model and its warnings, one per cut). */
export type RenderResult = { ok: true; outputs: RenderedOutputs; document: ComposedDocument } | { ok: false; diagnostics: Diagnostic[] };

/** Renders a composed document, fitted to its page limit first (BP403 when it cannot be). Only a bug throws. */
export async function tryRenderOutputs(unfitted: ComposedDocument, options: RenderOutputsOptions): Promise<RenderResult> {
  try {
    return await renderOrReport(unfitted, options);
  } catch (e) {
    // An input problem found while rendering (a font file that cannot be parsed when first
    // read, fonts/font-set.ts; a character no face has): reported, not a crash.
    if (e instanceof DiagnosticError) return { ok: false, diagnostics: e.diagnostics };
    throw e;
  }
}

async function renderOrReport(unfitted: ComposedDocument, options: RenderOutputsOptions): Promise<RenderResult> {
  const { template } = unfitted;
  const timings = options.timings ?? {};
  const only = options.renderOnly;
  const checksPages = template.maxPages !== null && (!only || only.includes('pdf') || only.includes('docx'));
  // A page limit is checked on the PDF, so it is rendered even when only DOCX was asked for:
  // the DOCX must show what the fitted PDF shows.
  let composed = unfitted;
  let fittedPdf: Uint8Array | undefined;
  if (checksPages) {
    const t = performance.now();
    const fitted = await fitDocument(unfitted, { fonts: options.fonts });
    timings.fit = Math.round(performance.now() - t);
    if (!fitted.ok) return { ok: false, diagnostics: fitted.diagnostics };
    composed = fitted.document;
    fittedPdf = fitted.pdf;
  }
  const { model, renderOptions } = composed;
  const timed = async (format: OutputFormat) => {
    const t = performance.now();
    const bytes = await RENDERERS[format](model, { fonts: options.fonts, ...renderOptions });
    timings[format] = Math.round(performance.now() - t);
    return bytes;
  };
  const outputs: RenderedOutputs = new Map();
  const wanted = (options.formats ?? composed.formats).filter((f) => !only || only.includes(f));
  for (const format of wanted) outputs.set(format, format === 'pdf' && fittedPdf ? fittedPdf : await timed(format));
  return { ok: true, outputs, document: composed };
}

/** `tryRenderOutputs` for callers that stop at the first problem: throws DiagnosticError. */
export async function renderOutputs(composed: ComposedDocument, options: RenderOutputsOptions): Promise<RenderedOutputs> {
  const result = await tryRenderOutputs(composed, options);
  if (!result.ok) throw new DiagnosticError(result.diagnostics);
  return result.outputs;
}
