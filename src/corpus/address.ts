/**
 * Addressing inside a release: the text-quote selector (exact text, with optional prefix and
 * suffix to tell apart two occurrences, as in the W3C Web Annotation model) and the
 * sentence that holds a match.
 */
import type { Paragraph, Release } from './release.js';
import type { Sentence } from './segment.js';

export interface TextQuoteSelector {
  exact: string;
  prefix?: string;
  suffix?: string;
}

export interface QuoteMatch {
  paragraph: Paragraph;
  /** UTF-16 offsets in the paragraph's cleaned text. */
  start: number;
  end: number;
  /** The sentences the match touches (usually one). */
  sentences: Sentence[];
}

/** Every occurrence of the quote in the release's paragraphs that fits prefix and suffix. */
export function findQuote(release: Release, selector: TextQuoteSelector): QuoteMatch[] {
  const matches: QuoteMatch[] = [];
  if (!selector.exact) return matches;
  for (const paragraph of release.paragraphs) {
    const text = paragraph.text;
    for (let at = text.indexOf(selector.exact); at >= 0; at = text.indexOf(selector.exact, at + 1)) {
      const end = at + selector.exact.length;
      if (selector.prefix !== undefined && !text.slice(0, at).endsWith(selector.prefix)) continue;
      if (selector.suffix !== undefined && !text.slice(end).startsWith(selector.suffix)) continue;
      matches.push({ paragraph, start: at, end, sentences: paragraph.sentences.filter((s) => s.start < end && s.end > at) });
    }
  }
  return matches;
}
