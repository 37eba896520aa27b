/**
 * What every renderer is: a pure function from the document model (plus options) to bytes.
 * Renderers never mutate the model and never read the clock: dates come from `model.meta`.
 */
import type { DocumentModel } from '../../model/model.js';
import type { FontSet } from '../../fonts/font-set.js';

/** Options only the DOCX writer reads: the document model knows no output format. */
export interface DocxOptions {
  /** Embed subsets of the fonts used, so readers without them see the right glyphs. */
  embedFonts?: boolean;
  /** Lay the document out once more to write the contents' page numbers (else Word fills
   * them in when the document is opened). */
  tocPageNumbers?: boolean;
}

export interface RenderOptions {
  /** Loaded once per process and shared across briefs (see fonts/font-set.ts). */
  fonts: FontSet;
  /** House typeface (fonts.yaml `typefaces`): each renderer draws with its chains. */
  typeface?: string;
  docx?: DocxOptions;
}

export type Renderer = (model: DocumentModel, options: RenderOptions) => Promise<Uint8Array>;

export type OutputFormat = 'pdf' | 'docx';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['pdf', 'docx'];
