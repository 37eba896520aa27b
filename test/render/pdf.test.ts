/**
 * The PDF renderer, read back with real readers (DESIGN §6): poppler's pdftotext, pdffonts
 * and pdfinfo, and qpdf for the catalog, outline and destinations. Checks that the Chinese
 * text survives extraction verbatim (including 纯 and 帧 from the Simplified fallback face),
 * that every font is an embedded subset, that builds are byte-identical (in one process and
 * in a fresh one in another time zone), that no line starts or ends with forbidden
 * punctuation (DESIGN §5), and that a character no font has stops the render (BP401).
 * Tests that need poppler or qpdf fail under CI when the tools are missing (helpers/readers.ts).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Block, DocumentModel, Paragraph } from '../../src/doc/model.js';
import { DiagnosticError } from '../../src/diagnostics/diagnostic.js';
import { loadFontSet } from '../../src/fonts/font-set.js';
import { buildDocDefinition, renderPdf } from '../../src/render/pdf/index.js';
import { NO_LINE_END, NO_LINE_START } from '../../src/render/pdf/line-breaking.js';
import { documentLanguage } from '../../src/render/pdf/metadata.js';
import { pdfFonts, pdfInfo, pdfText, squash, toolsAvailable } from '../helpers/readers.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'model', 'renderer-sample.json');
const fonts = loadFontSet(ROOT);
const loadModel = (): DocumentModel => JSON.parse(readFileSync(FIXTURE, 'utf8')) as DocumentModel;

const paragraphText = (p: Paragraph) => p.children.map((c) => (c.type === 'text' ? c.value : '')).join('');
const chineseExcerpts = (model: DocumentModel): string[] =>
  model.blocks.flatMap((b) => (b.type === 'excerpt' && b.lang !== 'en' ? b.children.map(paragraphText) : []));

let dir: string;
let fixturePdf: string;
let firstBytes: Uint8Array;
let secondBytes: Uint8Array;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'bp-pdf-'));
  firstBytes = await renderPdf(loadModel(), { fonts });
  secondBytes = await renderPdf(loadModel(), { fonts });
  fixturePdf = path.join(dir, 'renderer-sample.pdf');
  writeFileSync(fixturePdf, firstBytes);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('determinism', () => {
  it('renders the same model twice to the same bytes', () => {
    expect(firstBytes.length).toBeGreaterThan(10_000);
    expect(Buffer.compare(Buffer.from(firstBytes), Buffer.from(secondBytes))).toBe(0);
  });

  it('renders the same bytes in a fresh process in another time zone', () => {
    const out = path.join(dir, 'fresh.pdf');
    const script = [
      `import { readFileSync, writeFileSync } from 'node:fs';`,
      `import { loadFontSet } from ${JSON.stringify(path.join(ROOT, 'src/fonts/font-set.ts'))};`,
      `import { renderPdf } from ${JSON.stringify(path.join(ROOT, 'src/render/pdf/index.ts'))};`,
      `const model = JSON.parse(readFileSync(${JSON.stringify(FIXTURE)}, 'utf8'));`,
      `writeFileSync(${JSON.stringify(out)}, await renderPdf(model, { fonts: loadFontSet(${JSON.stringify(ROOT)}) }));`,
    ].join('\n');
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: ROOT,
      env: { ...process.env, TZ: 'Pacific/Kiritimati' },
      encoding: 'utf8',
    });
    expect(child.stderr).toBe('');
    expect(Buffer.compare(readFileSync(out), Buffer.from(firstBytes))).toBe(0);
  });

  it('does not change the model it renders', async () => {
    const model = loadModel();
    const before = JSON.stringify(model);
    await renderPdf(model, { fonts });
    expect(JSON.stringify(model)).toBe(before);
  });
});

describe('fonts of text items', () => {
  /** Every `{text: string, font}` item anywhere in a document definition. */
  function textItems(node: unknown, out: { text: string; font: string; bold?: boolean }[] = []) {
    if (Array.isArray(node)) for (const n of node) textItems(n, out);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (typeof o.text === 'string' && typeof o.font === 'string') out.push(o as { text: string; font: string; bold?: boolean });
      for (const v of Object.values(o)) textItems(v, out);
    }
    return out;
  }

  it('gives every text item a face that has all of its characters, zero-width spaces included', () => {
    const model = loadModel();
    model.blocks.push({ type: 'paragraph', lang: 'zh-Hant', children: [{ type: 'text', value: '中文\u200b中文 纯帧 “引號”' }] });
    const { definition, problems } = buildDocDefinition(model, fonts);
    expect(problems).toEqual([]);
    const items = textItems(definition.content);
    expect(items.length).toBeGreaterThan(50);
    for (const item of items) {
      const face = fonts.faces.get(item.font)!;
      for (const ch of item.text.replace(/\n/g, '')) expect(face[item.bold ? 'bold' : 'regular'].covers(ch.codePointAt(0)!), `${item.font} ${ch}`).toBe(true);
    }
    expect(items.find((i) => i.text.includes('纯'))!.font).toBe(fonts.chains['zh-Hans'][0]);
  });
});

describe('missing glyphs', () => {
  it('throws BP401 naming a character no configured face has', async () => {
    expect([...fonts.faces.values()].some((f) => f.regular.covers(0x2a6d6))).toBe(false);
    const model = loadModel();
    model.blocks.push({ type: 'paragraph', lang: 'zh-Hant', children: [{ type: 'text', value: '龘𪛖字' }] });
    const error = await renderPdf(model, { fonts }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DiagnosticError);
    const diagnostics = (error as DiagnosticError).diagnostics;
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'BP401', severity: 'error', source: 'render', file: '<model>' });
    expect(diagnostics[0]!.message).toContain('U+2A6D6');
    expect(diagnostics[0]!.message).toContain('𪛖');
  });
});

describe('document language', () => {
  it('is the Chinese script of a brief with Han text, and en for an English-only one', () => {
    expect(documentLanguage(loadModel())).toBe('zh-Hant');
    const english: DocumentModel = { ...loadModel(), blocks: [{ type: 'paragraph', children: [{ type: 'text', value: 'Only English.' }] }], notes: [] };
    english.meta = { ...english.meta, title: 'Briefing', lang: 'zh-Hans' };
    expect(documentLanguage(english)).toBe('en');
  });
});

describe.skipIf(!toolsAvailable('pdftotext', 'pdffonts', 'pdfinfo', 'qpdf'))('read back with poppler and qpdf', () => {
  it('keeps the Chinese excerpts verbatim, with 纯 and 帧, and no word joiner or replacement character', () => {
    const text = pdfText(fixturePdf);
    const excerpts = chineseExcerpts(loadModel());
    expect(excerpts).toHaveLength(2);
    for (const excerpt of excerpts) expect(squash(text)).toContain(squash(excerpt));
    expect(text).toContain('纯帧');
    expect(text).not.toContain('\u2060');
    expect(text).not.toContain('\ufffd');
  });

  it('embeds every font as a subset, with deterministic subset tags, and uses the Simplified fallback', () => {
    const rows = pdfFonts(fixturePdf);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const row of rows) {
      expect(row, row.name).toMatchObject({ embedded: true, subset: true });
      expect(row.name).toMatch(/^[A-Z]{6}\+/);
    }
    const names = rows.map((r) => r.name.slice(7));
    expect(names).toContain('NotoSansSC-Regular');
    expect(names).toContain('NotoSansTC-Regular');
    expect(names).toContain('NotoSans-Regular');
    expect(names).toContain('NotoSansTC-Bold'); // strong/emphasis and headings use the real bold face
  });

  it('sets title, author, producer and the dates from meta.date', () => {
    const info = pdfInfo(fixturePdf);
    const { meta } = loadModel();
    expect(info.Title).toBe(meta.title);
    expect(info.Author).toBe(meta.author);
    expect(info.Subject).toBe(meta.subject);
    expect(info.Keywords).toBe(meta.keywords.join(', '));
    expect(info.Creator).toBe('briefpack');
    expect(info.Producer).toMatch(/^briefpack \(pdfmake \d/);
    expect(info.CreationDate).toMatch(/Sep 30 00:00:00 2021 UTC/);
    expect(info.ModDate).toBe(info.CreationDate);
    expect(info['Page size']).toMatch(/\(A4\)/);
  });

  it('puts the marking on every page, page numbers on every page but the cover', () => {
    const pages = Number(pdfInfo(fixturePdf).Pages);
    expect(pages).toBeGreaterThanOrEqual(3);
    const page = (n: number) => execFileSync('pdftotext', ['-enc', 'UTF-8', '-f', String(n), '-l', String(n), fixturePdf, '-'], { encoding: 'utf8' });
    const cover = page(1);
    expect(cover).toContain('中柬執法合作年 Briefing');
    expect(cover).not.toMatch(/Page \d+ of/);
    expect(cover.match(/OFFICIAL/g)!.length).toBeGreaterThanOrEqual(2);
    for (let n = 2; n <= pages; n++) {
      const text = page(n);
      expect(text).toContain(`Page ${n} of ${pages}`);
      expect(text.match(/OFFICIAL/g)).toHaveLength(2);
    }
  });

  it('has a table of contents, the source notes and the catalog language', () => {
    const text = pdfText(fixturePdf, 'reading');
    expect(text).toMatch(/Contents\s+Summary/);
    expect(text).toMatch(/Notes\s+1\. 中柬執法合作年視頻會晤/);
    expect(text).toContain('5. 中柬執法合作年視頻會晤 (release 2021-09-28-zh-cambodia), 2021-09-28, ¶5');
    const qdf = path.join(dir, 'qdf.pdf');
    execFileSync('qpdf', ['--qdf', '--object-streams=disable', fixturePdf, qdf]);
    const raw = readFileSync(qdf, 'latin1');
    expect(raw).toContain('/Lang (zh-Hant)');
  });

  it('links every note reference to a named destination on its note, and bookmarks the headings', () => {
    const json = JSON.parse(execFileSync('qpdf', ['--json', fixturePdf], { encoding: 'utf8', maxBuffer: 64 << 20 })) as {
      outlines: { title: string; kids: { title: string }[] }[];
      qpdf: [unknown, Record<string, { value?: Record<string, unknown> }>];
    };
    expect(json.outlines.map((o) => o.title)).toEqual(['Summary', 'Excerpts', 'Glossary', 'Notes']);
    expect(json.outlines[0]!.kids.map((k) => k.title)).toEqual(['Key facts']);
    const objects = Object.values(json.qpdf[1]).map((o) => JSON.stringify(o.value ?? {}));
    const goTos = objects.filter((o) => o.includes('"/S":"/GoTo"')).join('\n');
    const named = objects.find((o) => o.includes('"/Names":[') && o.includes('source-note-1')) ?? '';
    for (let n = 1; n <= 5; n++) {
      expect(goTos).toContain(`source-note-${n}`);
      expect(named).toContain(`source-note-${n}`);
    }
  });

  it('writes the fixed words in Chinese when the labels are Chinese, in the script of the brief', async () => {
    for (const [lang, page, sources] of [
      ['zh-Hant', '第 2 頁，共', '註釋'],
      ['zh-Hans', '第 2 页，共', '注释'],
    ] as const) {
      const model = loadModel();
      model.meta = { ...model.meta, labels: 'zh', lang };
      const file = path.join(dir, `labels-${lang}.pdf`);
      writeFileSync(file, await renderPdf(model, { fonts }));
      const text = pdfText(file);
      expect(text).toContain(page);
      expect(text).toContain(sources);
    }
  });

  it('prints US Letter when meta.paper says so', async () => {
    const model = loadModel();
    model.meta = { ...model.meta, paper: 'Letter' };
    const file = path.join(dir, 'letter.pdf');
    writeFileSync(file, await renderPdf(model, { fonts }));
    expect(pdfInfo(file)['Page size']).toMatch(/^612 x 792 pts/);
  });

  describe('Chinese line breaking on real output', () => {
    const extra =
      '這是纯——帧的測試，年份2021——之後，以及Pabbi·Antiterror寫法。他說：「這是——真的嗎？」……是的（確實如此）。' +
      '比例為50％，成長·穩定；“帕比—反恐—2021”演習、會晤，《報告》【附件】〔注〕〈篇〉『引』。';
    let stressPdf: string;
    let text: string;

    beforeAll(async () => {
      const sample = loadModel();
      text = [...chineseExcerpts(sample), extra].join('');
      const paragraph = (value: string): Block => ({ type: 'paragraph', lang: 'zh-Hant', children: [{ type: 'text', value }] });
      const cell = (value: string) => ({ type: 'cell' as const, lang: 'zh-Hant' as const, children: value ? [{ type: 'text' as const, value }] : [] });
      const blocks: Block[] = [paragraph(text.repeat(3))];
      // The text in columns of several widths, so that lines end at many different places.
      for (const widths of [[2, 3], [1, 1], [3, 2], [7, 3], [4, 1]]) {
        blocks.push({ type: 'table', variant: 'plain', headerRows: 0, columnWidths: widths, rows: [[cell(text), cell('')]] });
      }
      // A row far taller than a page in a narrow column: it must split, not lose its text.
      blocks.push({ type: 'table', variant: 'plain', headerRows: 0, columnWidths: [1, 4], rows: [[cell(text.repeat(3)), cell('')]] });
      stressPdf = path.join(dir, 'line-breaking.pdf');
      writeFileSync(stressPdf, await renderPdf({ ...sample, blocks, notes: [] }, { fonts }));
    });

    it('never starts a line with closing punctuation or ends one with opening punctuation', () => {
      const lines = pdfText(stressPdf, 'layout')
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
      expect(lines.length).toBeGreaterThan(150);
      const bad = lines.filter((line) => {
        const chars = Array.from(line);
        return NO_LINE_START.includes(chars[0]!) || NO_LINE_END.includes(chars[chars.length - 1]!);
      });
      expect(bad).toEqual([]);
    });

    it('loses no text, even in a row taller than a page', () => {
      const extracted = squash(pdfText(stressPdf).replace(/Page \d+ of \d+|OFFICIAL/g, ''));
      const occurrences = extracted.split(squash(text)).length - 1;
      expect(occurrences).toBe(3 + 5 + 3);
      expect(extracted).not.toContain('\u2060');
    });
  });
});
