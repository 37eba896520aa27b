/**
 * The whole pdfmake document definition for one model: content (blocks, then the source
 * notes), styles, page furniture, metadata and language. Pure apart from collecting the
 * characters no font has; index.ts turns the definition into bytes.
 */
import type { DocumentModel } from '../../doc/model.js';
import type { FontSet } from '../../fonts/font-set.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { Node, NodeQueries, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { createContext } from './context.js';
import { buildBlocks, newBlockState } from './blocks.js';
import { buildSourceNotes } from './notes.js';
import { PAGE_MARGINS, pageFurniture, pageSize, textArea } from './page.js';
import { documentInfo, documentLanguage } from './metadata.js';
import { LINE_HEIGHT, SIZE, STYLES } from './styles.js';

export interface PdfDefinition {
  definition: TDocumentDefinitions;
  /** BP401 for every character no configured face has; render only when empty. */
  problems: Diagnostic[];
}

export function buildDocDefinition(model: DocumentModel, fonts: FontSet): PdfDefinition {
  const ctx = createContext(model, fonts);
  const state = newBlockState(model.blocks, textArea(model.meta));
  const scope = { lang: ctx.defaultLang };
  const content = [...buildBlocks(ctx, model.blocks, scope, state), ...buildSourceNotes(ctx, model.notes, state)];
  const coverPage = model.blocks[0]?.type === 'cover' ? 1 : undefined;
  const { header, footer } = pageFurniture(ctx, coverPage);
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
    pageBreakBefore: keepHeadingsWithNext,
  };
  return { definition, problems: ctx.problems };
}

/** A heading that would be the last thing on its page moves to the next page. */
function keepHeadingsWithNext(node: Node, queries: NodeQueries): boolean {
  return node.headlineLevel !== undefined && queries.getFollowingNodesOnPage().length === 0;
}
