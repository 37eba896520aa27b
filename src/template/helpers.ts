/**
 * Helpers every template may use. They return plain strings, which Handlebars escapes like
 * any value, so release text can never inject markup.
 */
import Handlebars, { type HelperDelegate } from 'handlebars';
import { formatDate } from '../resolve/labels.js';
import { markdownToMarkup } from './markdown.js';

export const BUILTIN_HELPERS: Record<string, HelperDelegate> = {
  /** `{{inc @index}}` → 1-based numbering. */
  inc: (n: unknown) => Number(n) + 1,
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
  /**
   * `{{{markdown text "en"}}}`: editor Markdown as briefpack markup (paragraphs, bold,
   * italic, links, lists), paragraphs tagged with the language given. Text is escaped by
   * the Markdown renderer, so triple braces are safe here and only here.
   */
  markdown: (source: unknown, lang: unknown) =>
    new Handlebars.SafeString(markdownToMarkup(String(source ?? ''), typeof lang === 'string' ? lang : undefined)),
};
