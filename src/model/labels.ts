/**
 * Fixed words a brief prints, in the two label languages. Templates read them as
 * `labels.<key>`, renderers through the model's meta.labels.
 */
import type { DocumentMeta, Lang } from './model.js';
export const LABELS = {
  en: {
    contents: 'Contents',
    summary: 'Summary',
    keyFacts: 'Key facts',
    fact: 'Fact',
    detail: 'Detail',
    source: 'Source',
    sources: 'Sources',
    paragraph: '¶',
    release: 'Release',
    date: 'Date',
    classification: 'Classification',
    undated: 'undated',
    headline: 'headline',
    /** Between the parts of a citation, and before a quoted piece of evidence. */
    separator: ', ',
    colon: ': ',
    glossary: 'Glossary',
    chinese: 'Chinese',
    english: 'English',
    comment: 'Comment',
    notes: 'Notes',
    /** Cover: before the spec's `author`, and before its `audience`. */
    preparedBy: 'Prepared by',
    audience: 'For',
  },
  zh: {
    contents: '目錄',
    summary: '摘要',
    keyFacts: '要點',
    fact: '事項',
    detail: '內容',
    source: '來源',
    sources: '資料來源',
    paragraph: '第',
    release: '新聞稿',
    date: '日期',
    classification: '密級',
    undated: '日期不詳',
    headline: '標題',
    separator: '，',
    colon: '：',
    glossary: '詞彙表',
    chinese: '中文',
    english: '英文',
    comment: '評註',
    notes: '附註',
    preparedBy: '撰稿',
    audience: '分送',
  },
} as const;

export type LabelLanguage = keyof typeof LABELS;
export type Labels = (typeof LABELS)[LabelLanguage];

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `2021-09-28` → `28 September 2021` (en) or `2021年9月28日` (zh). */
export function formatDate(iso: string, lang: LabelLanguage): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  // Specs and releases refuse dates that are not calendar dates; anything else is shown as given.
  if (!MONTHS[m - 1] || !Number.isInteger(d) || d < 1 || d > 31 || !Number.isInteger(y)) return iso;
  return lang === 'zh' ? `${y}年${m}月${d}日` : `${d} ${MONTHS[m - 1]} ${y}`;
}

/**
 * Number ranges: Chicago's en dash in English (`2–3`, CMOS 6.78), GB/T 15834-2011's 至 in
 * Chinese (`2至3`: §4.13 allows 一字线 or 浪纹线 for ranges; 至 reads the same and cannot be
 * taken for a minus or a dash between Han characters), lists joined with `, ` / `、`.
 */
function numberRanges(ns: readonly number[], lang: LabelLanguage): string {
  const parts: string[] = [];
  for (let i = 0; i < ns.length; ) {
    let j = i;
    while (j + 1 < ns.length && ns[j + 1] === ns[j]! + 1) j++;
    parts.push(j > i ? `${ns[i]}${lang === 'zh' ? '至' : '–'}${ns[j]}` : `${ns[i]}`);
    i = j + 1;
  }
  return parts.join(lang === 'zh' ? '、' : ', ');
}

/** Paragraph locator: `¶2`, `¶2–3`, `¶¶1, 3`… (en, Chicago) or `第2段`, `第2至3段`, `第1、3段` (zh). */
export function formatParagraphs(ns: readonly number[], lang: LabelLanguage): string {
  const ranges = numberRanges(ns, lang);
  if (lang === 'zh') return `第${ranges}段`;
  return `${ns.length > 1 ? '¶¶' : '¶'}${ranges}`;
}

/** Sentences of one paragraph: `¶2, sentences 1–2` (en) or `第2段第1至2句` (zh). */
export function formatSentences(paragraph: number, sentences: readonly number[], lang: LabelLanguage): string {
  const ranges = numberRanges(sentences, lang);
  if (lang === 'zh') return `第${paragraph}段第${ranges}句`;
  return `¶${paragraph}, sentence${sentences.length === 1 ? '' : 's'} ${ranges}`;
}

/** Whole paragraphs and sentences of several paragraphs: `¶1; ¶2, sentence 1` (en) or
 * `第1段；第2段第1句` (zh). A single part is formatted as above. */
export function formatPassages(parts: readonly { paragraph: number; sentences: readonly number[] | null }[], lang: LabelLanguage): string {
  if (parts.every((p) => p.sentences === null)) return formatParagraphs(parts.map((p) => p.paragraph), lang);
  return parts
    .map((p) => (p.sentences === null ? formatParagraphs([p.paragraph], lang) : formatSentences(p.paragraph, p.sentences, lang)))
    .join(lang === 'zh' ? '；' : '; ');
}

/**
 * Quotation marks briefpack writes around quoted text: `curly` “…‘…’…” (Chicago 13.30 in
 * English; GB/T 15834 §4.1 in Simplified and much Traditional text) or `corner` 「…『…』…」
 * (Traditional text that quotes with corner brackets). The quoted text's own quotes of the
 * outer kind become the inner kind, so quotes nest instead of repeating (`“…“…”…”`).
 */
export type QuoteStyle = 'curly' | 'corner';

export function quoteText(text: string, style: QuoteStyle): string {
  if (style === 'corner') return `「${text.replace(/「/g, '『').replace(/」/g, '』')}」`;
  return `“${text.replace(/“/g, '‘').replace(/”/g, '’')}”`;
}

/** The quote style of a document: corner brackets when Chinese labels meet release text that
 * quotes with them, else curly quotes (always curly in English: Chicago). */
export function quoteStyleFor(lang: LabelLanguage, quotedText: string): QuoteStyle {
  return lang === 'zh' && quotedText.includes('「') ? 'corner' : 'curly';
}

/** An ellipsis for text that goes on: `……` (two em, GB/T 15834 §4.11) in Chinese text, `…` in English (Chicago 13.50). */
export function ellipsisFor(textLang: string): string {
  return textLang.startsWith('zh') ? '……' : '…';
}

/**
 * Words the renderers print themselves (page furniture, the heading of the source notes), in
 * the brief's label language and, for Chinese, its script. One table for both writers, so the
 * PDF and the DOCX cannot word them differently.
 */
export interface PageLabels {
  /** Heading of the numbered source notes at the end of the document. */
  notesHeading: string;
  /** "Page X of Y" in three pieces around the two numbers (the DOCX puts fields there). */
  pageOf: readonly [before: string, between: string, after: string];
  /** The cover's page label in PDF viewers (the pages after it are 1, 2, …). */
  cover: string;
  /** Language of these words, for font selection. */
  lang: Lang;
}

const PAGE_LABELS: Record<'en' | 'zh-Hant' | 'zh-Hans', PageLabels> = {
  en: { notesHeading: 'Notes', pageOf: ['Page ', ' of ', ''], cover: 'Cover', lang: 'en' },
  'zh-Hant': { notesHeading: '註釋', pageOf: ['第 ', ' 頁，共 ', ' 頁'], cover: '封面', lang: 'zh-Hant' },
  'zh-Hans': { notesHeading: '注释', pageOf: ['第 ', ' 页，共 ', ' 页'], cover: '封面', lang: 'zh-Hans' },
};

export function pageLabels(meta: Pick<DocumentMeta, 'labels' | 'lang'>): PageLabels {
  if (meta.labels === 'en') return PAGE_LABELS.en;
  return meta.lang === 'zh-Hans' ? PAGE_LABELS['zh-Hans'] : PAGE_LABELS['zh-Hant'];
}

/** `Page 2 of 6`, `第 2 頁，共 6 頁`. */
export function pageXofY(labels: PageLabels, page: number, pages: number): string {
  const [before, between, after] = labels.pageOf;
  return `${before}${page}${between}${pages}${after}`;
}
