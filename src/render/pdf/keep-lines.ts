/**
 * Widow and orphan control, and keeping the end of a quote with its source line, inside
 * pdfmake's layout (what Word's widowControl and keepNext do in the DOCX).
 *
 * pdfmake breaks a paragraph wherever the page ends: one line can be left alone at the foot
 * of a page (an orphan) or carried alone to the top of the next (a widow), and the last line
 * of a quote can stay behind while its "Source: …" line goes over. Its one hook,
 * `pageBreakBefore`, can only move a whole node; it cannot carry one more line of a
 * paragraph to the next page. So this module wraps `LayoutBuilder.prototype.processLeaf`
 * (which lays out one text node, line by line) for the text nodes that ask for it
 * (`keepLines`):
 *
 * 1. it builds the node's lines once on a copy of its words, exactly as pdfmake will (same
 *    line builder, same width), and counts how many fit in the space left on the page;
 * 2. if the paragraph breaks, at least MIN_LINES stay on this page and at least MIN_LINES
 *    go to the next (lines move down to satisfy the second, the whole paragraph moves when
 *    the first cannot be met);
 * 3. a paragraph that must stay with what follows it (the last paragraph of a quote, before
 *    its source line) also counts the following node's lines: when they do not fit on the
 *    page after the paragraph, its last MIN_LINES lines go to the next page with them (the
 *    whole paragraph when it is that short);
 * 4. the break itself is made by `buildNextLine`, which moves to the next page before it
 *    builds the first line that belongs there.
 *
 * Nothing changes inside unbreakable blocks (pdfmake's transactions: unbreakable rows and
 * stacks; moving pages there would lose content), for nodes with a maxHeight, in snaking
 * columns, or at the top of a page. It also corrects the positions pdfmake reports for the
 * nodes of an unbreakable block that moved to the next page (below), which pageBreakBefore
 * reads. test/render/pdf-keep-lines.test.ts pins the source of the four methods wrapped
 * here: when pdfmake changes them, that test fails and this module must be checked again.
 */
// line-adjustment.ts pins pdfmake's own buildNextLine: it must see it before we wrap it.
import './line-adjustment.js';
import layoutBuilderModule from 'pdfmake/js/LayoutBuilder.js';
import elementWriterModule from 'pdfmake/js/ElementWriter.js';
import pageElementWriterModule from 'pdfmake/js/PageElementWriter.js';
import { originalMethods, pdfmakeClass } from './pdfmake-patches.js';

/** At least this many lines of a paragraph on each side of a page break. */
export const MIN_LINES = 2;

interface KeepRule {
  /** Nodes that must start on the page where this paragraph ends (a quote's source line). */
  following: readonly object[];
  /** Space between this node and the following ones (margins, a box's padding), in points. */
  gap: number;
}

/** Keyed by the pdfmake text node (the object in the document definition, which pdfmake
 * lays out in place), so concurrent documents never see each other's rules. */
const rules = new WeakMap<object, KeepRule>();

/** Asks for widow and orphan control on `node`, and optionally that its last lines stay on
 * one page with `following` (text nodes laid out right after it). Returns `node`. */
export function keepLines<T extends object>(node: T, following: readonly object[] = [], gap = 0): T {
  rules.set(node, { following, gap });
  return node;
}

interface LaidLine {
  getHeight(): number;
}
/** What of a word the line builder may cut (see lineHeights). */
interface CuttableInline {
  text?: unknown;
  width?: unknown;
}
interface TextNode {
  _inlines?: object[];
  /** Left, top, right, bottom, as pdfmake measured them (styles included). */
  _margin?: [number, number, number, number] | null;
  maxHeight?: number;
  pageOrientation?: string;
}
interface Context {
  y: number;
  availableHeight: number;
  pageMargins: { top: number };
  inSnakingColumns?(): boolean;
}
interface Writer {
  transactionLevel: number;
  context(): Context;
  moveToNextPage(orientation?: string): void;
}
interface Builder {
  writer: Writer;
  /** Set while a node is laid out with a break after `after` lines. */
  bpBreak?: { node: TextNode; after: number; built: number } | undefined;
}
type Method = (this: unknown, ...args: never[]) => unknown;

const LayoutBuilder = pdfmakeClass(layoutBuilderModule, 'LayoutBuilder', 'keep-lines.ts');
const ElementWriter = pdfmakeClass(elementWriterModule, 'ElementWriter', 'keep-lines.ts');
const PageElementWriter = pdfmakeClass(pageElementWriterModule, 'PageElementWriter', 'keep-lines.ts');

/** The originals, kept so that the version test can pin their source. */
export const KEEP_LINES_PATCHED_METHODS = originalMethods(
  {
    'LayoutBuilder.processLeaf': LayoutBuilder.prototype.processLeaf,
    'LayoutBuilder.buildNextLine': LayoutBuilder.prototype.buildNextLine,
    'ElementWriter.getCurrentPositionOnPage': ElementWriter.prototype.getCurrentPositionOnPage,
    'PageElementWriter.commitUnbreakableBlock': PageElementWriter.prototype.commitUnbreakableBlock,
  },
  'keep-lines.ts',
);
const originalProcessLeaf = KEEP_LINES_PATCHED_METHODS['LayoutBuilder.processLeaf'] as (this: Builder, node: TextNode) => void;
const originalBuildNextLine = KEEP_LINES_PATCHED_METHODS['LayoutBuilder.buildNextLine'] as (this: Builder, node: TextNode) => LaidLine | null;

/**
 * The heights of the lines `node` will be set in at the current width, from a dry run of
 * pdfmake's line builder over its words. The builder shifts the words off the node's array,
 * and the only thing it changes in a word before the line is placed is a cut: a word wider
 * than the line has its `text` and `width` cut in place, the rest going on as a new word
 * (`x` is written too, but the real run writes it again). So the dry run gets a copy of the
 * array, and those two fields are put back after it. Copying every word instead (23 fields
 * each) cost 2.6 s, and as much again in garbage collection, on a 5 MB spec.
 */
function lineHeights(builder: Builder, node: TextNode): number[] {
  const saved = node._inlines as CuttableInline[] | undefined;
  if (!saved) return [];
  const texts = saved.map((inline) => inline.text);
  const widths = saved.map((inline) => inline.width);
  node._inlines = saved.slice();
  const heights: number[] = [];
  try {
    for (let line = originalBuildNextLine.call(builder, node); line; line = originalBuildNextLine.call(builder, node)) heights.push(line.getHeight());
  } finally {
    node._inlines = saved;
    for (let i = 0; i < saved.length; i++) {
      const inline = saved[i]!;
      if (inline.text !== texts[i]) inline.text = texts[i];
      if (inline.width !== widths[i]) inline.width = widths[i];
    }
  }
  return heights;
}

/**
 * How many lines of a paragraph of `heights` stay on the current page: `heights.length`
 * (no break of ours), 0 (the whole paragraph moves), or a number in between (a break after
 * that many lines). `available`: the space left on the page; `after`: the height of what
 * must follow the paragraph's last lines on their page. Exported for tests.
 */
export function linesOnThisPage(heights: readonly number[], available: number, after = 0): number {
  const n = heights.length;
  let fit = 0;
  let used = 0;
  for (const h of heights) {
    if (used + h > available) break;
    used += h;
    fit++;
  }
  let keep: number;
  if (fit >= n) {
    if (used + after <= available) return n;
    keep = n - MIN_LINES; // the last lines go over with what follows them
  } else {
    keep = Math.min(fit, n - MIN_LINES);
  }
  return keep < MIN_LINES ? 0 : keep;
}

LayoutBuilder.prototype.processLeaf = function (this: Builder, node: TextNode) {
  const rule = rules.get(node);
  const writer = this.writer;
  const context = writer.context();
  const atTop = context.y <= context.pageMargins.top + 0.01;
  if (!rule || writer.transactionLevel > 0 || node.maxHeight || atTop || context.inSnakingColumns?.()) {
    return originalProcessLeaf.call(this, node);
  }
  const heights = lineHeights(this, node);
  const followingHeight = rule.following.reduce<number>((sum, f) => sum + lineHeights(this, f as TextNode).reduce((a, b) => a + b, 0), 0);
  // What lies between: the paragraph's own bottom margin, then the gap the caller named;
  // a point to spare, so that rounding never leaves the following line behind.
  const after = rule.following.length > 0 ? (node._margin?.[3] ?? 0) + rule.gap + followingHeight + 1 : 0;
  const keep = linesOnThisPage(heights, context.availableHeight, after);
  if (keep >= heights.length) return originalProcessLeaf.call(this, node);
  if (keep === 0) {
    writer.moveToNextPage(node.pageOrientation);
    return originalProcessLeaf.call(this, node);
  }
  this.bpBreak = { node, after: keep, built: 0 };
  try {
    return originalProcessLeaf.call(this, node);
  } finally {
    this.bpBreak = undefined;
  }
} as Method;

LayoutBuilder.prototype.buildNextLine = function (this: Builder, node: TextNode) {
  const pending = this.bpBreak;
  if (pending && pending.node === node) {
    if (pending.built === pending.after && node._inlines && node._inlines.length > 0) this.writer.moveToNextPage(node.pageOrientation);
    pending.built++;
  }
  return originalBuildNextLine.call(this, node);
} as Method;

/*
 * Where the nodes of an unbreakable block really are. pdfmake gives every line laid out inside
 * an unbreakable block (a short quote, a table's header with its first row, an unbreakable
 * row) the position where the block started, and when the block does not fit and moves to the
 * next page it moves the lines but not those positions: `pageBreakBefore` then sees the quote
 * after a heading on the heading's page while it is drawn on the next, and leaves the heading
 * alone at the foot (document.ts). So the positions handed out inside the outermost block are
 * collected, and when the block lands on a later page they are moved to where it starts.
 */
interface Position {
  pageNumber: number;
  top: number;
  verticalRatio: number;
  pageInnerHeight: number;
}
interface PageWriter {
  transactionLevel: number;
  contextStack: { page: number }[];
  context(): { page: number; y: number; pageMargins: { top: number } };
  bpUnbreakablePositions?: Position[] | undefined;
}
const originalPositionOnPage = KEEP_LINES_PATCHED_METHODS['ElementWriter.getCurrentPositionOnPage'] as (this: PageWriter) => Position;
const originalCommit = KEEP_LINES_PATCHED_METHODS['PageElementWriter.commitUnbreakableBlock'] as (this: PageWriter, x?: number, y?: number) => void;

ElementWriter.prototype.getCurrentPositionOnPage = function (this: PageWriter) {
  const position = originalPositionOnPage.call(this);
  if (this.transactionLevel > 0 && position) (this.bpUnbreakablePositions ??= []).push(position);
  return position;
} as Method;

PageElementWriter.prototype.commitUnbreakableBlock = function (this: PageWriter, forcedX?: number, forcedY?: number) {
  const outermost = this.transactionLevel === 1 && forcedX === undefined && forcedY === undefined;
  const height = this.context().y; // the block's height, in its own context
  const pageBefore = this.contextStack[0]?.page;
  originalCommit.call(this, forcedX, forcedY);
  if (!outermost) return;
  const positions = this.bpUnbreakablePositions ?? [];
  this.bpUnbreakablePositions = undefined;
  const context = this.context();
  if (pageBefore === undefined || context.page === pageBefore) return;
  const top = context.y - height;
  for (const p of positions) {
    p.pageNumber = context.page + 1;
    p.top = top;
    p.verticalRatio = (top - context.pageMargins.top) / p.pageInnerHeight;
  }
} as Method;
