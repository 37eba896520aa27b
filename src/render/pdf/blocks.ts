/**
 * Model blocks → pdfmake content.
 *
 * - cover: its own first page (title, subtitle, date, author, audience; the marking is in the
 *   page's banners), a page break after it;
 * - toc: pdfmake's `toc` node; headings up to the deepest `depth` asked for are its items;
 * - heading: a styled text with the model's anchor `id` (TOC links, bookmarks) and an
 *   outline entry nested under the previous heading of a higher level;
 * - excerpt: an indented quote with a rule on its left, then its citation line in the small
 *   Citation style;
 * - list, note, page break; tables are in tables.ts.
 *
 * The language of a block's text is the block's `lang`, else its container's, else the
 * document default (context.ts).
 */
import type { Block, Cover, Excerpt, Heading, List, TableOfContents } from '../../model/model.js';
import type { Content, ContentText, ContentTocItem, CustomTableLayout } from 'pdfmake/interfaces.js';
import type { PdfContext } from './context.js';
import { anchorCitations, buildInlines, citedNotes, plainText, textNode, type InlineScope } from './inlines.js';
import { buildTable, estimatedLines, type TextArea } from './tables.js';
import { keepLines } from './keep-lines.js';
import { numberPagesFrom } from './page-numbers.js';
import { COLOR, QUOTE_INDENT, STYLE_NAMES } from './styles.js';

/** State carried through one document's blocks. */
export interface BlockState {
  /** Deepest heading level listed in a table of contents (0: the document has none). */
  tocDepth: number;
  /** Anchor id of the last heading seen at each level, to nest the outline. */
  lastHeadingAt: (string | undefined)[];
  /** The page's text area (tables check whether their rows fit on a page). */
  area: TextArea;
  /** Anchor ids of the headings (outline items) in document order (see outline.ts). */
  outlineIds: string[];
  /** Pages before page 1 (the cover): the contents number pages as the footers do. */
  pageOffset: number;
}

export function newBlockState(blocks: readonly Block[], area: TextArea): BlockState {
  const depths = blocks.filter((b): b is TableOfContents => b.type === 'toc').map((b) => b.depth);
  return { tocDepth: Math.max(0, ...depths), lastHeadingAt: [], area, outlineIds: [], pageOffset: coverPages(blocks) };
}

/** The pages that get no number: a cover that opens the document (page.ts, page-numbers.ts). */
export function coverPages(blocks: readonly Block[]): number {
  return blocks[0]?.type === 'cover' ? 1 : 0;
}

export function buildBlocks(ctx: PdfContext, blocks: readonly Block[], scope: InlineScope, state: BlockState): Content[] {
  return blocks.map((block, index) => buildBlock(ctx, block, scope, state, index, blocks.length));
}

function buildBlock(ctx: PdfContext, block: Block, outer: InlineScope, state: BlockState, index: number, count: number): Content {
  const scope: InlineScope = { lang: outer.lang, position: block.position ?? outer.position };
  switch (block.type) {
    case 'cover':
      return cover(ctx, block, scope, index, count);
    case 'toc':
      return toc(ctx, block, scope);
    case 'heading':
      return heading(ctx, block, scope, state);
    case 'paragraph':
      return keepLines(textNode(ctx, block.children, { ...scope, lang: block.lang ?? scope.lang }, { style: STYLE_NAMES.body }));
    case 'excerpt':
      return excerpt(ctx, block, scope, state);
    case 'list':
      return list(ctx, block, scope, state);
    case 'table':
      return buildTable(ctx, block, scope, state.area);
    case 'note':
      return boxed(keepLines(textNode(ctx, block.children, scope, { style: STYLE_NAMES.note })), NOTE_LAYOUT, [0, 6, 0, 12]);
    case 'pageBreak':
      return { text: '', pageBreak: 'after' };
  }
}

function cover(ctx: PdfContext, block: Cover, scope: InlineScope, index: number, count: number): Content {
  const content: Content = {
    stack: [
      { text: buildInlines(ctx, block.title, { ...scope, bold: true, role: 'heading' }), style: STYLE_NAMES.coverTitle },
      { text: buildInlines(ctx, block.subtitle, scope), style: STYLE_NAMES.coverSubtitle },
      { text: buildInlines(ctx, block.date, scope), style: STYLE_NAMES.coverDate },
      // Who prepared it and who it is for; the marking is in the page's banners (page.ts).
      ...[block.author, block.audience].filter((line) => line.length > 0).map((line) => ({ text: buildInlines(ctx, line, scope), style: STYLE_NAMES.coverDetail })),
    ],
    margin: [0, 160, 0, 0],
  };
  if (index < count - 1) content.pageBreak = 'after';
  return index > 0 ? { stack: [content], pageBreak: 'before' } : content;
}

function toc(ctx: PdfContext, block: TableOfContents, scope: InlineScope): Content {
  return {
    toc: {
      title: { text: buildInlines(ctx, block.title, { ...scope, bold: true, role: 'heading' }), style: STYLE_NAMES.tocTitle },
      numberStyle: STYLE_NAMES.tocEntry[1],
    },
    margin: [0, 0, 0, 12],
  };
}

function heading(ctx: PdfContext, block: Heading, scope: InlineScope, state: BlockState): Content {
  const level = block.level;
  const parentId = state.lastHeadingAt.slice(0, level - 1).reverse().find((id) => id !== undefined);
  state.lastHeadingAt[level - 1] = block.id;
  state.lastHeadingAt.length = level;
  const text = buildInlines(ctx, block.children, { ...scope, bold: true, role: 'heading' });
  const node = headingNode({ text, outlineText: plainText(block.children), id: block.id, level, parentId }, state);
  anchorCitations(ctx, node, citedNotes(block.children));
  return node;
}

export interface HeadingSpec {
  text: ContentText['text'];
  /** Bookmark title (plain text). */
  outlineText: string;
  /** Anchor: the destination of TOC entries and links. */
  id: string;
  level: 1 | 2 | 3;
  /** Anchor of the heading this one's bookmark nests under. */
  parentId?: string | undefined;
}

/** A heading text node: anchor, TOC entry, bookmark, and a hint for keeping it with what follows. */
export function headingNode({ text, outlineText, id, level, parentId }: HeadingSpec, state: BlockState): HeadingContent {
  const node: HeadingContent = {
    text,
    id,
    style: STYLE_NAMES.heading[level - 1],
    headlineLevel: level,
    outline: true,
    outlineText,
  };
  if (parentId) node.outlineParentId = parentId;
  state.outlineIds.push(id);
  if (level <= state.tocDepth) {
    node.tocItem = true;
    node.tocStyle = STYLE_NAMES.tocEntry[level - 1];
    node.tocMargin = [(level - 1) * 18, 2, 0, 2];
    numberPagesFrom(node, state.pageOffset);
  }
  return node;
}

/** pdfmake's typings split anchors, TOC items and outline entries into separate node types;
 * at run time one text node can be all three. */
type HeadingContent = ContentText & { id: string } & Partial<Pick<ContentTocItem, 'tocItem' | 'tocStyle' | 'tocMargin'>>;

/**
 * A quote and its source line hold together (DESIGN §10): a short quote (SHORT_QUOTE_LINES
 * lines or fewer, estimated with the fonts and erring long) is one unbreakable block with its
 * source line; a longer one may break between paragraphs or inside one (never leaving fewer
 * than two lines on either side, keep-lines.ts), but its last lines always stay on the page
 * of its source line. Only `text` paragraphs are model paragraphs here (the schema says so).
 */
function excerpt(ctx: PdfContext, block: Excerpt, outer: InlineScope, state: BlockState): Content {
  const scope: InlineScope = { ...outer, lang: block.lang };
  const citation = textNode(ctx, block.citation, outer, {
    style: STYLE_NAMES.citation,
    margin: [QUOTE_INDENT, 0, QUOTE_INDENT, 12] as [number, number, number, number],
  });
  const paragraphs = buildBlocks(ctx, block.children, scope, state);
  const last = paragraphs[paragraphs.length - 1];
  // The box's own bottom margin and padding lie between the last line and the source line.
  if (last && typeof last === 'object' && 'text' in last) keepLines(last, [citation], QUOTE_BOX_BOTTOM);
  const quote = boxed({ stack: paragraphs, style: STYLE_NAMES.excerpt }, QUOTE_LAYOUT, [QUOTE_INDENT, 6, QUOTE_INDENT, QUOTE_BOX_BOTTOM]);
  const width = state.area.width - 2 * QUOTE_INDENT - QUOTE_PADDING_LEFT - QUOTE_RULE;
  const lines = block.children.reduce((n, p) => n + estimatedLines(ctx, p.children, p.lang ?? block.lang, false, width), 0);
  if (lines <= SHORT_QUOTE_LINES) return { stack: [quote, citation], unbreakable: true };
  return [quote, citation];
}

/** Quotes of this many lines or fewer are never broken across pages. */
export const SHORT_QUOTE_LINES = 6;
const QUOTE_BOX_BOTTOM = 2;
const QUOTE_PADDING_LEFT = 10;
const QUOTE_RULE = 2;

function list(ctx: PdfContext, block: List, scope: InlineScope, state: BlockState): Content {
  const items: Content[] = block.items.map((item) => {
    const content = buildBlocks(ctx, item, scope, state);
    return content.length === 1 ? content[0]! : { stack: content };
  });
  const style = block.variant === 'sources' ? { style: STYLE_NAMES.sourceNote } : {};
  return block.ordered ? { ol: items, margin: [0, 0, 0, 6], ...style } : { ul: items, margin: [0, 0, 0, 6], ...style };
}

/** A one-cell table: the way pdfmake draws a rule or a fill around a block. */
function boxed(content: Content, layout: CustomTableLayout, margin: [number, number, number, number]): Content {
  return { table: { widths: ['*'], body: [[content]] }, layout, margin };
}

const QUOTE_LAYOUT: CustomTableLayout = {
  hLineWidth: () => 0,
  vLineWidth: (i) => (i === 0 ? QUOTE_RULE : 0),
  vLineColor: () => COLOR.rule,
  paddingLeft: () => QUOTE_PADDING_LEFT,
  paddingRight: () => 0,
  paddingTop: () => 2,
  paddingBottom: () => 0,
};

const NOTE_LAYOUT: CustomTableLayout = {
  hLineWidth: () => 0,
  vLineWidth: () => 0,
  fillColor: () => COLOR.noteFill,
  paddingLeft: () => 6,
  paddingRight: () => 6,
  paddingTop: () => 5,
  paddingBottom: () => 1,
};
