/**
 * Finds text that looks broken, so an editor can correct it before any brief quotes it:
 * - mojibake runs (text decoded in the wrong encoding: stray "?" glued to characters,
 *   Simplified-only characters in Traditional text, unbalanced quotes, close together),
 * - Chinese text in a legacy encoding (Big5, GBK) decoded as Latin-1 or Windows-1252
 *   (`¤¤°ê` is 中國 in Big5, `Ãû³Æ` is 名称 in GBK), with what it reads in that encoding;
 *   real Latin text with accents (`Müller`, `São Paulo`, `«café»`) never matches,
 * - U+FFFD replacement characters and private-use characters (always broken),
 * - Simplified-only characters inside a zh-Hant release (each reported once); Hong Kong and
 *   Taiwan forms (着 啓 爲 衆 …) are Traditional and never reported (see script-characters.ts).
 * Works on the text after corrections and before cleaning, so positions match the file.
 */
import { inRegionalPhrase, isSimplifiedOnly } from './script-characters.js';

export type SuspectKind = 'mojibake' | 'legacy-encoding' | 'replacement-character' | 'private-use' | 'simplified-only';

export interface Suspect {
  kind: SuspectKind;
  /** UTF-16 offsets in the scanned text. */
  start: number;
  end: number;
  snippet: string;
  /** legacy-encoding: what the run reads in the encoding(s) it was probably in, the more
   * likely first (two when Big5 and GBK are equally plausible). */
  readings?: { encoding: LegacyEncoding; text: string }[];
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
    if (lang === 'zh-Hant' && isSimplifiedOnly(c) && !inRegionalPhrase(text, offsets[i]!)) {
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
  out.push(...findLegacyEncoding(text, lang === 'zh-Hans' ? 'GBK' : 'Big5'));
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

export type LegacyEncoding = 'Big5' | 'GBK';

/** Windows-1252's characters for bytes 0x80–0x9F (what a browser shows for "latin1"). */
const CP1252 = new Map<string, number>(
  [...'€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ'].map((c, i) => [c, 0x80 + i]),
);
/** The byte a character stands for when bytes were decoded as Latin-1 or Windows-1252;
 * undefined for characters no such decoding gives, and for spaces and controls. */
function byteOf(ch: string): number | undefined {
  const cp = ch.codePointAt(0)!;
  if (cp > 0x20 && cp < 0x7f) return cp;
  if (cp >= 0x80 && cp <= 0xff) return cp;
  return CP1252.get(ch);
}

// Made on first use: a decoder holds an ICU converter, which a startup snapshot cannot keep
// (src/cli/snapshot.ts), and most builds never look for mis-decoded text.
const DECODERS: Partial<Record<LegacyEncoding, TextDecoder>> = {};
const decoderFor = (encoding: LegacyEncoding) => (DECODERS[encoding] ??= new TextDecoder(encoding === 'Big5' ? 'big5' : 'gbk'));
const isLead = (b: number) => b >= 0x81 && b <= 0xfe;
const isTrail = (enc: LegacyEncoding, b: number) => (b >= 0x40 && b <= 0x7e) || (enc === 'Big5' ? b >= 0xa1 && b <= 0xfe : b >= 0x80 && b <= 0xfe);
const CJK = /[\p{Script=Han}\u3001-\u303f\uff01-\uff60]/u;
/** Latin-1 signs that are no letter (¤ ° ³ ¦ …): common in such runs, rare in real words. */
const LATIN1_SIGN = /[\u00a1-\u00bf\u00d7\u00f7]/u;

interface Reading {
  encoding: LegacyEncoding;
  text: string;
  /** Double-byte characters that decode to Han or CJK punctuation. */
  cjk: number;
  /** Of those, the ones whose both bytes are above ASCII. */
  highPairs: number;
  /** High bytes that pair with nothing. */
  stray: number;
  /** Pairs in the encoding's frequent range (Big5 A440–C67E, GB2312 level 1 B0A1–D7FE). */
  frequent: number;
}

const FREQUENT: Record<LegacyEncoding, (code: number) => boolean> = {
  Big5: (code) => code >= 0xa440 && code <= 0xc67e,
  GBK: (code) => code >= 0xb0a1 && code <= 0xd7fe && (code & 0xff) >= 0xa1,
};

function readAs(encoding: LegacyEncoding, bytes: number[]): Reading {
  const r: Reading = { encoding, text: '', cjk: 0, highPairs: 0, stray: 0, frequent: 0 };
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      r.text += String.fromCharCode(b);
      i++;
      continue;
    }
    const t = bytes[i + 1];
    if (isLead(b) && t !== undefined && isTrail(encoding, t)) {
      const c = decoderFor(encoding).decode(new Uint8Array([b, t]));
      if (CJK.test(c)) {
        r.cjk++;
        if (t >= 0x80) r.highPairs++;
        if (FREQUENT[encoding]((b << 8) | t)) r.frequent++;
        r.text += c;
        i += 2;
        continue;
      }
    }
    r.stray++;
    r.text += '\ufffd';
    i++;
  }
  return r;
}

/**
 * Runs of characters that are bytes of Big5 or GBK text decoded one byte per character.
 * A run (no spaces) is reported when, read in one of those encodings, at least two of its
 * characters come out as Chinese from two bytes both above ASCII, those pairs make up at
 * least half the run, few high bytes are left over, and the run has a Latin-1 sign (¤ ° ³)
 * or three such pairs, and at least two Latin-1 characters (not only “ ” — …). Accented Latin words have their accents apart (`Ångström`, `Müller`),
 * so they never qualify. The reading shown is the encoding whose characters are the more
 * frequent ones (`ÖÐ¹ú` is 中国 in GBK, 笢弊 in Big5); on a tie, `prefer` (the release's).
 */
export function findLegacyEncoding(text: string, prefer: LegacyEncoding = 'Big5'): Suspect[] {
  const out: Suspect[] = [];
  const chars = [...text];
  let offset = 0;
  for (let i = 0; i < chars.length; ) {
    if (byteOf(chars[i]!) === undefined || chars[i]!.codePointAt(0)! < 0x80) {
      offset += chars[i]!.length;
      i++;
      continue;
    }
    // Extend back over ASCII that is part of the run (a trail byte such as "H" in ¤H).
    let from = i;
    let start = offset;
    while (from > 0 && byteOf(chars[from - 1]!) !== undefined && chars[from - 1]!.codePointAt(0)! < 0x80 && chars[from - 1]!.codePointAt(0)! >= 0x40) {
      from--;
      start -= chars[from]!.length;
    }
    let to = i;
    let end = offset;
    while (to < chars.length && byteOf(chars[to]!) !== undefined) {
      end += chars[to]!.length;
      to++;
    }
    const run = chars.slice(from, to);
    const bytes = run.map((c) => byteOf(c)!);
    const [best, other] = (['Big5', 'GBK'] as const)
      .map((enc) => readAs(enc, bytes))
      .sort((a, b) => b.cjk - a.cjk || a.stray - b.stray || b.frequent - a.frequent || Number(b.encoding === prefer) - Number(a.encoding === prefer)) as [Reading, Reading];
    const signs = run.some((c) => LATIN1_SIGN.test(c));
    // Windows-1252 punctuation alone (`——“……”` in Chinese text) is no run: Big5 and GBK lead
    // bytes are mostly Latin-1 letters and signs.
    const latin1 = run.filter((c) => c >= '\u00a1' && c <= '\u00ff').length;
    if (latin1 >= 2 && best.highPairs >= 2 && best.cjk * 2 >= run.length / 2 && best.stray * 4 <= best.cjk && (signs || best.highPairs >= 3)) {
      const tie = other.cjk === best.cjk && other.stray === best.stray && other.frequent === best.frequent;
      const readings = (tie ? [best, other] : [best]).map((r) => ({ encoding: r.encoding, text: r.text }));
      out.push({ kind: 'legacy-encoding', start, end, snippet: text.slice(start, end), readings });
    }
    offset = end;
    i = to;
  }
  return out;
}
