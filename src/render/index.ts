/** The renderer table: one entry per output format (DESIGN §2). */
import { renderDocx } from './docx/index.js';
import { renderPdf } from './pdf/index.js';
import type { OutputFormat, Renderer } from './shared/types.js';

export const RENDERERS: Record<OutputFormat, Renderer> = {
  pdf: renderPdf,
  docx: renderDocx,
};
