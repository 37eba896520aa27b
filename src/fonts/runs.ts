/**
 * Splits text into runs that one face can draw entirely (DESIGN §4: pdfmake uses one font
 * per text node; Word fills w:rFonts slots per run). Han characters go through the chain of
 * the text's script; Latin letters and digits through the latin chain, even inside Chinese;
 * punctuation shared by both scripts (“ ” — … ·) follows the language of the text, so
 * Chinese text gets full-width quotes and English text gets Latin ones.
 */
import type { Lang } from '../doc/model.js';
import { hanChainFor, type ChainName, type FontSet } from './font-set.js';

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

export interface SplitResult {
  runs: FontRun[];
  missing: MissingGlyph[];
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
 * Splits `text` for a run in language `lang` (the document's Chinese script decides the
 * Han chain when the text itself is English).
 */
export function splitRuns(fonts: FontSet, text: string, lang: Lang, documentLang: Lang = lang, bold = false): SplitResult {
  const runs: FontRun[] = [];
  const missing: MissingGlyph[] = [];
  const zhContext = lang === 'zh-Hant' || lang === 'zh-Hans';
  const hanChain = hanChainFor(zhContext ? lang : documentLang);
  let pendingSpace = '';
  let offset = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const here = offset;
    offset += ch.length;
    if (isSpace(cp)) {
      // Spaces join the run before them, so that they never start a one-character run.
      const last = runs[runs.length - 1];
      if (last && coversIn(fonts, last.face, cp, bold)) last.text += ch;
      else pendingSpace += ch;
      continue;
    }
    const chainName: ChainName = isEastAsian(cp) || (zhContext && isShared(cp)) ? hanChain : 'latin';
    const script: ScriptClass = chainName === 'latin' ? 'latin' : 'han';
    const face = pickFace(fonts, chainName, cp, bold);
    if (!face) {
      missing.push({ char: ch, codePoint: cp, offset: here });
      continue;
    }
    const last = runs[runs.length - 1];
    if (last && last.face === face && last.script === script) {
      last.text += pendingSpace + ch;
    } else {
      if (pendingSpace) {
        if (last) last.text += pendingSpace;
        else runs.push({ text: pendingSpace, face, script });
      }
      const prev = runs[runs.length - 1];
      if (prev && prev.face === face && prev.script === script) prev.text += ch;
      else runs.push({ text: ch, face, script });
    }
    pendingSpace = '';
  }
  if (pendingSpace) {
    const last = runs[runs.length - 1];
    if (last) last.text += pendingSpace;
    else {
      const face = fonts.chains.latin[0]!;
      runs.push({ text: pendingSpace, face, script: 'latin' });
    }
  }
  return { runs, missing };
}

function coversIn(fonts: FontSet, faceId: string, cp: number, bold: boolean): boolean {
  const face = fonts.faces.get(faceId)!;
  return (bold ? face.bold : face.regular).covers(cp);
}

/** First face of the chain that has the character, else any configured face that has it. */
function pickFace(fonts: FontSet, chain: ChainName, cp: number, bold: boolean): string | undefined {
  for (const id of fonts.chains[chain]) if (coversIn(fonts, id, cp, bold)) return id;
  for (const id of fonts.faces.keys()) if (coversIn(fonts, id, cp, bold)) return id;
  return undefined;
}
