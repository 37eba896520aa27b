import { describe, expect, it } from 'vitest';
import { findSuspects } from '../../src/corpus/suspects.js';

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
