/**
 * Page furniture: paper size, margins, header and footer.
 *
 * - Margins are 2 cm on every side, the DOCX writer's margins (src/render/docx/page.ts), so
 *   both formats break lines alike; header and footer sit about 1 cm from the paper's edge.
 * - The classification marking is at the top and the bottom of every page, the cover too
 *   (the cover's body does not repeat it).
 * - The footer says "Page X of Y" / "第 X 頁，共 Y 頁" above the marking, except on the cover.
 *   X and Y count from the first page after the cover, as the DOCX's body section does; the
 *   table of contents numbers pages the same way (page-numbers.ts).
 *
 * pdfmake calls header and footer once per page and consumes the nodes it is given, so they
 * are built fresh on each call from text items prepared once (which also finds any
 * character of the marking that no font has before layout starts).
 */
import type { DocumentMeta } from '../../model/model.js';
import type { Content, DynamicContent, Margins, PredefinedPageSize } from 'pdfmake/interfaces.js';
import type { PdfContext } from './context.js';
import { buildTextItems, type PdfInline } from './inlines.js';
import { pageLabels, pageXofY } from '../../model/labels.js';
import { STYLE_NAMES } from './styles.js';
import type { TextArea } from './tables.js';

/** 2 cm in points. */
export const MARGIN = 56.69;
const HEADER_TOP = 24;
const FOOTER_TOP = 12;

export function pageSize(meta: DocumentMeta): PredefinedPageSize {
  return meta.paper === 'Letter' ? 'LETTER' : 'A4';
}

export const PAGE_MARGINS: Margins = [MARGIN, MARGIN, MARGIN, MARGIN];

/** Paper sizes in points, as pdfmake has them. */
const PAPER_POINTS = { A4: { width: 595.28, height: 841.89 }, Letter: { width: 612, height: 792 } } as const;

/** The area between the margins. */
export function textArea(meta: DocumentMeta): TextArea {
  const paper = PAPER_POINTS[meta.paper] ?? PAPER_POINTS.A4;
  return { width: paper.width - 2 * MARGIN, height: paper.height - 2 * MARGIN };
}

export interface PageFurniture {
  header: DynamicContent;
  footer: DynamicContent;
}

/** `coverPages`: how many pages open the document without a number (the cover: 0 or 1). */
export function pageFurniture(ctx: PdfContext, coverPages: number): PageFurniture {
  const marking = buildTextItems(ctx, ctx.meta.classification, ctx.defaultLang, true);
  const labels = pageLabels(ctx.meta);
  const lang = labels.lang;
  buildTextItems(ctx, pageXofY(labels, 1, 1), lang); // checks the label's glyphs before layout
  const markingLine = (): Content => ({ text: copy(marking), style: [STYLE_NAMES.furniture, STYLE_NAMES.classification] });
  return {
    header: () => ({ stack: [markingLine()], margin: [MARGIN, HEADER_TOP, MARGIN, 0] }),
    footer: (page, pages) => {
      const lines: Content[] = [];
      if (page > coverPages) {
        const text = pageXofY(labels, page - coverPages, pages - coverPages);
        lines.push({ text: buildTextItems(ctx, text, lang), style: STYLE_NAMES.furniture, alignment: 'center', margin: [0, 0, 0, 2] });
      }
      lines.push(markingLine());
      return { stack: lines, margin: [MARGIN, FOOTER_TOP, MARGIN, 0] };
    },
  };
}

function copy(items: readonly PdfInline[]): PdfInline[] {
  return items.map((item) => ({ ...item }));
}
