/**
 * The Chinese line-breaking rules of the PDF renderer (DESIGN §5, W3C clreq) as pure
 * functions: where `prepareCjkLineBreaks` forbids a break, and that `splitWordJoiners` gives
 * the text back unchanged with those places. Also pins down why we need them: UAX #14 (the
 * `linebreak` package pdfmake uses) allows a line to start with `—` or `·`.
 *
 * Then the effect on real output: a stress document of every paragraph and title of every
 * seed release (as the corpus cleans and corrects them; the Chinese also converted to
 * Simplified), plus a string of every punctuation case, set as body text and in table
 * columns of several widths so that lines end at many different places, read back with
 * `pdftotext -layout`. The sample briefs × templates are checked in pdf-samples.test.ts.
 */
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_LINE_END, NO_LINE_START } from '../../src/render/shared/cjk-line-breaks.js';
import {
  WORD_JOINER,
  bindSpacedDashes,
  cjkNoBreakPositions,
  prepareCjkLineBreaks,
  splitWordJoiners,
} from '../../src/render/pdf/line-breaking.js';
import type { Block, DocumentModel, Lang, TableCell } from '../../src/model/model.js';
import { renderPdf } from '../helpers/renderers.js';
import { traditionalToSimplified } from '../../src/resolve/chinese-script.js';
import { projectCorpus, projectFonts } from '../helpers/project.js';
import { pdfText, squash, toolsAvailable } from '../helpers/readers.js';
import { glyphLines, readGlyphs } from '../helpers/cjk-geometry.js';

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

describe('bindSpacedDashes', () => {
  it('binds the space before a dash or an ellipsis, one character for one', () => {
    expect(bindSpacedDashes('met — and – then … end')).toBe('met\u00a0— and\u00a0– then\u00a0… end');
    expect(bindSpacedDashes('a—b')).toBe('a—b');
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

const EVERY_CASE =
  '這是纯——帧的測試，年份2021——之後，以及Pabbi·Antiterror寫法。他說：「這是——真的嗎？」……是的（確實如此）。' +
  '比例為50％，成長·穩定；“帕比—反恐—2021”演習、會晤，《報告》【附件】〔注〕〈篇〉『引』。' +
  'In English — with dashes — and an ellipsis … “quoted” (bracketed) text, 2021–2022 … as well.';

/** Column widths of the stress tables: lines end at many different places. */
const WIDTHS = [[2, 3], [1, 1], [3, 2], [7, 3], [4, 1], [1, 4], [5, 2], [2, 7]];

describe.skipIf(!toolsAvailable('pdftotext', 'mutool'))('line breaking on real output', () => {
  const fonts = projectFonts();
  const fixture = JSON.parse(readFileSync(FIXTURE, 'utf8')) as DocumentModel;
  let dir: string;
  const pdfs = new Map<string, { file: string; texts: string[] }>();

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'bp-linebreak-'));
    const releases = [...projectCorpus().releases.values()];
    expect(releases.map((r) => r.lang).sort()).toEqual(['en', 'zh-Hant', 'zh-Hant']);
    for (const script of ['zh-Hant', 'zh-Hans'] as const) {
      const texts: { lang: Lang; text: string }[] = [];
      for (const r of releases) {
        const convert = (t: string) => (script === 'zh-Hans' && r.lang !== 'en' ? traditionalToSimplified(t) : t);
        const lang: Lang = r.lang === 'en' ? 'en' : script;
        texts.push({ lang, text: [r.title, ...r.paragraphs.map((p) => p.text)].map(convert).join('') });
      }
      texts.push({ lang: script, text: script === 'zh-Hans' ? traditionalToSimplified(EVERY_CASE) : EVERY_CASE });
      const cell = (lang: Lang, value: string): TableCell => ({ type: 'cell', lang, children: value ? [{ type: 'text', value }] : [] });
      const blocks: Block[] = [];
      for (const { lang, text } of texts) {
        blocks.push({ type: 'paragraph', lang, children: [{ type: 'text', value: text }] });
        for (const widths of WIDTHS) blocks.push({ type: 'table', variant: 'plain', headerRows: 0, columnWidths: widths, rows: [[cell(lang, text), cell(lang, '')]] });
      }
      // A row far taller than a page in a narrow column: it must split, not lose its text.
      const last = texts[texts.length - 1]!;
      blocks.push({ type: 'table', variant: 'plain', headerRows: 0, columnWidths: [1, 4], rows: [[cell(last.lang, last.text.repeat(12)), cell(last.lang, '')]] });
      const file = path.join(dir, `stress-${script}.pdf`);
      writeFileSync(file, await renderPdf({ ...fixture, meta: { ...fixture.meta, lang: script }, blocks, notes: [] }, { fonts }));
      pdfs.set(script, { file, texts: texts.map((t) => t.text) });
    }
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('never starts a line with closing or pause punctuation, nor ends one with opening punctuation', () => {
    for (const [script, { file }] of pdfs) {
      // Lines from the glyphs' own positions (MuPDF): pdftotext's layout mode splits a line
      // where a compressed mark's advance box overlaps the next glyph. Each stress table's
      // second cell is empty, so a line is everything on one baseline (justified lines of
      // narrow cells have wide gaps).
      const lines = glyphLines(readGlyphs(file), Infinity).map((l) => l.glyphs.map((g) => g.c).join(''));
      expect(lines.length, script).toBeGreaterThan(1000);
      const bad = lines.filter((line) => {
        const chars = Array.from(line);
        return NO_LINE_START.includes(chars[0]!) || NO_LINE_END.includes(chars[chars.length - 1]!);
      });
      expect(bad, script).toEqual([]);
    }
  });

  it('loses no text, even in a row taller than a page', () => {
    for (const [script, { file, texts }] of pdfs) {
      const extracted = squash(pdfText(file).replace(/Page \d+ of \d+|OFFICIAL/g, ''));
      for (const [i, text] of texts.entries()) {
        const expected = 1 + WIDTHS.length + (i === texts.length - 1 ? 12 : 0);
        expect(extracted.split(squash(text)).length - 1, `${script} text ${i}`).toBe(expected);
      }
      expect(extracted).not.toContain('\u2060');
      expect(extracted).not.toContain('\ufffd');
    }
  });
});
