/**
 * word/fontTable.xml (with its relationships and the embedded font parts), written here
 * rather than by docx.
 *
 * Every face the document draws text in is declared with what Word needs to pick a stand-in
 * on a machine without it: the character set (Big5 for a Traditional face, GB2312 for a
 * Simplified one, from the font's OS/2 code pages), the family class, the pitch, the PANOSE
 * number and the Unicode and code-page signature (w:sig) of the full font. A Chinese face
 * missing on the reader's machine is then replaced by a Chinese font of the same script.
 *
 * With `embed_fonts`, each face also carries its embedded subsets (w:embedRegular,
 * w:embedBold, w:subsetted), stored as obfuscated fonts (word/fonts/fontN.odttf, ECMA-376
 * Part 1 §17.8.1: the first 32 bytes XORed with the reversed bytes of the font key). docx's
 * own embedding draws the keys from Math.random, so two builds would differ; here the key is
 * derived from the subset's bytes, so the same subset always gives the same part.
 */
import { createHash } from 'node:crypto';
import type * as fontkit from 'fontkit';
import { sharedFont } from '../../fonts/shared-fontkit.js';
import type { FontFile } from '../../fonts/font-set.js';

export interface DeclaredFont {
  file: FontFile;
  /** Subsets to embed (TrueType bytes), if any. */
  embedRegular?: Uint8Array;
  embedBold?: Uint8Array;
}

export interface FontTableParts {
  /** Part name → bytes or XML text. */
  parts: Map<string, Uint8Array | string>;
}

const REL_FONT = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/font';

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
const hex8 = (n: number) => (n >>> 0).toString(16).toUpperCase().padStart(8, '0');

interface Os2 {
  panose?: ArrayLike<number>;
  ulCharRange?: ArrayLike<number>;
  codePageRange?: ArrayLike<number>;
}

/** OS/2 facts per font file, read once per process. */
const os2Cache = new Map<string, Os2>();

function os2Of(file: FontFile): Os2 {
  let hit = os2Cache.get(file.key);
  if (!hit) {
    const font = sharedFont(file.bytes) as fontkit.Font & { 'OS/2'?: Os2 };
    const table = font['OS/2'] ?? {};
    hit = { panose: table.panose, ulCharRange: table.ulCharRange, codePageRange: table.codePageRange };
    os2Cache.set(file.key, hit);
  }
  return hit;
}

/** Word's character set from the OS/2 code pages: Big5 (bit 20), GB2312 (bit 18), Shift-JIS
 * (bit 17), else ANSI. */
export function charsetOf(codePages: ArrayLike<number> | undefined): string {
  const cp0 = codePages?.[0] ?? 1;
  if (cp0 & (1 << 20)) return '88';
  if (cp0 & (1 << 18)) return '86';
  if (cp0 & (1 << 17)) return '80';
  return '00';
}

function fontElement(font: DeclaredFont, rels: { regular?: string; bold?: string }, keys: { regular?: string; bold?: string }): string {
  const os2 = os2Of(font.file);
  const panose = os2.panose && os2.panose.length === 10 ? Array.from(os2.panose, (b) => b.toString(16).toUpperCase().padStart(2, '0')).join('') : undefined;
  // PANOSE family kind 2 (Latin text): serif style 11–13 is sans serif; proportion 9 is monospaced.
  const sans = os2.panose ? os2.panose[0] === 2 && (os2.panose[1] ?? 0) >= 11 && (os2.panose[1] ?? 0) <= 13 : true;
  const fixed = os2.panose ? os2.panose[3] === 9 : false;
  const usb = Array.from({ length: 4 }, (_, i) => hex8(os2.ulCharRange?.[i] ?? 0));
  const csb = Array.from({ length: 2 }, (_, i) => hex8(os2.codePageRange?.[i] ?? 0));
  const embed = (element: string, id: string | undefined, key: string | undefined) =>
    id && key ? `<w:${element} r:id="${id}" w:fontKey="{${key}}" w:subsetted="1"/>` : '';
  return (
    `<w:font w:name="${escape(font.file.family)}">` +
    (panose ? `<w:panose1 w:val="${panose}"/>` : '') +
    `<w:charset w:val="${charsetOf(os2.codePageRange)}"/>` +
    `<w:family w:val="${sans ? 'swiss' : 'roman'}"/>` +
    `<w:pitch w:val="${fixed ? 'fixed' : 'variable'}"/>` +
    `<w:sig w:usb0="${usb[0]}" w:usb1="${usb[1]}" w:usb2="${usb[2]}" w:usb3="${usb[3]}" w:csb0="${csb[0]}" w:csb1="${csb[1]}"/>` +
    embed('embedRegular', rels.regular, keys.regular) +
    embed('embedBold', rels.bold, keys.bold) +
    '</w:font>'
  );
}

/** A GUID made from the font's bytes: the same subset always gets the same key. */
export function fontKeyOf(bytes: Uint8Array): string {
  const h = createHash('sha256').update(bytes).digest('hex').toUpperCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** ECMA-376 font obfuscation (its own inverse). */
export function obfuscateFont(bytes: Uint8Array, key: string): Uint8Array {
  const digits = key.replace(/[{}-]/g, '');
  if (!/^[0-9A-Fa-f]{32}$/.test(digits)) throw new Error(`font key "${key}" is not a GUID`);
  const keyBytes = Array.from({ length: 16 }, (_, i) => parseInt(digits.slice(2 * i, 2 * i + 2), 16)).reverse();
  const out = Uint8Array.from(bytes);
  for (let i = 0; i < Math.min(32, out.length); i++) out[i]! ^= keyBytes[i % 16]!;
  return out;
}

/** fontTable.xml, its relationships, and one word/fonts/fontN.odttf per embedded subset. */
export function fontTableParts(fonts: readonly DeclaredFont[]): FontTableParts {
  const parts = new Map<string, Uint8Array | string>();
  const relationships: string[] = [];
  const elements = fonts.map((font) => {
    const rels: { regular?: string; bold?: string } = {};
    const keys: { regular?: string; bold?: string } = {};
    for (const weight of ['regular', 'bold'] as const) {
      const bytes = weight === 'regular' ? font.embedRegular : font.embedBold;
      if (!bytes) continue;
      const n = relationships.length + 1;
      const key = fontKeyOf(bytes);
      rels[weight] = `rId${n}`;
      keys[weight] = key;
      relationships.push(`<Relationship Id="rId${n}" Type="${REL_FONT}" Target="fonts/font${n}.odttf"/>`);
      parts.set(`word/fonts/font${n}.odttf`, obfuscateFont(bytes, key));
    }
    return fontElement(font, rels, keys);
  });
  parts.set(
    'word/fontTable.xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' +
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
      elements.join('') +
      '</w:fonts>',
  );
  if (relationships.length) {
    parts.set(
      'word/_rels/fontTable.xml.rels',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        relationships.join('') +
        '</Relationships>',
    );
  }
  return { parts };
}
