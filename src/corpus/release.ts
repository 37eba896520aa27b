/**
 * Types for a release: one press release as an editor keeps it in `releases/<id>.md` and as
 * the build sees it after cleaning. Paragraphs are numbered from 1; a headline, when the
 * release has one, is kept apart and never counts as a paragraph.
 */
import type { Lang, Point } from '../model/model.js';
import type { TextChange } from './cleaning.js';
import type { AppliedCorrection } from './corrections.js';
import type { Sentence } from './segment.js';
import type { SuspectKind } from './suspects.js';

export type ReleaseLang = Exclude<Lang, 'und'>;
export const RELEASE_LANGS: readonly ReleaseLang[] = ['zh-Hant', 'zh-Hans', 'en'];

/**
 * `lang:` in front matter: a script tag with an optional region (BCP 47), `zh-Hant-HK`,
 * `zh-Hant-TW`, `zh-Hans-CN`, `zh-Hans-SG`, `en-GB`… The region is the standard the text
 * follows (Hong Kong and Taiwan Traditional forms differ); checks accept every Traditional
 * standard either way. Returns null for anything else.
 */
export function parseLangTag(tag: string): { lang: ReleaseLang; region: string | null } | null {
  const m = /^(zh-Hant|zh-Hans|en)(?:-([A-Za-z]{2}|\d{3}))?$/i.exec(tag);
  if (!m) return null;
  const lang = RELEASE_LANGS.find((l) => l.toLowerCase() === m[1]!.toLowerCase())!;
  return { lang, region: m[2] ? m[2].toUpperCase() : null };
}

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
  /** As it stands in the release file (provenance). */
  raw: string;
  /** Cleaned text: what briefs quote. */
  text: string;
  /** Every change the cleaning steps made (corrections are in Release.corrections). */
  changes: TextChange[];
  /** Line in the release file where the paragraph starts. */
  line: number;
  sentences: Sentence[];
  /** Content hash of the cleaned text, so a brief can notice that its source changed. */
  hash: string;
}

/** Text that looks broken, located in the release file. */
export interface SuspectText {
  kind: SuspectKind;
  /** 0 = headline. */
  paragraph: number;
  line: number;
  column: number;
  snippet: string;
  /** legacy-encoding: what the run reads in Big5 or GBK. */
  readings?: { encoding: 'Big5' | 'GBK'; text: string }[];
}

/** An issuer's names; at least one is set. */
export interface IssuerNames {
  zh: string | null;
  en: string | null;
}

export interface Release {
  id: string;
  lang: ReleaseLang;
  /** Region of the `lang` tag (`HK` of `zh-Hant-HK`), or null. */
  region: string | null;
  /** ISO date YYYY-MM-DD, or null where the source states none (reported as a warning). */
  date: string | null;
  /** Title in the release's own language. */
  title: string;
  /** English title of a Chinese release (`title_en`), for English readers' citations. */
  titleEn: string | null;
  /** Short title for later notes (`title_short`); derived from the title when null. */
  titleShort: string | null;
  /** The issuing body as the file names it (the glossary fills in the other language). */
  issuer: IssuerNames | null;
  /** Where the release was published (`url`), or null. */
  url: string | null;
  /** Dateline place (`place`), or null. */
  place: string | null;
  /** Headline as released (cleaned), or null when the release has none. */
  headline: string | null;
  /** What cleaning changed in the headline. */
  headlineChanges: TextChange[];
  /** Where the text came from, e.g. `raw/000_….txt#L7-L9`. */
  source: string;
  translationOf: string | null;
  /** Releases about the same event that are not translations (`related`), e.g. a news report of it. */
  related: string[];
  paragraphs: Paragraph[];
  facts: Fact[];
  /** Corrections from releases/corrections.yaml that this release's text needed. */
  corrections: AppliedCorrection[];
  suspects: SuspectText[];
  /** Where `id:`, `translation_of:` and each `related` id stand in the file, for diagnostics about them. */
  positions: { id: Point; translationOf: Point | null; related: Point[] };
  /** Path relative to the project root. */
  file: string;
  /** Hash of the file bytes, for cache keys and change detection. */
  hash: string;
}
