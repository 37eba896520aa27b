/**
 * The Chinese line-breaking rules of the PDF renderer (DESIGN §5) as pure functions:
 * where `prepareCjkLineBreaks` forbids a break, and that `splitWordJoiners` gives the text
 * back unchanged with those places. Also pins down why we need them: UAX #14 (the
 * `linebreak` package pdfmake uses) allows a line to start with `—` or `·`.
 * The effect on real PDF output is checked in pdf.test.ts.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  NO_LINE_END,
  NO_LINE_START,
  WORD_JOINER,
  cjkNoBreakPositions,
  prepareCjkLineBreaks,
  splitWordJoiners,
} from '../../src/render/pdf/line-breaking.js';
import type { DocumentModel } from '../../src/doc/model.js';

const WJ = WORD_JOINER;
const FIXTURE = path.resolve(import.meta.dirname, '..', 'fixtures', 'model', 'renderer-sample.json');

describe('prepareCjkLineBreaks', () => {
  it('forbids a break before every closing and pause mark', () => {
    for (const mark of NO_LINE_START) expect(prepareCjkLineBreaks(`中${mark}文`)).toBe(`中${WJ}${mark}文`);
  });

  it('forbids a break after every opening mark', () => {
    for (const mark of NO_LINE_END) expect(prepareCjkLineBreaks(`中${mark}文`)).toBe(`中${mark}${WJ}文`);
  });

  it('keeps …… and —— in one piece, and glues them to the character before', () => {
    expect(prepareCjkLineBreaks('完成……之後')).toBe(`完成${WJ}…${WJ}…之後`);
    expect(prepareCjkLineBreaks('決策——新')).toBe(`決策${WJ}—${WJ}—新`);
  });

  it('handles brackets around a word and quotes after a full stop', () => {
    expect(prepareCjkLineBreaks('說「好」。')).toBe(`說「${WJ}好${WJ}」${WJ}。`);
    expect(prepareCjkLineBreaks('成功。“帕比')).toBe(`成功${WJ}。“${WJ}帕比`);
  });

  it('counts characters outside the BMP as one character', () => {
    expect(prepareCjkLineBreaks('𠀀，𠀁')).toBe(`𠀀${WJ}，𠀁`);
  });

  it('leaves breaks at spaces and at the ends of the text alone', () => {
    expect(prepareCjkLineBreaks('，開頭')).toBe('，開頭');
    expect(prepareCjkLineBreaks('結尾「')).toBe('結尾「');
    expect(prepareCjkLineBreaks('a — b')).toBe('a — b');
    expect(prepareCjkLineBreaks('see “this”')).toBe(`see “${WJ}this${WJ}”`);
  });

  it('does not double joiners that are already there, and leaves plain text unchanged', () => {
    expect(prepareCjkLineBreaks(`中${WJ}，`)).toBe(`中${WJ}，`);
    expect(prepareCjkLineBreaks('Zhao Kezhi met 薩肯 in 2021')).toBe('Zhao Kezhi met 薩肯 in 2021');
  });
});

describe('splitWordJoiners', () => {
  it('removes the joiners and says where they stood', () => {
    const { text, noBreakBefore } = splitWordJoiners(`決策${WJ}—${WJ}—新`);
    expect(text).toBe('決策——新');
    expect([...noBreakBefore]).toEqual([2, 3]);
  });

  it('keeps a joiner at either end as offset 0 or text length', () => {
    const { text, noBreakBefore } = splitWordJoiners(`${WJ}中文${WJ}`);
    expect(text).toBe('中文');
    expect([...noBreakBefore].sort()).toEqual([0, 2]);
  });

  it('gives every fixture paragraph back unchanged', () => {
    const model = JSON.parse(readFileSync(FIXTURE, 'utf8')) as DocumentModel;
    const texts = JSON.stringify(model.blocks).match(/"value":"((?:[^"\\]|\\.)*)"/g)!.map((m) => JSON.parse(m.slice(8)) as string);
    expect(texts.length).toBeGreaterThan(10);
    for (const t of texts) expect(cjkNoBreakPositions(t).text).toBe(t);
    const excerpt = texts.find((t) => t.startsWith('趙克志指出'))!;
    const { noBreakBefore } = cjkNoBreakPositions(excerpt);
    expect(noBreakBefore.has(excerpt.indexOf('，'))).toBe(true);
    expect(noBreakBefore.has(excerpt.indexOf('。'))).toBe(true);
  });
});

describe('why UAX #14 alone is not enough', () => {
  // pdfmake's line breaker. If a future version stops breaking here, these rules still hold.
  const LineBreaker = createRequire(import.meta.url)('linebreak') as new (text: string) => { nextBreak(): { position: number } | null };
  const breaks = (text: string): number[] => {
    const breaker = new LineBreaker(text);
    const out: number[] = [];
    for (let bk = breaker.nextBreak(); bk; bk = breaker.nextBreak()) out.push(bk.position);
    return out;
  };

  it('allows a line to start with a dash or a middle dot', () => {
    expect(breaks('決策——新')).toContain(2);
    expect(breaks('中柬·合作')).toContain(2);
  });

  it('already keeps commas, full stops and closing brackets off the start of a line', () => {
    expect(breaks('甲，乙。丙」丁')).not.toContain(1);
    expect(breaks('甲，乙。丙」丁')).not.toContain(3);
    expect(breaks('甲，乙。丙」丁')).not.toContain(5);
  });
});
