/**
 * What every renderer is: a pure function from the document model (plus options) to bytes.
 * Renderers never mutate the model and never read the clock: dates come from `model.meta`.
 */
import type { DocumentModel } from '../doc/model.js';
import type { FontSet } from '../fonts/font-set.js';

export interface RenderOptions {
  /** Loaded once per process and shared across briefs (see fonts/font-set.ts). */
  fonts: FontSet;
}

export type Renderer = (model: DocumentModel, options: RenderOptions) => Promise<Uint8Array>;

export type OutputFormat = 'pdf' | 'docx';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['pdf', 'docx'];
