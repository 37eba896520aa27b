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
    // Prefix and suffix are compared in place (no copies of the text before or after each
    // occurrence), and a match's sentences found by binary search: a quote that occurs
    // thousands of times in a long paragraph costs time linear in the paragraph.
    for (let at = text.indexOf(selector.exact); at >= 0; at = text.indexOf(selector.exact, at + 1)) {
      const end = at + selector.exact.length;
      if (selector.prefix !== undefined && (at < selector.prefix.length || !text.startsWith(selector.prefix, at - selector.prefix.length))) continue;
      if (selector.suffix !== undefined && !text.startsWith(selector.suffix, end)) continue;
      matches.push({ paragraph, start: at, end, sentences: sentencesTouching(paragraph.sentences, at, end) });
    }
  }
  return matches;
}

/** The sentences (in order, not overlapping) that overlap [start, end). */
function sentencesTouching(sentences: readonly Sentence[], start: number, end: number): Sentence[] {
  let lo = 0;
  let hi = sentences.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sentences[mid]!.end <= start) lo = mid + 1;
    else hi = mid;
  }
  const out: Sentence[] = [];
  for (let i = lo; i < sentences.length && sentences[i]!.start < end; i++) if (sentences[i]!.end > start) out.push(sentences[i]!);
  return out;
}
