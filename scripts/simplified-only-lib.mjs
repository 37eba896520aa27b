// Shared by the generator and its test: which Han characters are Simplified-only.
import * as OpenCC from 'opencc-js';

export function big5Characters() {
  const decoder = new TextDecoder('big5');
  const set = new Set();
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo > 0x7e && lo < 0xa1) continue;
      const c = decoder.decode(new Uint8Array([hi, lo]));
      if (c.length && c !== '\ufffd') set.add(c);
    }
  }
  return set;
}

export function simplifiedOnlyCharacters() {
  const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
  const big5 = big5Characters();
  const out = [];
  for (let cp = 0x4e00; cp <= 0x9fff; cp++) {
    const c = String.fromCodePoint(cp);
    if (!big5.has(c) && toTraditional(c) !== c) out.push(c);
  }
  return out;
}
