/**
 * The cue families `briefpack import` reads (dates, datelines, trailers, furniture) and the
 * figures it compares to pair translations, each pinned on the forms real releases use.
 */
import { describe, expect, it } from 'vitest';
import { classifyLine, findDateline, isHeadlineShaped, isLeadShaped } from '../../src/corpus/import/cues.js';
import { findDates, findFullDate, isDateOnly } from '../../src/corpus/import/dates.js';
import { numberTokens } from '../../src/corpus/import/numbers.js';
import { pairReleases } from '../../src/corpus/import/pair-translations.js';
import { readReleaseFile } from '../../src/corpus/release-file.js';
import { splitDump } from '../../src/corpus/import/split-dump.js';

describe('dates', () => {
  it.each([
    ['114年01月13日', '2025-01-13'],
    ['民國114年2月13日', '2025-02-13'],
    ['發布日期：114-01-13', '2025-01-13'],
    ['01/13/2025 05:50 PM', '2025-01-13'],
    ['2025/01/13', '2025-01-13'],
    ['Ends/Wednesday, January 15, 2025', '2025-01-15'],
    ['2025年1月15日（星期三）', '2025-01-15'],
    ['二〇二五年二月十三日', '2025-02-13'],
    ['Updated: 2025-02-13 07:12', '2025-02-13'],
    ['超過600年', null],
    ['今日（二月十三日）', null],
  ])('%s → %s', (text, iso) => {
    expect(findFullDate(text)).toBe(iso);
  });

  it('month-and-day forms are found without inventing a year', () => {
    expect(findDates('今日（二月十三日）').map((d) => [d.month, d.day, d.year])).toEqual([[2, 13, null]]);
    expect(findDates('新华社北京3月16日电').map((d) => [d.month, d.day, d.year])).toEqual([[3, 16, null]]);
    expect(findDates('Taipei, Jan. 13 (CNA)').map((d) => [d.month, d.day, d.year])).toEqual([[1, 13, null]]);
  });

  it('a date line is only a date, a weekday, a time and a label', () => {
    for (const line of ['114年01月13日', '01/13/2025 05:50 PM', '2025-03-16 10:25:31', '發布日期：民國114年2月13日', 'Published: Jan 21, 2025 09:21 PM', '2025年1月15日（星期三）']) expect(isDateOnly(line), line).not.toBeNull();
    for (const line of ['2022年8月19日外交部发言人汪文斌', 'On January 14, 2025, Wang Yi held a call.']) expect(isDateOnly(line), line).toBeNull();
  });
});

describe('datelines', () => {
  it.each([
    ['新华社北京3月16日电（记者 张立新）国家发展改革委16日…', '新华社', '北京', 3, 16],
    ['本报北京3月16日电  （记者 王慧敏）眼下正值…', null, '北京', 3, 16],
    ['中新网上海3月16日电 (记者 陈静)上海市…', '中新网', '上海', 3, 16],
    ['（中央社記者溫貴香台北13日電）總統賴清德今天…', '中央社', '台北', null, 13],
    ['Taipei, Jan. 13 (CNA) President Lai Ching-te (賴清德) on Monday…', 'CNA', 'Taipei', 1, 13],
    ['BEIJING, March 16 (Xinhua) -- China has…', 'Xinhua', 'Beijing', 3, 16],
    ['BEIJING -- The capital will…', null, 'Beijing', null, null],
  ])('%s', (text, agency, place, month, day) => {
    expect(findDateline(text)).toMatchObject({ agency, place, month, day });
  });

  it('ordinary lead sentences have none', () => {
    for (const text of ['國務委員、公安部部長趙克志日前致函…', 'The government on Thursday said it will…', 'Lai said 120 vehicles would be replaced.']) expect(findDateline(text), text).toBeNull();
  });
});

describe('line cues', () => {
  it.each([
    ['■', 'end'], ['完', 'end'], ['（完）', 'end'], ['NNNN', 'end'], ['Ends/Tuesday, April 24, 2018', 'end'], ['Enditem/ls', 'end'],
    ['责任编辑：刘晓晴', 'trailer'], ['（责编：赵欣悦、牛镛）', 'trailer'], ['原标题：春耕备耕正当时', 'trailer'], ['Issued at HKT 12:30', 'trailer'], ['香港時間12時30分', 'trailer'],
    ['(By Wu Su-wei and Lee Hsin-Yin)', 'trailer'], ['[Editor: Liu Wei]', 'trailer'], ['【纠错】', 'trailer'], ['（此件公开发布）', 'trailer'],
    ['来源：新华社', 'source'], ['https://www.info.gov.hk/gia/general/202501/15/P2025011500345.htm', 'url'],
    ['首页 > 时政 > 正文', 'nav'], ['当前位置：首页 > 政策 > 最新', 'nav'], ['Home > Local', 'nav'], ['跳到主要內容', 'nav'],
    [':::', 'rule'], ['*****', 'rule'], ['国办发〔2025〕3号', 'docno'],
    ['By ZHENG YIRAN | China Daily | Updated: 2025-02-13 07:12', 'byline'],
    ['2017-03-09 07:20:20  来源：新华社  责任编辑：周冬 赵舒文', 'byline'], ['Source: Xinhua| 2025-01-13 10:05:12 | Editor: huaxia', 'byline'],
    ['这是王毅在回答记者提问。新华社记者李鑫摄', 'byline'], ['People attend the event in Beijing. [Photo/Xinhua]', 'byline'],
    ['【字体：大 中 小】', 'nav'], ['打印本页 关闭窗口', 'nav'],
    ['国务院发布2025年1月1日起施行的新规', 'text'],
    ['（来源：人民日报）', 'source'], ['Copyright © 2025 Xinhua News Agency. All rights reserved.', 'nav'], ['相关新闻：', 'nav'],
    ['國務委員、公安部部長趙克志日前致函上合組織地區反恐怖機構執委會主任吉約索夫，預祝演習取得圓滿成功。', 'text'],
    ['By the end of 2025, China will open 50 parks.', 'text'],
    ['President,', 'text'],
  ])('%s → %s', (line, kind) => {
    expect(classifyLine(line).kind).toBe(kind);
  });

  it('a headline is short and ends without sentence punctuation; an intro or a list item is not one', () => {
    expect(isHeadlineShaped('總統接見「113年『鳳凰獎』楷模得獎人」', 'zh')).toBe(true);
    expect(isHeadlineShaped('LCQ5: Cross-boundary student arrangements', 'en')).toBe(true);
    expect(isHeadlineShaped('各地的主要做法包括：', 'zh')).toBe(false);
    expect(isHeadlineShaped('加快农田水利设施修复；', 'zh')).toBe(false);
    expect(isHeadlineShaped('王毅表示，今年是中新建交35周年。', 'zh')).toBe(false);
  });
});

describe('leads', () => {
  it.each([
    ['港鐵公司今日（二月十三日）表示', 'zh'], ['賴清德總統今(13)日上午接見', 'zh'], ['國務委員趙克志日前致函', 'zh'], ['记者从国家统计局获悉，1月份', 'zh'], ['据新华社消息，', 'zh'],
    ['The Government today (March 3) announced', 'en'], ['China and Brazil on Tuesday agreed', 'en'], ['Following is a question by', 'en'],
  ] as const)('%s', (text, lang) => {
    expect(isLeadShaped(text, lang)).toBe(true);
  });
  it('an ordinary paragraph is not a lead', () => {
    expect(isLeadShaped('该负责人说，下一步将加强农资价格监测。', 'zh')).toBe(false);
    expect(isLeadShaped('Analysts said the allocation would help farmers.', 'en')).toBe(false);
  });
});

describe('page leftovers between releases', () => {
  it('a list of related links before a headline is kept out; an &nbsp; line is blank', () => {
    const dump = [
      'First headline here',
      '新华社北京1月2日电 第一条新闻的导语写在这里，说明发生了什么。',
      '第二段补充说明有关情况，并介绍下一步安排。',
      '&nbsp;',
      '相关新闻：',
      '另一条相关新闻的标题',
      '再一条相关新闻的标题',
      '第二条新闻的标题',
      '新华社上海1月2日电 第二条新闻的导语写在这里，说明发生了什么。',
    ].join('\n');
    const drafts = splitDump(dump, { rawPath: 'raw/x.txt' });
    expect(drafts.map((d) => [d.lineRange, d.headline, d.paragraphs.length])).toEqual([
      [[1, 3], 'First headline here', 2],
      [[6, 9], '第二条新闻的标题', 1],
    ]);
  });
});

describe('figures compared across languages', () => {
  it('reads one figure the same in both notations', () => {
    const zh = numberTokens('今日（一月十五日），約有24 000名學童使用六個管制站，津貼120萬元，113年得獎人，1萬7000人，32億元。');
    const en = numberTokens('Today (January 15), about 24,000 students use six control points; a grant of $1.2 million; 2024 recipients; 17,000 people; 3.2 billion.');
    expect([...zh].sort()).toEqual([...en].sort());
  });

  it('pairs a translation and leaves a report as related', () => {
    const original = { lang: 'zh-Hant' as const, headline: '衞生防護中心調查個案', paragraphs: ['衞生防護中心今日（一月十五日）正調查一宗個案，涉及一名5歲男童，他自一月十二日起發燒。', '中心呼籲市民致電2125 1111查詢。'] };
    const translation = { lang: 'en' as const, headline: 'CHP investigates case', paragraphs: ['The CHP is today (January 15) investigating a case affecting a 5-year-old boy, who has had fever since January 12.', 'The CHP urged the public to call 2125 1111.'] };
    const report = { lang: 'en' as const, headline: 'Boy in serious condition', paragraphs: ['HONG KONG, Jan. 15 (Reuters) - A 5-year-old boy is in serious condition with flu, the CHP said on Wednesday, as the city braces for a winter peak.', 'Hospitals reported 3,200 flu admissions last week.'] };
    const glossary = [{ 'zh-Hant': '衞生防護中心', 'zh-Hans': '卫生防护中心', en: 'CHP' }];
    expect(pairReleases([original, translation], glossary).pairs.map((p) => [p.translation, p.original])).toEqual([[1, 0]]);
    const withReport = pairReleases([original, report], glossary);
    expect(withReport.pairs).toEqual([]);
    expect(withReport.related.map((p) => [p.translation, p.original, p.signals.report])).toEqual([[1, 0, true]]);
    // A headline fragment is nobody's original.
    expect(pairReleases([{ lang: 'zh-Hant', headline: null, paragraphs: ['衞生防護中心調查個案'] }, translation], glossary).pairs).toEqual([]);
  });
});

describe('related in release files', () => {
  const file = (related: string) => `---\nid: a-release\nlang: en\nissued: 2025-01-13\ntitle: A title\nsource: raw/x.txt#L1-L2\nrelated: ${related}\n---\n\nText.\n`;
  it('takes a list of release ids (or one id)', () => {
    expect(readReleaseFile(file('[other-release, third.one]'), 'a.md').release!.related).toEqual(['other-release', 'third.one']);
    expect(readReleaseFile(file('other-release'), 'a.md').release!.related).toEqual(['other-release']);
  });
  it('reports an entry that is not an id at its place', () => {
    const { diagnostics } = readReleaseFile(file('[ok-id, Not An Id]'), 'a.md');
    expect(diagnostics.map((d) => [d.code, d.start.line, d.start.column])).toEqual([['BP102', 7, 18]]);
  });
});
