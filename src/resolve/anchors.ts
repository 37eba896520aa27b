/**
 * Anchors: what a passage and its translation must have in common whatever the wording —
 * numbers (2021, 24日 ↔ 24), dates (9月 ↔ September), names from the glossary (趙克志 ↔
 * Zhao Kezhi, or Zhao alone) and quoted strings (“上海精神” ↔ "Shanghai spirit"). The
 * aligner (align.ts) counts those found on both sides of a step for it and those found on one
 * side only against it, so that length decides only where the text gives no evidence.
 */
import type { GlossaryTerm } from '../corpus/glossary.js';

/** Anchor key → how often it occurs in the passage. */
export type Anchors = Map<string, number>;

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** Each name to look for, in Chinese and English, with the key both share. */
export interface NameIndex {
  zh: { form: string; key: string }[];
  en: { pattern: RegExp; key: string }[];
}

export function nameIndex(terms: readonly GlossaryTerm[]): NameIndex {
  const zh: NameIndex['zh'] = [];
  const en: NameIndex['en'] = [];
  terms.forEach((t, i) => {
    const key = `name:${i}`;
    for (const form of new Set([t['zh-Hant'], t['zh-Hans']])) if (form) zh.push({ form, key });
    if (!t.en) return;
    for (const form of englishForms(t.en, t.kind)) en.push({ pattern: new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(form)}(?![\\p{L}\\p{N}])`, 'u'), key });
  });
  return { zh, en };
}

/** `Regional Anti-Terrorist Structure of the SCO (RATS SCO)` → the whole, the part before the
 * brackets and the abbreviation; a person's name also by each of its words (`Zhao noted`). */
function englishForms(en: string, kind: string): string[] {
  const forms = new Set<string>([en]);
  const bracket = /^(.*?)\s*\(([^)]+)\)\s*$/.exec(en);
  if (bracket) {
    forms.add(bracket[1]!);
    forms.add(bracket[2]!);
  }
  if (kind === 'person') for (const word of en.split(/\s+/)) if (word.length >= 4) forms.add(word);
  return [...forms].filter((f) => f.length >= 3);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The anchors of one passage in its language (`en`, or Chinese of either script). */
export function anchorsOf(text: string, lang: string, names: NameIndex): Anchors {
  const anchors: Anchors = new Map();
  const add = (key: string) => anchors.set(key, (anchors.get(key) ?? 0) + 1);
  for (const m of text.matchAll(/\d+/g)) add(`number:${Number(m[0])}`);
  if (lang === 'en') {
    for (const m of text.matchAll(/\b(January|February|March|April|May|June|July|August|September|October|November|December)\b/g)) {
      add(`number:${MONTHS.indexOf(m[1]!.toLowerCase()) + 1}`);
    }
    for (const n of names.en) if (n.pattern.test(text)) anchors.set(n.key, 1);
    for (const _ of text.matchAll(/"[^"]+"|“[^”]+”/g)) add('quote');
  } else {
    // A longer name that contains a shorter one (上合組織地區反恐怖機構 ⊃ 上合組織) counts as both,
    // as its English form usually contains both (RATS SCO).
    for (const n of names.zh) if (text.includes(n.form)) anchors.set(n.key, 1);
    for (const _ of text.matchAll(/“[^”]+”|「[^」]+」|"[^"]+"/g)) add('quote');
  }
  return anchors;
}

/** How many anchors the two sides of a step share, and how many stand on one side only
 * (quoted strings count half: translators add and drop quotation marks). */
export function sharedAnchors(mine: readonly Anchors[], theirs: readonly Anchors[]): { shared: number; unshared: number } {
  return compareAnchors(mergeAnchors(mine), mergeAnchors(theirs));
}

/** The same, for two sides' anchors merged already (mergeAnchors). */
export function compareAnchors(a: Anchors, b: Anchors): { shared: number; unshared: number } {
  let shared = 0;
  let unshared = 0;
  const add = (key: string, x: number, y: number) => {
    const weight = key === 'quote' ? 0.5 : 1;
    shared += weight * Math.min(x, y);
    unshared += weight * Math.abs(x - y);
  };
  for (const [key, x] of a) add(key, x, b.get(key) ?? 0);
  for (const [key, y] of b) if (!a.has(key)) add(key, 0, y);
  return { shared, unshared };
}

/** Several units' anchors as one side's: counts added. */
export function mergeAnchors(list: readonly Anchors[]): Anchors {
  if (list.length === 1) return list[0]!;
  const out: Anchors = new Map();
  for (const anchors of list) for (const [k, v] of anchors) out.set(k, (out.get(k) ?? 0) + v);
  return out;
}
