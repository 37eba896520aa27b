/**
 * The cue families `briefpack import` reads in a raw dump, one line or paragraph at a time.
 * Each is a family of forms found on many issuers' pages, not one site's strings:
 *
 * - end marks and trailers: `■`, `完`, `（完）`, `NNNN`, `Ends/Tuesday, …`, `Enditem/…`,
 *   `Issued at HKT 21:55`, `香港時間21時55分`, `责任编辑：…`, `（责编：…）`, `原标题：…`;
 * - page furniture a scraper keeps: navigation crumbs (`首页 > 新闻 > 正文`, `You are here`),
 *   share/print/font-size buttons, rules of `*` or `-`, bare addresses, `来源：…` lines;
 * - date lines (`114年01月13日`, `01/13/2025 05:50 PM`, `发布时间：2025-01-13 10:05`) and bylines
 *   (`By … | China Daily | Updated: …`, `記者 …`);
 * - datelines opening a lead paragraph (`新华社北京3月16日电（记者 …）`, `（中央社記者…台北13日電）`,
 *   `Taipei, Jan. 13 (CNA) --`, `BEIJING --`);
 * - headline shape (short, no sentence-final punctuation) and lead shape (`今(13)日`, `today
 *   (January 15)`, `日前`, `Following is …`).
 */
import { isDateOnly, MONTH_NAME, zhNumber, findDates } from './dates.js';

export type LineKind =
  | 'end' // an end mark: the release is over
  | 'trailer' // editor, original title, issue time: metadata after the text
  | 'source' // `来源：…` / `Source: …`: names the issuer
  | 'url'
  | 'nav' // navigation crumbs and page buttons
  | 'rule' // a line of * or - or =
  | 'date' // only a date (and time, weekday, label)
  | 'byline'
  | 'docno' // an official document number: `国办发〔2025〕3号`
  | 'text';

/** A paragraph or a cue line of a dump, with what splitting needs to know of it. */
export interface DumpUnit {
  kind: LineKind | 'para';
  first: number;
  last: number;
  raw: string;
  text: string;
  language: 'zh' | 'en' | null;
  han: number;
  latin: number;
  hantOnly: number;
  hansOnly: number;
  headlineShaped: boolean;
  value?: string;
}

export interface LineCue {
  kind: LineKind;
  /** For `source`: the name; for `url`: the address; for `byline`: an issuer it names. */
  value?: string;
}

/** End marks as a line of their own. `Ends/Tuesday, April 24, 2018` and `Enditem/ls` carry more after a slash. */
const END_LINE = /^(?:[■□◆]+|[(（[【]?\s*完\s*[)）\]】]?|[-—–=]*\s*(?:完|END|End)\s*[-—–=]*|\(?(?:END|End)\)?|Ends?(?:\s*\/.*)?|NNNN|Enditem(?:\s*\/\s*\S*)?|-{2,}\s*30\s*-{2,})$/u;
/** An end mark closing a paragraph: `…表示。（完）`, `… said. ■`, `… (END)`, `… Enditem/ls`. */
export const END_MARK_AT_END = /(?:[■□]|[(（]完[)）]|\((?:END|End)\)|\bEnditem(?:\/\S*)?)\s*$/u;
const TRAILER_LINE = new RegExp(
  [
    String.raw`^[(（【\[]?\s*(?:责任编辑|責任編輯|责编|責編|编辑|編輯|审核|審核|审校|審校|校对|校對|编审|編審|Editor|Edited by|Editors?)\s*[:：]`,
    String.raw`^(?:原标题|原標題|原题|原題|Original title)\s*[:：]`,
    String.raw`^(?:Issued at HKT|Issued at)\s+\d{1,2}:\d{2}$`,
    String.raw`^香港時間\s*\d{1,2}\s*時\s*\d{1,2}\s*分$`,
    String.raw`^[(（]\s*(?:By|Reporting by|Writing by)\s+[^)）]+[)）]\s*(?:Enditem(?:\/\S*)?)?$`,
    String.raw`^[(（]?\s*(?:Xinhua|新华社|新華社)\s*[)）]?\s*(?:Updated|更新)\s*[:：]`,
    String.raw`^(?:【?(?:纠错|糾錯|打印|列印)】?\s*)+$`,
    String.raw`^[(（]\s*此件(?:公开发布|公開發布|不公开|不公開|有删减|有刪減)\s*[)）]$`,
  ].join('|'),
  'iu',
);
/** `国办发〔2025〕3号`, `外交部令第5号`, `(2025) 12號`: an official document's number. */
const DOCNO_LINE = /^\p{Script=Han}{0,12}\s*[〔[【(（]\s*(?:19|20)\d{2}\s*[〕\]】)）]\s*(?:第\s*)?\d{1,4}\s*[号號]$/u;
const SOURCE_LINE = /^[(（]?\s*(?:来源|來源|稿源|资料来源|資料來源|发布单位|發布單位|发稿单位|發稿單位|发布机构|發布機關|Source|Issued by)\s*[:：]\s*(.{2,40}?)\s*[)）]?$/iu;
const URL_LINE = /^(?:(?:原文)?(?:链接|鏈接|网址|網址|URL|Link)\s*[:：]\s*)?(https?:\/\/\S+)$/iu;
const NAV_START = /^(?:当前位置|您当前的位置|您的位置|您现在的位置|您所在的位置|現在位置|目前位置|所在位置|位置|You are here|Home|首页|首頁|主頁|主页)\s*(?:[:：>＞›»/|]|$)/iu;
const NAV_SEPARATOR = /\s*(?:>|＞|›|»|→|\/|\|)\s*/gu;
const BUTTON_LINE = /^(?:[【[]?\s*(?:分享到?|分享至|打印本页|打印|列印|关闭窗口|关闭|關閉|字[体號号級级]|字体大小|返回顶部|回到顶部|回頂端|跳到主要內容|跳到主要内容|跳至主要內容|Skip to main content|Go to main content|收藏|大|中|小|A{1,3}|Print(?: this page)?|Share(?: this)?|Email|E-mail|Font size|Text size|Back to top|Close)\s*[】\]]?\s*[:：]?\s*)+$/iu;
/** Footers and link lists a page repeats: `Copyright © …`, `版权所有`, `相关新闻`, `Related stories`. */
const FOOTER_LINE = /^(?:Copyright\b|©|版权所有|版權所有|All rights reserved|相关新闻|相關新聞|相关阅读|相關閱讀|延伸阅读|延伸閱讀|推荐阅读|推薦閱讀|Related (?:news|stories|articles|links)|Read more|More stories)\s*[:：]?/iu;
const RULE_LINE = /^[\s*＊=＝\-—_~·•.。:：]{3,}$/u;
const BYLINE = /^(?:By\s+\p{Lu}[\p{L}.'-]+(?:\s+(?:and\s+)?\p{Lu}?[\p{L}.'-]+){0,6}(?:\s*[|｜]\s*([^|｜]+?))?(?:\s*[|｜].*)?|(?:文|圖|图|文\/圖|記者|记者|作者|撰文)\s*[／/:：]?\s*[\p{Script=Han}·]{2,4}(?:[、\s]+[\p{Script=Han}·]{2,4}){0,3})$/u;

/** A page's meta line: a date with source, author or editor labels (`2017-03-09 07:20:20  来源：新华社  责任编辑：周冬`, `Source: Xinhua| 2025-01-13 10:05:12 | Editor: huaxia`). */
const META_LABEL = /(?:来源|來源|作者|编辑|編輯|责编|責編|发布时间|發布時間|浏览|瀏覽|点击|點擊|Source|Author|Editor|Updated|Published)\s*[:：]|[|｜]/iu;
const META_SOURCE = /(?:来源|來源|Source)\s*[:：]\s*([^|｜\s]+(?:\s[^|｜\s:：]+)?)/iu;
/** Photo credits and captions: `新华社记者李鑫摄`, `（中央社記者…攝）`, `[Photo/Xinhua]`, `(Photo: CNA)`. */
const CAPTION = /(?:(?:记者|記者)[\p{Script=Han}·\s]{2,12}[摄攝][)）]?|[摄攝]影?[:：]\s*\S{2,12}|(?:供图|供圖)[)）]?|\[Photo[^\]]*\]|\((?:Photo|Photos|File photo)[:/][^)]*\))\s*$/u;

export function classifyLine(text: string): LineCue {
  const t = text.trim();
  if (END_LINE.test(t)) return { kind: 'end' };
  if (TRAILER_LINE.test(t)) return { kind: 'trailer' };
  if (width(t) <= 120 && META_LABEL.test(t) && findDates(t).some((d) => d.iso) && !SENTENCE_END.test(t)) {
    return { kind: 'byline', value: META_SOURCE.exec(t)?.[1]?.trim() ?? BYLINE.exec(t)?.[1]?.trim() };
  }
  if (width(t) <= 160 && CAPTION.test(t)) return { kind: 'byline' };
  const source = SOURCE_LINE.exec(t);
  if (source) return { kind: 'source', value: source[1]!.trim() };
  const url = URL_LINE.exec(t);
  if (url) return { kind: 'url', value: url[1]! };
  if (RULE_LINE.test(t)) return { kind: 'rule' };
  if (DOCNO_LINE.test(t)) return { kind: 'docno' };
  if (isNav(t) || (width(t) <= 120 && FOOTER_LINE.test(t))) return { kind: 'nav' };
  if (width(t) <= 80 && isDateOnly(t)) return { kind: 'date' };
  const byline = width(t) <= 90 ? BYLINE.exec(t) : null;
  if (byline) return { kind: 'byline', value: byline[1]?.trim() };
  return { kind: 'text' };
}

function isNav(t: string): boolean {
  if (width(t) > 120) return false;
  if (BUTTON_LINE.test(t)) return true;
  if (NAV_START.test(t)) return true;
  // Crumbs: three or more short items joined by > › » (not sentence text).
  const parts = t.split(NAV_SEPARATOR);
  const separators = (t.match(/[>＞›»→]/gu) ?? []).length;
  return separators >= 2 && parts.length >= 3 && parts.every((p) => width(p) <= 24) && !SENTENCE_END.test(t);
}

/** Sentence-final punctuation, possibly followed by closing quotes or brackets (`said Zhao."`). */
export const SENTENCE_END = /[。！？.!?■□…]["'”’」』)）]*$/u;
/** Headlines are short: at most this many columns (a Han character takes two). */
export const MAX_HEADLINE_WIDTH = 200;

/** Short, has letters, and ends without sentence-final punctuation (Chinese: none inside). */
export function isHeadlineShaped(text: string, language: 'zh' | 'en' | null): boolean {
  const t = text.trim();
  if (!language || SENTENCE_END.test(t) || width(t) > MAX_HEADLINE_WIDTH) return false;
  if (/[:：;；,，、]$/u.test(t)) return false; // an intro to what follows, or a list item, not a headline
  return language === 'en' || !/[。！？]/u.test(t);
}

/** Numbered or bulleted sub-headings and list items inside a release (`一、`, `（二）`, `1.`, `(a)`, `*`). */
export const SUBHEADING_SHAPE = /^(?:[一二三四五六七八九十]+[、．.]|[(（][一二三四五六七八九十\d]+[)）]|\d{1,2}[.、．)]\s*|\([a-z]\)|[*•·●▪-]\s|(?:问|問|答|Q|A)\s*[:：])/u;

// ——— datelines ———

export interface Dateline {
  /** The dateline text as matched (NFKC-normalised). */
  text: string;
  /** Length of the match from the start of the paragraph (the dateline opens it). */
  length: number;
  agency: string | null;
  place: string | null;
  month: number | null;
  day: number | null;
  year: number | null;
}

const ZH_NUM = '[〇零一二三四五六七八九十]';
/** Agencies and papers: a Han name ending in 社/网/網/报/報/台 (新华社, 中新网, 本报, 中央社, 香港新聞網). */
const ZH_DATELINE = new RegExp(
  String.raw`^\s*[【\[（(]?\s*(?<agency>\p{Script=Han}{1,6}?(?:社|网|網|报|報|台|电视台|電視台))?\s*(?:(?:记者|記者)\s*(?<who>[\p{Script=Han}、·\s]{2,14}?))?\s*(?<place>\p{Script=Han}{0,6}?)\s*(?:(?<month>\d{1,2}|${ZH_NUM}{1,3})\s*月)?\s*(?<day>\d{1,2}|${ZH_NUM}{1,3})\s*日\s*(?:电|電|讯|訊|消息)\s*[】\]）)]?(?:\s*[（(]\s*(?:记者|記者|通讯员|通訊員)[^（）()]{1,30}[）)])?`,
  'u',
);
const EN_DATELINE = new RegExp(
  String.raw`^\s*(?<place>\p{Lu}[\p{L}.' ]{1,30}?),\s+(?<month>${MONTH_NAME})\s+(?<day>\d{1,2})(?:,\s*(?<year>\d{4}))?\s*(?:\((?<agency>[\p{L}][\p{L}\d .&'-]{0,30})\)\s*(?:--|—|–|-|:)?|(?:--|—|–))`,
  'u',
);
/** `BEIJING --`, `HONG KONG —`, `TAIPEI (Taiwan News) —`. */
const EN_PLACE_DATELINE = /^\s*(?<place>\p{Lu}{2,}(?:[ -]\p{Lu}{2,}){0,3})(?:\s*\((?<agency>[^)]{2,30})\))?\s*(?:--|—|–)\s*/u;

export function findDateline(text: string): Dateline | null {
  const t = text.normalize('NFKC');
  const zh = ZH_DATELINE.exec(t);
  if (zh?.groups && (zh.groups.agency || zh.groups.who || zh.groups.place)) {
    let { agency = null, who = null, place = null } = zh.groups as Record<string, string | null>;
    // `記者溫貴香台北13日電`: the reporter's name and the place run together; names are mostly
    // three characters, two when only four remain.
    if (who) {
      const w = `${who}${place ?? ''}`.replace(/\s+/g, '');
      const cut = w.length >= 5 ? 3 : w.length === 4 ? 2 : w.length;
      place = w.slice(cut) || null;
    }
    if (agency === '本报' || agency === '本報') agency = null;
    return {
      text: zh[0].trim(),
      length: zh[0].length,
      agency: agency ?? null,
      place: place || null,
      month: zh.groups.month ? zhNumber(zh.groups.month) : null,
      day: zhNumber(zh.groups.day!),
      year: null,
    };
  }
  const en = EN_DATELINE.exec(t);
  if (en?.groups) {
    return {
      text: en[0].trim(),
      length: en[0].length,
      agency: en.groups.agency?.trim() ?? null,
      place: titleCase(en.groups.place!.trim()),
      month: findDates(`${en.groups.month} ${en.groups.day}`)[0]?.month ?? null,
      day: Number(en.groups.day),
      year: en.groups.year ? Number(en.groups.year) : null,
    };
  }
  const bare = EN_PLACE_DATELINE.exec(t);
  if (bare?.groups) return { text: bare[0].trim(), length: bare[0].length, agency: bare.groups.agency?.trim() ?? null, place: titleCase(bare.groups.place!), month: null, day: null, year: null };
  return null;
}

/** `BEIJING` → `Beijing`, `HONG KONG` → `Hong Kong`; `Taipei` stays. */
function titleCase(place: string): string {
  return place === place.toUpperCase() ? place.toLowerCase().replace(/\b\p{L}/gu, (c) => c.toUpperCase()) : place;
}

/** A lead paragraph names its day early: `今(13)日`, `今日（一月十五日）`, `13日`, `日前`, `today (January 15)`, `on Monday`. */
const LEAD_ZH = new RegExp(String.raw`^.{0,40}?(?:今\s*[（(]?\s*(?:\d{1,2}|${ZH_NUM}{1,3})?\s*[)）]?\s*日|(?:\d{1,2}|${ZH_NUM}{1,3})\s*日|日前|近日|昨天|今天|昨日|\d{1,2}月\d{1,2}日)|^(?:以下是|以下为|以下為)|^.{0,6}?(?:记者|記者)(?:近日|日前)?从.{1,24}?(?:获悉|獲悉|了解到|瞭解到)|^据.{1,16}?(?:消息|报道|報導|報道)`, 'u');
const LEAD_EN = /^.{0,160}?\b(?:today|yesterday|on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|recently)|^(?:Following is|The following is|Here is)/iu;

/** An editor's mark closing a paragraph, with CNA's ROC date after it: `…方案。（編輯：李淑華）1140113`. */
export const INLINE_TRAILER = /\s*[(（]\s*(?:责任编辑|責任編輯|责编|責編|编辑|編輯)\s*[:：][^()（）]{1,30}[)）]\s*(\d{7})?\s*$/u;

export function isLeadShaped(text: string, language: 'zh' | 'en' | null): boolean {
  if (language === 'zh') return LEAD_ZH.test(text);
  if (language === 'en') return LEAD_EN.test(text);
  return false;
}

/** Display width: a Han character or a full-width form takes two columns. */
export function width(text: string): number {
  let w = 0;
  for (const ch of text) w += WIDE.test(ch) ? 2 : 1;
  return w;
}
const WIDE = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;
