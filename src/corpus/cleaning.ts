/**
 * The cleaning pipeline for release text: deterministic, named steps, each of which reports
 * every change it makes (so `briefpack releases --changes` can show them and tests can count
 * them). Input is the text as it stands in the release file; the raw text is never touched.
 *
 * Cleaning changes only what it must. The Chinese steps are script-aware: they act only
 * inside Chinese text, so `Lai Ching-te (賴清德) said` in an English release, `1,000` and
 * `10:30` stay as they are. What counts as Chinese text depends on the paragraph: in a
 * Chinese one, a mark after a Han character is Chinese; in an English one, only a mark with
 * Chinese on both sides is (a Chinese phrase quoted inside English text).
 */
import { decodeHTMLStrict } from 'entities';
import { codePointClass, HAN_SCRIPT, LATIN_SCRIPT } from '../util/code-point-class.js';

export type CleaningStepName =
  | 'remove-zero-width'
  | 'decode-html-entities'
  | 'strip-pinyin-glosses'
  | 'full-width-punctuation'
  | 'normalise-whitespace'
  | 'strip-end-marks';

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

/** Which script the paragraph is written in: `zh` (Chinese, either script) or `en`. When
 * not given, the paragraph decides by itself (more Han characters than Latin letters: zh). */
export type TextScript = 'zh' | 'en';

export interface CleaningOptions {
  script?: TextScript;
}

export interface Step {
  name: CleaningStepName;
  apply(text: string, options?: CleaningOptions): { text: string; changes: Omit<TextChange, 'step'>[] };
}

const HAN = String.raw`\p{Script=Han}`;

/** `&nbsp;`, `&amp;`, `&#12290;`, `&#x3002;`: an HTML character reference, with the
 * semicolon HTML requires (`AT&T` and `R&D` are text, not references). */
const ENTITY = /&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/y;

const ZERO_WIDTH = /[\u200b\u200c\u200d\u2060\ufeff]/gu;

/** Zero-width spaces, joiners and byte-order marks: invisible scraping artefacts, removed
 * first so that no later step sees two characters apart that a reader sees together. */
export const removeZeroWidth: Step = {
  name: 'remove-zero-width',
  apply(text) {
    const changes: Omit<TextChange, 'step'>[] = [];
    const out = text.replace(ZERO_WIDTH, (m: string, offset: number) => {
      changes.push({ offset, before: m, after: '' });
      return '';
    });
    return { text: out, changes };
  },
};

/** The reference at the start of `amp + rest`, decoded, or null when there is none. */
function referenceAt(amp: string, rest: string): { decoded: string; length: number } | null {
  ENTITY.lastIndex = 0;
  const m = ENTITY.exec(amp + rest);
  if (!m) return null;
  const decoded = decodeHTMLStrict(m[0]);
  return decoded === m[0] ? null : { decoded, length: m[0].length };
}

/**
 * HTML character references left by scrapers → the characters they stand for, decoded by
 * the `entities` library (the WHATWG table) in strict mode. Entities are markup, not text of
 * any script, so this step runs on every paragraph. A doubly escaped reference
 * (`&amp;nbsp;`, `&#38;#12290;`) is decoded through to its character, which keeps cleaning
 * idempotent. An unknown name (`&foo;`) stays as it is.
 */
export const decodeHtmlEntities: Step = {
  name: 'decode-html-entities',
  apply(text) {
    if (!text.includes('&')) return { text, changes: [] };
    const changes: Omit<TextChange, 'step'>[] = [];
    let out = '';
    let i = 0;
    for (let amp = text.indexOf('&'); amp >= 0; amp = text.indexOf('&', i)) {
      out += text.slice(i, amp);
      let value = referenceAt('&', text.slice(amp + 1));
      let end = value ? amp + value.length : amp;
      let decoded = value?.decoded ?? '';
      // `&amp;nbsp;`: what a reference gave is an "&" that starts another one.
      while (decoded === '&') {
        value = referenceAt('&', text.slice(end));
        if (!value) break;
        end += value.length - 1;
        decoded = value.decoded;
      }
      if (end === amp) {
        out += '&';
        i = amp + 1;
      } else {
        changes.push({ offset: amp, before: text.slice(amp, end), after: decoded });
        out += decoded;
        i = end;
      }
    }
    out += text.slice(i);
    return { text: out, changes };
  },
};

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

/** Han characters and CJK punctuation (U+3001–U+303F, full-width forms): the strong signs
 * of Chinese text. U+3000 is a space, and curly quotes are shared by both scripts. */
const CHINESE = new RegExp(`[${HAN}\\u3001-\\u303f\\uff01-\\uff60\\uffe0-\\uffef]`, 'u');
const CURLY_QUOTE = /[“”‘’]/u;
const LATIN = /\p{Script=Latin}/u;
/** Spaces of every kind, and the zero-width characters cleaning removes. */
const BLANK = /[\s\u00a0\u3000\u200b\u200c\u200d\ufeff]/u;
const FULL_WIDTH: Record<string, string> = { ',': '，', ';': '；', ':': '：', '?': '？', '!': '！', '(': '（', ')': '）' };

/**
 * `zh` when the text has more Han characters than Latin letters, else `en`. Letters that
 * cleaning removes (pinyin glosses, entity names, `NNNN`/`(END)` trailers) do not count, so
 * a paragraph is the same script before and after cleaning.
 */
export function scriptOfText(text: string): TextScript {
  let visible = decodeHtmlEntities.apply(removeZeroWidth.apply(text).text).text;
  visible = stripPinyinGlosses.apply(visible).text;
  visible = stripEndMarks.apply(visible.trimEnd()).text;
  let han = 0;
  let latin = 0;
  for (let i = 0; i < visible.length; i++) {
    const cp = visible.codePointAt(i)!;
    if (cp > 0xffff) i++;
    const kind = codePointClass(cp);
    if (kind & HAN_SCRIPT) han++;
    else if (kind & LATIN_SCRIPT) latin++;
  }
  return han > latin ? 'zh' : 'en';
}

/**
 * ASCII punctuation inside Chinese → full-width (`趙克志指出,中柬` → `趙克志指出，中柬`).
 * In a Chinese paragraph a mark is Chinese when the character before it is Han or CJK
 * punctuation (a curly quote counts) and the one after it is not a Latin letter;
 * `(` also when what follows is Han and what precedes is not Latin (`趙克志(Zhao Kezhi)` is
 * Chinese, `Lai Ching-te (賴清德)` is not). In an English paragraph only marks with Chinese
 * on both sides convert. `)` converts exactly when its `(` did. Numbers (`1,000`, `2:1`) and
 * Latin text never match. Spaces next to a converted mark go (full-width marks carry their
 * own), except a space before an opening bracket, which may separate phrases.
 */
export const fullWidthPunctuation: Step = {
  name: 'full-width-punctuation',
  apply(text, options = {}) {
    // Only these marks ever change: text without one (most text already full-width) stays.
    if (!CONVERTIBLE_ASCII.test(text)) return { text, changes: [] };
    const script = options.script ?? scriptOfText(text);
    const changes: Omit<TextChange, 'step'>[] = [];
    const chars = [...text];
    const chinese = (c: string | undefined, quotes: boolean) => c !== undefined && (CHINESE.test(c) || (quotes && CURLY_QUOTE.test(c)));
    const notLatin = (c: string | undefined) => c === undefined || !LATIN.test(c);
    let offset = 0;
    const out: string[] = [];
    /** For each open `(`: whether it converted. */
    const opens: boolean[] = [];
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i]!;
      if (ch !== '(' && ch !== ')' && FULL_WIDTH[ch] === undefined) {
        out.push(ch);
        offset += ch.length;
        continue;
      }
      // What comes before is read from the output, so a mark sees its converted neighbours.
      const prev = prevNonBlank(out, out.length);
      const next = nextNonBlank(chars, i);
      let convert = false;
      if (ch === '(') {
        convert =
          script === 'zh'
            ? chinese(prev, true) || (notLatin(prev) && chinese(next, false))
            : chinese(prev, false) && chinese(next, false);
        opens.push(convert);
      } else if (ch === ')') {
        convert = opens.length ? opens.pop()! : script === 'zh' ? chinese(prev, true) && notLatin(next) : chinese(prev, false) && chinese(next, false);
      } else if (ch in FULL_WIDTH) {
        convert = script === 'zh' ? chinese(prev, true) && notLatin(next) : chinese(prev, false) && chinese(next, false);
      }
      if (convert) {
        const replacement = FULL_WIDTH[ch]!;
        let before = ch;
        let at = offset;
        // A space before an opening bracket may separate phrases (`电 (记者`): it stays, for
        // normalise-whitespace to decide, as it does before one that was full-width already.
        while (ch !== '(' && out.length && BLANK.test(out[out.length - 1]!)) {
          const blank = out.pop()!;
          before = blank + before;
          at -= blank.length;
        }
        while (i + 1 < chars.length && BLANK.test(chars[i + 1]!)) {
          i++;
          before += chars[i]!;
          offset += chars[i]!.length;
        }
        changes.push({ offset: at, before, after: replacement });
        out.push(replacement);
      } else out.push(ch);
      offset += ch.length;
    }
    return { text: out.join(''), changes };
  },
};

function prevNonBlank(chars: string[], i: number): string | undefined {
  for (let j = i - 1; j >= 0; j--) if (!BLANK.test(chars[j]!)) return chars[j];
  return undefined;
}
/** The next character that is neither blank nor a mark this step converts (ASCII or
 * full-width), so a decision never depends on whether a later mark has converted yet. */
function nextNonBlank(chars: string[], i: number): string | undefined {
  for (let j = i + 1; j < chars.length; j++) if (!BLANK.test(chars[j]!) && !CONVERTIBLE.has(chars[j]!)) return chars[j];
  return undefined;
}
const CONVERTIBLE = new Set([...Object.keys(FULL_WIDTH), ...Object.values(FULL_WIDTH)]);
const CONVERTIBLE_ASCII = /[,;:?!()]/;

const SPACE_RUN = /[\s\u00a0\u3000]+/gu;
/** Marks that close or pause (and the space after or before them is the mark's own). */
const CLOSING_OR_PAUSE = /[，。、；：？！）」』】》〉〕］｝”’…—·％]/u;
const OPENING = /[（「『【《〈〔［｛“‘]/u;

/**
 * NFC, trimmed, and each run of spaces made one:
 * - between two Chinese characters, a run that holds a line break is a hard wrap and goes
 *   (`合作\n關係` → `合作關係`); a run of spaces or U+3000 on one line separates phrases, as in
 *   headlines and datelines (`總統接見訪團　盼深化合作`), and stays, as one U+3000 — unless it
 *   touches punctuation that carries its own space (`指出， 中柬` → `指出，中柬`);
 * - anywhere else it becomes one ASCII space (`Zhao  Kezhi` → `Zhao Kezhi`).
 */
export const normaliseWhitespace: Step = {
  name: 'normalise-whitespace',
  apply(text) {
    const changes: Omit<TextChange, 'step'>[] = [];
    let out = text.normalize('NFC');
    if (out !== text) changes.push({ offset: 0, before: text, after: out });
    const last = out.length;
    out = out.replace(SPACE_RUN, (m: string, offset: number, whole: string) => {
      const prev = offset > 0 ? String.fromCodePoint(whole.codePointAt(offset - 1 - (isLowSurrogate(whole, offset - 1) ? 1 : 0))!) : undefined;
      const next = offset + m.length < last ? String.fromCodePoint(whole.codePointAt(offset + m.length)!) : undefined;
      let by: string;
      if (prev === undefined || next === undefined) by = '';
      else if (CHINESE.test(prev) && CHINESE.test(next)) {
        const ownSpace = CLOSING_OR_PAUSE.test(prev) || CLOSING_OR_PAUSE.test(next) || OPENING.test(prev);
        by = m.includes('\n') || ownSpace ? '' : '\u3000';
      } else by = ' ';
      if (m !== by) changes.push({ offset, before: m, after: by });
      return by;
    });
    return { text: out, changes };
  },
};

function isLowSurrogate(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 0xdc00 && c <= 0xdfff;
}

/** End marks and trailers that close a release: ■ □ ▲ at a paragraph's end, `（完）`,
 * `(完)`, `【完】`, `(END)`, and a bare `完` or `NNNN` after the last sentence. */
const END_MARKS = /(?:[\s\u200b-\u200d\ufeff]*(?:[■□▲△◆◇]|[（(【\[]\s*(?:完|終|终|END|End|end)\s*[）)】\]]|(?<=^|[。！？.!?”」』\s\u200b-\u200d\ufeff])(?:完|NNNN)))+[\s\u200b-\u200d\ufeff]*$/u;

/**
 * End marks and trailers go from paragraph text: a recipient never sees ■ or （完）. The raw
 * text in the release file keeps them (provenance, and the importer's boundary evidence).
 */
export const stripEndMarks: Step = {
  name: 'strip-end-marks',
  apply(text) {
    const m = END_MARKS.exec(text);
    if (!m) return { text, changes: [] };
    return { text: text.slice(0, m.index), changes: [{ offset: m.index, before: m[0], after: '' }] };
  },
};

/** The pipeline, in order. Entities go first (`&#44;` is a comma the next steps must see),
 * then glosses, so that `協調(diào),` becomes `協調，`; end marks before the punctuation
 * step, so that what a mark sees next is the text that stays. */
export const CLEANING_STEPS: readonly Step[] = [removeZeroWidth, decodeHtmlEntities, stripPinyinGlosses, stripEndMarks, fullWidthPunctuation, normaliseWhitespace];

/** Every step but strip-end-marks: for reading raw text in which trailers are evidence (the
 * importer finds release boundaries by them) and for comparing texts. A release paragraph
 * is cleaned with all of CLEANING_STEPS (release-file.ts). */
export const TEXT_STEPS: readonly Step[] = CLEANING_STEPS.filter((step) => step !== stripEndMarks);

/** Runs the steps (by default TEXT_STEPS) on one paragraph or headline. `options.script`
 * says whether it is Chinese or English text; without it the text decides (`scriptOfText`). */
export function cleanText(text: string, steps: readonly Step[] = TEXT_STEPS, options: CleaningOptions = {}): CleaningResult {
  const changes: TextChange[] = [];
  let current = text;
  const script = options.script ?? scriptOfText(text);
  for (const step of steps) {
    const r = step.apply(current, { script });
    for (const c of r.changes) changes.push({ step: step.name, ...c });
    current = r.text;
  }
  return { text: current, changes };
}
