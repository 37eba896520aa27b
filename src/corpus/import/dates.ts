/**
 * Dates as press releases write them, for `briefpack import`: `2025年1月13日`, `二〇二五年二月十三日`,
 * ROC years (`民國114年1月13日`, `114年01月13日`, `114-01-13`: year 114 of the Republic is 2025),
 * `January 13, 2025`, `13 January 2025`, `2025-01-13`, `2025/01/13`, `01/13/2025 05:50 PM`, and
 * month-and-day forms that state no year (`3月16日`, `二月十三日`, `Jan. 13`). Pure.
 *
 * We never guess a missing part: a full date needs a year, a month and a day in the text.
 */

export interface FoundDate {
  /** YYYY-MM-DD when the text states the year, else null. */
  iso: string | null;
  month: number;
  day: number;
  /** The year as stated (Gregorian), or null. */
  year: number | null;
  /** Offset and length of the match in the (NFKC-normalised) text. */
  index: number;
  length: number;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
export const MONTH_NAME = String.raw`(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?`;
const ZH_DIGITS = '〇零一二三四五六七八九十';
const ZH_NUM = `[${ZH_DIGITS}]`;
/** Republic of China year 1 is 1912. */
const ROC_OFFSET = 1911;

interface Pattern {
  re: RegExp;
  parts: (m: RegExpExecArray) => { year: number | null; month: number; day: number } | null;
}

const PATTERNS: Pattern[] = [
  // 2025年1月13日, 二〇二五年二月十三日, 民國114年1月13日, 114年01月13日
  {
    re: new RegExp(`(民[國国]\\s*)?(\\d{2,4}|${ZH_NUM}{2,4})\\s*年\\s*(\\d{1,2}|${ZH_NUM}{1,3})\\s*月\\s*(\\d{1,2}|${ZH_NUM}{1,3})\\s*[日号號]`, 'gu'),
    parts: (m) => ({ year: yearOf(m[2]!, Boolean(m[1])), month: zhNumber(m[3]!), day: zhNumber(m[4]!) }),
  },
  // 2025-01-13, 2025/01/13, 2025.01.13
  { re: /(?<![\d.])(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?![\d])/gu, parts: (m) => ({ year: Number(m[1]), month: Number(m[3]), day: Number(m[4]) }) },
  // 114-01-13, 114/01/13 (ROC, three digits)
  { re: /(?<![\d.])(\d{3})([-/.])(\d{1,2})\2(\d{1,2})(?![\d])/gu, parts: (m) => ({ year: Number(m[1]) + ROC_OFFSET, month: Number(m[3]), day: Number(m[4]) }) },
  // 01/13/2025 (month first, as US-style sites write it; day first when the first number cannot be a month)
  {
    re: /(?<![\d/])(\d{1,2})\/(\d{1,2})\/(\d{4})(?![\d])/gu,
    parts: (m) => {
      const [a, b] = [Number(m[1]), Number(m[2])];
      return a > 12 ? { year: Number(m[3]), month: b, day: a } : { year: Number(m[3]), month: a, day: b };
    },
  },
  // January 13, 2025 / Jan. 13 2025
  { re: new RegExp(String.raw`\b(${MONTH_NAME})\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`, 'giu'), parts: (m) => ({ year: Number(m[3]), month: monthOf(m[1]!), day: Number(m[2]) }) },
  // 13 January 2025
  { re: new RegExp(String.raw`\b(\d{1,2})(?:st|nd|rd|th)?\s+(${MONTH_NAME}),?\s+(\d{4})\b`, 'giu'), parts: (m) => ({ year: Number(m[3]), month: monthOf(m[2]!), day: Number(m[1]) }) },
];

const PARTIAL_PATTERNS: Pattern[] = [
  // 3月16日, 二月十三日 (no year before it)
  {
    re: new RegExp(`(?<![年\\d${ZH_DIGITS}])(\\d{1,2}|${ZH_NUM}{1,3})\\s*月\\s*(\\d{1,2}|${ZH_NUM}{1,3})\\s*[日号號]`, 'gu'),
    parts: (m) => ({ year: null, month: zhNumber(m[1]!), day: zhNumber(m[2]!) }),
  },
  // Jan. 13, January 13 (not followed by a year)
  { re: new RegExp(String.raw`\b(${MONTH_NAME})\s+(\d{1,2})(?:st|nd|rd|th)?\b(?!,?\s+\d{4})`, 'giu'), parts: (m) => ({ year: null, month: monthOf(m[1]!), day: Number(m[2]) }) },
];

/** Every date in the text (full ones and month-day ones), in text order, overlapping matches removed. */
export function findDates(text: string): FoundDate[] {
  const normalised = text.normalize('NFKC');
  const found: FoundDate[] = [];
  for (const pattern of [...PATTERNS, ...PARTIAL_PATTERNS]) {
    for (const m of normalised.matchAll(pattern.re)) {
      const index = m.index!;
      if (found.some((f) => index < f.index + f.length && f.index < index + m[0].length)) continue;
      const p = pattern.parts(m as RegExpExecArray);
      if (!p || !validDay(p.year ?? 2000, p.month, p.day)) continue;
      found.push({ iso: p.year === null ? null : iso(p.year, p.month, p.day), month: p.month, day: p.day, year: p.year, index, length: m[0].length });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

/**
 * The first full date the text states (year, month and day), as YYYY-MM-DD, or null.
 * "28日" or "September 2021" is not a full date: we never guess the missing parts.
 */
export function findFullDate(text: string): string | null {
  return findDates(text).find((d) => d.iso !== null)?.iso ?? null;
}

/** A line that is only a date (and perhaps a weekday, a time and a label such as `發布日期：`). */
export function isDateOnly(text: string): FoundDate | null {
  const dates = findDates(text);
  if (dates.length !== 1) return null;
  const d = dates[0]!;
  const normalised = text.normalize('NFKC');
  const rest = (normalised.slice(0, d.index) + ' ' + normalised.slice(d.index + d.length))
    .replace(DATE_LABEL, ' ')
    .replace(WEEKDAY, ' ')
    .replace(TIME, ' ')
    .replace(/[\s,，、:：|｜()（）[\]【】/-]+/gu, '');
  return rest === '' ? d : null;
}

const DATE_LABEL = /(?:发布时间|發布時間|发布日期|發布日期|更新时间|更新時間|发表时间|發表時間|日期|时间|時間|來源日期|Date|Updated|Published|Posted|Release date|Issued)\s*[:：]?/giu;
const WEEKDAY = /(?:星期|週|周|禮拜|礼拜)[一二三四五六日天]|\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\b\.?/giu;
const TIME = /\d{1,2}[:：]\d{2}(?:[:：]\d{2})?\s*(?:[AaPp]\.?[Mm]\.?)?|(?:上午|下午|晚上)?\d{1,2}\s*[時时点點]\s*(?:\d{1,2}\s*分)?|\b(?:HKT|GMT|UTC|CST)\b(?:\s*[+-]\d+)?/gu;

function yearOf(text: string, roc: boolean): number | null {
  const n = /^\d+$/.test(text) ? Number(text) : Number([...text].map(zhDigit).join(''));
  // Without 民國, a two- or three-digit year is a ROC year only in the range releases use (1961–2061).
  if (roc || (n >= 50 && n <= 150)) return n + ROC_OFFSET;
  return n >= 1900 && n < 2200 ? n : null;
}

function monthOf(name: string): number {
  return MONTHS.indexOf(name.toLowerCase().slice(0, 3)) + 1;
}

function zhDigit(c: string): number {
  return c === '〇' || c === '零' ? 0 : '一二三四五六七八九'.indexOf(c) + 1;
}

/** Digits, or Chinese numerals with 十 (二十八, 十三, 三十一). */
export function zhNumber(text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  if (!text.includes('十')) return Number([...text].map(zhDigit).join('')) || 0;
  const [tens, units] = text.split('十');
  return (tens ? zhDigit(tens) : 1) * 10 + (units ? zhDigit(units) : 0);
}

function validDay(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function iso(y: number, m: number, d: number): string | null {
  if (!y || y < 1900) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
