/**
 * Splits text into runs that one face can draw entirely (DESIGN §4: pdfmake uses one font
 * per text node; Word fills w:rFonts slots per run). Han characters go through the chain of
 * the text's script; Latin letters and digits through the latin chain, even inside Chinese;
 * punctuation shared by both scripts (“ ” — … ·) follows the language of the text, so
 * Chinese text gets full-width quotes and English text gets Latin ones.
 */
import type { Lang } from '../model/model.js';
import { codePointClass, LETTER } from '../util/code-point-class.js';
import { chainFor, hanChainFor, type ChainName, type FontRole, type FontSet } from './font-set.js';

export type ScriptClass = 'han' | 'latin';

export interface FontRun {
  text: string;
  /** Face id from the font configuration. */
  face: string;
  /** Han runs are tagged with the East Asian language in DOCX and PDF. */
  script: ScriptClass;
}

export interface MissingGlyph {
  char: string;
  codePoint: number;
  /** UTF-16 offset in the input text. */
  offset: number;
}

/** Shared between the callers that ask for the same split (see `splitRuns`): read only. */
export interface SplitResult {
  readonly runs: readonly Readonly<FontRun>[];
  readonly missing: readonly Readonly<MissingGlyph>[];
}

/** `U+2A6D6` form, as diagnostics print code points. */
export function codePointLabel(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

export function isHan(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x20000 && cp <= 0x3ffff) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x2e80 && cp <= 0x2fdf) // radicals
  );
}

/** Characters drawn with the Han chain whatever the text's language. */
function isEastAsian(cp: number): boolean {
  return (
    isHan(cp) ||
    (cp >= 0x3000 && cp <= 0x30ff) || // CJK symbols and punctuation, kana
    (cp >= 0x3100 && cp <= 0x312f) || // bopomofo
    (cp >= 0xfe30 && cp <= 0xfe4f) || // CJK compatibility forms
    (cp >= 0xff00 && cp <= 0xffef) // full-width forms
  );
}

/** Punctuation both scripts use; its shape should follow the text's language. */
function isShared(cp: number): boolean {
  return (
    cp === 0x2018 || cp === 0x2019 || cp === 0x201c || cp === 0x201d || // quotes
    cp === 0x2014 || cp === 0x2015 || cp === 0x2026 || cp === 0x00b7 || // dash, ellipsis, middle dot
    cp === 0x25a0 || cp === 0x25cb || cp === 0x25cf // ■ ○ ●
  );
}

function isSpace(cp: number): boolean {
  return cp === 0x20 || cp === 0xa0 || cp === 0x09 || cp === 0x2009 || cp === 0x200b || cp === 0x2060;
}

/**
 * Splits `text` for a run in language `lang`. With `und` (no language decided), shared
 * punctuation follows its neighbours: “ — ” between Han characters is Chinese punctuation.
 * `documentLang` decides the Han chain when the text itself is not Chinese. `bold` chooses
 * and checks faces in their bold files; `role` picks the chains (fonts.yaml `roles`):
 * `heading` for headings, the cover title and the titles of the contents and notes.
 */
export function splitRuns(fonts: FontSet, text: string, lang: Lang, documentLang: Lang = lang, bold = false, role: FontRole = 'body'): SplitResult {
  let memo = splits.get(fonts);
  if (!memo) splits.set(fonts, (memo = { results: new Map(), chars: 0 }));
  const key = `${lang}\0${documentLang}\0${bold ? 1 : 0}\0${role}\0${text}`;
  const known = memo.results.get(key);
  if (known) return known;
  const result = computeRuns(fonts, text, lang, documentLang, bold, role);
  if (memo.chars + text.length > MEMO_MAX_CHARS) {
    memo.results.clear();
    memo.chars = 0;
  }
  memo.results.set(key, result);
  memo.chars += text.length;
  return result;
}

/**
 * The splits made so far, by font set. A brief's text is split three times the same way: when
 * its model is checked for missing glyphs, and when the PDF and the DOCX are drawn (13 ms of a
 * 10-page brief, and 7 MB of its garbage, each time). Kept up to MEMO_MAX_CHARS of text, then
 * begun afresh: a brief's texts fit many times over, a build of hundreds does not have to.
 * A new font set (fonts.yaml changed in watch mode) starts its own.
 */
const splits = new WeakMap<FontSet, { results: Map<string, SplitResult>; chars: number }>();
const MEMO_MAX_CHARS = 2_000_000;

function computeRuns(fonts: FontSet, text: string, lang: Lang, documentLang: Lang, bold: boolean, role: FontRole): SplitResult {
  // Every step is one pass (or two, one each way) over the characters: a paragraph of
  // 20,000 words costs 10 times one of 2,000 (bench/scaling.ts measures it).
  const zhContext = lang === 'zh-Hant' || lang === 'zh-Hans';
  const hanChain = hanChainFor(zhContext ? lang : documentLang);
  const chars = [...text];
  const n = chars.length;
  const codePoints = chars.map((c) => c.codePointAt(0)!);
  // UTF-16 offset of each character in the input text.
  const offsets = new Array<number>(n);
  for (let i = 0, o = 0; i < n; i++) {
    offsets[i] = o;
    o += chars[i]!.length;
  }
  const eastAsianNear = zhContext || lang === 'en' ? undefined : eastAsianNeighbours(codePoints);
  // 1. Which chain each character belongs to (null: a space, placed in step 3).
  const chains: (ChainName | null)[] = codePoints.map((cp, i) => {
    if (isSpace(cp)) return null;
    if (isEastAsian(cp)) return hanChain;
    if (!isShared(cp)) return 'latin';
    if (zhContext) return hanChain;
    if (lang === 'en') return 'latin';
    return eastAsianNear![i] ? hanChain : 'latin';
  });
  // 2. The face for each non-space character.
  const missing: MissingGlyph[] = [];
  const faces: (string | undefined)[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const chain = chains[i];
    let face: string | undefined;
    if (chain) {
      face = pickFace(fonts, role, chain, codePoints[i]!, bold);
      if (!face) missing.push({ char: chars[i]!, codePoint: codePoints[i]!, offset: offsets[i]! });
    }
    faces[i] = face;
  }
  // 3. Spaces join the run before them (else the one after) when its face has them, so they
  //    never start a one-character run; otherwise any face that has them. "The one after" is
  //    the next non-space character's face, found for all spaces in one pass from the end.
  const nextFace: (string | undefined)[] = new Array(n);
  for (let i = n - 1, next: string | undefined; i >= 0; i--) {
    nextFace[i] = next;
    if (chains[i] !== null && faces[i] !== undefined) next = faces[i];
  }
  let before: string | undefined;
  for (let i = 0; i < n; i++) {
    if (chains[i] === null) {
      const cp = codePoints[i]!;
      const after = nextFace[i];
      faces[i] = [before, after].find((f) => f !== undefined && coversIn(fonts, f, cp, bold)) ?? pickFace(fonts, role, 'latin', cp, bold);
      if (!faces[i]) missing.push({ char: chars[i]!, codePoint: cp, offset: offsets[i]! });
    }
    if (faces[i] !== undefined) before = faces[i];
  }
  // 4. Consecutive characters with the same face and script form one run (collected as
  //    character lists and joined once).
  const runs: FontRun[] = [];
  const parts: string[][] = [];
  for (let i = 0; i < n; i++) {
    const face = faces[i];
    if (face === undefined) continue;
    const chain = chains[i] ?? (runs.length ? null : 'latin');
    const script: ScriptClass | undefined = chain === null ? undefined : chain === 'latin' ? 'latin' : 'han';
    const last = runs[runs.length - 1];
    if (last && last.face === face && (script === undefined || last.script === script)) parts[parts.length - 1]!.push(chars[i]!);
    else {
      runs.push({ text: '', face, script: script ?? last?.script ?? 'latin' });
      parts.push([chars[i]!]);
    }
  }
  runs.forEach((r, k) => (r.text = parts[k]!.join('')));
  missing.sort((a, b) => a.offset - b.offset);
  return { runs, missing };
}

/**
 * For each character, whether the nearest character before or after it that is neither a
 * space nor shared punctuation is East Asian: two passes, so a long run of spaces or dashes
 * costs no more than its length.
 */
function eastAsianNeighbours(codePoints: readonly number[]): boolean[] {
  const n = codePoints.length;
  const near = new Array<boolean>(n).fill(false);
  const skip = (cp: number) => isSpace(cp) || isShared(cp);
  for (let i = 0, prev = false; i < n; i++) {
    near[i] = prev;
    const cp = codePoints[i]!;
    if (!skip(cp)) prev = isEastAsian(cp);
  }
  for (let i = n - 1, next = false; i >= 0; i--) {
    near[i] = near[i]! || next;
    const cp = codePoints[i]!;
    if (!skip(cp)) next = isEastAsian(cp);
  }
  // A pair of quotes around text that ends in Chinese is Chinese punctuation, both quotes,
  // whatever stands beside the closing one: “就‘帕比—反恐—2021…’”, is quoted Chinese, though
  // digits and an ellipsis come before its closing quotes and a comma after them. Quoted text
  // that ends in a Latin word (a title with its English translation in brackets) keeps the
  // neighbour rule, as the comma rule of src/cite/formatter.ts does. A ’ that closes no ‘ is
  // an apostrophe (People’s) and pairs with nothing.
  const opened: { at: number; quote: number; eastAsianBefore: number }[] = [];
  for (let i = 0, eastAsian = 0, endsEastAsian = false; i < n; i++) {
    const cp = codePoints[i]!;
    if (cp === 0x201c || cp === 0x2018) opened.push({ at: i, quote: cp, eastAsianBefore: eastAsian });
    else if (cp === 0x201d || cp === 0x2019) {
      // A ” closes the last “ (and any ‘ left open inside it); a ’ only a ‘ just opened.
      let k = opened.length - 1;
      if (cp === 0x201d) while (k >= 0 && opened[k]!.quote !== 0x201c) k--;
      if (k >= 0 && opened[k]!.quote === cp - 1) {
        const open = opened[k]!;
        opened.length = k;
        if (endsEastAsian && eastAsian > open.eastAsianBefore) near[open.at] = near[i] = true;
      } else if (cp === 0x201d) opened.length = 0; // closes no “: nothing before it pairs across it
      // (Every quote scanned past is dropped, so the pass stays linear in the text.)
    } else if (isEastAsian(cp)) {
      eastAsian++;
      endsEastAsian = true;
    } else if (isAlphabetLetter(cp)) endsEastAsian = false;
  }
  return near;
}

/** A letter of an alphabet (Latin, Greek, Cyrillic…): not a digit, a mark or East Asian. */
function isAlphabetLetter(cp: number): boolean {
  return (codePointClass(cp) & LETTER) !== 0 && !isEastAsian(cp);
}

function coversIn(fonts: FontSet, faceId: string, cp: number, bold: boolean): boolean {
  const face = fonts.faces.get(faceId)!;
  return (bold ? face.bold : face.regular).covers(cp);
}

/** First face of the chain that has the character, else any configured face that has it. */
function pickFace(fonts: FontSet, role: FontRole, chain: ChainName, cp: number, bold: boolean): string | undefined {
  for (const id of chainFor(fonts, role, chain)) if (coversIn(fonts, id, cp, bold)) return id;
  for (const id of fonts.faces.keys()) if (coversIn(fonts, id, cp, bold)) return id;
  return undefined;
}
