/**
 * The cleaning pipeline for release text: deterministic, named steps, each of which reports
 * every change it makes (so `briefpack releases --changes` can show them and tests can count
 * them). Input is the text as it stands in the release file; the raw text is never touched.
 */

export type CleaningStepName = 'strip-pinyin-glosses' | 'full-width-punctuation' | 'normalise-whitespace';

export interface TextChange {
  step: CleaningStepName;
  /** UTF-16 offset in the text this step received. */
  offset: number;
  before: string;
  after: string;
}

export interface CleaningResult {
  text: string;
  changes: TextChange[];
}

interface Step {
  name: CleaningStepName;
  apply(text: string): { text: string; changes: Omit<TextChange, 'step'>[] };
}

const HAN = String.raw`\p{Script=Han}`;
const TONED = 'āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ';
/** A single pinyin syllable with tone marks (or neutral tone): initial, vowels, final n/ng/r. */
const PINYIN_SYLLABLE = new RegExp(`^(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?[aeiouüv${TONED}]+(?:ng|n|r)?$`, 'u');
const GLOSS = new RegExp(`(?<=${HAN})\\(([a-zü${TONED}]{1,7})\\)`, 'gu');

/** `務(wù)` → `務`: scraping artefacts that put pinyin after a character. A parenthesis after
 * a Han character that holds anything but one lowercase pinyin syllable is left alone. */
export const stripPinyinGlosses: Step = {
  name: 'strip-pinyin-glosses',
  apply(text) {
    const changes: Omit<TextChange, 'step'>[] = [];
    const out = text.replace(GLOSS, (match, syllable: string, offset: number) => {
      if (!PINYIN_SYLLABLE.test(syllable)) return match;
      changes.push({ offset, before: match, after: '' });
      return '';
    });
    return { text: out, changes };
  },
};

const CJK_CONTEXT = new RegExp(`[${HAN.slice(0)}\\u3000-\\u303f\\uff00-\\uffef“”‘’]`, 'u');
const HAN_CHAR = new RegExp(HAN, 'u');
const FULL_WIDTH: Record<string, string> = { ',': '，', ';': '；', ':': '：', '?': '？', '!': '！', '(': '（', ')': '）' };

/**
 * ASCII punctuation inside Chinese → full-width (`趙克志指出,中柬` → `趙克志指出，中柬`).
 * A mark is Chinese when the character before it is Han or CJK punctuation (for `(`, when
 * the character after it is Han). Numbers (`1,000`, `2:1`) and Latin text never match,
 * because their neighbours are digits or letters.
 */
export const fullWidthPunctuation: Step = {
  name: 'full-width-punctuation',
  apply(text) {
    const changes: Omit<TextChange, 'step'>[] = [];
    const chars = [...text];
    let offset = 0;
    const out: string[] = [];
    let openParens = 0;
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i]!;
      const prev = prevNonSpace(chars, i);
      const next = nextNonSpace(chars, i);
      let replacement: string | undefined;
      if (ch === '(') {
        if (next !== undefined && HAN_CHAR.test(next)) replacement = '（';
      } else if (ch === ')') {
        if ((prev !== undefined && HAN_CHAR.test(prev)) || openParens > 0) replacement = '）';
      } else if (ch in FULL_WIDTH && prev !== undefined && CJK_CONTEXT.test(prev)) {
        // `2021:` style times stay; only Chinese context converts.
        replacement = FULL_WIDTH[ch];
      }
      if (replacement !== undefined) {
        if (ch === '(') openParens++;
        if (ch === ')') openParens = Math.max(0, openParens - 1);
        // Full-width marks carry their own spacing: drop ASCII spaces around them.
        while (out.length && out[out.length - 1] === ' ') out.pop();
        changes.push({ offset, before: ch, after: replacement });
        out.push(replacement);
        while (chars[i + 1] === ' ') i++, (offset += 1);
      } else out.push(ch);
      offset += ch.length;
    }
    return { text: out.join(''), changes };
  },
};

function prevNonSpace(chars: string[], i: number): string | undefined {
  for (let j = i - 1; j >= 0; j--) if (chars[j] !== ' ') return chars[j];
  return undefined;
}
function nextNonSpace(chars: string[], i: number): string | undefined {
  for (let j = i + 1; j < chars.length; j++) if (chars[j] !== ' ') return chars[j];
  return undefined;
}

const SPACE_RUN = /[\s\u00a0\u3000]+/gu;
const SPACE_BETWEEN_HAN = new RegExp(`(?<=[${HAN}\\u3000-\\u303f\\uff00-\\uffef]) (?=[${HAN}\\u3000-\\u303f\\uff00-\\uffef])`, 'gu');
const ZERO_WIDTH = /[\u200b\u200c\u200d\ufeff]/gu;

/** NFC, no zero-width characters, single spaces, none between Han characters, trimmed. */
export const normaliseWhitespace: Step = {
  name: 'normalise-whitespace',
  apply(text) {
    const changes: Omit<TextChange, 'step'>[] = [];
    const record = (re: RegExp, by: string) => (s: string) =>
      s.replace(re, (m: string, offset: number) => {
        if (m !== by) changes.push({ offset, before: m, after: by });
        return by;
      });
    let out = text.normalize('NFC');
    if (out !== text) changes.push({ offset: 0, before: text, after: out });
    out = record(ZERO_WIDTH, '')(out);
    out = record(SPACE_RUN, ' ')(out);
    out = record(SPACE_BETWEEN_HAN, '')(out);
    const trimmed = out.trim();
    if (trimmed !== out) changes.push({ offset: 0, before: out.slice(0, out.length - out.trimStart().length) || out.slice(trimmed.length), after: '' });
    return { text: trimmed, changes };
  },
};

/** The pipeline, in order. Glosses go first so that `協調(diào),` becomes `協調，`. */
export const CLEANING_STEPS: readonly Step[] = [stripPinyinGlosses, fullWidthPunctuation, normaliseWhitespace];

export function cleanText(text: string, steps: readonly Step[] = CLEANING_STEPS): CleaningResult {
  const changes: TextChange[] = [];
  let current = text;
  for (const step of steps) {
    const r = step.apply(current);
    for (const c of r.changes) changes.push({ step: step.name, ...c });
    current = r.text;
  }
  return { text: current, changes };
}
