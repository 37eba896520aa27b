// Shared by the generator and its test: which Han characters belong to one script only.
import * as OpenCC from 'opencc-js';

/** The Han characters of standard Big5 (A440–C67E frequent, C940–F9D5 less frequent). Node's
 * decoder is Big5-HKSCS, whose extension rows hold Simplified characters too: skip them. */
export function big5Characters() {
  const decoder = new TextDecoder('big5');
  const inStandardBig5 = (code) => (code >= 0xa440 && code <= 0xc67e) || (code >= 0xc940 && code <= 0xf9d5);
  const set = new Set();
  for (let lead = 0xa4; lead <= 0xf9; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if ((trail > 0x7e && trail < 0xa1) || !inStandardBig5((lead << 8) | trail)) continue;
      const c = decoder.decode(new Uint8Array([lead, trail]));
      if (c.length && c !== '\ufffd') set.add(c);
    }
  }
  return set;
}

/** { simplifiedOnly, traditionalOnly }: characters OpenCC changes from one script to the
 * other; Simplified-only ones must also be missing from Big5 (后, 并, 于 are in both). */
export function scriptCharacters() {
  const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
  const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });
  const big5 = big5Characters();
  const simplifiedOnly = [];
  const traditionalOnly = [];
  for (let cp = 0x3400; cp <= 0x9fff; cp++) {
    const c = String.fromCodePoint(cp);
    if (!big5.has(c) && toTraditional(c) !== c) simplifiedOnly.push(c);
    else if (toSimplified(c) !== c) traditionalOnly.push(c);
  }
  return { simplifiedOnly: simplifiedOnly.join(''), traditionalOnly: traditionalOnly.join('') };
}
