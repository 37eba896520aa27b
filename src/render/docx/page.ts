/**
 * Page furniture: paper size, margins, and the header and footer of every page.
 *
 * Sizes are exact twips (DESIGN §4b: converting 210 mm rounds to 11905, Word's A4 is 11906).
 * Margins are 2 cm (1134 twips) on every side; the PDF renderer uses the same 2 cm
 * (56.7 pt) so that both formats break lines alike. Headers and footers carry the
 * classification marking on every page; the footer also says "Page X of Y" with real
 * PAGE / NUMPAGES fields. The cover page gets its own (first-page) header and footer,
 * with the marking but no page number; the body after it is a section numbered from 1 whose
 * footer's total is a PAGEREF to a bookmark on its last page (NUMPAGES counts the cover, and
 * LibreOffice leaves SECTIONPAGES blank), so "Page 1 of N" is the first page after the
 * cover and N does not count it, as in the PDF.
 */
import { AlignmentType, Bookmark, Footer, Header, PageNumber, PageReference, Paragraph, TextRun, type FileChild } from 'docx';
import type { DocumentMeta } from '../../model/model.js';
import type { DocxContext } from './context.js';
import { renderInlines } from './inlines.js';
import { STYLE } from './styles.js';
import { pageLabels } from '../../model/labels.js';
import { HEADER_FOOTER_TWIPS, MARGIN_TWIPS, PAPER_TWIPS } from './geometry.js';

/** `numberFrom1`: the section's pages are numbered from 1 (the body after a cover). */
export function pageProperties(meta: DocumentMeta, titlePage: boolean, numberFrom1 = false) {
  return {
    titlePage,
    page: {
      ...(numberFrom1 ? { pageNumbers: { start: 1 } } : {}),
      size: { ...PAPER_TWIPS[meta.paper] },
      margin: {
        top: MARGIN_TWIPS,
        right: MARGIN_TWIPS,
        bottom: MARGIN_TWIPS,
        left: MARGIN_TWIPS,
        header: HEADER_FOOTER_TWIPS,
        footer: HEADER_FOOTER_TWIPS,
        gutter: 0,
      },
    },
  };
}

function marking(ctx: DocxContext): Paragraph {
  const text = [{ type: 'text' as const, value: ctx.meta.classification }];
  return new Paragraph({ style: STYLE.classification, children: renderInlines(ctx, text, ctx.defaultLang, { inNote: true, styleBold: true }) });
}

/** "Page X of Y", or "第 X 頁，共 Y 頁" (页 in a Simplified brief), with real PAGE and
 * NUMPAGES fields. The words go through the same font runs as all other text; the fields'
 * digits are drawn in the body's Latin face. */
function pageXofY(ctx: DocxContext, afterCover: boolean): Paragraph {
  const { CURRENT, TOTAL_PAGES } = PageNumber;
  const { pageOf, lang } = pageLabels(ctx.meta);
  const [before, between, after] = pageOf;
  const parts = [before, CURRENT, between, TOTAL_PAGES, after].filter((p) => p !== '');
  const children = parts.flatMap((part) => {
    if (part === CURRENT) return [new TextRun({ children: [part] })];
    // After a cover, the number of the last page (the body is numbered from 1): NUMPAGES
    // would count the cover, and LibreOffice leaves SECTIONPAGES blank.
    if (part === TOTAL_PAGES) return [afterCover ? new PageReference(LAST_PAGE_BOOKMARK) : new TextRun({ children: [part] })];
    return renderInlines(ctx, [{ type: 'text', value: part }], lang, { inNote: true });
  });
  ctx.useGlyphs(ctx.roles.body.latinFace, FIELD_GLYPHS, { regular: true, bold: true });
  return new Paragraph({ style: STYLE.footer, alignment: AlignmentType.CENTER, children });
}

/** Bookmark on the body's last paragraph; the footer's PAGEREF to it is "of N" after a cover. */
export const LAST_PAGE_BOOKMARK = 'briefpack_last_page';

/** Marks the last page of `children` (a section's body) with LAST_PAGE_BOOKMARK: in its last
 * paragraph, or in an empty paragraph after a closing table. */
export function withLastPageBookmark(children: FileChild[]): FileChild[] {
  const last = children[children.length - 1];
  if (last instanceof Paragraph) {
    const bookmark = new Bookmark({ id: LAST_PAGE_BOOKMARK, children: [] });
    last.addChildElement(bookmark.start);
    last.addChildElement(bookmark.end);
    return children;
  }
  // LibreOffice does not find an empty bookmark in an empty paragraph: give it a character
  // that draws nothing (a zero-width space) to hold on to.
  const held = new Bookmark({ id: LAST_PAGE_BOOKMARK, children: [new TextRun('\u200b')] });
  return [...children, new Paragraph({ children: [held] })];
}

/** What page numbers, note numbers, list numbers and the contents' dot leaders draw. */
export const FIELD_GLYPHS = '0123456789. ';

/** `afterCover`: the footer of the body section that follows a cover (index.ts). */
export function headersAndFooters(ctx: DocxContext, afterCover = false) {
  return {
    headers: {
      default: new Header({ children: [marking(ctx)] }),
      first: new Header({ children: [marking(ctx)] }),
    },
    footers: {
      default: new Footer({ children: [pageXofY(ctx, afterCover), marking(ctx)] }),
      first: new Footer({ children: [marking(ctx)] }),
    },
  };
}
