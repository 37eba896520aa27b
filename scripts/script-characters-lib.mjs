// Shared by the generator and its test: which Han characters belong to one script only.
// The tables are OpenCC's own dictionaries as opencc-js ships them (dist/esm-lib/dict):
// s2t (STCharacters), t2s (TSCharacters) and the regional standards t2hk (HKVariants),
// t2tw (TWVariants), hk2t (HKVariantsRev), tw2t (TWVariantsRev) with their phrase tables.
import { readFileSync } from 'node:fs';
import STCharacters from 'opencc-js/dict/STCharacters';
import TSCharacters from 'opencc-js/dict/TSCharacters';
import HKVariants from 'opencc-js/dict/HKVariants';
import HKVariantsRev from 'opencc-js/dict/HKVariantsRev';
import HKVariantsPhrases from 'opencc-js/dict/HKVariantsPhrases';
import HKVariantsRevPhrases from 'opencc-js/dict/HKVariantsRevPhrases';
import TWVariants from 'opencc-js/dict/TWVariants';
import TWVariantsRev from 'opencc-js/dict/TWVariantsRev';
import TWVariantsPhrases from 'opencc-js/dict/TWVariantsPhrases';
import TWVariantsRevPhrases from 'opencc-js/dict/TWVariantsRevPhrases';

/** The regional character tables: every character they hold, on either side, is
 * Traditional in some standard (OpenCC's, Hong Kong's or Taiwan's). */
export const REGIONAL_TABLES = { HKVariants, HKVariantsRev, TWVariants, TWVariantsRev };
/** The regional phrase tables, regional side: mostly names (恒生, 郭偉强) whose characters
 * are right in that phrase only, so they count as Traditional only inside it. */
export const REGIONAL_PHRASES = { HKVariantsPhrases: 'to', HKVariantsRevPhrases: 'from', TWVariantsPhrases: 'to', TWVariantsRevPhrases: 'from' };
/** Phrase-table entries that are no regional form: tw2t lists the Simplified 这么. */
const NOT_REGIONAL = new Set(['这么']);
const PHRASE_TABLES = { HKVariantsPhrases, HKVariantsRevPhrases, TWVariantsPhrases, TWVariantsRevPhrases };

/** opencc-js's version, for the data file's note of its source. */
export function openccVersion() {
  return JSON.parse(readFileSync(new URL('../node_modules/opencc-js/package.json', import.meta.url), 'utf8')).version;
}

/** `"a b|c d"` → [['a', ['b']], ['c', ['d']]]. */
function entries(table) {
  return table.split('|').map((e) => {
    const [from, ...to] = e.split(' ');
    return [from, to];
  });
}

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

/**
 * { simplifiedOnly, traditionalOnly, regionalPhrases }.
 * - Simplified-only: s2t changes it, and no Traditional standard uses it: it is on the
 *   Traditional side of no table (s2t's targets, t2s's sources, every character of the
 *   Hong Kong and Taiwan tables in both directions) and not in standard Big5. So 着 啓 爲 衆
 *   羣 峯 裏 綫 麪 牀 僞 (Hong Kong or Taiwan forms) are not Simplified-only; 纯 帧 赵 are.
 *   Big5 keeps 后 并 于 里 干 out: opencc-js keeps one target per character (`后 後`), so the
 *   tables alone would not show that Traditional text uses them too.
 * - Regional phrases: the phrases of the Hong Kong and Taiwan phrase tables that hold a
 *   Simplified-only character (恒生, 郭偉强): there the character is right.
 * - Traditional-only: t2s, hk2s or tw2s changes it, and it is not a Simplified form (a
 *   target of t2s or a source of s2t) and not Simplified-only.
 */
export function scriptCharacters() {
  const st = entries(STCharacters);
  const ts = entries(TSCharacters);
  const traditionalForms = new Set();
  const add = (s) => {
    for (const c of s) traditionalForms.add(c);
  };
  for (const [, to] of st) to.forEach(add);
  for (const [from] of ts) add(from);
  for (const table of Object.values(REGIONAL_TABLES)) {
    for (const [from, to] of entries(table)) {
      add(from);
      to.forEach(add);
    }
  }
  const big5 = big5Characters();
  const simplifiedOnly = new Set();
  for (const [from, to] of st) {
    if ([...from].length === 1 && !to.includes(from) && !traditionalForms.has(from) && !big5.has(from)) simplifiedOnly.add(from);
  }
  const simplifiedForms = new Set(st.map(([from]) => from));
  for (const [, to] of ts) for (const c of to.join('')) simplifiedForms.add(c);
  const traditionalOnly = new Set();
  const consider = (c) => {
    if ([...c].length === 1 && !simplifiedForms.has(c) && !simplifiedOnly.has(c)) traditionalOnly.add(c);
  };
  const t2s = new Map(ts.filter(([from, to]) => !to.includes(from)));
  for (const from of t2s.keys()) consider(from);
  // A Hong Kong or Taiwan form whose standard form t2s changes (hk2s, tw2s).
  for (const table of [HKVariantsRev, TWVariantsRev]) {
    for (const [from, to] of entries(table)) if (t2s.has(from) || to.some((t) => t2s.has(t))) consider(from);
  }
  const regionalPhrases = new Set();
  for (const [name, side] of Object.entries(REGIONAL_PHRASES)) {
    for (const [from, to] of entries(PHRASE_TABLES[name])) {
      for (const phrase of side === 'from' ? [from] : to) if (!NOT_REGIONAL.has(phrase) && [...phrase].some((c) => simplifiedOnly.has(c))) regionalPhrases.add(phrase);
    }
  }
  const sorted = (set) => [...set].sort((a, b) => a.codePointAt(0) - b.codePointAt(0)).join('');
  return { simplifiedOnly: sorted(simplifiedOnly), traditionalOnly: sorted(traditionalOnly), regionalPhrases: [...regionalPhrases].sort() };
}
