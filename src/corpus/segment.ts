/**
 * Sentence segmentation, so briefs can quote single sentences. Chinese sentences end at
 * 。！？； (and the closing quotes or brackets right after them); English sentences end at
 * . ! ? followed by a space and a capital, except after abbreviations ("Sept.", "U.S.",
 * "Mr.") and initials, which do not end sentences.
 */
export interface Sentence {
  /** 1-based within its paragraph. */
  n: number;
  text: string;
  /** UTF-16 offsets in the paragraph's cleaned text. */
  start: number;
  end: number;
}

const ZH_END = /[。！？；!?]/u;
const CLOSERS = /[”’」』）》〕】)"'■]/u;
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'no', 'vs', 'etc', 'e.g', 'i.e', 'gen', 'col', 'lt', 'sen', 'rep', 'gov', 'jr', 'sr', 'inc', 'ltd', 'co', 'corp', 'dept', 'est',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'u.s', 'u.k', 'u.n', 'e.u', 'p.r.c', 'a.m', 'p.m',
]);

export function segmentSentences(text: string, lang: 'zh-Hant' | 'zh-Hans' | 'en'): Sentence[] {
  const ends = lang === 'en' ? englishEnds(text) : chineseEnds(text);
  const sentences: Sentence[] = [];
  let start = 0;
  for (const end of [...ends, text.length]) {
    if (end <= start) continue;
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const body = raw.trim();
    if (body) sentences.push({ n: sentences.length + 1, text: body, start: start + lead, end: start + lead + body.length });
    start = end;
  }
  return sentences;
}

function chineseEnds(text: string): number[] {
  const ends: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (!ZH_END.test(text[i]!)) continue;
    let j = i + 1;
    while (j < text.length && (ZH_END.test(text[j]!) || CLOSERS.test(text[j]!))) j++;
    ends.push(j);
    i = j - 1;
  }
  return ends;
}

function englishEnds(text: string): number[] {
  const ends: number[] = [];
  const re = /[.!?]+[”’"')\]■]*(?=\s+[“"'‘(\[]?[A-Z0-9])/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].startsWith('.') && isAbbreviation(text, m.index)) continue;
    ends.push(m.index + m[0].length);
  }
  return ends;
}

/** The word before a period at `dot` is an abbreviation or an initial ("J. Smith"). */
const ABBREVIATION_WINDOW = 64;

function isAbbreviation(text: string, dot: number): boolean {
  // Only the text just before the dot: matching against everything before it made
  // segmenting a long paragraph quadratic. A word longer than the window is no abbreviation.
  const before = /([A-Za-z][A-Za-z.]*)$/.exec(text.slice(Math.max(0, dot - ABBREVIATION_WINDOW), dot));
  if (!before) return false;
  const word = before[1]!.toLowerCase();
  return ABBREVIATIONS.has(word) || /^[a-z]$/.test(word);
}
