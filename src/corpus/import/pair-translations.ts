/**
 * Pairs each English release of a dump with the Chinese release it translates, so
 * `briefpack import` can fill `translation_of`, and links English reports about the same
 * event as `related` (never as translations). Pure.
 *
 * A translation carries its original's figures: the numbers and dates of each side are found
 * on the other (both ways), the glossary names agree, it has about as many paragraphs, and
 * its length is what an English rendering of that much Chinese takes. A news report on the
 * same event shares some figures and names but adds and drops others, is built differently,
 * and a news agency's English story (`Taipei, Jan. 13 (CNA) --`) is a report of its own.
 * Each signal is in [0, 1]; a pair needs `PAIRING_THRESHOLD`, and each Chinese release is the
 * original of at most one translation. A release with no body (a headline fragment) is
 * never an original.
 */
import { cleanText } from '../cleaning.js';
import type { GlossaryTerm } from '../glossary.js';
import type { ReleaseLang } from '../release.js';
import { findDateline } from './cues.js';
import { numberTokens } from './numbers.js';

/** What pairing reads of a release (a `ReleaseDraft` fits). */
export interface PairableRelease {
  lang: ReleaseLang;
  headline: string | null;
  paragraphs: readonly string[];
}

export type PairingTerm = Pick<GlossaryTerm, 'zh-Hant' | 'zh-Hans' | 'en'>;

export interface PairingSignals {
  /** Share of each side's numbers and dates found on the other, the smaller of the two; null if either has none. */
  numbers: number | null;
  /** How much the numbers say: 1 with four or more figures on each side, less with fewer. */
  numberEvidence: number;
  /** Glossary names found on both sides over names found on either; null if none on either. */
  names: number | null;
  /** Smaller paragraph count over larger. */
  paragraphs: number;
  /** 1 when English letters per Han character are in the range translations take, less outside it. */
  length: number;
  /** The English opens with a news agency's dateline: a report, never a translation (at most related). */
  report: boolean;
  /** 1 for neighbours in the dump, 2/(1+k) for releases k apart. */
  order: number;
}

export interface TranslationPair {
  /** Index (in the array given) of the English release. */
  translation: number;
  /** Index of the Chinese release it translates. */
  original: number;
  /** The confidence, in [0, 1]. */
  score: number;
  signals: PairingSignals;
}

export interface PairingResult {
  pairs: TranslationPair[];
  /** English releases about the same event as a Chinese one, without the evidence of a translation. */
  related: TranslationPair[];
}

export const PAIRING_WEIGHTS = { numbers: 0.35, names: 0.25, paragraphs: 0.15, length: 0.15, order: 0.1 } as const;
export const PAIRING_THRESHOLD = 0.6;
/** Numbers count fully from this many figures on the side with fewer; fewer figures are weaker evidence. */
const FULL_NUMBER_EVIDENCE = 4;
/** Below this a pair is reported as uncertain (BP117). */
export const PAIRING_CONFIDENT = 0.8;
export const RELATED_THRESHOLD = 0.3;
/** English letters per Han character in translations of press releases (measured: 2.4–4.5). */
const LETTERS_PER_HAN: [number, number] = [1.8, 6];

export function pairTranslations(releases: readonly PairableRelease[], glossary: readonly PairingTerm[], threshold = PAIRING_THRESHOLD): TranslationPair[] {
  return pairReleases(releases, glossary, threshold).pairs;
}

export function pairReleases(releases: readonly PairableRelease[], glossary: readonly PairingTerm[], threshold = PAIRING_THRESHOLD): PairingResult {
  const texts = releases.map((r) => [r.headline ?? '', ...r.paragraphs].map((p) => cleanText(p).text).join('\n'));
  const bodies = releases.map((r) => r.paragraphs.map((p) => cleanText(p).text).join('\n'));
  const figures = texts.map(numberTokens);
  const han = bodies.map((b) => count(b, /\p{Script=Han}/gu));
  const letters = bodies.map((b) => count(b, /\p{Script=Latin}/gu));
  const reports = releases.map((r) => r.lang === 'en' && r.paragraphs.length > 0 && isReport(r.paragraphs[0]!));
  const candidates: TranslationPair[] = [];
  for (const [t, translation] of releases.entries()) {
    if (translation.lang !== 'en' || !translation.paragraphs.length) continue;
    for (const [o, original] of releases.entries()) {
      if (original.lang === 'en' || !original.paragraphs.length) continue;
      if (han[o]! < MIN_ORIGINAL_HAN) continue; // a headline fragment is nobody's original
      const [tn, on] = [figures[t]!, figures[o]!];
      const signals: PairingSignals = {
        numbers: coverage(tn, on),
        numberEvidence: Math.min(1, Math.min(tn.size, on.size) / FULL_NUMBER_EVIDENCE),
        names: sharedNames(texts[t]!, texts[o]!, glossary),
        paragraphs: Math.min(translation.paragraphs.length, original.paragraphs.length) / Math.max(translation.paragraphs.length, original.paragraphs.length, 1),
        length: lengthFit(letters[t]! / han[o]!),
        report: reports[t]!,
        order: 2 / (1 + Math.abs(t - o)),
      };
      const score = scoreOf(signals);
      if (score !== null && score >= RELATED_THRESHOLD) candidates.push({ translation: t, original: o, score, signals });
    }
  }
  // Best pairs first; a release already paired is not paired again.
  candidates.sort((a, b) => b.score - a.score || Math.abs(a.translation - a.original) - Math.abs(b.translation - b.original));
  const pairs: TranslationPair[] = [];
  const used = new Set<number>();
  for (const c of candidates) {
    if (c.score < threshold || !translationEvidence(c.signals) || used.has(c.translation) || used.has(c.original)) continue;
    used.add(c.translation).add(c.original);
    pairs.push(c);
  }
  const related: TranslationPair[] = [];
  for (const c of candidates) {
    if (pairs.includes(c) || pairs.some((p) => p.translation === c.translation) || related.some((r) => r.translation === c.translation)) continue;
    // Related needs shared names, or shared figures with no names that disagree; not only shape.
    const { numbers, names } = c.signals;
    if ((names ?? 0) >= 0.5 || ((numbers ?? 0) >= 0.3 && names !== 0)) related.push(c);
  }
  return { pairs: pairs.sort((a, b) => a.translation - b.translation), related: related.sort((a, b) => a.translation - b.translation) };
}

const MIN_ORIGINAL_HAN = 20;

/** A report is never a translation; nor is a text whose many figures mostly disagree with the original's. */
function translationEvidence(s: PairingSignals): boolean {
  if (s.report) return false;
  return !(s.numberEvidence >= 0.75 && (s.numbers ?? 0) < 0.5);
}

/** Weighted mean over the signals that have evidence; null when neither numbers nor names
 * say anything (structure and position alone do not make a translation). */
function scoreOf(s: PairingSignals): number | null {
  if (s.numbers === null && s.names === null) return null;
  let sum = 0;
  let weight = 0;
  for (const key of Object.keys(PAIRING_WEIGHTS) as (keyof typeof PAIRING_WEIGHTS)[]) {
    const value = s[key];
    if (value === null) continue;
    const w = PAIRING_WEIGHTS[key] * (key === 'numbers' ? s.numberEvidence : 1);
    sum += value * w;
    weight += w;
  }
  return Math.round((sum / weight) * 100) / 100;
}

/** The smaller of: share of a's tokens in b, share of b's tokens in a. */
function coverage(a: Set<string>, b: Set<string>): number | null {
  if (!a.size || !b.size) return null;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return Math.min(shared / a.size, shared / b.size);
}

function lengthFit(ratio: number): number {
  const [lo, hi] = LETTERS_PER_HAN;
  if (ratio >= lo && ratio <= hi) return 1;
  return Math.max(0, 1 - (ratio < lo ? (lo - ratio) / lo : (ratio - hi) / hi));
}

/** An agency dateline in the English (`Taipei, Jan. 13 (CNA) --`, `BEIJING, March 16 (Xinhua) --`):
 * a news agency's English story is its own report, even of a story it also ran in Chinese. */
function isReport(english: string): boolean {
  return Boolean(findDateline(cleanText(english).text)?.agency);
}

function count(text: string, re: RegExp): number {
  return text.match(re)?.length ?? 0;
}

/** Jaccard over glossary terms that have an English form (en form in the English text, zh
 * form in either script in the Chinese text), and over Latin names the Chinese text contains. */
function sharedNames(english: string, chinese: string, glossary: readonly PairingTerm[]): number | null {
  let either = 0;
  let both = 0;
  // Latin names inside the Chinese text (`ICAO`, `APEC`, `COVID-19`) are names the English must have too.
  for (const term of new Set(chinese.normalize('NFKC').match(/\b[A-Z][A-Za-z0-9-]*[A-Z0-9][A-Za-z0-9-]*\b/g) ?? [])) {
    either++;
    if (containsWord(english, term)) both++;
  }
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
