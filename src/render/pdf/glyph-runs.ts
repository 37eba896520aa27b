/**
 * One PDF text object per run of like-styled words, not one per word (issue 17).
 *
 * pdfmake draws a line word by word, and our Chinese text reaches it one character per word
 * (line-breaking.ts: every Han character is a break opportunity). For each word its renderer
 * sets opacity and fill colour and calls pdfkit's `text`, which writes a whole text object:
 * `q … cm BT Tm Tf [<glyphs>] TJ ET Q`, and then shapes the word once more only to advance a
 * cursor nobody reads. A 10-page brief had 6,600 text objects, and drawing them was a sixth of
 * its PDF time.
 *
 * This module wraps `Renderer.renderLine` (after page-numbers.ts, which wraps it too): while a
 * line is drawn, each run of its consecutive words of the same face, size, colour, opacity and
 * baseline stands as one word; pdfkit's `text` is wrapped so that such a word is drawn
 * as one text object holding each of its parts' glyphs, each part shaped on its own with its
 * own features (`halt` on a compressed mark) exactly as pdfkit would, and the advance of each
 * part's last glyph moved by what it takes to start the next part where pdfmake placed it
 * (justification and clreq compression move words). So every glyph lands where it did, in the
 * same glyphs of the same subset, and the page looks the same (test/render/glyph-runs.test.ts
 * compares every glyph's place with the unmerged drawing).
 *
 * Words that need anything more of pdfkit (links, page references, destinations of their own,
 * decorations, backgrounds, character spacing) are drawn as before, by pdfmake. The test in
 * test/render/glyph-runs.test.ts pins the source of the methods this one stands in for.
 */
import rendererModule from 'pdfmake/js/Renderer.js';
import pdfDocumentModule from 'pdfmake/js/PDFDocument.js';
import { originalMethods, pdfmakeClass } from './pdfmake-patches.js';
// page-numbers.ts must have wrapped renderLine first: this wrapper goes around its wrapper.
import './page-numbers.js';

/** What we read of one of pdfmake's positioned words. */
interface DrawnInline {
  text: string | object;
  x: number;
  width: number;
  height: number;
  font: PdfkitFont;
  fontSize: number;
  fontFeatures?: string[] | null;
  color?: unknown;
  opacity?: unknown;
  characterSpacing?: number;
  sup?: boolean;
  sub?: boolean;
  link?: unknown;
  linkToPage?: unknown;
  linkToDestination?: unknown;
  decoration?: unknown;
  background?: unknown;
  _pageNodeRef?: unknown;
  _tocItemRef?: unknown;
}
interface DrawnLine {
  inlines: DrawnInline[];
}
interface GlyphPosition {
  xAdvance: number;
  advanceWidth: number;
  xOffset: number;
  yOffset: number;
}
interface PdfkitFont {
  id: string;
  ascender: number;
  ref(): unknown;
  encode(text: string, features?: string[] | null): [string[], GlyphPosition[]];
}
interface PdfkitDocument {
  _font: PdfkitFont;
  _fontSize: number;
  x: number;
  y: number;
  page: { height: number; fonts: Record<string, unknown> };
  save(): void;
  restore(): void;
  transform(...m: number[]): void;
  addContent(op: string): void;
  addNamedDestination(name: string, ...args: unknown[]): void;
}
interface TextOptions {
  destination?: string;
  features?: string[] | null;
}
type Method = (this: unknown, ...args: never[]) => unknown;

const Renderer = pdfmakeClass(rendererModule, 'Renderer', 'glyph-runs.ts');
const PDFDocument = pdfmakeClass(pdfDocumentModule, 'PDFDocument', 'glyph-runs.ts');

/** The methods wrapped (renderLine as page-numbers.ts left it) and the one mimicked, for the
 * version test. */
export const GLYPH_RUN_PATCHED_METHODS = originalMethods(
  {
    'PDFDocument.text': PDFDocument.prototype.text,
    'PDFDocument._line': PDFDocument.prototype._line,
    'PDFDocument._fragment': PDFDocument.prototype._fragment,
  },
  'glyph-runs.ts',
);
const renderLineOfPageNumbers = Renderer.prototype.renderLine as (this: unknown, line: DrawnLine, x: number, y: number) => unknown;
const originalText = GLYPH_RUN_PATCHED_METHODS['PDFDocument.text'] as (this: unknown, text: unknown, x: number, y: number, options: unknown) => unknown;

/** Whether lines are drawn in runs; the test turns it off to compare with word by word. */
export const glyphRunDrawing = { enabled: true };

/** The words a merged word stands for, by its text (a String object made for it). */
const runParts = new WeakMap<object, readonly DrawnInline[]>();

function opacityOf(inline: DrawnInline): unknown {
  return typeof inline.opacity === 'number' ? inline.opacity : 1;
}

/** Drawn by pdfmake's own code: it needs more than glyphs (or it is empty, or breaks). */
function drawnAlone(inline: DrawnInline): boolean {
  return (
    typeof inline.text !== 'string' ||
    inline.text.length === 0 ||
    inline.text.includes('\n') ||
    !!inline.characterSpacing ||
    inline.link != null ||
    inline.linkToPage != null ||
    inline.linkToDestination != null ||
    inline.decoration != null ||
    inline.background != null ||
    inline._pageNodeRef != null ||
    inline._tocItemRef != null
  );
}

/** Whether `next` can be drawn in the same text object as `first`. */
function sameRun(first: DrawnInline, next: DrawnInline): boolean {
  return (
    next.font === first.font &&
    next.fontSize === first.fontSize &&
    next.color === first.color &&
    opacityOf(next) === opacityOf(first) &&
    !next.sup === !first.sup &&
    !next.sub === !first.sub
  );
}

/** The line's words with each run of two or more mergeable ones as one word; `undefined`
 * when nothing merges. */
export function mergedInlines(inlines: readonly DrawnInline[]): DrawnInline[] | undefined {
  let out: DrawnInline[] | undefined;
  for (let i = 0; i < inlines.length; ) {
    const first = inlines[i]!;
    let end = i + 1;
    if (!drawnAlone(first)) while (end < inlines.length && !drawnAlone(inlines[end]!) && sameRun(first, inlines[end]!)) end++;
    if (end - i < 2) {
      out?.push(first);
      i = end;
      continue;
    }
    out ??= inlines.slice(0, i);
    const parts = inlines.slice(i, end);
    const last = parts[parts.length - 1]!;
    let text = '';
    let height = 0;
    for (const part of parts) {
      text += part.text as string;
      height = Math.max(height, part.height || 0);
    }
    const key = new String(text);
    runParts.set(key, parts);
    // A small object of one shape with what pdfmake's renderLine, its text decorator and
    // Line's height methods read (not Object.create(first): making every word a prototype
    // costs V8 more than copying ten fields).
    const run: DrawnInline = {
      text: key,
      x: first.x,
      width: last.x + last.width - first.x,
      height,
      font: first.font,
      fontSize: first.fontSize,
      color: first.color,
      opacity: first.opacity,
      sup: first.sup,
      sub: first.sub,
    };
    out.push(run);
    i = end;
  }
  return out;
}

Renderer.prototype.renderLine = function (this: unknown, line: DrawnLine, x: number, y: number) {
  const inlines = glyphRunDrawing.enabled && line.inlines ? mergedInlines(line.inlines) : undefined;
  if (!inlines) return renderLineOfPageNumbers.call(this, line, x, y);
  // Drawn with the runs in place of its words, then given its words back.
  const own = line.inlines;
  line.inlines = inlines;
  try {
    return renderLineOfPageNumbers.call(this, line, x, y);
  } finally {
    line.inlines = own;
  }
} as Method;

PDFDocument.prototype.text = function (this: PdfkitDocument, text: unknown, x: number, y: number, options: TextOptions) {
  const parts = typeof text === 'object' && text !== null ? runParts.get(text) : undefined;
  if (!parts) return originalText.call(this, text, x, y, options);
  this.x = x;
  this.y = y;
  drawRun(this, parts, x, y, options);
  return this;
} as Method;

/** What pdfkit's `_fragment` writes for left-aligned text with no spacing options, for the
 * parts one after another in one text object, each starting at its own x. */
function drawRun(doc: PdfkitDocument, parts: readonly DrawnInline[], x: number, y: number, options: TextOptions): void {
  const font = doc._font;
  const size = doc._fontSize;
  if (options.destination != null) doc.addNamedDestination(options.destination, 'XYZ', x, y, null);
  const encoded: string[] = [];
  const positions: GlyphPosition[] = [];
  const scale = size / 1000;
  const origin = parts[0]!.x;
  // Where the text object starts: x, unless the first parts have no glyphs at all.
  let start = x;
  let pen = x;
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p]!;
    const [partGlyphs, partPositions] = font.encode(part.text as string, part.fontFeatures);
    if (partGlyphs.length === 0) continue;
    for (let g = 0; g < partGlyphs.length; g++) {
      encoded.push(partGlyphs[g]!);
      positions.push(partPositions[g]!);
      pen += partPositions[g]!.xAdvance * scale;
    }
    const next = parts[p + 1];
    if (!next) break;
    // Where pdfmake put the next part, less where the glyphs left the pen: the last glyph's
    // advance absorbs it (a copy: pdfkit's positions may be cached and shared).
    const shift = x + (next.x - origin) - pen;
    if (positions.length === 0) {
      start += shift;
      pen += shift;
    } else if (shift !== 0) {
      const lastGlyph = positions[positions.length - 1]!;
      positions[positions.length - 1] = { ...lastGlyph, xAdvance: lastGlyph.xAdvance + shift / scale };
      pen += shift;
    }
  }
  if (encoded.length === 0) return;

  const dy = (font.ascender / 1000) * size;
  doc.save();
  doc.transform(1, 0, 0, -1, 0, doc.page.height);
  const baseline = doc.page.height - y - dy;
  if (doc.page.fonts[font.id] == null) doc.page.fonts[font.id] = font.ref();
  doc.addContent('BT');
  doc.addContent(`1 0 0 1 ${pdfNumber(start)} ${pdfNumber(baseline)} Tm`);
  doc.addContent(`/${font.id} ${pdfNumber(size)} Tf`);

  // pdfkit's TJ loop: glyphs in segments cut where an advance differs from the glyph's
  // width, and a Tm of its own for a glyph with an offset.
  const commands: string[] = [];
  let last = 0;
  let hadOffset = false;
  let gx = start;
  const addSegment = (cur: number): void => {
    if (last < cur) {
      const advance = positions[cur - 1]!.xAdvance - positions[cur - 1]!.advanceWidth;
      commands.push(`<${encoded.slice(last, cur).join('')}> ${pdfNumber(-advance)}`);
    }
    last = cur;
  };
  const flush = (cur: number): void => {
    addSegment(cur);
    if (commands.length > 0) {
      doc.addContent(`[${commands.join(' ')}] TJ`);
      commands.length = 0;
    }
  };
  let i = 0;
  for (; i < positions.length; i++) {
    const pos = positions[i]!;
    if (pos.xOffset || pos.yOffset) {
      flush(i);
      doc.addContent(`1 0 0 1 ${pdfNumber(gx + pos.xOffset * scale)} ${pdfNumber(baseline + pos.yOffset * scale)} Tm`);
      flush(i + 1);
      hadOffset = true;
    } else {
      if (hadOffset) {
        doc.addContent(`1 0 0 1 ${pdfNumber(gx)} ${pdfNumber(baseline)} Tm`);
        hadOffset = false;
      }
      if (pos.xAdvance - pos.advanceWidth !== 0) addSegment(i + 1);
    }
    gx += pos.xAdvance * scale;
  }
  flush(i);
  doc.addContent('ET');
  doc.restore();
}

/** pdfkit's PDFObject.number: six decimals. */
function pdfNumber(n: number): number {
  if (n > -1e21 && n < 1e21) return Math.round(n * 1e6) / 1e6;
  throw new Error(`unsupported number: ${n}`);
}
