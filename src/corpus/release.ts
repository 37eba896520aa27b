/**
 * Types for a release: one press release as an editor keeps it in `releases/<id>.md` and as
 * the build sees it after cleaning. Paragraphs are numbered from 1; a headline, when the
 * release has one, is kept apart and never counts as a paragraph.
 */
import type { Lang, Point } from '../doc/model.js';
import type { TextChange } from './cleaning.js';

export type ReleaseLang = Exclude<Lang, 'und'>;
export const RELEASE_LANGS: readonly ReleaseLang[] = ['zh-Hant', 'zh-Hans', 'en'];

export const FACT_TYPES = ['date', 'person', 'organisation', 'place', 'event', 'agreement', 'number'] as const;
export type FactType = (typeof FACT_TYPES)[number];

/** A fact an editor curated, with the quote in the release that proves it. */
export interface Fact {
  id: string;
  type: FactType;
  /** What the fact is about, e.g. "Date of the meeting". */
  label: string;
  /** The fact itself, in the words the brief should show. */
  value: string;
  /** Exact text from the cleaned release (headline or paragraphs). */
  evidence: string;
  /** 1-based paragraph number where the evidence occurs (0 = headline). */
  paragraph: number;
  position: Point;
}

export interface Paragraph {
  /** 1-based. */
  n: number;
  raw: string;
  text: string;
  changes: TextChange[];
  /** Line in the release file where the paragraph starts. */
  line: number;
}

export interface Release {
  id: string;
  lang: ReleaseLang;
  /** ISO date YYYY-MM-DD. */
  date: string;
  title: string;
  /** Headline as released (cleaned), or null when the release has none. */
  headline: string | null;
  /** Where the text came from, e.g. `raw/000_….txt#L7-L9`. */
  source: string;
  translationOf: string | null;
  paragraphs: Paragraph[];
  facts: Fact[];
  /** Path relative to the project root. */
  file: string;
  /** Hash of the file bytes, for cache keys and change detection. */
  hash: string;
}
