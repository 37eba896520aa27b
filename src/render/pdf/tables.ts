/**
 * Model tables → pdfmake tables.
 *
 * - Column widths: the model's relative widths become percentages of the text width
 *   (pdfmake's `*` columns are all equal, its percentages take cell padding into account).
 * - Header rows repeat on each page (`headerRows`), never stand alone at a page foot
 *   (`keepWithHeaderRows`), and rows do not split across pages (`dontBreakRows`), as in the
 *   DOCX (tableHeader + keepNext + cantSplit). pdfmake cannot place an
 *   unbreakable row taller than a page: it silently drops the rest of the row. So a table
 *   in which a row might be that tall (measured with the fonts, erring towards "might",
 *   see `rowsMayNotFitOnAPage`) lets its rows split instead.
 * - Variants: `plain` has thin rules; `facts` shades its header and sets the first column
 *   bold (the fact's name); `glossary` shades its header and stripes its rows.
 */
import type { Inline, Lang, Table, TableCell } from '../../model/model.js';
import { isHan, splitRuns } from '../../fonts/runs.js';
import type { Content, CustomTableLayout, TableCell as PdfTableCell } from 'pdfmake/interfaces.js';
import type { PdfContext } from './context.js';
import { textNode, type InlineScope } from './inlines.js';
import { cjkNoBreakPositions } from './line-breaking.js';
import { COLOR, SIZE, STYLE_NAMES } from './styles.js';

export function buildTable(ctx: PdfContext, table: Table, scope: InlineScope, area: TextArea): Content {
  const columns = Math.max(table.columnWidths.length, ...table.rows.map((row) => row.length));
  if (table.rows.length === 0 || columns === 0) return { text: '' };
  const headerRows = Math.min(Math.max(0, table.headerRows), table.rows.length);
  const body = table.rows.map((row, r) =>
    Array.from({ length: columns }, (_, c) => cellContent(ctx, row[c], scope, r < headerRows, table.variant === 'facts' && c === 0)),
  );
  const dontBreakRows = !rowsMayNotFitOnAPage(ctx, table, columns, area, scope.lang);
  // The header rows never stand alone at a page foot: they and the first body row are one
  // unbreakable block (it fits on a page: no row is taller than a page under the header).
  // When rows may split, document.ts moves a table whose first page would hold only its header.
  const keepWithHeaderRows = dontBreakRows && headerRows > 0 && table.rows.length > headerRows ? { keepWithHeaderRows: 1 } : {};
  return {
    table: { headerRows, ...keepWithHeaderRows, dontBreakRows, widths: percentWidths(table.columnWidths, columns), body },
    layout: layoutFor(table.variant, headerRows),
    margin: [0, 4, 0, 10],
  };
}

/** Relative widths → percentages that add up to at most 100 (missing or bad widths count 1). */
export function percentWidths(relative: readonly number[], columns: number): string[] {
  const weights = Array.from({ length: columns }, (_, i) => {
    const w = relative[i];
    return w !== undefined && Number.isFinite(w) && w > 0 ? w : 1;
  });
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => `${Math.floor((w / total) * 100000) / 1000}%`);
}

/** Width and height between the page margins, in points. */
export interface TextArea {
  width: number;
  height: number;
}

/**
 * Whether some row of the table might be taller than a page (header rows included). Each
 * cell's text is measured with the advance widths of the faces that will draw it (the same
 * font runs as inlines.ts) and broken into lines first-fit, as pdfmake does, but only where
 * a break is certainly allowed: after a space, and between two Han characters that our
 * line-breaking rules do not glue. With fewer places to break, the estimate never has fewer
 * lines than the real layout. Lines are as tall as the tallest configured face, and 5% is
 * added on top, so the estimate errs towards "might": when it says a row fits, pdfmake keeps
 * the row on one page, as the DOCX does.
 */
export function rowsMayNotFitOnAPage(ctx: PdfContext, table: Table, columns: number, area: TextArea, lang: Lang): boolean {
  const weights = percentWidths(table.columnWidths, columns).map((w) => parseFloat(w) / 100);
  const em = SIZE.body;
  const faces = [...ctx.fonts.faces.values()];
  const lineHeight = Math.max(...faces.map((f) => Math.max(f.regular.lineHeight, f.bold.lineHeight))) * em;
  const headerRows = Math.max(0, table.headerRows);
  const rowHeight = (row: readonly TableCell[], header: boolean) =>
    Math.max(
      0,
      ...row.map((cell, c) => {
        const inner = Math.max(em, (weights[c] ?? 0) * area.width - CELL_PADDING.x);
        const bold = header || (table.variant === 'facts' && c === 0);
        const lines = cellLines(cell.children).reduce((n, line) => n + wrappedLines(ctx, line, cell.lang ?? lang, bold, inner), 0);
        return (lines * lineHeight + CELL_PADDING.y) * 1.05;
      }),
    );
  const headerHeight = table.rows.slice(0, headerRows).reduce((h, row) => h + rowHeight(row, true), 0);
  return table.rows.some((row, r) => r >= headerRows && headerHeight + rowHeight(row, false) > area.height);
}

/** How many lines `inlines` take at most in a column `width` points wide, at body size
 * (the same estimate as for table rows, see above: it never has fewer lines than pdfmake). */
export function estimatedLines(ctx: PdfContext, inlines: readonly Inline[], lang: Lang, bold: boolean, width: number): number {
  return cellLines(inlines).reduce((n, line) => n + wrappedLines(ctx, line, lang, bold, width), 0);
}

/** The text of a cell as lines (line breaks kept; a note number counts as three digits). */
function cellLines(inlines: readonly Inline[]): string[] {
  const text = (nodes: readonly Inline[]): string =>
    nodes.map((n) => (n.type === 'text' ? n.value : n.type === 'lineBreak' ? '\n' : n.type === 'citeRef' ? '000' : text(n.children))).join('');
  return text(inlines).split('\n');
}

/** How many lines `line` takes at most in a column `inner` points wide (see above). */
function wrappedLines(ctx: PdfContext, line: string, lang: Lang, bold: boolean, inner: number): number {
  const em = SIZE.body;
  const { text, noBreakBefore } = cjkNoBreakPositions(line);
  const widths: number[] = [];
  const points: number[] = [];
  for (const run of splitRuns(ctx.fonts, text, lang, ctx.meta.lang, bold).runs) {
    const face = ctx.fonts.faces.get(run.face)!;
    const file = bold ? face.bold : face.regular;
    for (const ch of run.text) {
      widths.push((file.advance(ch.codePointAt(0)!) || 1) * em);
      points.push(ch.codePointAt(0)!);
    }
  }
  // UTF-16 offset of each code point, to look up the glue positions.
  const offsets: number[] = [];
  let offset = 0;
  for (const cp of points) {
    offsets.push(offset);
    offset += cp > 0xffff ? 2 : 1;
  }
  const space = (cp: number) => cp === 0x20 || cp === 0x09 || cp === 0x3000;
  const canBreakBefore = (i: number) =>
    i > 0 && (space(points[i - 1]!) || (isHan(points[i - 1]!) && isHan(points[i]!) && !noBreakBefore.has(offsets[i]!)));
  // First fit, piece by piece; a piece wider than the column is cut anywhere (pdfmake does
  // that to an overlong word), each part at least a character short of the full width.
  let lines = 1;
  let used = 0;
  const place = (piece: number) => {
    if (used + piece <= inner) {
      used += piece;
      return;
    }
    if (used > 0) lines++;
    const full = Math.max(em, inner - em);
    const extra = piece > inner ? Math.ceil(piece / full) - 1 : 0;
    lines += extra;
    used = piece - extra * full;
  };
  let piece = 0;
  for (let i = 0; i < points.length; i++) {
    if (canBreakBefore(i)) {
      place(piece);
      piece = 0;
    }
    piece += widths[i]!;
  }
  place(piece);
  return lines;
}

const CELL_PADDING = { x: 10, y: 7 };

function cellContent(ctx: PdfContext, cell: TableCell | undefined, outer: InlineScope, header: boolean, keyColumn: boolean): PdfTableCell {
  if (!cell) return { text: '' };
  const scope: InlineScope = { lang: cell.lang ?? outer.lang, position: cell.position ?? outer.position, bold: header || keyColumn };
  const content: PdfTableCell = textNode(ctx, cell.children, scope, { style: header ? STYLE_NAMES.tableHeader : STYLE_NAMES.tableText });
  if (keyColumn) content.bold = true;
  return content;
}

function layoutFor(variant: Table['variant'], headerRows: number): CustomTableLayout {
  const ruleWidth = (i: number, node: { table: { body: unknown[] } }) => {
    if (headerRows > 0 && i === headerRows) return 1; // under the header
    if (i === 0 || i === node.table.body.length) return 0.5; // top and bottom
    return variant === 'plain' ? 0.25 : 0; // between body rows
  };
  const base: CustomTableLayout = {
    hLineWidth: ruleWidth,
    vLineWidth: () => 0,
    hLineColor: () => COLOR.rule,
    paddingLeft: () => CELL_PADDING.x / 2,
    paddingRight: () => CELL_PADDING.x / 2,
    paddingTop: () => 4,
    paddingBottom: () => CELL_PADDING.y - 4,
  };
  if (variant === 'plain') return base;
  return {
    ...base,
    fillColor: (row: number) => {
      if (row < headerRows) return COLOR.headerFill;
      if (variant === 'glossary' && (row - headerRows) % 2 === 1) return COLOR.stripeFill;
      return null;
    },
  };
}
