/**
 * CSL-JSON items from release metadata: what citeproc-js needs to cite a press release.
 *
 * A release is cited as an online document (`webpage`, GB/T 7714's [EB/OL]) whose author is
 * its issuer (an institution, so a `literal` name that no style splits into given and family
 * names), with its title in the release's own language, its short title for later notes, the
 * date it was issued and its URL. An English reader also gets an English title, where the
 * release file gives one, in brackets after the original (Chicago 14.98). The item's id is
 * the release id: it never appears in formatted text, only as the engine's key.
 */

/** The citation data of one release, as the corpus gives it (names already looked up). */
export interface CitableSource {
  id: string;
  /** Language of the release text: `zh-Hant`, `zh-Hans` or `en`. */
  lang: string;
  /** Title in the release's own language. */
  title: string;
  /** English title of a Chinese release, or null. */
  titleEn: string | null;
  /** Short title for later notes, or null (then derived from the title). */
  titleShort: string | null;
  /** The issuing body in Chinese and in English (either may be missing). */
  issuer: { zh: string | null; en: string | null };
  /** ISO date YYYY-MM-DD, or null. */
  issued: string | null;
  url: string | null;
}

/** The subset of CSL-JSON we write. */
export interface CslItem {
  id: string;
  type: 'webpage';
  title: string;
  'title-short': string;
  author?: { literal: string }[];
  issued?: { 'date-parts': [[number, number, number]] };
  URL?: string;
  genre: string;
  language: string;
}

export interface CslItemOptions {
  /** The brief's label language: which name of the issuer, which genre word. */
  labels: 'en' | 'zh';
}

const GENRE = { en: 'press release', zh: '新聞稿' } as const;

export function cslItem(source: CitableSource, options: CslItemOptions): CslItem {
  const english = options.labels === 'en';
  const issuer = english ? (source.issuer.en ?? source.issuer.zh) : (source.issuer.zh ?? source.issuer.en);
  const translated = english && source.lang !== 'en' && source.titleEn ? `${source.title} [${source.titleEn}]` : source.title;
  const item: CslItem = {
    id: source.id,
    type: 'webpage',
    title: translated,
    'title-short': source.titleShort ?? shortTitle(source.title, source.lang),
    genre: GENRE[options.labels],
    language: source.lang,
  };
  if (issuer) item.author = [{ literal: issuer }];
  if (source.issued) {
    const [y, m, d] = source.issued.split('-').map(Number) as [number, number, number];
    item.issued = { 'date-parts': [[y, m, d]] };
  }
  if (source.url) item.URL = source.url;
  return item;
}

/**
 * A short title when the release file gives none: English titles keep their first four
 * words after a leading article (Chicago 14.30), Chinese ones their first twelve characters,
 * each with an ellipsis when something was cut, so the short form is never the full title.
 * A quotation or a title mark (《》) the cut leaves open is closed after the ellipsis.
 */
export function shortTitle(title: string, lang: string): string {
  if (lang === 'en') {
    const words = title.split(/\s+/).filter(Boolean);
    const start = /^(a|an|the)$/i.test(words[0] ?? '') ? 1 : 0;
    const kept = words.slice(start, start + 4);
    return kept.length < words.length - start ? `${kept.join(' ')}…${closersOf(kept.join(' '))}` : kept.join(' ');
  }
  const chars = [...title];
  if (chars.length <= 12) return title;
  const kept = chars.slice(0, 12).join('');
  return `${kept}…${closersOf(kept)}`;
}

const CLOSER: Readonly<Record<string, string>> = { '“': '”', '‘': '’', '「': '」', '『': '』', '《': '》', '〈': '〉', '（': '）', '(': ')', '【': '】', '〔': '〕' };
const OPENER: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(CLOSER).map(([o, c]) => [c, o]));

/** The marks that close what `text` leaves open, innermost first. */
function closersOf(text: string): string {
  const open: string[] = [];
  for (const ch of text) {
    if (CLOSER[ch]) open.push(ch);
    else if (OPENER[ch] && open.at(-1) === OPENER[ch]) open.pop();
  }
  return open
    .reverse()
    .map((o) => CLOSER[o])
    .join('');
}
