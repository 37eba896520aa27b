/**
 * Which CJK punctuation may be set half width, and where adjacent punctuation is compressed
 * (W3C clreq §3.1.6 and §3.8, as xeCJK and Typst apply it). Shared by both renderers: the
 * PDF writer draws the compressed marks with the face's `halt` feature (render/pdf/inlines.ts,
 * render/pdf/line-adjustment.ts); the DOCX writer asks Word and LibreOffice for the same with
 * `w:characterSpacingControl compressPunctuation` (render/docx/settings.ts).
 *
 * A full-width mark's glyph fills only half of its em box (an opening bracket's right half,
 * a closing one's left half; Traditional `，。、` sit in the middle). So two adjacent marks
 * leave a visible hole of half an em: clreq closes it, `”，` takes 1.5 em, not 2.
 */

/** Opening brackets and quotes: ink in the right half of the em box. */
export const CJK_OPENING = '（「『【〔〈《“‘〖〘';
/** Closing brackets and quotes: ink in the left half. */
export const CJK_CLOSING = '）」』】〕〉》”’〗〙';
/** Pause and stop marks that may be set half width (`？！` keep their full width). */
export const CJK_PAUSE_STOP = '，。、；：';

const opening = new Set(Array.from(CJK_OPENING));
const adjustable = new Set(Array.from(CJK_OPENING + CJK_CLOSING + CJK_PAUSE_STOP));

/** A mark that may give up half its width (to compress a pair, or to pull a line up). */
export function isHalfWidthAdjustable(ch: string): boolean {
  return adjustable.has(ch);
}

export function isCjkOpening(ch: string): boolean {
  return opening.has(ch);
}

/**
 * The indices of the characters to set half width so that every pair of adjacent
 * adjustable marks takes 1.5 em: in a pair, the first mark gives up its empty half, except
 * between two opening marks, where the second one does (its empty half is the one between
 * them). `chars` are the characters of one run of text, in order.
 */
export function adjacentPunctuationToCompress(chars: readonly string[]): Set<number> {
  const out = new Set<number>();
  for (let i = 0; i + 1 < chars.length; i++) {
    const a = chars[i]!;
    const b = chars[i + 1]!;
    if (!adjustable.has(a) || !adjustable.has(b)) continue;
    out.add(opening.has(a) && opening.has(b) ? i + 1 : i);
  }
  return out;
}

/** `……` and `——`: each a two-em unit, never split across lines (GB/T 15834 §4.8, §4.9). */
export const TWO_EM_UNITS = /……|——/g;
