/**
 * clreq line adjustment inside pdfmake's line builder (W3C clreq §3.8; what xeCJK and Typst do).
 *
 * pdfmake fills a line word by word and moves a word that does not fit to the next line.
 * Our glue (line-breaking.ts) makes `字，` one word, so when the `，` would start a line the
 * `字` moves down with it and the line above ends up one em short. clreq's answer, in order:
 *
 * 1. absorb the word by setting full-width marks of the line half width (the face's `halt`
 *    forms: `，` `。` `「` `」` …, marked `bpShrink` by inlines.ts), last ones first;
 * 2. else push the word down and spread the missing space over the line's gaps — that is
 *    pdfmake's own `alignment: 'justify'`, which Chinese text nodes ask for (inlines.ts).
 *
 * pdfmake has no extension point for either (its line breaker is not pluggable), so this
 * module wraps two methods of pdfmake's classes when it is first imported:
 *
 * - `Line.prototype.hasEnoughSpaceForInline`: a glued word that starts with a forbidden line
 *   start also "fits" when compressing the line's marks makes room for it;
 * - `ElementWriter.prototype.alignLine`: before pdfmake aligns a line, marks are compressed
 *   until the line is no wider than the column (then pdfmake justifies what is left).
 *
 * Both call pdfmake's original first and change nothing for lines without our marks. The
 * test test/render/pdf-line-adjustment.test.ts pins the source of the methods we wrap and of
 * the one that calls them (`LayoutBuilder.prototype.buildNextLine`): when an update of
 * pdfmake changes any of them, that test fails and this module must be checked again.
 */
import lineModule from 'pdfmake/js/Line.js';
import elementWriterModule from 'pdfmake/js/ElementWriter.js';
import layoutBuilderModule from 'pdfmake/js/LayoutBuilder.js';
import { NO_LINE_START } from '../shared/cjk-line-breaks.js';
import { originalMethods, pdfmakeClass } from './pdfmake-patches.js';

/** What we read and write of one of pdfmake's positioned words. */
interface LaidInline {
  text: string;
  width: number;
  x: number;
  fontSize: number;
  fontFeatures?: string[] | null;
  noNewLine?: boolean;
  trailingCut?: number;
  bpShrink?: boolean;
  font: { widthOfString(text: string, size: number, features?: string[] | null): number };
}

interface LaidLine {
  maxWidth: number;
  inlines: LaidInline[];
  inlineWidths: number;
  leadingCut: number;
  newLineForced?: boolean;
  getWidth(): number;
}

type Method = (this: unknown, ...args: never[]) => unknown;

const Line = pdfmakeClass(lineModule, 'Line', 'line-adjustment.ts');
const ElementWriter = pdfmakeClass(elementWriterModule, 'ElementWriter', 'line-adjustment.ts');
const LayoutBuilder = pdfmakeClass(layoutBuilderModule, 'LayoutBuilder', 'line-adjustment.ts');

const noStart = new Set(Array.from(NO_LINE_START));
const EPSILON = 1e-6;

/** Width a mark gives up when set half width. */
function halfWidthGain(inline: LaidInline): number {
  return inline.width - inline.font.widthOfString(inline.text, inline.fontSize, ['halt']);
}

/** The word `inline` and the words glued to it (pdfmake's `noNewLine` chain). */
function gluedWord(inline: LaidInline, next: readonly LaidInline[]): LaidInline[] {
  const word = [inline];
  if (inline.noNewLine) {
    for (const n of next) {
      word.push(n);
      if (!n.noNewLine) break;
    }
  }
  return word;
}

/** The originals, kept so that the version test can pin their source. */
export const PATCHED_PDFMAKE_METHODS = originalMethods(
  {
    'Line.hasEnoughSpaceForInline': Line.prototype.hasEnoughSpaceForInline,
    'ElementWriter.alignLine': ElementWriter.prototype.alignLine,
    'LayoutBuilder.buildNextLine': LayoutBuilder.prototype.buildNextLine,
  },
  'line-adjustment.ts',
);

const originalHasEnoughSpace = PATCHED_PDFMAKE_METHODS['Line.hasEnoughSpaceForInline'] as (this: LaidLine, inline: LaidInline, next?: LaidInline[]) => boolean;
const originalAlignLine = PATCHED_PDFMAKE_METHODS['ElementWriter.alignLine'] as (this: unknown, line: LaidLine) => void;

/**
 * Whether the glued word fits once the line's marks (and its own) are set half width. Only
 * for a word that pdfmake would otherwise push down because of our glue: one whose text has
 * a forbidden line start after its first character.
 */
function fitsWhenCompressed(line: LaidLine, inline: LaidInline, next: readonly LaidInline[]): boolean {
  if (line.inlines.length === 0 || line.newLineForced) return false;
  const word = gluedWord(inline, next);
  const chars = Array.from(word.map((w) => w.text).join(''));
  if (!chars.slice(1).some((c) => noStart.has(c))) return false;
  const needed = line.inlineWidths - line.leadingCut + word.reduce((sum, w) => sum + w.width - (w.trailingCut ?? 0), 0);
  const overflow = needed - line.maxWidth;
  let gain = 0;
  for (const w of [...line.inlines, ...word]) if (w.bpShrink) gain += halfWidthGain(w);
  return overflow <= gain + EPSILON;
}

/** Sets marks half width, from the line's end backwards, until the line fits `width`. */
export function compressLineToFit(line: LaidLine, width: number): void {
  let overflow = line.getWidth() - width;
  for (let i = line.inlines.length - 1; i >= 0 && overflow > EPSILON; i--) {
    const inline = line.inlines[i]!;
    if (!inline.bpShrink) continue;
    const gain = halfWidthGain(inline);
    if (gain <= 0) continue;
    inline.fontFeatures = [...(inline.fontFeatures ?? []), 'halt'];
    inline.width -= gain;
    inline.bpShrink = false;
    for (let j = i + 1; j < line.inlines.length; j++) line.inlines[j]!.x -= gain;
    line.inlineWidths -= gain;
    overflow -= gain;
  }
}

Line.prototype.hasEnoughSpaceForInline = function (this: LaidLine, inline: LaidInline, next: LaidInline[] = []) {
  return originalHasEnoughSpace.call(this, inline, next) || fitsWhenCompressed(this, inline, next);
} as Method;

ElementWriter.prototype.alignLine = function (this: { context(): { availableWidth: number } }, line: LaidLine) {
  compressLineToFit(line, this.context().availableWidth);
  return originalAlignLine.call(this, line);
} as Method;
