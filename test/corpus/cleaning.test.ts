import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cleanText, fullWidthPunctuation, normaliseWhitespace, stripPinyinGlosses } from '../../src/corpus/cleaning.js';
import { SEED_DUMP } from '../helpers/project.js';

const only = (step: typeof stripPinyinGlosses, text: string) => step.apply(text).text;

describe('strip-pinyin-glosses', () => {
  it('removes a gloss after a Han character', () => {
    expect(only(stripPinyinGlosses, '國務(wù)委員')).toBe('國務委員');
    expect(only(stripPinyinGlosses, '協調(diào)辦公室')).toBe('協調辦公室');
    expect(only(stripPinyinGlosses, '創(chuàng)造性')).toBe('創造性');
  });
  it('leaves parentheses that are not pinyin glosses', () => {
    for (const text of [
      'Shanghai Cooperation Organization (RATS SCO) on',
      '上合組織(SCO)成員國',
      '共有(2021)號文件',
      'f(x) = x',
      '中國(北京)',
    ]) {
      expect(only(stripPinyinGlosses, text)).toBe(text);
    }
  });
  it('removes exactly the 121 glosses of the seed dump and leaves none', () => {
    const raw = readFileSync(SEED_DUMP, 'utf8');
    const result = cleanText(raw, [stripPinyinGlosses]);
    expect(result.changes).toHaveLength(121);
    expect(result.text).not.toMatch(/\p{Script=Han}\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)/u);
  });
});

describe('full-width-punctuation', () => {
  it('converts ASCII punctuation inside Chinese', () => {
    expect(only(fullWidthPunctuation, '趙克志指出,中柬')).toBe('趙克志指出，中柬');
    expect(only(fullWidthPunctuation, '2019年1月,習近平')).toBe('2019年1月，習近平');
    expect(only(fullWidthPunctuation, '如下:一是')).toBe('如下：一是');
    expect(only(fullWidthPunctuation, '為什麼?')).toBe('為什麼？');
    expect(only(fullWidthPunctuation, '演習(第二階段)開始')).toBe('演習（第二階段）開始');
    expect(only(fullWidthPunctuation, '指出, 中柬')).toBe('指出，中柬');
  });
  it('leaves numbers and Latin text alone', () => {
    for (const text of ['1,000 people', 'Zhao noted that SCO, a body', 'at 10:30, he said: yes!', '共1,000人', 'ratio 2:1', '(RATS SCO)']) {
      expect(only(fullWidthPunctuation, text)).toBe(text);
    }
  });
  it('leaves clean Chinese text unchanged', () => {
    const clean = '趙克志表示，中方愿同柬方認真落實好兩國領導人重要共識。';
    expect(fullWidthPunctuation.apply(clean).changes).toEqual([]);
  });
  it('leaves no ASCII comma between Han characters in the seed', () => {
    const raw = readFileSync(SEED_DUMP, 'utf8');
    expect(raw).toMatch(/\p{Script=Han},\p{Script=Han}/u);
    expect(cleanText(raw).text).not.toMatch(/\p{Script=Han},\p{Script=Han}/u);
  });
});

describe('normalise-whitespace', () => {
  it('trims, collapses and removes spaces between Han characters', () => {
    expect(only(normaliseWhitespace, '  趙克志 表示\u200b ,  ok \n')).toBe('趙克志表示 , ok');
    expect(only(normaliseWhitespace, 'Zhao  Kezhi\tsaid')).toBe('Zhao Kezhi said');
  });
  it('leaves normal English spacing and clean text alone', () => {
    expect(normaliseWhitespace.apply('Zhao Kezhi sent a letter.').changes).toEqual([]);
    expect(normaliseWhitespace.apply('中柬是鐵桿朋友。').changes).toEqual([]);
  });
});

describe('cleanText', () => {
  it('runs the steps in order and records which step changed what', () => {
    const result = cleanText('協調(diào),辦公室');
    expect(result.text).toBe('協調，辦公室');
    expect(result.changes.map((c) => c.step)).toEqual(['strip-pinyin-glosses', 'full-width-punctuation']);
  });
  it('is deterministic', () => {
    const raw = readFileSync(SEED_DUMP, 'utf8');
    expect(cleanText(raw)).toEqual(cleanText(raw));
  });
});
