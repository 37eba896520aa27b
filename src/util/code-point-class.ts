/**
 * What Unicode says of one code point, as the hot loops over text ask it: is it Han, is it
 * Latin, is it a letter. Each answer comes from the Unicode property regexes once per code
 * point and is then kept, since a regex test per character was most of the time of cleaning a
 * release (cleaning.ts scriptOfText) and ran for every shared mark in font runs (runs.ts).
 */

/** `\p{Script=Han}`: ideographs, radicals, 々 〇 〆 and the like. */
export const HAN_SCRIPT = 1;
/** `\p{Script=Latin}`: letters, and Latin symbols such as Ⅻ. */
export const LATIN_SCRIPT = 2;
/** `\p{L}`: a letter of any script. */
export const LETTER = 4;

const HAN = /\p{Script=Han}/u;
const LATIN = /\p{Script=Latin}/u;
const ANY_LETTER = /\p{L}/u;
const classes = new Map<number, number>();

/** The HAN_SCRIPT | LATIN_SCRIPT | LETTER bits that hold for `cp`. */
export function codePointClass(cp: number): number {
  if (cp < 0x80) return (cp | 0x20) >= 0x61 && (cp | 0x20) <= 0x7a ? LATIN_SCRIPT | LETTER : 0;
  let bits = classes.get(cp);
  if (bits === undefined) {
    const ch = String.fromCodePoint(cp);
    bits = (HAN.test(ch) ? HAN_SCRIPT : 0) | (LATIN.test(ch) ? LATIN_SCRIPT : 0) | (ANY_LETTER.test(ch) ? LETTER : 0);
    classes.set(cp, bits);
  }
  return bits;
}
