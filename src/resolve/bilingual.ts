/**
 * What a bilingual layout sets side by side: given what the editor chose in a Chinese release
 * and/or in its English translation (paragraphs, sentences), the Chinese and the English to
 * show, row by row, at the grain of the choice:
 * - a choice that covers a whole aligned group of paragraphs on one side gets the whole group
 *   on both sides (one row per group: `¶1` beside `¶¶1–2`);
 * - anything smaller gets, for each chosen sentence, the sentence(s) aligned with it on the
 *   other side (one row per aligned step: `¶1, sentence 1` beside `¶1`).
 * Choices in both languages are one choice: excerpts of an original and of its translation
 * that overlap are merged into one pair (resolve.ts), so no text is shown twice.
 */
import type { Release } from '../corpus/release.js';
import { alignParagraphs, alignSentences, type AlignedGroup } from './align.js';
import { anchorsOf, type NameIndex } from './anchors.js';

/** Paragraph number → the sentence numbers chosen in it. */
export type Selection = Map<number, Set<number>>;

export interface BilingualRow {
  zh: string[];
  en: string[];
}

export interface BilingualLayout {
  rows: BilingualRow[];
  /** What each side shows (for locators, citations and overlap). */
  zhShown: Selection;
  enShown: Selection;
  /** `paragraphs` when every row is a whole aligned group, else `sentences`. */
  grain: 'paragraphs' | 'sentences';
}

export function selectionOf(parts: readonly { n: number; sentences: readonly number[] }[]): Selection {
  const sel: Selection = new Map();
  for (const p of parts) for (const s of p.sentences) add(sel, p.n, s);
  return sel;
}

export function unionSelection(a: Selection, b: Selection): Selection {
  const out: Selection = new Map();
  for (const sel of [a, b]) for (const [n, ss] of sel) for (const s of ss) add(out, n, s);
  return out;
}

export function overlaps(a: Selection, b: Selection): boolean {
  for (const [n, ss] of a) {
    const other = b.get(n);
    if (other) for (const s of ss) if (other.has(s)) return true;
  }
  return false;
}

export function isEmpty(sel: Selection): boolean {
  return [...sel.values()].every((s) => s.size === 0);
}

function add(sel: Selection, n: number, s: number): void {
  let set = sel.get(n);
  if (!set) sel.set(n, (set = new Set()));
  set.add(s);
}

/** Aligns a Chinese release with its English one, once per pair of releases. */
export class Aligner {
  private readonly groups = new Map<string, AlignedGroup[]>();
  private readonly beads = new Map<string, AlignedGroup[]>();

  constructor(private readonly names: NameIndex) {}

  paragraphGroups(zh: Release, en: Release): AlignedGroup[] {
    const key = `${zh.id}\0${en.id}`;
    let groups = this.groups.get(key);
    if (!groups) {
      groups = alignParagraphs(
        zh.paragraphs.map((p) => ({ text: p.text, anchors: anchorsOf(p.text, zh.lang, this.names) })),
        en.paragraphs.map((p) => ({ text: p.text, anchors: anchorsOf(p.text, en.lang, this.names) })),
      );
      this.groups.set(key, groups);
    }
    return groups;
  }

  /** The sentences of one paragraph group, aligned: unit k on a side is the k-th sentence of
   * that side's paragraphs taken in order. */
  sentenceBeads(zh: Release, en: Release, group: AlignedGroup): AlignedGroup[] {
    const key = `${zh.id}\0${en.id}\0${group.source.join(',')}\0${group.target.join(',')}`;
    let beads = this.beads.get(key);
    if (!beads) {
      const units = (release: Release, ns: number[]) =>
        sentencesOf(release, ns).map((s) => ({ text: s.text, anchors: anchorsOf(s.text, release.lang, this.names) }));
      beads = alignSentences(units(zh, group.source), units(en, group.target));
      this.beads.set(key, beads);
    }
    return beads;
  }

  layout(zh: Release, en: Release, zhChosen: Selection, enChosen: Selection): BilingualLayout {
    const rows: BilingualRow[] = [];
    const zhShown: Selection = new Map();
    const enShown: Selection = new Map();
    let grain: BilingualLayout['grain'] = 'paragraphs';
    for (const group of this.paragraphGroups(zh, en)) {
      const zs = sentencesOf(zh, group.source);
      const es = sentencesOf(en, group.target);
      const pickedZ = zs.map((s) => zhChosen.get(s.p)?.has(s.n) ?? false);
      const pickedE = es.map((s) => enChosen.get(s.p)?.has(s.n) ?? false);
      if (!pickedZ.includes(true) && !pickedE.includes(true)) continue;
      const whole = (zs.length > 0 && pickedZ.every(Boolean)) || (es.length > 0 && pickedE.every(Boolean));
      if (whole) {
        for (const s of zs) add(zhShown, s.p, s.n);
        for (const s of es) add(enShown, s.p, s.n);
        rows.push({
          zh: group.source.map((n) => zh.paragraphs[n - 1]!.text),
          en: group.target.map((n) => en.paragraphs[n - 1]!.text),
        });
        continue;
      }
      grain = 'sentences';
      for (const bead of this.sentenceBeads(zh, en, group)) {
        const touchedZ = bead.source.some((k) => pickedZ[k - 1]);
        const touchedE = bead.target.some((k) => pickedE[k - 1]);
        if (!touchedZ && !touchedE) continue;
        // The chosen sentences, and everything aligned with a chosen sentence of the other side.
        const showZ = bead.source.filter((k) => touchedE || pickedZ[k - 1]).map((k) => zs[k - 1]!);
        const showE = bead.target.filter((k) => touchedZ || pickedE[k - 1]).map((k) => es[k - 1]!);
        for (const s of showZ) add(zhShown, s.p, s.n);
        for (const s of showE) add(enShown, s.p, s.n);
        rows.push({ zh: joinByParagraph(showZ, ''), en: joinByParagraph(showE, ' ') });
      }
    }
    return { rows, zhShown, enShown, grain };
  }
}

interface SentenceRef {
  p: number;
  n: number;
  text: string;
}

function sentencesOf(release: Release, paragraphs: readonly number[]): SentenceRef[] {
  return paragraphs.flatMap((p) => release.paragraphs[p - 1]!.sentences.map((s) => ({ p, n: s.n, text: s.text })));
}

/** Sentences of one paragraph joined; a new paragraph starts a new line of the cell. */
function joinByParagraph(sentences: readonly SentenceRef[], joiner: string): string[] {
  const out: string[] = [];
  let last: number | undefined;
  for (const s of sentences) {
    if (s.p === last) out[out.length - 1] += `${joiner}${s.text}`;
    else out.push(s.text);
    last = s.p;
  }
  return out;
}

/** The parts of a release a selection covers: whole paragraphs, or chosen sentences of one. */
export function partsOf(release: Release, sel: Selection): { paragraph: number; sentences: number[] | null }[] {
  return [...sel.keys()]
    .sort((a, b) => a - b)
    .filter((n) => sel.get(n)!.size > 0)
    .map((n) => {
      const chosen = [...sel.get(n)!].sort((a, b) => a - b);
      const all = release.paragraphs[n - 1]!.sentences.length;
      return { paragraph: n, sentences: chosen.length === all ? null : chosen };
    });
}
