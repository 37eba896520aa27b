/**
 * Helpers every template may use. Helpers that return plain strings are escaped by
 * Handlebars like any value; the few that return markup (`markdown`, `cite`, `term`) escape
 * the text inside it themselves, so release text can never inject markup.
 */
import Handlebars, { type HelperDelegate, type HelperOptions } from 'handlebars';
import { formatDate } from '../model/labels.js';
import { markdownToMarkup } from '../markup/markdown.js';

/** Per-render state, passed as Handlebars `@data` (helpers are shared between renders). */
export interface RenderState {
  /** Glossary terms already introduced with their English form. */
  termsUsed: Set<string>;
}

export function newRenderState(): RenderState {
  return { termsUsed: new Set() };
}

const ZH_DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const ROMAN: [number, string][] = [
  [1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'], [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i'],
];

/** 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (enough for section and item numbers). */
export function chineseNumber(n: number): string {
  if (n < 10) return ZH_DIGITS[n]!;
  if (n < 100) {
    const tens = Math.floor(n / 10);
    const ones = n % 10;
    return `${tens === 1 ? '' : ZH_DIGITS[tens]}十${ones ? ZH_DIGITS[ones] : ''}`;
  }
  return String(n);
}

function roman(n: number): string {
  let out = '';
  for (const [value, letters] of ROMAN) while (n >= value) (out += letters), (n -= value);
  return out;
}

function escapeMarkup(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function isOptions(x: unknown): x is HelperOptions {
  return typeof x === 'object' && x !== null && 'hash' in x && 'data' in x;
}

export const BUILTIN_HELPERS: Record<string, HelperDelegate> = {
  /** `{{inc @index}}` → 1-based numbering. */
  inc: (n: unknown) => Number(n) + 1,
  /**
   * `{{number @index "zh"}}` → 一, 二 …; `"roman"` → i, ii …; `"decimal"` (default) → 1, 2 ….
   * Takes a 0-based index, like `@index`.
   */
  number: (index: unknown, style: unknown) => {
    const n = Number(index) + 1;
    if (style === 'zh') return chineseNumber(n);
    if (style === 'roman') return roman(n);
    return String(n);
  },
  /** `{{join list ", "}}`, or `{{join list ", " "id"}}` to join one field of each item. */
  join: (list: unknown, sep: unknown, field: unknown) => {
    if (!Array.isArray(list)) return '';
    const items = typeof field === 'string' ? list.map((x: Record<string, unknown>) => x[field]) : list;
    return items.map(String).join(typeof sep === 'string' ? sep : ', ');
  },
  /** `{{date "2021-09-28" "zh"}}` → 2021年9月28日; `"en"` → 28 September 2021. */
  date: (iso: unknown, lang: unknown) => formatDate(String(iso), lang === 'zh' ? 'zh' : 'en'),
  /** `{{#if (eq a b)}}`. */
  eq: (a: unknown, b: unknown) => a === b,
  /** `{{#if (gt list.length 1)}}`. */
  gt: (a: unknown, b: unknown) => Number(a) > Number(b),
  /** `{{#each (take facts 5)}}`: the first n items of a list. */
  take: (list: unknown, n: unknown) => (Array.isArray(list) ? list.slice(0, Number(n)) : []),
  /**
   * `{{{markdown text "en"}}}`: editor Markdown as briefpack markup (paragraphs, bold,
   * italic, links, lists), paragraphs tagged with the language given. Text is escaped by
   * the Markdown renderer, so triple braces are safe here.
   */
  markdown: (source: unknown, lang: unknown) =>
    new Handlebars.SafeString(markdownToMarkup(String(source ?? ''), typeof lang === 'string' ? lang : undefined)),
  /**
   * `{{cite excerpt}}` or `{{cite fact}}`: a numbered source note for the excerpt or fact
   * (a superscript number in the PDF, a footnote in the DOCX). Anything with a `note`.
   */
  cite: (item: unknown) => {
    const note = (item as { note?: unknown } | null)?.note;
    if (typeof note !== 'string' || !note) throw new Error('cite needs an excerpt or a fact (something with a "note")');
    return new Handlebars.SafeString(`<cite>${escapeMarkup(note)}</cite>`);
  },
  /**
   * `{{term "趙克志"}}`: a glossary term, with its English form in brackets the first time it
   * appears in the document (趙克志 (Zhao Kezhi)), alone after that or when the glossary has
   * no English form. Unknown terms are printed as given.
   */
  term: function (this: unknown, zh: unknown, options: unknown) {
    const text = String(zh);
    const opts = isOptions(options) ? options : undefined;
    const root = opts?.data?.root as { glossary?: { zh: string; en: string }[]; meta?: { labels?: string } } | undefined;
    const state = opts?.data?.state as RenderState | undefined;
    const entry = root?.glossary?.find((t) => t.zh === text);
    if (!entry?.en || !state || state.termsUsed.has(text)) return text;
    state.termsUsed.add(text);
    const [open, close] = root?.meta?.labels === 'zh' ? ['（', '）'] : [' (', ')'];
    return new Handlebars.SafeString(`${escapeMarkup(text)}${open}<span lang="en">${escapeMarkup(entry.en)}</span>${close}`);
  },
};
