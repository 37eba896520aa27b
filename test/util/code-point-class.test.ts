import { describe, expect, it } from 'vitest';
import { codePointClass, HAN_SCRIPT, LATIN_SCRIPT, LETTER } from '../../src/util/code-point-class.js';

const expected = (cp: number) => {
  const ch = String.fromCodePoint(cp);
  return (/\p{Script=Han}/u.test(ch) ? HAN_SCRIPT : 0) | (/\p{Script=Latin}/u.test(ch) ? LATIN_SCRIPT : 0) | (/\p{L}/u.test(ch) ? LETTER : 0);
};

describe('codePointClass', () => {
  it('agrees with the Unicode property regexes on every code point of the BMP and a stride beyond it', () => {
    const disagreements: string[] = [];
    const check = (cp: number) => {
      // Twice: the first answer is worked out, the second comes from the memo.
      for (const _ of [1, 2]) if (codePointClass(cp) !== expected(cp)) disagreements.push(cp.toString(16));
    };
    for (let cp = 0; cp <= 0xffff; cp++) if (cp < 0xd800 || cp > 0xdfff) check(cp);
    for (let cp = 0x10000; cp <= 0x10ffff; cp += 97) check(cp);
    expect(disagreements).toEqual([]);
  });

  it('tells the cases the callers lean on apart', () => {
    expect(codePointClass('中'.codePointAt(0)!)).toBe(HAN_SCRIPT | LETTER);
    expect(codePointClass('𠀀'.codePointAt(0)!)).toBe(HAN_SCRIPT | LETTER);
    expect(codePointClass('〇'.codePointAt(0)!)).toBe(HAN_SCRIPT); // a Han number, not a letter
    expect(codePointClass('é'.codePointAt(0)!)).toBe(LATIN_SCRIPT | LETTER);
    expect(codePointClass('Ⅻ'.codePointAt(0)!)).toBe(LATIN_SCRIPT); // a Latin numeral, not a letter
    expect(codePointClass('Ж'.codePointAt(0)!)).toBe(LETTER);
    expect(codePointClass('7'.codePointAt(0)!)).toBe(0);
    expect(codePointClass('“'.codePointAt(0)!)).toBe(0);
  });
});
