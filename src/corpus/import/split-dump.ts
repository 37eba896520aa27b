/**
 * Splits a raw dump (several press releases run together, as scraped) into release drafts,
 * so `briefpack import` can write one release file per release. Pure: text in, drafts out.
 * Paragraph text stays raw (the loader cleans it); cleaning is used only to decide.
 *
 * The heuristics, none of them tied to one dump:
 * - paragraphs: one per line when the dump has no blank lines, else blank-line blocks;
 * - language: share of Han characters among letters; Chinese script: characters that exist
 *   in only one script (see `chineseScriptOf`);
 * - a release starts at the first paragraph, after an end mark (■), at a change of language
 *   or script, and at a headline-like paragraph followed by body text in the same language;
 * - date only when the text states a full one; title from the headline or first sentence.
 */
import path from 'node:path';
import { chineseScriptOf, type ChineseScript } from '../script-characters.js';
import { cleanText } from '../cleaning.js';
import type { ReleaseLang } from '../release.js';

export interface ReleaseDraft {
  lang: ReleaseLang;
  /** The headline line as in the dump (raw), or null when the release has none. */
  headline: string | null;
  /** Body paragraphs as in the dump (raw); a hard-wrapped paragraph keeps its line breaks. */
  paragraphs: string[];
  /** First and last line of the release in the dump, 1-based. */
  lineRange: [number, number];
  /** YYYY-MM-DD when the text states a full date, else null. */
  date: string | null;
  proposedId: string;
  proposedTitle: string;
  /** `<rawPath>#L<first>-L<last>`, the value for the `source` key. */
  source: string;
}

/** A release already in the target folder: its id and the source it names. */
export interface ExistingRelease {
  id: string;
  source: string | null;
}

export interface SplitDumpOptions {
  /** The dump's path as release files cite it, e.g. `raw/000_49f9c83db72c5203.txt`. */
  rawPath: string;
  /** Releases already in the target folder. A proposed id they use is a clash unless that
   * release names the same source (then it is this release's earlier import). */
  existing?: readonly ExistingRelease[];
}

type Language = 'zh' | 'en';

interface DumpParagraph {
  raw: string;
  firstLine: number;
  lastLine: number;
  text: string;
  language: Language | null;
  han: number;
  latin: number;
  hantOnly: number;
  hansOnly: number;
}

export function splitDump(text: string, options: SplitDumpOptions): ReleaseDraft[] {
  const paragraphs = paragraphsOf(text);
  const groups: DumpParagraph[][] = [];
  for (const [i, p] of paragraphs.entries()) {
    if (i === 0 || startsRelease(paragraphs, i)) groups.push([]);
    groups.at(-1)!.push(p);
  }
  const taken = new Set((options.existing ?? []).map((e) => e.id));
  const sameSource = new Map((options.existing ?? []).map((e) => [e.id, e.source]));
  return groups.map((group, ordinal) => {
    const hasHeadline = group.length > 1 && isHeadlineLike(group[0]!) && isBodyText(group[1]!);
    const body = hasHeadline ? group.slice(1) : group;
    const lang = releaseLangOf(group);
    const headline = hasHeadline ? group[0]! : null;
    const lineRange: [number, number] = [group[0]!.firstLine, group.at(-1)!.lastLine];
    const source = `${options.rawPath}#L${lineRange[0]}-L${lineRange[1]}`;
    const proposedTitle = headline ? headline.text : shortenTitle(firstSentence(body[0]!.text, lang), lang);
    const date = findFullDate([headline?.text ?? '', ...body.map((p) => p.text)].join('\n'));
    const base = proposeId(date, lang, proposedTitle, options.rawPath, ordinal + 1);
    let proposedId = base;
    for (let n = 2; taken.has(proposedId) && sameSource.get(proposedId) !== source; n++) proposedId = `${base}-${n}`;
    taken.add(proposedId);
    return { lang, headline: headline?.raw ?? null, paragraphs: body.map((p) => p.raw), lineRange, date, proposedId, proposedTitle, source };
  });
}

// ——— paragraphs ———

/** Single lines when the dump has no blank line between text, else blank-line blocks. */
function paragraphsOf(text: string): DumpParagraph[] {
  const lines = text.replace(/^\ufeff/, '').split(/\r\n?|\n/);
  const isBlank = (l: string) => l.trim() === '';
  const first = lines.findIndex((l) => !isBlank(l));
  let last = lines.length - 1;
  while (last > first && isBlank(lines[last]!)) last--;
  if (first < 0) return [];
  const blocks = lines.slice(first, last + 1).some(isBlank);
  const out: DumpParagraph[] = [];
  let block: number[] = [];
  const flush = () => {
    if (block.length) out.push(describeParagraph(block.map((i) => lines[i]!).join('\n'), block[0]! + 1, block.at(-1)! + 1));
    block = [];
  };
  for (let i = first; i <= last; i++) {
    if (isBlank(lines[i]!)) flush();
    else {
      block.push(i);
      if (!blocks) flush();
    }
  }
  flush();
  return out;
}

function describeParagraph(raw: string, firstLine: number, lastLine: number): DumpParagraph {
  const text = cleanText(raw).text;
  let han = 0;
  let latin = 0;
  let hantOnly = 0;
  let hansOnly = 0;
  for (const ch of text) {
    if (HAN.test(ch)) {
      han++;
      const script = chineseScriptOf(ch);
      if (script === 'Hant') hantOnly++;
      else if (script === 'Hans') hansOnly++;
    } else if (LATIN.test(ch)) latin++;
  }
  return { raw, firstLine, lastLine, text, han, latin, hantOnly, hansOnly, language: languageOf(han, latin) };
}

const HAN = /\p{Script=Han}/u;
const LATIN = /\p{Script=Latin}/u;
/** A Han character stands for about a word, a Latin letter for a fifth of one: text with a
 * quarter of its letters Han reads as Chinese. */
const MIN_HAN_SHARE_FOR_CHINESE = 0.25;

function languageOf(han: number, latin: number): Language | null {
  if (han + latin === 0) return null;
  return han / (han + latin) >= MIN_HAN_SHARE_FOR_CHINESE ? 'zh' : 'en';
}

// ——— Chinese script ———

/** A paragraph's script when it clearly has one: at least 2 telling characters, 3× the other. */
function clearScriptOf(p: DumpParagraph): ChineseScript | null {
  const [hant, hans] = [p.hantOnly, p.hansOnly];
  if (Math.max(hant, hans) < 2) return null;
  if (hant >= 3 * hans) return 'Hant';
  if (hans >= 3 * hant) return 'Hans';
  return null;
}

function releaseLangOf(group: DumpParagraph[]): ReleaseLang {
  const sum = (k: 'han' | 'latin' | 'hantOnly' | 'hansOnly') => group.reduce((n, p) => n + p[k], 0);
  if (languageOf(sum('han'), sum('latin')) !== 'zh') return 'en';
  // A text with no telling character reads the same in both scripts; Traditional is the
  // script of our sources.
  return sum('hansOnly') > sum('hantOnly') ? 'zh-Hans' : 'zh-Hant';
}

// ——— release boundaries ———

const END_MARK = /(?:[■□]|[(（]完[)）]|\((?:END|End)\))\s*$/u;
/** Sentence-final punctuation, possibly followed by closing quotes or brackets (`said Zhao."`). */
const SENTENCE_END = /(?:[。！？.!?■□…]["'”’」』)）]*|[”」』])$/u;
/** Headlines are short: at most this many columns (a Han character takes two). */
const MAX_HEADLINE_WIDTH = 200;

function startsRelease(paragraphs: DumpParagraph[], i: number): boolean {
  const prev = paragraphs[i - 1]!;
  const here = paragraphs[i]!;
  if (END_MARK.test(prev.raw)) return true;
  const prevLanguage = languageBefore(paragraphs, i);
  if (here.language && prevLanguage && here.language !== prevLanguage) return true;
  if (here.language === 'zh' && prev.language === 'zh') {
    const [a, b] = [clearScriptOf(prev), clearScriptOf(here)];
    if (a && b && a !== b) return true;
  }
  const next = paragraphs[i + 1];
  return isHeadlineLike(here) && next !== undefined && isBodyText(next) && next.language === here.language;
}

/** The language of the nearest earlier paragraph that has one (a lone "2021" has none). */
function languageBefore(paragraphs: DumpParagraph[], i: number): Language | null {
  for (let j = i - 1; j >= 0; j--) if (paragraphs[j]!.language) return paragraphs[j]!.language;
  return null;
}

/** Short, has letters, and ends without sentence-final punctuation (Chinese: none inside). */
function isHeadlineLike(p: DumpParagraph): boolean {
  if (!p.language || SENTENCE_END.test(p.text) || displayWidth(p.text) > MAX_HEADLINE_WIDTH) return false;
  return p.language === 'en' || !/[。！？]/u.test(p.text);
}

function isBodyText(p: DumpParagraph): boolean {
  return p.language !== null && !isHeadlineLike(p);
}

function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += WIDE.test(ch) ? 2 : 1;
  return width;
}
const WIDE = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;

// ——— title and id ———

const ABBREVIATION = /\b(?:Mr|Mrs|Ms|Dr|Prof|St|No|Gen|Col|Lt|Sgt|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|[A-Z])$/;

function firstSentence(text: string, lang: ReleaseLang): string {
  if (lang !== 'en') return text.split(/[。！？]/u)[0]!;
  for (const m of text.matchAll(/[.!?](?=\s+["“‘(]?\p{Lu}|\s*$)/gu)) {
    if (!ABBREVIATION.test(text.slice(0, m.index))) return text.slice(0, m.index);
  }
  return text;
}

/** At most 60 Han or 120 Latin characters (120 columns), cut at a word for Latin text. */
const MAX_TITLE_WIDTH = 120;
function shortenTitle(text: string, lang: ReleaseLang): string {
  if (displayWidth(text) <= MAX_TITLE_WIDTH) return text;
  let cut = '';
  for (const ch of text) {
    if (displayWidth(cut + ch) > MAX_TITLE_WIDTH - 2) break;
    cut += ch;
  }
  if (lang === 'en' && cut.includes(' ')) cut = cut.slice(0, cut.lastIndexOf(' '));
  return `${cut.replace(/[\s,，、;；:：]+$/u, '')}…`;
}

const LANG_SHORT: Record<ReleaseLang, string> = { 'zh-Hant': 'zh', 'zh-Hans': 'zhs', en: 'en' };
const SLUG_STOPWORDS = new Set(['a', 'an', 'the', 'of', 'to', 'and', 'in', 'on', 'for', 'with', 'at', 'by', 'from', 'as']);
const MAX_SLUG = 60;

function proposeId(date: string | null, lang: ReleaseLang, title: string, rawPath: string, ordinal: number): string {
  const words = lang === 'en' ? latinWords(title).filter((w) => !SLUG_STOPWORDS.has(w)) : [];
  let slug = '';
  for (const w of words) if ((slug ? slug.length + 1 : 0) + w.length <= MAX_SLUG) slug = slug ? `${slug}-${w}` : w;
  if (!slug) slug = `${latinWords(path.posix.basename(rawPath).replace(/\.[^.]*$/, '')).join('-') || 'dump'}-${ordinal}`;
  return `${date ?? 'undated'}-${LANG_SHORT[lang]}-${slug}`;
}

function latinWords(text: string): string[] {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().match(/[a-z0-9]+/g) ?? [];
}

// ——— dates ———

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_NAME = String.raw`(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?`;
const ZH_NUMERAL = '〇零一二三四五六七八九十';
const DATE_PATTERNS: { re: RegExp; ymd: (m: RegExpExecArray) => [string, string, string] }[] = [
  {
    re: new RegExp(`(\\d{4}|[${ZH_NUMERAL}]{4})\\s*年\\s*(\\d{1,2}|[${ZH_NUMERAL}]{1,3})\\s*月\\s*(\\d{1,2}|[${ZH_NUMERAL}]{1,3})\\s*[日号號]`, 'u'),
    ymd: (m) => [m[1]!, m[2]!, m[3]!],
  },
  { re: new RegExp(String.raw`\b(\d{1,2})(?:st|nd|rd|th)?\s+${MONTH_NAME},?\s+(\d{4})\b`, 'i'), ymd: (m) => [m[3]!, m[2]!, m[1]!] },
  { re: new RegExp(String.raw`\b${MONTH_NAME}\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`, 'i'), ymd: (m) => [m[3]!, m[1]!, m[2]!] },
  { re: /\b(\d{4})-(\d{2})-(\d{2})\b/, ymd: (m) => [m[1]!, m[2]!, m[3]!] },
];

/**
 * The first full date the text states (year, month and day), as YYYY-MM-DD, or null.
 * "28日" or "September 2021" is not a full date: we never guess the missing parts.
 */
export function findFullDate(text: string): string | null {
  const normalised = text.normalize('NFKC');
  let best: { index: number; date: string } | undefined;
  for (const { re, ymd } of DATE_PATTERNS) {
    const m = re.exec(normalised);
    if (!m || (best && best.index <= m.index)) continue;
    const date = isoDate(...ymd(m));
    if (date) best = { index: m.index, date };
  }
  return best?.date ?? null;
}

function isoDate(year: string, month: string, day: string): string | null {
  const y = zhNumber(year, true);
  const mo = /^\d+$/.test(month) || /[〇零一二三四五六七八九十]/u.test(month) ? zhNumber(month, false) : MONTHS.indexOf(month.toLowerCase().slice(0, 3)) + 1;
  const d = zhNumber(day, false);
  if (!y || !mo || !d || mo > 12 || d > new Date(Date.UTC(y, mo, 0)).getUTCDate()) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Digits, or Chinese numerals: digit by digit for years (二〇二一), with 十 for days (二十八). */
function zhNumber(text: string, digitByDigit: boolean): number {
  if (/^\d+$/.test(text)) return Number(text);
  const digit = (c: string) => (c === '〇' || c === '零' ? 0 : '一二三四五六七八九'.indexOf(c) + 1);
  if (digitByDigit) return Number([...text].map(digit).join(''));
  const [tens, units] = text.includes('十') ? text.split('十') : ['', text];
  return (text.includes('十') ? (tens ? digit(tens) : 1) * 10 : 0) + (units ? digit(units) : 0);
}
