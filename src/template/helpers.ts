/**
 * Helpers every template may use. Helpers that return plain strings (`inc`, `number`, `join`,
 * `date`, the entries of `sourceList`) are escaped by Handlebars like any value written with
 * double braces; the ones that return markup (`markdown`, `cite`, `term`) escape every piece
 * of text inside it themselves, in every branch, so spec and release text can never inject
 * markup, whether a template writes them with double or triple braces.
 */
import Handlebars, { type HelperDelegate, type HelperOptions } from 'handlebars';
import { formatDate } from '../model/labels.js';
import { markdownToMarkup } from '../markup/markdown.js';
import { createCitationFormatter, type CitationFormatter, type CiteRequest } from '../cite/formatter.js';
import type { CitableSource } from '../cite/items.js';
import { DEFAULT_CITATION_STYLE, type CitationStyle } from '../cite/styles.js';

/** Per-render state, passed as Handlebars `@data` (helpers are shared between renders). */
export interface RenderState {
  /** Glossary terms already introduced with their English form. */
  termsUsed: Set<string>;
  /** The document's notes and source list, made on the first `cite` or `sourceList`. */
  citations?: CitationFormatter;
}

export function newRenderState(): RenderState {
  return { termsUsed: new Set() };
}

/** Stands for the text of a note in a render's output until every note is known (a Unicode
 * noncharacter: text never holds one, and markup text is escaped, so `<cite>` followed by it
 * comes only from the cite helper). */
const NOTE_MARK = '\ufdd0';
const NOTE_PLACE = new RegExp(`<cite>${NOTE_MARK}(\\d+)${NOTE_MARK}</cite>`, 'g');

/**
 * A render's output with each note's text in its place. A note's form depends on every source
 * the document cites (a short note that would read the same as another source's is given in
 * full), so the texts are asked for once the template has run.
 */
export function fillNotes(markup: string, state: RenderState): string {
  if (!state.citations) return markup;
  const texts = state.citations.noteTexts();
  return markup.replace(NOTE_PLACE, (_, n: string) => `<cite>${escapeMarkup(texts[Number(n) - 1]!)}</cite>`);
}

/** What the citation helpers read from the template data (a resolved brief). */
interface CitingRoot {
  meta?: { labels?: 'en' | 'zh'; script?: 'zh-Hant' | 'zh-Hans'; citationStyle?: CitationStyle | null };
  allSources?: CitableSource[];
}

/** The document's citation formatter: one per render, so positions (first, ibid…) are per
 * document, in the order the template cites. */
function citationsOf(options: HelperOptions | undefined): CitationFormatter {
  const state = options?.data?.state as RenderState | undefined;
  if (!state) throw new Error('citation helpers need the render state (run templates through loadTemplate)');
  if (!state.citations) {
    const root = (options?.data?.root ?? {}) as CitingRoot;
    const labels = root.meta?.labels === 'zh' ? 'zh' : 'en';
    state.citations = createCitationFormatter({
      style: root.meta?.citationStyle ?? DEFAULT_CITATION_STYLE[labels],
      labels,
      ...(root.meta?.script ? { script: root.meta.script } : {}),
      sources: root.allSources ?? [],
    });
  }
  return state.citations;
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
   * `{{cite excerpt}}`, `{{cite fact}}` or `{{cite pair.zh}}`: a numbered source note (a
   * superscript number in the PDF, a footnote in the DOCX) in the brief's citation style, in
   * full the first time a source is cited, short (or ibid.) after that. Anything with a `cite`.
   */
  cite: (item: unknown, options: unknown) => {
    const request = (item as { cite?: CiteRequest } | null)?.cite;
    if (!request || typeof request.source !== 'string') throw new Error('cite needs an excerpt, a fact or a pair side (something with a "cite")');
    const n = citationsOf(isOptions(options) ? options : undefined).note(request);
    // The text once the document has cited everything it cites (fillNotes).
    return new Handlebars.SafeString(`<cite>${NOTE_MARK}${n}${NOTE_MARK}</cite>`);
  },
  /**
   * `{{#each (sourceList)}}<li>{{this}}</li>{{/each}}`: the source list in the brief's
   * citation style, one entry per source, in the style's order: every release in
   * `allSources`, or `(sourceList sources)` for the releases the brief itself cites (not the
   * counterparts a bilingual template shows beside them). Call it after the notes.
   */
  sourceList: (...args: unknown[]) => {
    const options = args.find(isOptions);
    const list = args.find((a): a is { id: string }[] => Array.isArray(a));
    return citationsOf(options).bibliography(list?.map((s) => s.id));
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
    // Always markup, always escaped: a term that is unknown or already introduced is still spec
    // or release text, and `{{{term …}}}` (triple braces, as for the other markup helpers)
    // must not let it inject elements.
    if (!entry?.en || !state || state.termsUsed.has(text)) return new Handlebars.SafeString(escapeMarkup(text));
    state.termsUsed.add(text);
    const [open, close] = root?.meta?.labels === 'zh' ? ['（', '）'] : [' (', ')'];
    return new Handlebars.SafeString(`${escapeMarkup(text)}${open}<span lang="en">${escapeMarkup(entry.en)}</span>${close}`);
  },
};
