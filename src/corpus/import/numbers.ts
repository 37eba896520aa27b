/**
 * The figures of a text as comparable tokens, so a translation can be told by the numbers it
 * shares with its original whatever the notation: `24 000` = `24,000` = `24000`; `120萬元` =
 * `$1.2 million`; `32億` = `3.2 billion`; `1萬7000` = `17,000`; `六個` = `six`; `113年` (ROC) =
 * `2024`; `一月十五日` = `January 15` (`1/15`, and the day `d15`, which `今(15)日` also gives);
 * `6月` = `June` (`m6`). Pure.
 */
import { findDates, zhNumber } from './dates.js';

const ZH = '〇零一二三四五六七八九十两兩';
const MEASURE = '个個项項名位次所年辆輛国國届屆条條家座架艘人宗件天日周週倍';
const SCALE: Record<string, number> = { 万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8, 兆: 1e12, thousand: 1e3, million: 1e6, mln: 1e6, billion: 1e9, bln: 1e9, bn: 1e9, trillion: 1e12 };
const EN_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];
const MONTH_WORD = /\b(January|February|March|April|May|June|July|August|September|October|November|December)\b/gu;
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

export function numberTokens(text: string): Set<string> {
  const out = new Set<string>();
  let t = text.normalize('NFKC');
  // Dates first, so their parts are not read as plain numbers.
  const dates = findDates(t);
  for (const d of [...dates].reverse()) {
    out.add(`${d.month}/${d.day}`).add(`d${d.day}`);
    if (d.year) out.add(String(d.year));
    t = `${t.slice(0, d.index)} ${t.slice(d.index + d.length)}`;
  }
  const take = (re: RegExp, token: (m: RegExpExecArray) => string | null) => {
    t = t.replace(re, (...args) => {
      const m = args.slice(0, -2) as unknown as RegExpExecArray;
      const tok = token(m);
      if (tok) out.add(tok);
      return ' ';
    });
  };
  take(new RegExp(`今\\s*[(（]\\s*(\\d{1,2})\\s*[)）]\\s*日|(?<![\\d${ZH}月])(\\d{1,2}|[${ZH}]{1,3})\\s*日`, 'gu'), (m) => `d${zhNumber(m[1] ?? m[2]!)}`);
  take(new RegExp(`(\\d{1,2}|[${ZH}]{1,3})\\s*月份?`, 'gu'), (m) => `m${zhNumber(m[1]!)}`);
  take(MONTH_WORD, (m) => `m${MONTHS.indexOf(m[1]!.toLowerCase()) + 1}`);
  // ROC years: 113年 is 2024.
  take(/(?<!\d)(\d{2,3})\s*年(?!代)/gu, (m) => (Number(m[1]) >= 50 && Number(m[1]) <= 150 ? String(Number(m[1]) + 1911) : canonical(Number(m[1]))));
  // Scaled: 1萬7000, 120萬, 3.2 billion.
  take(/(\d+(?:\.\d+)?)\s*(萬|万)\s*(\d{1,4})(?!\d)/gu, (m) => canonical(Number(m[1]) * 1e4 + Number(m[3])));
  take(/(\d[\d,]*(?:\.\d+)?)\s*(万|萬|亿|億|兆|thousand|million|mln|billion|bln|bn|trillion)\b/giu, (m) => canonical(Number(m[1]!.replace(/,/g, '')) * SCALE[m[2]!.toLowerCase()]!));
  take(/(\d[\d,]*(?:\.\d+)?)\s*(万|萬|亿|億|兆)/gu, (m) => canonical(Number(m[1]!.replace(/,/g, '')) * SCALE[m[2]!]!));
  take(new RegExp(`百分之([${ZH}]+|\\d+(?:\\.\\d+)?)`, 'gu'), (m) => canonical(/\d/.test(m[1]!) ? Number(m[1]) : zhValue(m[1]!)));
  take(new RegExp(`([${ZH}]{1,4})(?=[${MEASURE}])`, 'gu'), (m) => {
    const v = zhValue(m[1]!);
    return v > 0 ? canonical(v) : null;
  });
  take(new RegExp(`\\b(${EN_WORDS.join('|')})\\b`, 'giu'), (m) => canonical(EN_WORDS.indexOf(m[1]!.toLowerCase())));
  // Plain numbers, with thousands separated by commas or (Hong Kong style) spaces.
  take(/\d{1,3}(?:[, ]\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?/gu, (m) => canonical(Number(m[0].replace(/[, ]/g, ''))));
  return out;
}

function canonical(n: number): string {
  return String(Math.round(n * 1000) / 1000);
}

/** 二十八 → 28, 兩 → 2, 一百 is not handled (rare in releases' running figures). */
function zhValue(text: string): number {
  return zhNumber(text.replace(/[两兩]/gu, '二'));
}
