/**
 * Which script a Han character belongs to, when only one script uses it: the Simplified-only
 * characters flag scraping errors in Traditional releases (suspects.ts), and the counts of
 * both tell the importer whether a dump is Traditional or Simplified.
 *
 * "Traditional" means any Traditional standard: OpenCC's, Hong Kong's and Taiwan's, so the
 * Hong Kong and Taiwan forms 着 啓 爲 衆 羣 峯 裏 綫 麪 牀 僞 are never Simplified-only. The sets
 * come from OpenCC's tables (s2t, t2s, t2hk, t2tw, hk2t, tw2t, as opencc-js ships them) and
 * standard Big5, precomputed by scripts/gen-script-characters.mjs into data/ (the file
 * names the opencc-js version it came from).
 */
import data from './data/script-characters.json' with { type: 'json' };

const SIMPLIFIED_ONLY = new Set(data.simplifiedOnly);
const TRADITIONAL_ONLY = new Set(data.traditionalOnly);
/** Regional phrases (mostly Hong Kong names: 恒生, 郭偉强) holding a Simplified-only character
 * that is right there, by the character it holds. */
const REGIONAL_PHRASES = new Map<string, string[]>();
for (const phrase of data.regionalPhrases) {
  for (const ch of new Set(phrase)) if (SIMPLIFIED_ONLY.has(ch)) REGIONAL_PHRASES.set(ch, [...(REGIONAL_PHRASES.get(ch) ?? []), phrase]);
}

export type ChineseScript = 'Hans' | 'Hant';

/** 'Hans' or 'Hant' for a character only one script uses; null for shared ones (中, 后, 着). */
export function chineseScriptOf(ch: string): ChineseScript | null {
  return SIMPLIFIED_ONLY.has(ch) ? 'Hans' : TRADITIONAL_ONLY.has(ch) ? 'Hant' : null;
}

export function isSimplifiedOnly(ch: string): boolean {
  return SIMPLIFIED_ONLY.has(ch);
}

/**
 * Whether the Simplified-only character at UTF-16 offset `at` of `text` is part of a
 * regional phrase in which it is right (`恒生銀行`: 恒 is Hong Kong usage there).
 */
export function inRegionalPhrase(text: string, at: number): boolean {
  const ch = String.fromCodePoint(text.codePointAt(at)!);
  for (const phrase of REGIONAL_PHRASES.get(ch) ?? []) {
    for (let i = phrase.indexOf(ch); i >= 0; i = phrase.indexOf(ch, i + 1)) {
      if (text.startsWith(phrase, at - i)) return true;
    }
  }
  return false;
}
