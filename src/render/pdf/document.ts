/**
 * The whole pdfmake document definition for one model: content (blocks, then the source
 * notes), styles, page furniture, metadata and language. Pure apart from collecting the
 * characters no font has; index.ts turns the definition into bytes.
 */
import type { DocumentModel } from '../../model/model.js';
import type { FontSet } from '../../fonts/font-set.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { Node, NodeQueries, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { createContext } from './context.js';
import { buildBlocks, coverPages, newBlockState } from './blocks.js';
import { buildSourceNotes } from './notes.js';
import { PAGE_MARGINS, pageFurniture, pageSize, textArea } from './page.js';
import { documentInfo, documentLanguage } from './metadata.js';
import { LINE_HEIGHT, SIZE, STYLE_NAMES, STYLES } from './styles.js';

export interface PdfDefinition {
  definition: TDocumentDefinitions;
  /** BP401 for every character no configured face has; render only when empty. */
  problems: Diagnostic[];
  /** Anchor ids of the headings, in document order: the bookmarks' destinations. */
  outlineIds: string[];
}

export function buildDocDefinition(model: DocumentModel, fonts: FontSet): PdfDefinition {
  const ctx = createContext(model, fonts);
  const state = newBlockState(model.blocks, textArea(model.meta));
  const scope = { lang: ctx.defaultLang };
  const content = [...buildBlocks(ctx, model.blocks, scope, state), ...buildSourceNotes(ctx, model.notes, state)];
  const { header, footer } = pageFurniture(ctx, coverPages(model.blocks));
  const definition: TDocumentDefinitions = {
    content,
    pageSize: pageSize(model.meta),
    pageMargins: PAGE_MARGINS,
    header,
    footer,
    styles: STYLES,
    defaultStyle: { font: ctx.latinFace, fontSize: SIZE.body, lineHeight: LINE_HEIGHT },
    info: documentInfo(model),
    language: documentLanguage(model),
    // /Lang in the catalog needs PDF 1.4; viewers show the title instead of the file name.
    version: '1.4',
    displayTitle: true,
    pageBreakBefore: (node, queries) => keepHeadingsWithNext(node, queries) || keepCitationsWhole(node) || keepTableHeadersWithBody(node, queries),
  };
  return { definition, problems: ctx.problems, outlineIds: state.outlineIds };
}

/**
 * A heading moves to the next page when no line of text follows it on its page. Counting
 * only text that starts on the page matters: an excerpt or a table whose first row went to
 * the next page still "starts" on this page as a container, the page's own header and
 * footer are listed among the nodes on it, and a heading followed only by another heading
 * (h1 then h2) is no better off. A heading already at the top of a page, or
 * the last thing in the document, stays where it is.
 */
export function keepHeadingsWithNext(node: Node, queries: NodeQueries): boolean {
  if (node.headlineLevel === undefined) return false;
  const start = node.startPosition;
  if (start.verticalRatio < 0.05) return false; // at the top of its page (after its own top margin)
  const following = queries.getFollowingNodesOnPage();
  if (following.length === 0 && queries.getNodesOnNextPage().length === 0) return false;
  return !following.some((n) => n.text !== undefined && n.headlineLevel === undefined && !isFurniture(n) && !isTableHeader(n) && n.startPosition.pageNumber === start.pageNumber);
}

/**
 * A table moves to the next page when only its header rows would stand at the foot of this
 * one (pdfmake repeats them on the next page anyway): no cell text of a body row starts on
 * the table's first page. A table already at the top of a page stays.
 */
export function keepTableHeadersWithBody(node: Node, queries: NodeQueries): boolean {
  if (node.table === undefined || node.pageNumbers.length < 2) return false;
  const start = node.startPosition;
  if (start.verticalRatio < 0.05) return false;
  // The table goes on to the next page, so what follows it on this page is its own cells.
  const here = queries.getFollowingNodesOnPage().filter((n) => n.text !== undefined && !isFurniture(n) && n.startPosition.pageNumber === start.pageNumber);
  return here.some(isTableHeader) && !here.some((n) => !isTableHeader(n));
}

/**
 * A citation line (a line or two under an excerpt) that would be split by a page break moves
 * to the next page whole: "Source: …" at the foot of one page and its date and ¶ at the top
 * of the next reads as two things.
 */
export function keepCitationsWhole(node: Node): boolean {
  return node.style === STYLE_NAMES.citation && node.pageNumbers.length > 1;
}

/** A header row's cell text (tables.ts). */
function isTableHeader(node: Node): boolean {
  return node.style === STYLE_NAMES.tableHeader;
}

/** Header and footer text (page.ts) is laid out with the page, and listed with its nodes. */
function isFurniture(node: Node): boolean {
  const style = node.style;
  return style === STYLE_NAMES.furniture || (Array.isArray(style) && style.includes(STYLE_NAMES.furniture));
}
