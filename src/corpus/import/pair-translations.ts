/**
 * Pairs each English release of a dump with the Chinese release it translates, so
 * `briefpack import` can fill `translation_of`. Pure. A translation shares its original's
 * numbers and names, has about as many paragraphs, and usually sits next to it in the dump;
 * each of these is a signal in [0, 1], and a pair is made only when their weighted mean
 * reaches a threshold. Each Chinese release is the original of at most one translation.
 */
import { cleanText } from '../cleaning.js';
import type { GlossaryTerm } from '../glossary.js';
import type { ReleaseLang } from '../release.js';

/** What pairing reads of a release (a `ReleaseDraft` fits). */
export interface PairableRelease {
  lang: ReleaseLang;
  headline: string | null;
  paragraphs: readonly string[];
}

export type PairingTerm = Pick<GlossaryTerm, 'zh-Hant' | 'zh-Hans' | 'en'>;

export interface PairingSignals {
  /** Share of the smaller set of digit runs found in the other release; null if either has none. */
  numbers: number | null;
  /** Glossary names found on both sides over names found on either; null if none on either. */
  names: number | null;
  /** Smaller paragraph count over larger. */
  paragraphs: number;
  /** 1 for neighbours in the dump, 1/k for releases k apart. */
  order: number;
}

export interface TranslationPair {
  /** Index (in the array given) of the English release. */
  translation: number;
  /** Index of the Chinese release it translates. */
  original: number;
  score: number;
  signals: PairingSignals;
}

export const PAIRING_WEIGHTS = { numbers: 0.3, names: 0.4, paragraphs: 0.15, order: 0.15 } as const;
export const PAIRING_THRESHOLD = 0.5;

export function pairTranslations(
  releases: readonly PairableRelease[],
  glossary: readonly PairingTerm[],
  threshold = PAIRING_THRESHOLD,
): TranslationPair[] {
  const texts = releases.map((r) => [r.headline ?? '', ...r.paragraphs].map((p) => cleanText(p).text).join('\n'));
  const candidates: TranslationPair[] = [];
  for (const [t, translation] of releases.entries()) {
    if (translation.lang !== 'en') continue;
    for (const [o, original] of releases.entries()) {
      if (original.lang === 'en') continue;
      const signals: PairingSignals = {
        numbers: overlap(digitRuns(texts[t]!), digitRuns(texts[o]!)),
        names: sharedNames(texts[t]!, texts[o]!, glossary),
        paragraphs: Math.min(translation.paragraphs.length, original.paragraphs.length) / Math.max(translation.paragraphs.length, original.paragraphs.length, 1),
        order: 1 / Math.abs(t - o),
      };
      const score = scoreOf(signals);
      if (score !== null && score >= threshold) candidates.push({ translation: t, original: o, score, signals });
    }
  }
  // Best pairs first; a release already paired is not paired again.
  candidates.sort((a, b) => b.score - a.score || Math.abs(a.translation - a.original) - Math.abs(b.translation - b.original));
  const pairs: TranslationPair[] = [];
  const used = new Set<number>();
  for (const c of candidates) {
    if (used.has(c.translation) || used.has(c.original)) continue;
    used.add(c.translation).add(c.original);
    pairs.push(c);
  }
  return pairs.sort((a, b) => a.translation - b.translation);
}

/** Weighted mean over the signals that have evidence; null when neither numbers nor names
 * say anything (structure and position alone do not make a translation). */
function scoreOf(s: PairingSignals): number | null {
  if (s.numbers === null && s.names === null) return null;
  let sum = 0;
  let weight = 0;
  for (const key of Object.keys(PAIRING_WEIGHTS) as (keyof PairingSignals)[]) {
    const value = s[key];
    if (value === null) continue;
    sum += value * PAIRING_WEIGHTS[key];
    weight += PAIRING_WEIGHTS[key];
  }
  return sum / weight;
}

/** Digit runs, with thousands separators dropped (2,000 and 2000 are one number). */
function digitRuns(text: string): Set<string> {
  const plain = text.normalize('NFKC').replace(/(?<=\d),(?=\d{3}\b)/g, '');
  return new Set(plain.match(/\d+/g) ?? []);
}

function overlap(a: Set<string>, b: Set<string>): number | null {
  if (!a.size || !b.size) return null;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return shared / Math.min(a.size, b.size);
}

/** Jaccard over glossary terms that have an English form: en form in the English text,
 * zh form (either script) in the Chinese text. */
function sharedNames(english: string, chinese: string, glossary: readonly PairingTerm[]): number | null {
  let either = 0;
  let both = 0;
  for (const term of glossary) {
    if (!term.en) continue;
    const inEnglish = englishForms(term.en).some((f) => containsWord(english, f));
    const inChinese = chinese.includes(term['zh-Hant']) || chinese.includes(term['zh-Hans']);
    if (inEnglish || inChinese) either++;
    if (inEnglish && inChinese) both++;
  }
  return either ? both / either : null;
}

/** "Shanghai Cooperation Organization (SCO)" is written in full, without the abbreviation,
 * or as the abbreviation alone. */
function englishForms(en: string): string[] {
  const m = /^(.*?)\s*\(([^)]+)\)\s*$/.exec(en);
  return m ? [en, m[1]!, m[2]!].filter((f) => f.length >= 2) : [en];
}

function containsWord(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    const before = text[at - 1];
    const after = text[at + word.length];
    if (!(before && /[\p{L}\p{N}]/u.test(before)) && !(after && /[\p{L}\p{N}]/u.test(after))) return true;
  }
  return false;
}
