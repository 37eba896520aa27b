/**
 * Pages that hold together in the PDF (issue 14, item 4): no paragraph leaves a single line at
 * the foot of a page or carries a single line to the top of the next (widow and orphan
 * control, render/pdf/keep-lines.ts); a quote's "Source:" line never stands alone at the top
 * of a page; a table's header row never stands alone at a page foot; page numbers and the
 * contents count from the page after the cover.
 *
 * The page-break cases are swept: the same paragraph, quote or table is pushed down the page
 * one filler line at a time, so that every way a page can end on it is tried, and the glyphs
 * of every page (MuPDF) say where each line went.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Block, DocumentModel, Inline } from '../../src/model/model.js';
import { KEEP_LINES_PATCHED_METHODS, MIN_LINES, linesOnThisPage } from '../../src/render/pdf/keep-lines.js';
import { PAGE_NUMBER_PATCHED_METHODS } from '../../src/render/pdf/page-numbers.js';
import { renderPdf } from '../helpers/renderers.js';
import { readGlyphs, type Glyph } from '../helpers/cjk-geometry.js';
import { pdfText, squash, toolsAvailable } from '../helpers/readers.js';
import { PROJECT_ROOT, projectFonts } from '../helpers/project.js';

const fonts = projectFonts();
const hasMutool = toolsAvailable('mutool', 'pdftotext', 'qpdf');
const work = mkdtempSync(path.join(os.tmpdir(), 'bp-keep-lines-'));
afterAll(() => { if (!process.env.KEEP_PDFS) rmSync(work, { recursive: true, force: true }); });

describe('the pdfmake methods keep-lines.ts and page-numbers.ts wrap', () => {
  it('are the version the wrappers were written against', () => {
    const version = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'node_modules/pdfmake/package.json'), 'utf8')).version;
    const methods = { ...KEEP_LINES_PATCHED_METHODS, ...PAGE_NUMBER_PATCHED_METHODS };
    const sources = Object.fromEntries(Object.entries(methods).map(([name, fn]) => [name, createHash('sha256').update(String(fn)).digest('hex').slice(0, 16)]));
    // When this fails, pdfmake changed: reread the methods named below, check keep-lines.ts
    // and page-numbers.ts against them, then update here.
    expect({ version, sources }).toEqual({ version: '0.3.11', sources: PINNED });
  });
});

const PINNED = {
  'LayoutBuilder.processLeaf': 'dfa7bf597febd678',
  'LayoutBuilder.buildNextLine': 'f9a0444e3740e3f3',
  'ElementWriter.getCurrentPositionOnPage': '65657a10a9bf042f',
  'PageElementWriter.commitUnbreakableBlock': '367859e9b386b125',
  'Renderer.renderLine': 'b71f57566c6b6c5f',
};

describe('linesOnThisPage', () => {
  const lines = (n: number) => Array.from({ length: n }, () => 10);
  it.each([
    // [lines, space left, height after, lines kept on this page]
    [5, 100, 0, 5], // fits
    [5, 15, 0, 0], // one line would be left alone at the foot: the paragraph moves
    [5, 25, 0, 2], // two stay, three go
    [5, 45, 0, 3], // four would fit, one would go alone: one more goes with it
    [3, 25, 0, 0], // 2 + 1 would leave a widow, 1 + 2 an orphan: the paragraph moves
    [4, 35, 0, 2],
    [1, 5, 0, 0],
    [5, 50, 10, 3], // fits, but what must follow does not: its last two lines go with it
    [3, 30, 10, 0], // the same for a short paragraph: all of it goes
    [5, 60, 10, 5],
  ])('%i lines, %i pt left, %i pt after → %i here', (n, available, after, kept) => {
    expect(linesOnThisPage(lines(n), available, after)).toBe(kept);
  });
  it('never leaves fewer than MIN_LINES on either side of a break', () => {
    for (let n = 1; n <= 12; n++) {
      for (let available = 0; available <= 130; available += 5) {
        const kept = linesOnThisPage(lines(n), available);
        if (kept === n || kept === 0) continue;
        expect(kept).toBeGreaterThanOrEqual(MIN_LINES);
        expect(n - kept).toBeGreaterThanOrEqual(MIN_LINES);
      }
    }
  });
});

// ---- swept layouts --------------------------------------------------------------------------

const text = (value: string): Inline[] => [{ type: 'text', value }];
const para = (value: string, lang: 'en' | 'zh-Hant' = 'en'): Block => ({ type: 'paragraph', lang, children: text(value) });

function modelOf(blocks: Block[], withCover = false): DocumentModel {
  const cover: Block[] = withCover
    ? [{ type: 'cover', title: text('Keep lines'), subtitle: [], date: text('30 September 2021'), author: text('Prepared by: Test desk'), audience: text('For: Readers'), classification: 'OFFICIAL' }]
    : [];
  return {
    type: 'document',
    version: 1,
    meta: { title: 'Keep lines', subtitle: '', date: '2021-09-30', classification: 'OFFICIAL', author: '', subject: '', keywords: [], lang: 'zh-Hant', labels: 'en', paper: 'A4' },
    blocks: [...cover, ...blocks],
    notes: [],
  };
}

/** Filler: one-line paragraphs (a one-line paragraph cannot be split), then a half-line
 * spacer for the finer steps. */
function filler(lines: number): Block[] {
  return Array.from({ length: lines }, (_, i) => para(`Filler line ${i + 1}.`));
}

/** A Han paragraph of about `lines` lines (45 characters a line at 10.5 pt on A4). */
function hanParagraph(lines: number): string {
  const sentence = '國務委員公安部部長趙克志與柬埔寨副首相兼內政大臣薩肯出席視頻會晤和簽字儀式。';
  return sentence.repeat(Math.ceil((lines * 45) / sentence.length)).slice(0, lines * 45 - 10);
}

interface Line {
  page: number;
  y: number;
  text: string;
  glyphs: Glyph[];
}

/** Body lines (the page's banners and footer left out), top to bottom, page by page. */
function bodyLines(pdf: string): Line[] {
  const out: Line[] = [];
  readGlyphs(pdf).forEach((glyphs, p) => {
    const rows = new Map<number, Glyph[]>();
    for (const g of glyphs) {
      if (g.c.trim() === '' || g.y < 60 || g.y > 842 - 57) continue; // inside the 2 cm margins only
      const key = [...rows.keys()].find((y) => Math.abs(y - g.y) < 2) ?? g.y;
      rows.set(key, [...(rows.get(key) ?? []), g]);
    }
    for (const [y, row] of [...rows.entries()].sort((a, b) => a[0] - b[0])) {
      row.sort((a, b) => a.x - b.x);
      out.push({ page: p + 1, y, text: row.map((g) => g.c).join(''), glyphs: row });
    }
  });
  return out;
}

async function pdfOf(model: DocumentModel, name: string): Promise<string> {
  const file = path.join(work, `${name}.pdf`);
  writeFileSync(file, await renderPdf(model, { fonts }));
  return file;
}

const HAN = /\p{Script=Han}/u;

describe.skipIf(!hasMutool)('pages that hold together (swept over the page foot)', () => {
  it('never strands one line of a paragraph at a page foot, nor carries one alone to the next page', async () => {
    let splits = 0;
    for (const lines of [3, 5]) {
      for (let k = 22; k <= 40; k++) {
        const pdf = await pdfOf(modelOf([...filler(k), para(hanParagraph(lines), 'zh-Hant'), para('After the paragraph.')]), `widow-${lines}-${k}`);
        const mine = bodyLines(pdf).filter((l) => HAN.test(l.text));
        expect(mine.length, `${lines} lines after ${k} fillers`).toBe(lines);
        const pages = [...new Set(mine.map((l) => l.page))];
        if (pages.length === 1) continue;
        splits++;
        for (const p of pages) expect(mine.filter((l) => l.page === p).length, `${lines} lines after ${k} fillers: lines on page ${p}`).toBeGreaterThanOrEqual(MIN_LINES);
      }
    }
    expect(splits, 'some sweeps split the five-line paragraph').toBeGreaterThan(0);
  }, 120_000);

  it('keeps a quote with its source line: the "Source:" line never opens a page', async () => {
    for (const lines of [2, 9]) {
      let moved = 0;
      for (let k = 22; k <= 40; k++) {
        const excerpt: Block = {
          type: 'excerpt',
          lang: 'zh-Hant',
          children: [{ type: 'paragraph', lang: 'zh-Hant', children: text(hanParagraph(lines)) }],
          citation: text('Source: Ministry of Public Security, 2021-09-28, ¶1'),
        };
        const pdf = await pdfOf(modelOf([...filler(k), excerpt, para('After the quote.')]), `quote-${lines}-${k}`);
        const all = bodyLines(pdf);
        const at = all.findIndex((l) => l.text.startsWith('Source:'));
        expect(at, `${lines}-line quote after ${k} fillers: the source line`).toBeGreaterThan(0);
        const source = all[at]!;
        const before = all[at - 1]!;
        expect(HAN.test(before.text) && before.page === source.page, `${lines}-line quote after ${k} fillers: the line before "Source:" is the quote's, on its page`).toBe(true);
        const quote = all.filter((l) => HAN.test(l.text));
        if (lines <= 2) expect(new Set(quote.map((l) => l.page)).size, `a short quote after ${k} fillers is never broken`).toBe(1);
        else if (new Set(quote.map((l) => l.page)).size > 1) {
          moved++;
          expect(quote.filter((l) => l.page === source.page).length).toBeGreaterThanOrEqual(MIN_LINES);
        }
      }
      if (lines > 2) expect(moved, 'some sweeps break the long quote').toBeGreaterThan(0);
    }
  }, 120_000);

  it('keeps a heading with the short quote that follows it', async () => {
    for (let k = 22; k <= 40; k++) {
      const excerpt: Block = {
        type: 'excerpt',
        lang: 'zh-Hant',
        children: [{ type: 'paragraph', lang: 'zh-Hant', children: text(hanParagraph(3)) }],
        citation: text('Source: Ministry of Public Security, 2021-09-28, ¶2'),
      };
      const heading: Block = { type: 'heading', level: 1, id: 'h', children: text('Heading before the quote') };
      const pdf = await pdfOf(modelOf([...filler(k), heading, excerpt, para('After the quote.')]), `heading-quote-${k}`);
      const all = bodyLines(pdf);
      const at = all.findIndex((l) => l.text.replace(/\s/g, '') === 'Headingbeforethequote');
      expect(at, `after ${k} fillers`).toBeGreaterThanOrEqual(0);
      expect(all[at + 1]!.page, `after ${k} fillers: the heading ends page ${all[at]!.page}`).toBe(all[at]!.page);
    }
  }, 120_000);

  it('never leaves a table header row alone at a page foot', async () => {
    for (let k = 22; k <= 40; k++) {
      const table: Block = {
        type: 'table',
        variant: 'facts',
        headerRows: 1,
        columnWidths: [1, 3],
        rows: [
          [{ type: 'cell', children: text('Fact') }, { type: 'cell', children: text('Detail') }],
          [{ type: 'cell', lang: 'zh-Hant', children: text('視頻會晤日期') }, { type: 'cell', lang: 'zh-Hant', children: text('2021年9月28日') }],
          [{ type: 'cell', lang: 'zh-Hant', children: text('中方出席') }, { type: 'cell', lang: 'zh-Hant', children: text('國務委員、公安部部長趙克志') }],
        ],
      };
      const pdf = await pdfOf(modelOf([...filler(k), table, para('After the table.')]), `table-${k}`);
      const all = bodyLines(pdf);
      for (const [i, line] of all.entries()) {
        const last = all[i + 1]?.page !== line.page;
        if (last) expect(line.text, `after ${k} fillers: page ${line.page} ends with the header row`).not.toBe('FactDetail');
      }
      expect(all.filter((l) => l.text === 'FactDetail').length).toBeGreaterThanOrEqual(1);
    }
  }, 120_000);

  it('loses nothing of a word wider than the line: the dry run that counts lines gives back what it cut', async () => {
    // pdfmake cuts such a word in place while it builds lines; keep-lines builds them once to
    // count them before pdfmake builds them for real, so a cut left behind would drop the rest
    // of the word. Below the page's top (where keep-lines counts), on one page and across a break.
    const word = 'Pneumonoultramicroscopicsilicovolcanoconiosis'.repeat(5);
    for (const k of [3, 37]) {
      const body = `Before the long word ${word} and after it. `.repeat(3);
      const pdf = await pdfOf(modelOf([...filler(k), para(body), para('After the paragraph.')]), `long-word-${k}`);
      const all = squash(pdfText(pdf));
      expect(all.split(word).length - 1, `after ${k} fillers`).toBe(3);
      expect(all).toContain(squash(body));
    }
  }, 60_000);

  it('numbers pages from the page after the cover, in the footers and the contents', async () => {
    const model = modelOf(
      [
        { type: 'toc', title: text('Contents'), depth: 1 },
        { type: 'heading', level: 1, id: 'one', children: text('First heading') },
        ...filler(50),
        { type: 'heading', level: 1, id: 'two', children: text('Second heading') },
        para('The end.'),
      ],
      true,
    );
    const pdf = await pdfOf(model, 'numbers');
    const pages = readGlyphs(pdf).map((glyphs) => glyphs.map((g) => g.c).join('').replace(/\s+/g, ''));
    expect(pages.length).toBe(3);
    expect(pages[0]).not.toMatch(/Page\d+of/);
    expect(pages[0]!.match(/OFFICIAL/g)).toHaveLength(2); // the banners only
    expect(pages[0]).toContain('Preparedby:Testdesk');
    expect(pages[0]).toContain('For:Readers');
    expect(pages[1]).toContain('Page1of2');
    expect(pages[2]).toContain('Page2of2');
    // The contents: "First heading" on page 1 (the second page of paper), "Second" on 2.
    expect(pages[1]).toMatch(/ContentsFirstheading1Secondheading2/);
    // And a viewer's page box: the cover is "Cover", then 1, 2 (PDF page labels).
    const json = JSON.parse(execFileSync('qpdf', ['--json', pdf], { encoding: 'utf8' })) as { pagelabels: { index: number; label: Record<string, unknown> }[] };
    expect(json.pagelabels).toEqual([
      { index: 0, label: { '/P': 'u:Cover', '/St': 1 } },
      { index: 1, label: { '/S': '/D', '/St': 1 } },
    ]);
  }, 60_000);
});
