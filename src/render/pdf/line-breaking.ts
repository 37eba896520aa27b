/**
 * Chinese line-breaking rules (DESIGN §5, after W3C clreq / GB/T 15834) on top of UAX #14.
 *
 * pdfmake breaks lines with the `linebreak` package (UAX #14). That keeps most closing
 * punctuation off the start of a line, but not all: it allows a break before the dash `—`
 * (class B2) and on both sides of the middle dot `·` (class AI), so a Chinese line could start
 * with either. We therefore decide ourselves where a break is forbidden:
 *
 * 1. `prepareCjkLineBreaks` marks every forbidden break with U+2060 WORD JOINER (the standard
 *    "no break here" character), so the rule is a small pure function of the text;
 * 2. `splitWordJoiners` takes the joiners out again and returns their positions. The joiner
 *    itself must never reach the PDF: the CJK faces have no glyph for it (it would print as
 *    a box) and text extraction would copy it. The PDF inline builder (inlines.ts) turns the
 *    positions into unbreakable pdfmake text items instead.
 */

import { NO_LINE_END, NO_LINE_START } from '../shared/cjk-line-breaks.js';


export const WORD_JOINER = '\u2060';

const noStart = new Set(Array.from(NO_LINE_START));
const noEnd = new Set(Array.from(NO_LINE_END));

function isBreakableSpace(ch: string): boolean {
  return /\s/u.test(ch) || ch === '\u200b';
}

/**
 * Inserts U+2060 WORD JOINER wherever a line break would put forbidden punctuation at the
 * start or the end of a line: before a character of NO_LINE_START and after one of
 * NO_LINE_END, unless the neighbour is a space (breaking at a space stays allowed). This also
 * keeps `……` and `——` in one piece. Existing joiners are kept and not doubled.
 */
export function prepareCjkLineBreaks(text: string): string {
  const chars = Array.from(text);
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const prev = chars[i - 1];
    if (
      prev !== undefined &&
      prev !== WORD_JOINER &&
      ch !== WORD_JOINER &&
      !isBreakableSpace(prev) &&
      !isBreakableSpace(ch) &&
      (noStart.has(ch) || noEnd.has(prev))
    ) {
      out += WORD_JOINER;
    }
    out += ch;
  }
  return out;
}

export interface JoinedText {
  /** The text without any U+2060. */
  text: string;
  /** UTF-16 offsets `i` into `text` such that no line break may fall between `text[i-1]` and `text[i]`. */
  noBreakBefore: Set<number>;
}

/**
 * Removes every U+2060 and records where each one stood. A joiner at the very start or end
 * gives offset 0 or `text.length`: it glues the text to whatever comes before or after it.
 */
export function splitWordJoiners(prepared: string): JoinedText {
  const [first = '', ...rest] = prepared.split(WORD_JOINER);
  const noBreakBefore = new Set<number>();
  let text = first;
  for (const piece of rest) {
    noBreakBefore.add(text.length);
    text += piece;
  }
  return { text, noBreakBefore };
}

/**
 * English text sets dashes and ellipses with spaces ("video meeting — and"), and UAX #14
 * breaks at any space, so a line could start with the dash. The space before such a mark
 * becomes U+00A0 NO-BREAK SPACE (same width, and pdfmake's breaker never breaks at it), so
 * the mark stays at the end of the line before. One character for one: offsets do not move.
 */
export function bindSpacedDashes(text: string): string {
  return text.replace(/ (?=[—–…])/g, '\u00a0');
}

/**
 * Where forbidden breaks are in `text` (joiners already in it count too), as offsets into
 * the text without joiners.
 */
export function cjkNoBreakPositions(text: string): JoinedText {
  return splitWordJoiners(prepareCjkLineBreaks(text));
}
