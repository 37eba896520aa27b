/**
 * Aligns a release with its translation, first paragraph by paragraph, then, inside each
 * aligned group of paragraphs, sentence by sentence, so a bilingual brief can set each
 * Chinese passage beside exactly the English that translates it. Translators merge and split
 * paragraphs and sentences (the seed's first Chinese paragraph is the first two English
 * ones; one long Chinese sentence is often two English ones), so this is dynamic programming
 * in the manner of Gale and Church over 1–1, 1–2, 2–1, 1–0 and 0–1 steps (and 2–2, 1–3, 3–1
 * for sentences), scoring each step by
 * - how far its length ratio is from the two texts' overall ratio (the fallback), and
 * - its anchors (anchors.ts): numbers, dates, glossary names and quoted strings found on
 *   both sides count for the step, those found on one side only against it.
 */
import { compareAnchors, mergeAnchors, type Anchors } from './anchors.js';

export interface AlignedGroup {
  /** Unit numbers (1-based: paragraphs, or sentences of a group) on each side; one side may be empty. */
  source: number[];
  target: number[];
}

export interface AlignUnit {
  text: string;
  anchors: Anchors;
}

type Step = [source: number, target: number, penalty: number];

const PARAGRAPH_STEPS: Step[] = [
  [1, 1, 0],
  [1, 2, 0.4],
  [2, 1, 0.4],
  [1, 0, 2.5],
  [0, 1, 2.5],
];

/** Sentences: translators split and merge them more freely than paragraphs. */
const SENTENCE_STEPS: Step[] = [
  [1, 1, 0],
  [1, 2, 0.35],
  [2, 1, 0.35],
  [2, 2, 0.9],
  [1, 3, 0.9],
  [3, 1, 0.9],
  [1, 0, 1.6],
  [0, 1, 1.6],
];

/** What an anchor found on both sides of a step is worth, and what one found on one side costs. */
const SHARED_BONUS = 0.6;
const UNSHARED_COST = 0.25;

export function alignParagraphs(source: readonly (string | AlignUnit)[], target: readonly (string | AlignUnit)[]): AlignedGroup[] {
  return align(source.map(unit), target.map(unit), PARAGRAPH_STEPS);
}

export function alignSentences(source: readonly (string | AlignUnit)[], target: readonly (string | AlignUnit)[]): AlignedGroup[] {
  return align(source.map(unit), target.map(unit), SENTENCE_STEPS);
}

function unit(u: string | AlignUnit): AlignUnit {
  return typeof u === 'string' ? { text: u, anchors: new Map() } : u;
}

function align(source: readonly AlignUnit[], target: readonly AlignUnit[], steps: readonly Step[]): AlignedGroup[] {
  // Each step's lengths and anchors are of a run of 0–3 units from i (or j): summed and
  // merged once per run here, not in each of the n × m cells × steps that ask for them (a
  // long release pair asked hundreds of thousands of times, each spreading its text).
  const longest = Math.max(...steps.map(([di, dj]) => Math.max(di, dj)));
  const src = runsOf(source, longest);
  const tgt = runsOf(target, longest);
  const ratio = tgt.total / Math.max(1, src.total);
  const n = source.length;
  const m = target.length;
  const cost: number[][] = Array.from({ length: n + 1 }, () => Array<number>(m + 1).fill(Infinity));
  const back: ([number, number] | undefined)[][] = Array.from({ length: n + 1 }, () => Array<[number, number] | undefined>(m + 1).fill(undefined));
  cost[0]![0] = 0;
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= m; j++) {
      const here = cost[i]![j]!;
      if (!Number.isFinite(here)) continue;
      for (const [di, dj, penalty] of steps) {
        if (i + di > n || j + dj > m) continue;
        const s = src.length(i, di);
        const t = tgt.length(j, dj);
        const mismatch = di && dj ? Math.abs(Math.log(t / (s * ratio))) : 0;
        const { shared, unshared } = compareAnchors(src.anchors(i, di), tgt.anchors(j, dj));
        const next = here + mismatch + penalty - SHARED_BONUS * shared + UNSHARED_COST * unshared;
        if (next < cost[i + di]![j + dj]!) {
          cost[i + di]![j + dj] = next;
          back[i + di]![j + dj] = [di, dj];
        }
      }
    }
  }
  const groups: AlignedGroup[] = [];
  for (let i = n, j = m; i > 0 || j > 0; ) {
    const [di, dj] = back[i]![j]!;
    groups.unshift({ source: range(i - di + 1, di), target: range(j - dj + 1, dj) });
    i -= di;
    j -= dj;
  }
  return groups;
}

/** A side's runs of up to `longest` units: their summed lengths (characters, at least 1 per
 * unit) and merged anchors. */
function runsOf(units: readonly AlignUnit[], longest: number) {
  const lengths = units.map((u) => Math.max(1, [...u.text].length));
  const before = [0];
  for (const l of lengths) before.push(before.at(-1)! + l);
  const merged = units.map((_, i) => {
    const byCount: Anchors[] = [new Map()];
    for (let k = 1; k <= longest && i + k <= units.length; k++) byCount.push(mergeAnchors(units.slice(i, i + k).map((u) => u.anchors)));
    return byCount;
  });
  const none: Anchors = new Map();
  return {
    total: before.at(-1)!,
    length: (i: number, count: number) => before[i + count]! - before[i]!,
    anchors: (i: number, count: number) => (count ? merged[i]![count]! : none),
  };
}

function range(from: number, count: number): number[] {
  return Array.from({ length: count }, (_, k) => from + k);
}
