/**
 * Blocks → body content (w:p, w:tbl, the TOC's w:sdt), in document order.
 *
 * A pageBreak becomes pageBreakBefore on the next paragraph (a paragraph holding only a
 * break would leave an empty line at the top of the new page); before a table or TOC it
 * falls back to a break paragraph. The cover is rendered by cover() and put in a section of
 * its own by index.ts.
 */
import { HeadingLevel, PageBreak, Paragraph, TableOfContents, type FileChild, type IParagraphOptions } from 'docx';
import type { Block, Cover, Excerpt, List, TableOfContents as TocNode } from '../../model/model.js';
import { cjkJustified } from './alignment.js';
import type { FontRole } from '../../fonts/font-set.js';
import type { DocxContext } from './context.js';
import { renderInlines } from './inlines.js';
import { LIST_REF, MAX_LIST_LEVEL, bulletFace, bulletOf, listIndent } from './numbering.js';
import { STYLE } from './styles.js';
import { renderTable } from './tables.js';

const HEADING_LEVEL = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3] as const;

/** Paragraph options the first paragraph of a block takes (a pending page break). */
type Lead = Pick<IParagraphOptions, 'pageBreakBefore'>;

export function renderBlocks(ctx: DocxContext, blocks: readonly Block[], listLevel = 0): FileChild[] {
  const out: FileChild[] = [];
  let breakPending = false;
  for (const block of blocks) {
    if (block.type === 'pageBreak') {
      if (breakPending) out.push(breakParagraph());
      breakPending = true;
      continue;
    }
    const takesLead = startsWithOwnParagraph(block);
    if (breakPending && !takesLead) out.push(breakParagraph());
    const lead: Lead = breakPending && takesLead ? { pageBreakBefore: true } : {};
    breakPending = false;
    out.push(...renderBlock(ctx, block, lead, listLevel));
  }
  if (breakPending) out.push(breakParagraph());
  return out;
}

/** Whether the block's first output is a paragraph it makes itself (one that can take
 * pageBreakBefore), not a table, a TOC field or a nested list. */
function startsWithOwnParagraph(block: Block): boolean {
  if (block.type === 'table' || block.type === 'toc') return false;
  if (block.type === 'list') return block.items[0]?.[0]?.type === 'paragraph';
  return true;
}

function breakParagraph(): Paragraph {
  return new Paragraph({ children: [new PageBreak()] });
}

function renderBlock(ctx: DocxContext, block: Exclude<Block, { type: 'pageBreak' }>, lead: Lead, listLevel: number): FileChild[] {
  const at = (b: { position?: Block['position'] }) => (b.position ? { position: b.position } : {});
  switch (block.type) {
    case 'cover':
      return cover(ctx, block, lead);
    case 'toc':
      return toc(ctx, block);
    case 'heading':
      return [
        new Paragraph({
          ...lead,
          heading: HEADING_LEVEL[block.level - 1],
          children: renderInlines(ctx, block.children, ctx.defaultLang, { ...at(block), styleBold: true, role: 'heading' }),
        }),
      ];
    case 'paragraph':
      return [new Paragraph({ ...lead, ...cjkJustified(block.lang ?? ctx.defaultLang, block.children), style: STYLE.normal, children: renderInlines(ctx, block.children, block.lang ?? ctx.defaultLang, at(block)) })];
    case 'excerpt':
      return excerpt(ctx, block, lead);
    case 'list':
      return list(ctx, block, lead, listLevel);
    case 'table':
      return [renderTable(ctx, block)];
    case 'note':
      return [new Paragraph({ ...lead, ...cjkJustified(ctx.defaultLang, block.children), style: STYLE.note, children: renderInlines(ctx, block.children, ctx.defaultLang, at(block)) })];
  }
}

/** Title, subtitle, date, author and audience; index.ts ends the cover's section after them.
 * The marking is in the cover's header and footer (page.ts), not repeated in its body. */
export function cover(ctx: DocxContext, block: Cover, lead: Lead = {}): Paragraph[] {
  const at = block.position ? { position: block.position } : {};
  const line = (style: string, children: Parameters<typeof renderInlines>[1], styleBold: boolean, extra: Lead = {}, role: FontRole = 'body') =>
    new Paragraph({ ...extra, style, children: renderInlines(ctx, children, ctx.defaultLang, { ...at, styleBold, role }) });
  return [
    line(STYLE.title, block.title, true, lead, 'heading'),
    line(STYLE.subtitle, block.subtitle, false),
    line(STYLE.coverDate, block.date, false),
    ...[block.author, block.audience].filter((l) => l.length > 0).map((l) => line(STYLE.coverDetail, l, false)),
  ];
}

/** A heading for the contents (not itself listed) and Word's TOC field over Heading 1–depth.
 * docx writes an entry for every heading, so the TOC is never empty before Word updates it. */
function toc(ctx: DocxContext, block: TocNode): FileChild[] {
  const depth = Math.min(3, Math.max(1, Math.round(block.depth)));
  const title = renderInlines(ctx, block.title, ctx.defaultLang, { ...(block.position ? { position: block.position } : {}), styleBold: true, role: 'heading' });
  return [
    new Paragraph({ style: STYLE.tocHeading, children: title }),
    new TableOfContents(undefined, { hyperlink: true, headingStyleRange: `1-${depth}` }),
  ];
}

function excerpt(ctx: DocxContext, block: Excerpt, lead: Lead): Paragraph[] {
  const paragraphs = block.children.map(
    (p, i) =>
      new Paragraph({
        ...(i === 0 ? lead : {}),
        ...cjkJustified(p.lang ?? block.lang, p.children),
        style: STYLE.excerpt,
        children: renderInlines(ctx, p.children, p.lang ?? block.lang, p.position ? { position: p.position } : {}),
      }),
  );
  const citation = new Paragraph({
    ...(paragraphs.length === 0 ? lead : {}),
    ...cjkJustified(ctx.defaultLang, block.citation),
    style: STYLE.citation,
    children: renderInlines(ctx, block.citation, ctx.defaultLang, block.position ? { position: block.position } : {}),
  });
  return [...paragraphs, citation];
}

/** The first paragraph of each item carries the number; the item's other paragraphs line up
 * with its text; a nested list goes one level deeper. */
function list(ctx: DocxContext, block: List, lead: Lead, level: number): FileChild[] {
  const reference = block.ordered ? LIST_REF.ordered : LIST_REF.bullet;
  const instance = ctx.nextListInstance();
  const lvl = Math.min(level, MAX_LIST_LEVEL);
  if (!block.ordered) ctx.useGlyphs(bulletFace(ctx, bulletOf(lvl)), bulletOf(lvl), { regular: true });
  const out: FileChild[] = [];
  block.items.forEach((item, i) => {
    let numbered = false;
    for (const child of item) {
      if (child.type === 'list') {
        out.push(...list(ctx, child, {}, level + 1));
      } else if (child.type === 'paragraph') {
        out.push(
          new Paragraph({
            ...(i === 0 && !numbered ? lead : {}),
            ...(block.variant === 'sources' ? { style: STYLE.bibliography } : {}),
            ...cjkJustified(child.lang ?? ctx.defaultLang, child.children),
            children: renderInlines(ctx, child.children, child.lang ?? ctx.defaultLang, child.position ? { position: child.position } : {}),
            ...(numbered ? { indent: { left: listIndent(lvl).left } } : { numbering: { reference, level: lvl, instance } }),
          }),
        );
        numbered = true;
      } else {
        out.push(...renderBlocks(ctx, [child], level + 1));
      }
    }
  });
  return out;
}
