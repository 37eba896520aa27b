/**
 * Finds text that looks broken, so an editor can correct it before any brief quotes it:
 * - mojibake runs (text decoded in the wrong encoding: stray "?" glued to characters,
 *   Simplified-only characters in Traditional text, unbalanced quotes, close together),
 * - U+FFFD replacement characters and private-use characters (always broken),
 * - Simplified-only characters inside a zh-Hant release (each reported once).
 * Works on the text after corrections and before cleaning, so positions match the file.
 */
import { isSimplifiedOnly } from './script-characters.js';

export type SuspectKind = 'mojibake' | 'replacement-character' | 'private-use' | 'simplified-only';

export interface Suspect {
  kind: SuspectKind;
  /** UTF-16 offsets in the scanned text. */
  start: number;
  end: number;
  snippet: string;
}

const HAN = /\p{Script=Han}/u;
/** How far apart two signals may be to belong to one run (characters). */
const RUN_GAP = 6;

export function findSuspects(text: string, lang: 'zh-Hant' | 'zh-Hans' | 'en'): Suspect[] {
  const chars = [...text];
  const offsets: number[] = [];
  let o = 0;
  for (const c of chars) {
    offsets.push(o);
    o += c.length;
  }
  const out: Suspect[] = [];
  const signals: number[] = [];
  chars.forEach((c, i) => {
    const cp = c.codePointAt(0)!;
    if (cp === 0xfffd) out.push(one('replacement-character', i));
    else if ((cp >= 0xe000 && cp <= 0xf8ff) || cp >= 0xf0000) out.push(one('private-use', i));
    if (lang !== 'en' && isStrayQuestionMark(chars, i)) signals.push(i);
    if (lang === 'zh-Hant' && isSimplifiedOnly(c)) {
      signals.push(i);
      out.push(one('simplified-only', i));
    }
  });
  // Two or more signals close together make a mojibake run.
  signals.sort((a, b) => a - b);
  for (let i = 0; i < signals.length; ) {
    let j = i;
    while (j + 1 < signals.length && signals[j + 1]! - signals[j]! <= RUN_GAP) j++;
    if (j > i) {
      let end = signals[j]! + 1;
      // The run goes on over the non-Han characters glued to its end ("?021”").
      while (end < chars.length && !HAN.test(chars[end]!) && !/\s/u.test(chars[end]!)) end++;
      out.push(span('mojibake', signals[i]!, end));
    }
    i = j + 1;
  }
  return out.sort((a, b) => a.start - b.start);

  function one(kind: SuspectKind, i: number): Suspect {
    return span(kind, i, i + 1);
  }
  function span(kind: SuspectKind, from: number, to: number): Suspect {
    const start = offsets[from]!;
    const end = to < chars.length ? offsets[to]! : text.length;
    return { kind, start, end, snippet: text.slice(start, end) };
  }
}

/** A "?" inside Chinese text that does not end anything: glued to what follows. */
function isStrayQuestionMark(chars: string[], i: number): boolean {
  if (chars[i] !== '?') return false;
  const next = chars[i + 1];
  const prev = chars[i - 1];
  return next !== undefined && !/\s/u.test(next) && prev !== undefined && (HAN.test(prev) || /[\p{P}\d]/u.test(prev));
}
