/**
 * Which script a Han character belongs to, when only one script uses it: the Simplified-only
 * characters flag scraping errors in Traditional releases (suspects.ts), and the counts of
 * both tell the importer whether a dump is Traditional or Simplified. The sets come from
 * opencc-js and standard Big5, precomputed by scripts/gen-script-characters.mjs.
 */
import data from './data/script-characters.json' with { type: 'json' };

const SIMPLIFIED_ONLY = new Set(data.simplifiedOnly);
const TRADITIONAL_ONLY = new Set(data.traditionalOnly);

export type ChineseScript = 'Hans' | 'Hant';

/** 'Hans' or 'Hant' for a character only one script uses; null for shared ones (中, 后). */
export function chineseScriptOf(ch: string): ChineseScript | null {
  return SIMPLIFIED_ONLY.has(ch) ? 'Hans' : TRADITIONAL_ONLY.has(ch) ? 'Hant' : null;
}

export function isSimplifiedOnly(ch: string): boolean {
  return SIMPLIFIED_ONLY.has(ch);
}
