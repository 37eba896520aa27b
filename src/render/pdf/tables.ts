/**
 * Model tables → pdfmake tables.
 *
 * - Column widths: the model's relative widths become percentages of the text width
 *   (pdfmake's `*` columns are all equal, its percentages take cell padding into account).
 * - Header rows repeat on each page (`headerRows`) and rows do not split across pages
 *   (`dontBreakRows`), as in the DOCX (tableHeader + cantSplit). pdfmake cannot place an
 *   unbreakable row taller than a page: it silently drops the rest of the row. So a table
 *   in which a row might be that tall (a generous estimate, see `rowsMayNotFitOnAPage`)
 *   lets its rows split instead.
 * - Variants: `plain` has thin rules; `facts` shades its header and sets the first column
 *   bold (the fact's name); `glossary` shades its header and stripes its rows.
 */
import type { Table, TableCell } from '../../doc/model.js';
import type { Content, CustomTableLayout, TableCell as PdfTableCell } from 'pdfmake/interfaces.js';
import type { PdfContext } from './context.js';
import { buildInlines, plainText, type InlineScope } from './inlines.js';
import { COLOR, SIZE, STYLE_NAMES } from './styles.js';

export function buildTable(ctx: PdfContext, table: Table, scope: InlineScope, area: TextArea): Content {
  const columns = Math.max(table.columnWidths.length, ...table.rows.map((row) => row.length));
  if (table.rows.length === 0 || columns === 0) return { text: '' };
  const headerRows = Math.min(Math.max(0, table.headerRows), table.rows.length);
  const body = table.rows.map((row, r) =>
    Array.from({ length: columns }, (_, c) => cellContent(ctx, row[c], scope, r < headerRows, table.variant === 'facts' && c === 0)),
  );
  return {
    table: { headerRows, dontBreakRows: !rowsMayNotFitOnAPage(table, columns, area), widths: percentWidths(table.columnWidths, columns), body },
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
 * Whether some row of the table might be taller than a page (header rows included). Counts
 * every character as a full em (no glyph we draw is wider) and every line at 1.5 em (the
 * CJK faces' line height is 1.45 em), so it errs towards "might".
 */
export function rowsMayNotFitOnAPage(table: Table, columns: number, area: TextArea): boolean {
  const weights = percentWidths(table.columnWidths, columns).map((w) => parseFloat(w) / 100);
  const em = SIZE.body;
  const rowHeight = (row: readonly TableCell[]) =>
    Math.max(
      0,
      ...row.map((cell, c) => {
        const inner = Math.max(em, (weights[c] ?? 0) * area.width - CELL_PADDING.x);
        const text = plainText(cell.children);
        const lines = text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil((Array.from(line).length * em) / inner)), 0);
        return lines * em * 1.5 + CELL_PADDING.y;
      }),
    );
  const headerRows = Math.max(0, table.headerRows);
  const headerHeight = table.rows.slice(0, headerRows).reduce((h, row) => h + rowHeight(row), 0);
  return table.rows.some((row, r) => r >= headerRows && headerHeight + rowHeight(row) > area.height);
}

const CELL_PADDING = { x: 10, y: 7 };

function cellContent(ctx: PdfContext, cell: TableCell | undefined, outer: InlineScope, header: boolean, keyColumn: boolean): PdfTableCell {
  if (!cell) return { text: '' };
  const scope: InlineScope = { lang: cell.lang ?? outer.lang, position: cell.position ?? outer.position, bold: header || keyColumn };
  const content: PdfTableCell = { text: buildInlines(ctx, cell.children, scope), style: header ? STYLE_NAMES.tableHeader : STYLE_NAMES.tableText };
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
