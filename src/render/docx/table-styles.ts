/**
 * Table styles (w:style w:type="table") in word/styles.xml: Brief Table for plain tables,
 * Fact Table and Glossary Table for the model's `facts` and `glossary` variants.
 *
 * Real table styles rather than borders and shading on every cell, so a recipient who adds
 * a row, or pastes the table into a document of their own, keeps the look, and Word's Table
 * Design tab shows which style the table has. The look is the PDF's (src/render/pdf/tables.ts):
 * no vertical rules; a 0.5 pt rule above and below the table and a 1 pt rule under the header
 * row; hairlines between body rows in plain tables only; a shaded, bold header row; the fact
 * names (first column) bold; glossary rows striped. The conditional parts apply where the
 * table's w:tblLook says so (tables.ts sets it per variant).
 *
 * docx 9 has no API for table styles, so they are written as XML and added to the packed
 * styles.xml (`withTableStyles`). Element order follows the schema (CT_Style, CT_TblPrBase,
 * CT_TcPr).
 */

export const TABLE_STYLE = { plain: 'BriefTable', facts: 'FactTable', glossary: 'GlossaryTable' } as const;

const RULE = 'A6A6A6';
const HEADER_FILL = 'E7EAF0';
const STRIPE_FILL = 'F7F7F7';
/** Cell padding as in the PDF: 5 pt left and right, 4 pt above, 3 pt below (twips). */
export const CELL_MARGIN = { top: 80, left: 100, bottom: 60, right: 100 };

/** `sz` in eighths of a point. */
const border = (side: string, sz: number) => `<w:${side} w:val="single" w:sz="${sz}" w:space="0" w:color="${RULE}"/>`;
const noBorder = (side: string) => `<w:${side} w:val="nil"/>`;
const fill = (color: string) => `<w:shd w:val="clear" w:color="auto" w:fill="${color}"/>`;

function style(id: string, name: string, body: string): string {
  return (
    `<w:style w:type="table" w:styleId="${id}"><w:name w:val="${name}"/>` +
    `<w:basedOn w:val="${id === TABLE_STYLE.plain ? 'TableNormal' : TABLE_STYLE.plain}"/><w:uiPriority w:val="59"/>${body}</w:style>`
  );
}

function tablePr(insideH: string): string {
  const margins = Object.entries(CELL_MARGIN)
    .map(([side, w]) => `<w:${side} w:w="${w}" w:type="dxa"/>`)
    .join('');
  return (
    '<w:tblPr><w:tblStyleRowBandSize w:val="1"/><w:tblStyleColBandSize w:val="1"/>' +
    `<w:tblBorders>${border('top', 4)}${noBorder('left')}${border('bottom', 4)}${noBorder('right')}${insideH}${noBorder('insideV')}</w:tblBorders>` +
    `<w:tblCellMar>${margins}</w:tblCellMar></w:tblPr>`
  );
}

/** The header row: bold, shaded, a 1 pt rule under it, repeated on each page. */
function firstRow(shaded: boolean): string {
  return (
    '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/></w:rPr><w:trPr><w:tblHeader/></w:trPr>' +
    `<w:tcPr><w:tcBorders>${border('bottom', 8)}</w:tcBorders>${shaded ? fill(HEADER_FILL) : ''}</w:tcPr></w:tblStylePr>`
  );
}

/** Paragraphs in table cells: single-spaced, no space before or after (the cell margins pad them). */
const CELL_PARAGRAPH = '<w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>';

export function tableStylesXml(): string[] {
  return [
    style(TABLE_STYLE.plain, 'Brief Table', CELL_PARAGRAPH + tablePr(border('insideH', 2)) + firstRow(false)),
    style(
      TABLE_STYLE.facts,
      'Fact Table',
      CELL_PARAGRAPH + tablePr(noBorder('insideH')) + firstRow(true) + '<w:tblStylePr w:type="firstCol"><w:rPr><w:b/><w:bCs/></w:rPr></w:tblStylePr>',
    ),
    style(
      TABLE_STYLE.glossary,
      'Glossary Table',
      CELL_PARAGRAPH + tablePr(noBorder('insideH')) + firstRow(true) + `<w:tblStylePr w:type="band2Horz"><w:tcPr>${fill(STRIPE_FILL)}</w:tcPr></w:tblStylePr>`,
    ),
  ];
}

/** styles.xml with the table styles added at its end. */
export function withTableStyles(stylesXml: string): string {
  const end = stylesXml.lastIndexOf('</w:styles>');
  if (end < 0) throw new Error('styles.xml has no </w:styles>');
  return stylesXml.slice(0, end) + tableStylesXml().join('') + stylesXml.slice(end);
}
