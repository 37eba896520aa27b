import { describe, expect, it } from 'vitest';
import { splitRuns } from '../../src/fonts/runs.js';
import { projectFonts } from '../helpers/project.js';

const fonts = projectFonts();
const faces = (text: string, lang: Parameters<typeof splitRuns>[2] = 'zh-Hant') =>
  splitRuns(fonts, text, lang).runs.map((r) => [r.text, r.face]);

describe('splitRuns with the default font configuration', () => {
  it('gives Traditional text the TC face and Latin letters and digits the Latin face', () => {
    expect(faces('趙克志2019年')).toEqual([
      ['趙克志', 'noto-sans-tc'],
      ['2019', 'noto-sans'],
      ['年', 'noto-sans-tc'],
    ]);
  });
  it('falls back to the Simplified face for characters the Traditional face lacks', () => {
    expect(faces('取纯帧取')).toEqual([
      ['取', 'noto-sans-tc'],
      ['纯帧', 'noto-sans-sc'],
      ['取', 'noto-sans-tc'],
    ]);
  });
  it('uses the Simplified chain first for zh-Hans text', () => {
    expect(faces('赵克志', 'zh-Hans')).toEqual([['赵克志', 'noto-sans-sc']]);
  });
  it('draws shared punctuation by language, and by neighbours when undecided', () => {
    expect(faces('“Pabbi”', 'en')).toEqual([['“Pabbi”', 'noto-sans']]);
    expect(faces('“帕比”', 'und')).toEqual([['“帕比”', 'noto-sans-tc']]);
    expect(faces('say “hi”', 'und')).toEqual([['say “hi”', 'noto-sans']]);
  });
  it('draws both quotes of a pair around Chinese as Chinese, whatever stands beside the closing one', () => {
    // A derived short title in an English note: digits and an ellipsis before the closing
    // quotes, a comma after them.
    expect(faces('“就‘帕比—反恐—2021…’”, August 12, 2021', 'und')).toEqual([
      ['“就‘帕比—反恐—', 'noto-sans-tc'],
      ['2021…', 'noto-sans'],
      ['’”', 'noto-sans-tc'],
      [', August 12, 2021', 'noto-sans'],
    ]);
    // Quoted text that ends in English (a title with its translation in brackets) keeps the
    // neighbour rule: the opening quote beside Chinese, the closing one beside English.
    expect(faces('“趙克志 [Zhao Kezhi].” Press release', 'und')).toEqual([
      ['“趙克志 ', 'noto-sans-tc'],
      ['[Zhao Kezhi].” Press release', 'noto-sans'],
    ]);
    // An apostrophe closes nothing; quoted English stays English.
    expect(faces('the People’s “帕比” and “Pabbi 2021”.', 'und')).toEqual([
      ['the People’s ', 'noto-sans'],
      ['“帕比” ', 'noto-sans-tc'],
      ['and “Pabbi 2021”.', 'noto-sans'],
    ]);
  });
  it('keeps spaces inside the run before them', () => {
    expect(faces('Zhao Kezhi 趙克志', 'und')).toEqual([
      ['Zhao Kezhi ', 'noto-sans'],
      ['趙克志', 'noto-sans-tc'],
    ]);
  });
  it('reports characters no face has, with their offsets, and never assigns them a face', () => {
    const r = splitRuns(fonts, '甲\u{2A6D6}乙', 'zh-Hant');
    expect(r.missing).toEqual([{ char: '\u{2A6D6}', codePoint: 0x2a6d6, offset: 1 }]);
    expect(r.runs.map((x) => x.text).join('')).toBe('甲乙');
  });
  it('loses no character it can draw', () => {
    const text = '趙克志指出，中柬是“鐵桿朋友”——2019年1月 Zhao said: “yes”… 纯帧';
    expect(splitRuns(fonts, text, 'zh-Hant').runs.map((r) => r.text).join('')).toBe(text);
  });

  it('answers the same call with the same split, and a call differing in any argument afresh', () => {
    const text = '趙克志指出，“中柬”是 iron-clad friends';
    const first = splitRuns(fonts, text, 'und', 'zh-Hant');
    expect(splitRuns(fonts, text, 'und', 'zh-Hant')).toBe(first);
    const others = [
      splitRuns(fonts, `${text} `, 'und', 'zh-Hant'),
      splitRuns(fonts, text, 'en', 'zh-Hant'),
      splitRuns(fonts, text, 'und', 'zh-Hans'),
      splitRuns(fonts, text, 'und', 'zh-Hant', true),
      splitRuns(fonts, text, 'und', 'zh-Hant', false, 'heading'),
    ];
    for (const other of others) expect(other).not.toBe(first);
    // The Simplified document's Han chain draws the quoted Chinese with the SC face.
    expect(others[2]!.runs.map((r) => r.face)).not.toEqual(first.runs.map((r) => r.face));
    // Another font set (fonts.yaml changed, and the fonts were read again) has splits of its own.
    const reread = { ...fonts };
    expect(splitRuns(reread, text, 'und', 'zh-Hant')).not.toBe(first);
    expect(splitRuns(reread, text, 'und', 'zh-Hant')).toEqual(first);
  });
});
