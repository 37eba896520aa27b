/**
 * Lines drawn in runs (src/render/pdf/glyph-runs.ts): one text object per run of like-styled
 * words instead of one per word, with every glyph where pdfmake's word-by-word drawing puts
 * it, the same text for readers, the same links; and pdfkit's methods that the module stands
 * in for are the version it was written against.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Block, DocumentModel, Inline } from '../../src/model/model.js';
import { GLYPH_RUN_PATCHED_METHODS, glyphRunDrawing, mergedInlines } from '../../src/render/pdf/glyph-runs.js';
import { renderPdf } from '../helpers/renderers.js';
import { readGlyphs } from '../helpers/cjk-geometry.js';
import { pdfText, toolsAvailable } from '../helpers/readers.js';
import { PROJECT_ROOT, projectFonts } from '../helpers/project.js';

const fonts = projectFonts();
const hasTools = toolsAvailable('mutool', 'pdftotext', 'qpdf');
const work = mkdtempSync(path.join(os.tmpdir(), 'bp-glyph-runs-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the pdfkit methods glyph-runs.ts stands in for', () => {
  it('are the version it was written against', () => {
    const version = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'node_modules/pdfkit/package.json'), 'utf8')).version;
    const sources = Object.fromEntries(Object.entries(GLYPH_RUN_PATCHED_METHODS).map(([name, fn]) => [name, createHash('sha256').update(String(fn)).digest('hex').slice(0, 16)]));
    // When this fails, pdfkit changed: reread `_fragment` (drawRun copies what it writes for
    // left-aligned text) and `text`/`_line`, check glyph-runs.ts against them, then update.
    expect({ version, sources }).toEqual({ version: PINNED_VERSION, sources: PINNED });
  });
});
const PINNED_VERSION = '0.19.1';
const PINNED = {
  'PDFDocument.text': '2b5f97c543a12a7f',
  'PDFDocument._line': '1350fa53f5f53331',
  'PDFDocument._fragment': '3582fda36bf1094e',
};

// ---- which words merge ------------------------------------------------------------------

const face = { id: 'F1' };
const other = { id: 'F2' };
const word = (text: string, x: number, extra: Record<string, unknown> = {}) => ({ text, x, width: 10, height: 12, font: face, fontSize: 10, ...extra }) as never;

describe('mergedInlines', () => {
  it('merges runs of the same face, size, colour, opacity and baseline, and nothing else', () => {
    const inlines = [
      word('國', 0),
      word('務', 10, { fontFeatures: ['halt'] }), // features stay with the part: merges
      word('委', 20, { color: 'red' }),
      word('員', 30, { color: 'red', opacity: 1 }), // opacity 1 is no opacity
      word('公', 40, { font: other }),
      word('安', 50, { link: 'https://example.org/' }),
      word('部', 60),
      word('長', 70, { sup: true }),
      word('趙', 80),
      word('', 90),
      word('克', 100),
      word('志', 110, { characterSpacing: 1 }),
    ];
    const merged = mergedInlines(inlines) as unknown as { text: unknown; x: number; width: number }[];
    expect(merged.map((i) => String(i.text))).toEqual(['國務', '委員', '公', '安', '部', '長', '趙', '', '克', '志']);
    expect(merged[0]).toMatchObject({ x: 0, width: 20 });
    expect(merged[1]).toMatchObject({ x: 20, width: 20 });
    // The run stands on its first word; the words themselves are untouched.
    expect((inlines[0] as unknown as { text: string }).text).toBe('國');
    expect(mergedInlines([word('a', 0), word('b', 10, { font: other })])).toBeUndefined();
  });
});

// ---- drawn in runs, the same page -----------------------------------------------------------

const text = (value: string, lang?: 'en' | 'zh-Hant'): Inline => ({ type: 'text', value, ...(lang ? { lang } : {}) });
const HAN = '國務委員公安部部長趙克志與柬埔寨副首相兼內政大臣薩肯出席視頻會晤和簽字儀式，雙方簽署了《中柬執法合作議定書》。「雙方同意」加強打擊跨國犯罪——包括電信詐騙……';

function sample(): DocumentModel {
  const blocks: Block[] = [
    { type: 'toc', title: [text('Contents')], depth: 1 },
    { type: 'heading', level: 1, id: 'one', children: [text('Cooperation 合作')] },
    {
      type: 'paragraph',
      lang: 'zh-Hant',
      children: [
        text(HAN.repeat(3)),
        { type: 'strong', children: [text('重點：')] },
        text('Mixed with English words, 2021 年 9 月 28 日，'),
        { type: 'emphasis', children: [text('emphasised')] },
        { type: 'citeRef', note: 1 },
        text(' and a '),
        { type: 'link', url: 'https://www.mps.gov.cn/', children: [text('link to the ministry')] },
        { type: 'lineBreak' },
        text(HAN),
      ],
    },
    { type: 'heading', level: 1, id: 'two', children: [text('Quoted')] },
    { type: 'excerpt', lang: 'zh-Hant', children: [{ type: 'paragraph', lang: 'zh-Hant', children: [text(HAN.repeat(2))] }], citation: [text('Source: Ministry of Public Security, 2021-09-28, ¶1')] },
    { type: 'paragraph', lang: 'en', children: [text('An English paragraph long enough to be justified over more than one line, with a few words in it that shape with kerning: AVATAR, Wa, To.'.repeat(3))] },
  ];
  return {
    type: 'document',
    version: 1,
    meta: { title: 'Runs', subtitle: '', date: '2021-09-30', classification: 'OFFICIAL', author: '', subject: '', keywords: [], lang: 'zh-Hant', labels: 'en', paper: 'A4' },
    blocks,
    notes: [{ type: 'sourceNote', id: 1, children: [text('Ministry of Public Security, press release, 28 September 2021.')] }],
  };
}

async function pdfOf(name: string, merge: boolean): Promise<string> {
  const file = path.join(work, `${name}.pdf`);
  glyphRunDrawing.enabled = merge;
  try {
    writeFileSync(file, await renderPdf(sample(), { fonts }));
  } finally {
    glyphRunDrawing.enabled = true;
  }
  return file;
}

/** The text objects (BT … ET) and the link annotations of a PDF, from its uncompressed form. */
function contentCounts(pdf: string): { textObjects: number; links: string[] } {
  const qdf = path.join(work, `${path.basename(pdf, '.pdf')}.qdf`);
  execFileSync('qpdf', ['--qdf', '--object-streams=disable', pdf, qdf]);
  const body = readFileSync(qdf, 'latin1');
  return {
    textObjects: body.match(/^BT$/gm)?.length ?? 0,
    links: [...body.matchAll(/\/URI \(([^)]*)\)|\/Dest \[[^\]]*\]|\/Dest \/\w+/g)].map((m) => m[0]),
  };
}

describe.skipIf(!hasTools)('a page drawn in runs', () => {
  it('puts every glyph where word-by-word drawing does, in far fewer text objects', async () => {
    const byWord = await pdfOf('by-word', false);
    const inRuns = await pdfOf('in-runs', true);
    const before = readGlyphs(byWord);
    const after = readGlyphs(inRuns);
    expect(after.map((p) => p.length)).toEqual(before.map((p) => p.length));
    let worst = 0;
    before.forEach((page, p) =>
      page.forEach((g, i) => {
        const h = after[p]![i]!;
        expect({ c: h.c, font: h.font, size: h.size }).toEqual({ c: g.c, font: g.font, size: g.size });
        worst = Math.max(worst, Math.abs(h.x - g.x), Math.abs(h.right - g.right), Math.abs(h.y - g.y));
      }),
    );
    // The runs' glyph advances are written to 1/1000 of a text unit: far below a device pixel.
    expect(worst).toBeLessThan(0.005);
    expect(before.flat().length).toBeGreaterThan(400);

    for (const mode of ['raw', 'layout'] as const) expect(pdfText(inRuns, mode)).toBe(pdfText(byWord, mode));
    const a = contentCounts(byWord);
    const b = contentCounts(inRuns);
    expect(b.links).toEqual(a.links);
    expect(b.links.some((l) => l.includes('mps.gov.cn'))).toBe(true);
    expect(b.textObjects * 4).toBeLessThan(a.textObjects);
  }, 60_000);

  it('is deterministic', async () => {
    const one = readFileSync(await pdfOf('again-1', true));
    const two = readFileSync(await pdfOf('again-2', true));
    expect(createHash('sha256').update(two).digest('hex')).toBe(createHash('sha256').update(one).digest('hex'));
  });
});
