import { describe, expect, it } from 'vitest';
import { readReleaseFile } from '../../src/corpus/release-file.js';
import { projectCorpus } from '../helpers/project.js';

describe('sample corpus', () => {
  it('loads three releases with the expected shape and no problems', () => {
    const corpus = projectCorpus();
    expect(corpus.loadAll()).toEqual([]);
    const summary = [...corpus.releases.values()].map((r) => ({
      id: r.id,
      lang: r.lang,
      paragraphs: r.paragraphs.length,
      headline: r.headline !== null,
      translationOf: r.translationOf,
    }));
    expect(summary).toEqual([
      { id: 'mps-2021-09-24-en-sco-pabbi-antiterror-letter', lang: 'en', paragraphs: 3, headline: true, translationOf: 'mps-2021-09-24-zh-sco-pabbi-antiterror-letter' },
      { id: 'mps-2021-09-24-zh-sco-pabbi-antiterror-letter', lang: 'zh-Hant', paragraphs: 2, headline: true, translationOf: null },
      { id: 'mps-2021-09-28-zh-cambodia-video-meeting', lang: 'zh-Hant', paragraphs: 6, headline: false, translationOf: null },
    ]);
  });
  it('cleans every paragraph of pinyin glosses and curates at least three facts per release', () => {
    for (const r of projectCorpus().releases.values()) {
      expect(r.facts.length).toBeGreaterThanOrEqual(3);
      for (const p of r.paragraphs) expect(p.text).not.toMatch(/\p{Script=Han}\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)/u);
    }
  });
});

describe('readReleaseFile', () => {
  const header = ['---', 'id: test-release', 'lang: zh-Hant', 'date: 2021-09-28', 'title: 測試', 'source: raw/x.txt#L1-L2'];
  it('reports a fact whose evidence is not in the text, with the closest match', () => {
    const text = [...header, 'facts:', '  - id: f1', '    type: date', '    label: 日期', '    value: 28日', '    evidence: 薩肯29日出席', '---', '', '國務委員趙克志與薩肯28日出席會晤。', ''].join('\n');
    const { release, diagnostics } = readReleaseFile(text, 'releases/test.md');
    expect(release).toBeUndefined();
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'BP106', file: 'releases/test.md', start: { line: 12, column: 15 } });
    expect(diagnostics[0]!.hint).toContain('薩肯28日出席');
  });
  it('reports the first ten bad characters where they stand and counts the rest (a UTF-16 dump read as UTF-8)', () => {
    const text = [...header, '---', '', '\u0000a'.repeat(500), ''].join('\n');
    const { release, diagnostics } = readReleaseFile(text, 'releases/test.md');
    expect(release).toBeUndefined();
    expect(diagnostics.map((d) => [d.code, d.start!.line, d.start!.column])).toEqual(Array.from({ length: 10 }, (_, i) => ['BP113', 9, 1 + 2 * i]));
    expect(diagnostics[9]!.message).toBe('U+0000 (NUL), a control character (and 490 more in this file)');
  });
  it('reports missing metadata and a file without front matter', () => {
    expect(readReleaseFile('no front matter', 'r.md').diagnostics[0]!.code).toBe('BP101');
    const { diagnostics } = readReleaseFile(['---', 'id: x', 'lang: fr', '---', 'text'].join('\n'), 'r.md');
    // No date is only a warning (dumps often give none); no title, source or a bad lang are errors.
    expect(diagnostics.map((d) => d.code)).toEqual(['BP102', 'BP112', 'BP102', 'BP102']);
    expect(diagnostics.find((d) => d.message.includes('"lang"'))!.start).toEqual({ line: 3, column: 7 });
  });
  it('reads citation metadata: issued (or its older name date), issuer, url, place, title_en, title_short', () => {
    const base = ['---', 'id: test-release', 'lang: zh-Hant', 'title: 測試', 'source: raw/x.txt#L1-L2'];
    const read = (...meta: string[]) => readReleaseFile([...base, ...meta, '---', '', '正文。', ''].join('\n'), 'r.md');
    const full = read('issued: 2021-09-28', 'issuer:', '  zh: 中華人民共和國公安部', '  en: Ministry of Public Security', 'url: https://www.example.gov.cn/a.html', 'place: 北京', 'title_en: A Test', 'title_short: 測');
    expect(full.diagnostics).toEqual([]);
    expect(full.release).toMatchObject({ date: '2021-09-28', issuer: { zh: '中華人民共和國公安部', en: 'Ministry of Public Security' }, url: 'https://www.example.gov.cn/a.html', place: '北京', titleEn: 'A Test', titleShort: '測' });
    expect(read('date: 2021-09-28', 'issuer: 公安部').release).toMatchObject({ date: '2021-09-28', issuer: { zh: '公安部', en: null }, url: null, titleEn: null });
    expect(read('issued: 2021-09-28', 'issuer: Ministry of Public Security').release!.issuer).toEqual({ zh: null, en: 'Ministry of Public Security' });
    expect(read('issued: 2021-09-28').release!.issuer).toBeNull();
  });
  it('reports bad citation metadata where it stands', () => {
    const base = ['---', 'id: test-release', 'lang: zh-Hant', 'title: 測試', 'source: raw/x.txt#L1-L2'];
    const read = (...meta: string[]) => readReleaseFile([...base, ...meta, '---', '', '正文。', ''].join('\n'), 'r.md').diagnostics;
    expect(read('issued: 2021-09-28', 'url: www.example.gov.cn')[0]).toMatchObject({ code: 'BP102', start: { line: 7, column: 6 }, message: '"url" must be a web address starting with http:// or https://' });
    expect(read('issued: 2021-09-28', 'issuer:', '  fr: Ministère')[0]).toMatchObject({ code: 'BP102', start: { line: 8, column: 3 }, message: 'unknown issuer key "fr" (known: zh, en)' });
    expect(read('issued: 2021-09-28', 'date: 2021-09-28')[0]).toMatchObject({ code: 'BP102', start: { line: 7, column: 1 }, message: 'front matter has both "issued" and "date"' });
    expect(read('issued: 28 Sept 2021').map((d) => d.message)).toContain('"issued" must be a date written YYYY-MM-DD');
  });
  it('numbers paragraphs from 1, separated by blank lines, keeping raw text', () => {
    const text = [...header, '---', '', '第一段(duàn)。', '', '第二段,', '續行。', ''].join('\n');
    const { release } = readReleaseFile(text, 'r.md');
    expect(release!.paragraphs.map((p) => [p.n, p.text, p.line])).toEqual([
      [1, '第一段。', 9],
      [2, '第二段，續行。', 11],
    ]);
    expect(release!.paragraphs[0]!.raw).toBe('第一段(duàn)。');
  });
});

describe('lang with a region', () => {
  const file = (lang: string) => ['---', 'id: tagged', `lang: ${lang}`, 'date: 2025-01-13', 'title: 測試', 'source: raw/x.txt#L1', '---', '', '行政院今天表示。', ''].join('\n');
  it('takes zh-Hant-HK, zh-Hant-TW, zh-Hans-CN, zh-Hans-SG and en-GB, case as BCP 47 allows', () => {
    for (const [tag, lang, region] of [
      ['zh-Hant', 'zh-Hant', null],
      ['zh-Hant-HK', 'zh-Hant', 'HK'],
      ['zh-Hant-TW', 'zh-Hant', 'TW'],
      ['zh-hant-hk', 'zh-Hant', 'HK'],
      ['zh-Hans-CN', 'zh-Hans', 'CN'],
      ['zh-Hans-SG', 'zh-Hans', 'SG'],
      ['en-GB', 'en', 'GB'],
    ] as const) {
      const { release, diagnostics } = readReleaseFile(file(tag), 'releases/tagged.md');
      expect(diagnostics.filter((d) => d.severity === 'error'), tag).toEqual([]);
      expect({ lang: release!.lang, region: release!.region }, tag).toEqual({ lang, region });
    }
  });
  it('reports anything else at the value, naming the tags it takes', () => {
    for (const tag of ['zh-TW', 'zh-Hant-Hongkong', 'zh', 'fr']) {
      const { diagnostics } = readReleaseFile(file(tag), 'releases/tagged.md');
      expect(diagnostics, tag).toHaveLength(1);
      expect(diagnostics[0]).toMatchObject({ code: 'BP102', start: { line: 3, column: 7 }, actual: tag });
      expect(diagnostics[0]!.message).toContain('zh-Hant-HK');
    }
  });
});
