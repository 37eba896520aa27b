import { describe, expect, it } from 'vitest';
import { findSuspects } from '../../src/corpus/suspects.js';
import { readReleaseFile } from '../../src/corpus/release-file.js';

const kinds = (text: string, lang: 'zh-Hant' | 'zh-Hans' | 'en' = 'zh-Hant') => findSuspects(text, lang).map((s) => [s.kind, s.snippet]);

describe('findSuspects', () => {
  it('finds the seed mojibake run as one run', () => {
    expect(kinds('取得圓滿成功?!芭帘取纯帧?021”聯合反恐演習')).toEqual([
      ['mojibake', '?!芭帘取纯帧?021”'],
      ['simplified-only', '纯'],
      ['simplified-only', '帧'],
    ]);
  });
  it('finds replacement and private-use characters anywhere', () => {
    expect(kinds('Zhao \ufffd said', 'en')).toEqual([['replacement-character', '\ufffd']]);
    expect(kinds('趙克志\ue000表示')).toEqual([['private-use', '\ue000']]);
  });
  it('reports Simplified-only characters only in Traditional releases', () => {
    expect(kinds('赵克志表示')).toEqual([['simplified-only', '赵']]);
    expect(kinds('赵克志表示', 'zh-Hans')).toEqual([]);
  });
  it('leaves clean and merely unusual text alone', () => {
    for (const [text, lang] of [
      ['趙克志表示，中方愿同柬方認真落實好兩國領導人重要共識。', 'zh-Hant'],
      ['視頻會晤后，雙方並於關于合作', 'zh-Hant'],
      ['為什麼?他說。', 'zh-Hant'],
      ['Was it 2021? Yes, 1,000 people!', 'en'],
      ['“帕比—反恐—2021”聯合反恐演習', 'zh-Hant'],
    ] as const) {
      expect(kinds(text, lang), text).toEqual([]);
    }
  });
});

describe('Simplified-only check and regional standards', () => {
  const HK = '政府發言人表示，當局着力推動創科發展，新系統下月啓用，爲衆多中小企提供支援。峯會、羣組、綫上登記、麪包、牀位及寫字樓裏的設施均已就緒；僞造文件屬刑事罪行。恒生指數今日收市上升。';
  const TW = '行政院今天表示，將着手啓動衆多計畫，爲偏鄉提供更多牀位與綫上服務，並嚴查僞造文件。';
  it('gives no warning on Hong Kong and Taiwan forms', () => {
    expect(kinds(HK)).toEqual([]);
    expect(kinds(TW)).toEqual([]);
  });
  it('still reports a Simplified-only character in a Traditional release', () => {
    expect(kinds('政府發言人表示，当局着力推動發展。')).toEqual([['simplified-only', '当']]);
    expect(kinds('這是永恒的友誼。')).toEqual([['simplified-only', '恒']]);
  });
  it('gives no warning on the same text in a zh-Hant-HK or zh-Hant-TW release file', () => {
    for (const [tag, text] of [
      ['zh-Hant-HK', HK],
      ['zh-Hant-TW', TW],
    ] as const) {
      const file = ['---', 'id: regional', `lang: ${tag}`, 'date: 2025-01-13', 'title: 測試', 'source: raw/x.txt#L1', '---', '', text, ''].join('\n');
      const { release, diagnostics } = readReleaseFile(file, 'releases/regional.md');
      expect(diagnostics, tag).toEqual([]);
      expect(release).toMatchObject({ lang: 'zh-Hant', region: tag.slice(-2) });
    }
  });
});

describe('legacy encodings decoded as Latin-1', () => {
  const legacy = (text: string, lang: 'zh-Hant' | 'zh-Hans' | 'en' = 'zh-Hant') =>
    findSuspects(text, lang)
      .filter((s) => s.kind === 'legacy-encoding')
      .map((s) => [s.snippet, s.readings!.map((r) => `${r.encoding}:${r.text}`).join(' ')]);
  it('finds Big5 and GBK runs and says what they read', () => {
    expect(legacy('外交部表示¤¤µØ¥Á°ê¥~¥æ³¡今日')).toEqual([['¤¤µØ¥Á°ê¥~¥æ³¡', 'Big5:中華民國外交部']]);
    expect(legacy('¤¤°ê')).toEqual([['¤¤°ê', 'Big5:中國']]);
    expect(legacy('ÖÐ»ªÈËÃñ¹²ºÍ¹ú', 'zh-Hans')).toEqual([['ÖÐ»ªÈËÃñ¹²ºÍ¹ú', 'GBK:中华人民共和国']]);
    expect(legacy('ÖÐ¹ú')).toEqual([['ÖÐ¹ú', 'GBK:中国']]);
    // Two characters that read as well in both: both readings, the release's first.
    expect(legacy('Ãû³Æ', 'zh-Hans')).toEqual([['Ãû³Æ', 'GBK:名称 Big5:靡備']]);
  });
  it('finds them in English releases too, with ASCII trail bytes and digits inside the run', () => {
    expect(legacy('The notice said ¤¤°ê¤H¥Á2021¦~ and ended.', 'en')).toEqual([['¤¤°ê¤H¥Á2021¦~', 'Big5:中國人民2021年']]);
  });
  it('never fires on real Latin text with accents or on quotes', () => {
    for (const text of [
      'Müller met the delegation in São Paulo at a café.',
      'Ångström, Größe, informações, INFORMAÇÕES, Þjóðverjar, Ærøskøbing, crème brûlée, naïve, Zürich',
      '« Bonjour », «Bonjour», „Hallo“, ‚ja‘, “I’m”, —“Yes”…, ‹oui›',
      '½ cup, £100, ±2°C, ©2021 ®, 30 µm, § 12, ¿Qué?, ¡Olé!',
      'Señor Ibáñez, Łódź, François Hollande, Dvořák',
      '他說：“——“……”——”‘’’‘•™€',
      '穆罕默德·阿里說，溫度30°C，±2°C，面積100×200米。',
    ]) {
      expect(legacy(text, 'en'), text).toEqual([]);
      expect(legacy(text, 'zh-Hant'), text).toEqual([]);
    }
  });
  it('reports the run with file, line and column (BP118)', () => {
    const file = ['---', 'id: legacy', 'lang: zh-Hant-TW', 'date: 2025-01-13', 'title: 測試', 'source: raw/x.txt#L1', '---', '', '第一段正常。', '', '行政院表示，', '¤¤µØ¥Á°ê¥~¥æ³¡今日發布新聞稿。', ''].join('\n');
    const { diagnostics } = readReleaseFile(file, 'releases/legacy.md');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'BP118', severity: 'warning', file: 'releases/legacy.md', start: { line: 12, column: 1 }, actual: '¤¤µØ¥Á°ê¥~¥æ³¡', expected: '中華民國外交部' });
    expect(diagnostics[0]!.message).toBe('¶2: "¤¤µØ¥Á°ê¥~¥æ³¡" looks like Chinese text in a legacy encoding decoded as Latin-1: it reads "中華民國外交部" in Big5');
  });
});
