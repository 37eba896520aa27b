/**
 * Paper and margin sizes in twips, shared by the page furniture (page.ts) and the context
 * (context.ts, which needs the text width for tables and images). Kept apart from page.ts so
 * the context does not depend on the modules that depend on it.
 */
import type { DocumentMeta } from '../../model/model.js';

export const PAPER_TWIPS = {
  A4: { width: 11906, height: 16838 },
  Letter: { width: 12240, height: 15840 },
} as const;

/** 2 cm on each side; keep in step with the PDF renderer's margins. */
export const MARGIN_TWIPS = 1134;
/** Distance of header and footer from the paper's edge: 1 cm. */
export const HEADER_FOOTER_TWIPS = 567;

export function textWidthTwips(paper: DocumentMeta['paper']): number {
  return PAPER_TWIPS[paper].width - 2 * MARGIN_TWIPS;
}
