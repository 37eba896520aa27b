/**
 * Tables (facts, glossary, plain) → w:tbl.
 *
 * Fixed layout with the model's relative column widths scaled to the text width in twips:
 * Word's autofit squeezes CJK columns badly, fixed widths wrap them well (DESIGN §4b), and
 * the PDF gives each column the same share of the text width. Header rows are marked
 * tableHeader (repeated on each page) and no row splits across pages.
 *
 * The look comes from the variant's table style (table-styles.ts), not from formatting on
 * each cell; w:tblLook turns on the style's parts the variant uses: the header row, the fact
 * names' column (bold) and the glossary's stripes. Text in the bold parts is split into font
 * runs against the bold faces, so a character the bold file lacks is caught.
 */
import { Paragraph, Table, TableCell, TableLayoutType, TableRow, WidthType } from 'docx';
import type { Table as TableNode, TableCell as CellNode } from '../../model/model.js';
import type { DocxContext } from './context.js';
import { renderInlines } from './inlines.js';
import { STYLE } from './styles.js';
import { cjkJustified } from './alignment.js';
import { CELL_MARGIN, TABLE_STYLE } from './table-styles.js';

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
  const columns = Math.max(1, table.columnWidths.length, ...table.rows.map((r) => r.length));
  const widths = scaleColumnWidths(table.columnWidths, columns, ctx.textWidth);
  const headerRows = Math.min(Math.max(0, table.headerRows), table.rows.length);
  const rows = table.rows.map((cells, r) => {
    const header = r < headerRows;
    return new TableRow({
      tableHeader: header,
      cantSplit: true,
      children: widths.map((width, c) => cellFor(ctx, table, cells[c], width, header, c)),
    });
  });
  return new Table({
    rows,
    style: TABLE_STYLE[table.variant],
    tableLook: {
      firstRow: headerRows > 0,
      lastRow: false,
      firstColumn: table.variant === 'facts',
      lastColumn: false,
      noHBand: table.variant !== 'glossary',
      noVBand: true,
    },
    width: { size: ctx.textWidth, type: WidthType.DXA },
    // Also on the table itself: the same as the style's, but readers that lay out from
    // direct formatting only (docx/layout, which numbers the contents' pages) see them too.
    margins: { ...CELL_MARGIN, marginUnitType: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
  });
}

function cellFor(ctx: DocxContext, table: TableNode, cell: CellNode | undefined, width: number, header: boolean, column: number): TableCell {
  const position = cell?.position ?? table.position;
  const bold = header || (table.variant === 'facts' && column === 0);
  const options = { ...(position ? { position } : {}), styleBold: bold };
  const children = cell ? renderInlines(ctx, cell.children, cell.lang ?? ctx.defaultLang, options) : [];
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    children: [new Paragraph({ ...cjkJustified(cell?.lang ?? ctx.defaultLang, cell?.children ?? []), style: header ? STYLE.tableHeading : STYLE.tableText, children })],
  });
}
