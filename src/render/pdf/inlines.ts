/**
 * Model inlines → pdfmake inline text items.
 *
 * pdfmake draws each text item in one font and cannot fall back per character (DESIGN §4),
 * so every text is split into font runs (fonts/runs.ts) and each run becomes an item whose
 * `font` has all of its characters. Characters no face has are reported (BP401), never drawn.
 * Headings, the cover title and the contents and notes titles use the `heading` font role
 * (fonts.yaml), everything else `body`.
 *
 * Styling: strong → the face's real bold file. Emphasis → bold too: Han text must never be
 * slanted (DESIGN §5), and the font configuration has no Latin italic face, so there is
 * nothing honest to slant Latin runs with either. A citeRef → a superscript number that
 * links to its source note's destination (notes.ts gives each note that id); the text node
 * holding the first reference to a note is the destination the note links back to
 * (`textNode`, `anchorCitations`).
 *
 * Line breaking: the rules of line-breaking.ts say between which characters a break is
 * forbidden. pdfmake breaks only between words (UAX #14) and, at an item boundary, only
 * where UAX #14 would break the two texts run together. So each group of characters glued
 * by our rules becomes its own `noWrap` item (one unbreakable word); when such a group
 * spans two items (two fonts, or strong text next to plain text), every item but the last
 * also gets `noNewLine`, the flag pdfmake itself sets on a word that continues in the next
 * item. (`noNewLine` is not in pdfmake's typings; pdfmake copies an item's properties onto
 * each of its words, which is how the flag reaches the line builder. The PDF tests check
 * the result on real output.) In English text a space before a dash or an ellipsis becomes
 * a no-break space (`bindSpacedDashes`), so those never start a line either.
 */
import { isAllowedLinkUrl } from '../../model/links.js';
import type { Inline, Lang, Position } from '../../model/model.js';
import type { Style } from 'pdfmake/interfaces.js';
import { chainFor, hanChainFor, type FontRole } from '../../fonts/font-set.js';
import { splitRuns, type FontRun, type MissingGlyph } from '../../fonts/runs.js';
import { EMPHASIS } from '../shared/emphasis.js';
import { noteDestination, referenceDestination, type PdfContext } from './context.js';
import { bindSpacedDashes, cjkNoBreakPositions, splitWordJoiners } from './line-breaking.js';
import { COLOR } from './styles.js';
import { adjacentPunctuationToCompress, isHalfWidthAdjustable } from '../shared/cjk-punctuation.js';
import { isJustifiedAsChinese } from '../shared/cjk-justify.js';

/** One pdfmake inline text item. */
export interface PdfInline extends Style {
  text: string;
  link?: string;
  linkToDestination?: string;
  /** pdfmake-internal: this item's (single) word continues in the next item. */
  noNewLine?: boolean;
  /** Ours (line-adjustment.ts): a CJK mark that may be set half width to pull a line up. */
  bpShrink?: boolean;
}

/** Where a run of inlines sits: its language (inherited from the block) and its source position. */
export interface InlineScope {
  lang: Lang;
  position?: Position;
  /** The block's style is bold (headings, table headers): fonts are chosen and checked in
   * their bold files. The items do not say `bold` themselves, so that the same heading text
   * can be drawn regular in the table of contents. */
  bold?: boolean;
  /** Font role (fonts.yaml `roles`); headings, the cover title and the contents and notes
   * titles are `heading`. Heading text is also drawn regular in the table of contents, so
   * its faces must have every character in both weights. */
  role?: FontRole;
}

/** A piece of inline content with its effective style, before font splitting. */
interface Leaf {
  kind: 'text' | 'cite' | 'break';
  text: string;
  lang: Lang;
  /** Drawn bold (fonts are chosen and checked in their bold files). */
  bold: boolean;
  /** Bold because of strong/emphasis, not because of the block's style: the item says so itself. */
  marked: boolean;
  role: FontRole;
  link?: string;
  note?: number;
}

type LeafStyle = Pick<Leaf, 'lang' | 'bold' | 'marked' | 'link' | 'role'>;

function flatten(inlines: readonly Inline[], style: LeafStyle, out: Leaf[]): Leaf[] {
  for (const node of inlines) {
    switch (node.type) {
      case 'text': {
        const lang = node.lang ?? style.lang;
        node.value.split('\n').forEach((line, i) => {
          if (i > 0) out.push({ ...style, kind: 'break', text: '\n', lang });
          if (line) out.push({ ...style, kind: 'text', text: line, lang });
        });
        break;
      }
      case 'strong':
        flatten(node.children, { ...style, bold: true, marked: true }, out);
        break;
      case 'emphasis':
        // pdfmake draws no synthetic italics; EMPHASIS says bold, in every script.
        flatten(node.children, { ...style, bold: EMPHASIS.bold || style.bold, marked: true }, out);
        break;
      case 'link':
        // A target the model would not make a link (model/links.ts) stays text, as in the DOCX.
        flatten(node.children, isAllowedLinkUrl(node.url) ? { ...style, link: node.url } : style, out);
        break;
      case 'citeRef':
        out.push({ kind: 'cite', text: String(node.note), lang: 'en', bold: false, marked: false, role: 'body', note: node.note });
        break;
      case 'lineBreak':
        out.push({ ...style, kind: 'break', text: '\n' });
        break;
    }
  }
  return out;
}

/** The text of inlines without styling (outline entries, PDF metadata). */
export function plainText(inlines: readonly Inline[]): string {
  return inlines
    .map((node) => {
      if (node.type === 'text') return node.value;
      if (node.type === 'lineBreak') return ' ';
      if (node.type === 'citeRef') return '';
      return plainText(node.children);
    })
    .join('');
}

/** Model inlines → pdfmake items, each in a font that has every character of it. */
export function buildInlines(ctx: PdfContext, inlines: readonly Inline[], scope: InlineScope): PdfInline[] {
  const role = scope.role ?? 'body';
  return leavesToItems(ctx, flatten(inlines, { lang: scope.lang, bold: scope.bold ?? false, marked: false, role }, []), scope.position);
}

/** A plain string (labels, page furniture) → pdfmake items. */
export function buildTextItems(ctx: PdfContext, text: string, lang: Lang, bold = false, role: FontRole = 'body'): PdfInline[] {
  return leavesToItems(ctx, [{ kind: 'text', text, lang, bold, marked: false, role }], undefined);
}

/**
 * A pdfmake text node for inlines. When the text cites source notes it becomes the
 * destination the notes link back to (see `anchorCitations`).
 */
export function textNode<T extends object>(ctx: PdfContext, inlines: readonly Inline[], scope: InlineScope, props: T): T & { text: PdfInline[]; id?: string; alignment?: 'justify' } {
  const node: T & { text: PdfInline[]; id?: string; alignment?: 'justify' } = { text: buildInlines(ctx, inlines, scope), ...props };
  // Chinese text is set solid and justified (clreq §3.8): every line but a paragraph's last
  // ends at the measure. English stays ragged right (render/shared/cjk-justify.ts).
  if (isJustifiedAsChinese(scope.lang === 'und' ? ctx.defaultLang : scope.lang, inlines)) node.alignment = 'justify';
  anchorCitations(ctx, node, citedNotes(inlines));
  return node;
}

/**
 * Makes `node` the target of the back link of every note in `notes` that has none yet (the
 * first reference wins). pdfmake puts a node's destination at its first line, and allows one
 * destination per node, so the node keeps an id it already has (a heading's anchor) and
 * otherwise gets one named after the first note it introduces.
 */
export function anchorCitations(ctx: PdfContext, node: { id?: string }, notes: readonly number[]): void {
  const fresh = notes.filter((n) => !ctx.backLinks.has(n));
  if (fresh.length === 0) return;
  node.id ??= referenceDestination(fresh[0]!);
  for (const n of fresh) ctx.backLinks.set(n, node.id);
}

/** The source notes a list of inlines refers to, in order. */
export function citedNotes(inlines: readonly Inline[]): number[] {
  return inlines.flatMap((node) => {
    if (node.type === 'citeRef') return [node.note];
    if (node.type === 'strong' || node.type === 'emphasis' || node.type === 'link') return citedNotes(node.children);
    return [];
  });
}

interface Span {
  leaf: Leaf;
  start: number;
  end: number;
}

function leavesToItems(ctx: PdfContext, leaves: Leaf[], position: Position | undefined): PdfInline[] {
  // Concatenate the leaves (joiners already in the text removed, their positions kept) so
  // that the line-breaking rules also see across leaf boundaries.
  let full = '';
  const glue = new Set<number>();
  const spans: Span[] = [];
  for (const leaf of leaves) {
    const start = full.length;
    const { text, noBreakBefore } = leaf.kind === 'break' ? { text: '\n', noBreakBefore: new Set<number>() } : splitWordJoiners(leaf.text);
    for (const offset of noBreakBefore) glue.add(start + offset);
    if (leaf.kind === 'cite') glue.add(start); // the note number stays with the text it cites
    full += text;
    spans.push({ leaf, start, end: full.length });
  }
  for (const offset of cjkNoBreakPositions(full).noBreakBefore) glue.add(offset);
  full = bindSpacedDashes(full);
  const cluster = clusterIds(full, glue);
  const compressed = compressedOffsets(full);

  const items: PdfInline[] = [];
  for (const { leaf, start, end } of spans) {
    if (leaf.kind === 'break') {
      items.push({ text: '\n', font: ctx.latinFace });
      continue;
    }
    const leafText = full.slice(start, end);
    const reportMissing = (missing: readonly MissingGlyph[]) => ctx.reportMissing(missing, leafText, position);
    // Fonts are chosen for the whole leaf, so that shared punctuation sees its neighbours
    // (a `”` after `2021` in `…—2021”聯合` is Chinese), then cut into the glued segments.
    const split = splitRuns(ctx.fonts, leafText, leaf.lang, ctx.meta.lang, leaf.bold, leaf.role);
    reportMissing(split.missing);
    const covered = split.runs.flatMap((run) =>
      coveredRuns(ctx, run, leaf, (ch) => reportMissing([{ char: ch, codePoint: ch.codePointAt(0)!, offset: 0 }])),
    );
    for (const seg of segments(full, cluster, start, end)) {
      const runs = punctuationRuns(ctx, sliceRuns(covered, seg.start - start, seg.end - start), leaf, seg.start, compressed);
      runs.forEach((run, i) => {
        const item = styledItem(run, leaf);
        if (run.features) item.fontFeatures = run.features;
        if (run.shrink) item.bpShrink = true;
        if (seg.glued) {
          item.noWrap = true;
          if (i < runs.length - 1 || glue.has(seg.end)) item.noNewLine = true;
        }
        items.push(item);
      });
    }
  }
  return items;
}

/** The parts of `runs` (which together spell one text) between UTF-16 offsets `from` and `to`. */
function sliceRuns(runs: readonly FontRun[], from: number, to: number): FontRun[] {
  const out: FontRun[] = [];
  let offset = 0;
  for (const run of runs) {
    const end = offset + run.text.length;
    if (end > from && offset < to) out.push({ ...run, text: run.text.slice(Math.max(0, from - offset), Math.min(run.text.length, to - offset)) });
    offset = end;
  }
  return out;
}

/** UTF-16 offsets of the marks to set half width so that adjacent CJK punctuation takes 1.5 em. */
function compressedOffsets(text: string): Set<number> {
  const chars = Array.from(text);
  const starts: number[] = [];
  let offset = 0;
  for (const ch of chars) {
    starts.push(offset);
    offset += ch.length;
  }
  return new Set([...adjacentPunctuationToCompress(chars)].map((i) => starts[i]!));
}

interface PunctuatedRun extends FontRun {
  /** OpenType features to draw the run with (`halt`: half width; `fwid`: full width). */
  features?: ('halt' | 'fwid')[];
  /** A lone adjustable mark the line builder may still set half width. */
  shrink?: boolean;
}

/**
 * Cuts the CJK punctuation that can change width out of Han runs, so that each such mark is
 * one pdfmake item (the line builder can only resize whole items): marks in an adjacent pair
 * are set half width now (`halt`, the face's own half-width forms, which also centre
 * Traditional `，。`); other adjustable marks stay full width but may be compressed by the
 * line builder to pull a forbidden line start up (line-adjustment.ts). `——` is drawn with
 * `fwid`, as one two-em unit (the faces' default is a 1.7 em ligature). Only faces that have
 * the features get them. `start` is the UTF-16 offset of the first run in the whole text.
 */
function punctuationRuns(ctx: PdfContext, runs: readonly FontRun[], leaf: Leaf, start: number, compressed: ReadonlySet<number>): PunctuatedRun[] {
  const out: PunctuatedRun[] = [];
  let offset = start;
  for (const run of runs) {
    const file = ctx.fonts.faces.get(run.face)!;
    const features = (leaf.bold ? file.bold : file.regular).features;
    if (run.script !== 'han' || leaf.kind !== 'text') {
      out.push(run);
      offset += run.text.length;
      continue;
    }
    const canHalve = features.has('halt');
    let plain = '';
    const flush = () => {
      if (plain) out.push({ ...run, text: plain });
      plain = '';
    };
    const chars = Array.from(run.text);
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i]!;
      if (features.has('fwid') && ch === '—' && chars[i + 1] === '—') {
        flush();
        out.push({ ...run, text: '——', features: ['fwid'] });
        i++;
        offset += 2;
        continue;
      }
      if (canHalve && isHalfWidthAdjustable(ch)) {
        flush();
        if (compressed.has(offset)) out.push({ ...run, text: ch, features: ['halt'] });
        else out.push({ ...run, text: ch, shrink: true });
      } else {
        plain += ch;
      }
      offset += ch.length;
    }
    flush();
  }
  return out;
}

function hanChainOf(ctx: PdfContext, lang: Lang) {
  return hanChainFor(lang === 'zh-Hant' || lang === 'zh-Hans' ? lang : ctx.meta.lang);
}

function styledItem(run: FontRun, leaf: Leaf): PdfInline {
  const item: PdfInline = { text: run.text, font: run.face };
  if (leaf.marked) item.bold = true;
  if (leaf.link) {
    item.link = leaf.link;
    item.color = COLOR.link;
    item.decoration = 'underline';
  }
  if (leaf.kind === 'cite' && leaf.note !== undefined) {
    item.sup = true;
    item.color = COLOR.accent;
    item.linkToDestination = noteDestination(leaf.note);
  }
  return item;
}

/**
 * For every UTF-16 offset that starts a code point: the id of the glued group it belongs
 * to, or -1 when a line may break on both sides of it.
 */
function clusterIds(text: string, glue: Set<number>): Int32Array {
  const ids = new Int32Array(text.length).fill(-1);
  const breaks = (offset: number) => offset <= 0 || offset >= text.length || /\s/u.test(text[offset - 1]!) || /\s/u.test(text[offset]!);
  let next = 0;
  let prevStart = -1;
  for (let p = 0; p < text.length; ) {
    const q = p + (text.codePointAt(p)! > 0xffff ? 2 : 1);
    if (glue.has(p) && !breaks(p) && prevStart >= 0) ids[p] = ids[prevStart]!;
    else if (glue.has(q) && !breaks(q)) ids[p] = next++;
    prevStart = p;
    p = q;
  }
  return ids;
}

interface Segment {
  start: number;
  end: number;
  /** All characters of the segment belong to one glued group. */
  glued: boolean;
}

/** Cuts [start, end) wherever the glued group changes. */
function segments(text: string, ids: Int32Array, start: number, end: number): Segment[] {
  const out: Segment[] = [];
  let segStart = start;
  let current = ids[start]!;
  for (let p = start; p < end; ) {
    const q = p + (text.codePointAt(p)! > 0xffff ? 2 : 1);
    if (q < end && ids[q] !== current) {
      out.push({ start: segStart, end: q, glued: current >= 0 });
      segStart = q;
      current = ids[q]!;
    }
    p = q;
  }
  if (segStart < end) out.push({ start: segStart, end, glued: current >= 0 });
  return out;
}

/**
 * splitRuns attaches spaces (including zero-width ones) to a neighbouring run even when that
 * run's face has no glyph for them, e.g. U+200B inside Traditional text: Noto Sans TC would
 * draw a full-width .notdef box. Such characters move to a run of a face that has them.
 * Heading text must also be drawable in the regular files (the table of contents lists it
 * in regular weight), so for headings a face needs the character in both weights.
 */
function coveredRuns(ctx: PdfContext, run: FontRun, leaf: Leaf, onMissing: (ch: string) => void): FontRun[] {
  const bothWeights = leaf.role === 'heading';
  const has = (faceId: string, cp: number) => {
    const face = ctx.fonts.faces.get(faceId)!;
    if (bothWeights) return face.bold.covers(cp) && face.regular.covers(cp);
    return (leaf.bold ? face.bold : face.regular).covers(cp);
  };
  const out: FontRun[] = [];
  for (const ch of run.text) {
    const cp = ch.codePointAt(0)!;
    let face = run.face;
    if (!has(face, cp)) {
      const candidates = [...chainFor(ctx.fonts, leaf.role, run.script === 'han' ? hanChainOf(ctx, leaf.lang) : 'latin'), ...ctx.fonts.faces.keys()];
      const found = candidates.find((id) => has(id, cp));
      if (!found) onMissing(ch);
      face = found ?? run.face;
    }
    const last = out[out.length - 1];
    if (last && last.face === face) last.text += ch;
    else out.push({ text: ch, face, script: run.script });
  }
  return out;
}
