/**
 * Tables (facts, glossary, plain) → w:tbl.
 *
 * Fixed layout with the model's relative column widths scaled to the text width in twips:
 * Word's autofit squeezes CJK columns badly, fixed widths wrap them well (DESIGN §4b).
 * Header rows are marked tableHeader (repeated on each page) and no row splits across pages.
 */
import { BorderStyle, Paragraph, ShadingType, Table, TableCell, TableLayoutType, TableRow, WidthType } from 'docx';
import type { Table as TableNode, TableCell as CellNode } from '../../doc/model.js';
import type { DocxContext } from './context.js';
import { renderInlines } from './inlines.js';
import { STYLE } from './styles.js';

const HEADER_FILL = 'D9E2F3';
const LABEL_FILL = 'F2F2F2';
const LINE = { style: BorderStyle.SINGLE, size: 4, color: 'A6A6A6' };

/** Relative widths → integer twips that add up to exactly `total`. */
export function scaleColumnWidths(relative: readonly number[], columns: number, total: number): number[] {
  const given = Array.from({ length: columns }, (_, i) => {
    const w = relative[i];
    return w !== undefined && Number.isFinite(w) && w > 0 ? w : 1;
  });
  const sum = given.reduce((a, b) => a + b, 0);
  const widths = given.map((w) => Math.floor((w / sum) * total));
  widths[columns - 1]! += total - widths.reduce((a, b) => a + b, 0);
  return widths;
}

export function renderTable(ctx: DocxContext, table: TableNode): Table {
  const columns = Math.max(1, ...table.rows.map((r) => r.length));
  const widths = scaleColumnWidths(table.columnWidths, columns, ctx.textWidth);
  const rows = table.rows.map((cells, r) => {
    const header = r < table.headerRows;
    return new TableRow({
      tableHeader: header,
      cantSplit: true,
      children: widths.map((width, c) => cellFor(ctx, table, cells[c], width, header, c)),
    });
  });
  return new Table({
    rows,
    width: { size: ctx.textWidth, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    margins: { left: 100, right: 100 },
    borders: { top: LINE, bottom: LINE, left: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE },
  });
}

function cellFor(ctx: DocxContext, table: TableNode, cell: CellNode | undefined, width: number, header: boolean, column: number): TableCell {
  const fill = header ? HEADER_FILL : table.variant === 'facts' && column === 0 ? LABEL_FILL : undefined;
  const position = cell?.position ?? table.position;
  const options = { ...(position ? { position } : {}), styleBold: header };
  const children = cell ? renderInlines(ctx, cell.children, cell.lang ?? 'und', options) : [];
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    ...(fill ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill } } : {}),
    children: [new Paragraph({ style: header ? STYLE.tableHeading : STYLE.tableText, children })],
  });
}
