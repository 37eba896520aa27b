/**
 * The PDF renderer, read back with real readers (DESIGN §6): poppler's pdftotext, pdffonts
 * and pdfinfo, and qpdf for the catalog, outline and destinations. Checks that the Chinese
 * text survives extraction verbatim (including 纯 and 帧 from the Simplified fallback face),
 * that every font is an embedded subset, that builds are byte-identical (in one process and
 * in a fresh one in another time zone), that notes and references link both ways, that
 * bookmarks land on their headings, that the XMP metadata is valid and has the language, and
 * that a character no font has stops the render (BP401). Line breaking on real output is in
 * pdf-line-breaking.test.ts, all sample briefs × templates in pdf-samples.test.ts.
 * Tests that need poppler or qpdf fail under CI when the tools are missing (helpers/readers.ts).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Block, DocumentModel, Paragraph } from '../../src/model/model.js';
import { DiagnosticError } from '../../src/diagnostics/diagnostic.js';
import { loadFontSet } from '../../src/fonts/font-set.js';
import { buildDocDefinition, renderPdf, withoutMutation } from '../helpers/renderers.js';
import { NO_LINE_END, NO_LINE_START } from '../../src/render/shared/cjk-line-breaks.js';
import { documentLanguage } from '../../src/render/pdf/metadata.js';
import { SaxesParser } from 'saxes';
import { pdfFonts, pdfInfo, pdfText, squash, toolsAvailable } from '../helpers/readers.js';
import { readQpdf } from './pdf-readers.js';

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

  it('draws emphasis with the real bold face, never slanted, Han or Latin', () => {
    const model = loadModel();
    model.blocks.push({ type: 'paragraph', lang: 'zh-Hant', children: [{ type: 'emphasis', children: [{ type: 'text', value: '共同決策 joint decision' }] }] });
    const items = textItems(buildDocDefinition(model, fonts).definition.content) as Record<string, unknown>[];
    const emphasised = items.filter((i) => /共同決策|joint decision/.test(String(i.text)));
    expect(emphasised.length).toBeGreaterThanOrEqual(2);
    for (const item of emphasised) expect(item).toMatchObject({ bold: true });
    expect(items.some((i) => i.italics)).toBe(false);
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
    expect(diagnostics[0]).toMatchObject({ code: 'BP401', severity: 'error', source: 'render', file: '<document model>' });
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

  it('derives the document id from the metadata, not from the clock', async () => {
    const trailerId = (file: string) => /\/ID \[ <([0-9a-f]+)>/.exec(execFileSync('qpdf', ['--show-object=trailer', file], { encoding: 'utf8' }))![1];
    const model = loadModel();
    model.meta = { ...model.meta, title: `${model.meta.title} (revised)` };
    const revised = path.join(dir, 'revised.pdf');
    writeFileSync(revised, await renderPdf(model, { fonts }));
    expect(trailerId(fixturePdf)).toMatch(/^[0-9a-f]{32}$/);
    expect(trailerId(revised)).not.toBe(trailerId(fixturePdf));
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

  it('puts the marking on every page, page numbers from the page after the cover', () => {
    const pages = Number(pdfInfo(fixturePdf).Pages);
    expect(pages).toBeGreaterThanOrEqual(3);
    const page = (n: number) => execFileSync('pdftotext', ['-enc', 'UTF-8', '-f', String(n), '-l', String(n), fixturePdf, '-'], { encoding: 'utf8' });
    const cover = page(1);
    expect(cover).toContain('中柬執法合作年 Briefing');
    expect(cover).not.toMatch(/Page \d+ of/);
    // The marking in the top and bottom banners only, the author and audience as written.
    expect(cover.match(/OFFICIAL/g)).toHaveLength(2);
    expect(cover).toContain('Prepared by: Research desk');
    expect(cover).toContain('For: Senior officials');
    for (let n = 2; n <= pages; n++) {
      const text = page(n);
      expect(text).toContain(`Page ${n - 1} of ${pages - 1}`);
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

  it('links every note reference to its note and every note back to its first reference', () => {
    const pdf = readQpdf(fixturePdf);
    expect(pdf.outline.map((o) => o.title)).toEqual(['Summary', 'Excerpts', 'Glossary', 'Notes']);
    expect(pdf.outline[0]!.kids.map((k) => k.title)).toEqual(['Key facts']);
    const notesPage = pdf.destinations.get('briefpack-sources')!.page;
    for (let n = 1; n <= 5; n++) {
      const note = pdf.destinations.get(`briefpack-note-${n}`)!;
      expect(note, `note ${n}`).toBeDefined();
      expect(note.page).toBeGreaterThanOrEqual(notesPage);
      // The superscript number in the text links to the note ...
      const forward = pdf.links.filter((l) => l.target === `briefpack-note-${n}`);
      expect(forward, `links to note ${n}`).toHaveLength(1);
      // ... and the note's number (on the note's line) links back to the text that cites it.
      const back = pdf.links.filter((l) => l.page === note.page && Math.abs(l.rect[3]! - Number(note.raw[3])) < 2);
      expect(back, `link back from note ${n}`).toHaveLength(1);
      const cited = pdf.destinations.get(back[0]!.target)!;
      expect(cited.page).toBe(forward[0]!.page);
      // The back link lands on the line of the reference, or on the first line of its paragraph.
      expect(Number(cited.raw[3])).toBeGreaterThanOrEqual(forward[0]!.rect[1]!);
    }
    // Every link goes somewhere.
    for (const link of pdf.links) expect(pdf.destinations.has(link.target), link.target).toBe(true);
  });

  it('points each bookmark at its heading, not at the top corner of its page', () => {
    const pdf = readQpdf(fixturePdf);
    const flat = (items: typeof pdf.outline): typeof pdf.outline => items.flatMap((i) => [i, ...flat(i.kids)]);
    const ids = ['summary', 'key-facts', 'excerpts', 'glossary', 'briefpack-sources'];
    const bookmarks = flat(pdf.outline);
    expect(bookmarks.map((b) => b.dest)).toEqual(ids.map((id) => pdf.destinations.get(id)!.raw));
    for (const b of bookmarks) expect(b.dest[2]).toBeCloseTo(56.69, 1); // the left margin, not the page width
  });

  it('writes title and language into valid XMP metadata (pdfinfo -meta), escaping what XML needs', async () => {
    const model = loadModel();
    model.meta = { ...model.meta, title: 'China & Cambodia <2021> “帕比”', author: 'A & B' };
    const file = path.join(dir, 'xmp.pdf');
    writeFileSync(file, await renderPdf(model, { fonts }));
    expect(pdfInfo(file).Title).toBe('China & Cambodia <2021> “帕比”');
    const xmp = execFileSync('pdfinfo', ['-meta', file], { encoding: 'utf8' });
    const texts = new Map<string, string>();
    const parser = new SaxesParser({ xmlns: true });
    const open: string[] = [];
    parser.on('opentag', (t) => open.push(t.name));
    parser.on('closetag', () => open.pop());
    parser.on('text', (t) => {
      if (t.trim()) texts.set(open.join('/'), (texts.get(open.join('/')) ?? '') + t.trim());
    });
    parser.write(xmp.replace(/^\s+/, '')).close();
    const value = (suffix: string) => [...texts].find(([k]) => k.endsWith(suffix))?.[1];
    expect(value('dc:title/rdf:Alt/rdf:li')).toBe('China & Cambodia <2021> “帕比”');
    expect(value('dc:creator/rdf:Seq/rdf:li')).toBe('A & B');
    expect(value('dc:language/rdf:Bag/rdf:li')).toBe('zh-Hant');
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

  it('keeps every heading with the text after it', async () => {
    // Headings after 0 to 4 filler lines and excerpts of 1 to 7 lines land at every height of a page.
    const blocks: Block[] = [];
    for (let n = 1; n <= 48; n++) {
      if (n % 4 === 1) blocks.push({ type: 'heading', level: 1, id: `h${n}`, children: [{ type: 'text', value: `Heading ${n}` }] });
      for (let i = 0; i < n % 5; i++) blocks.push({ type: 'paragraph', children: [{ type: 'text', value: `Filler line ${n}.${i}.` }] });
      blocks.push({
        type: 'excerpt',
        lang: 'zh-Hant',
        children: [{ type: 'paragraph', children: [{ type: 'text', value: '趙克志指出，中柬是鐵桿朋友和命運共同體。'.repeat(1 + (n % 7)) }] }],
        citation: [{ type: 'text', value: `Source: citation ${n}, 28 September 2021, ¶${n}` }],
      });
    }
    const file = path.join(dir, 'keep-with-next.pdf');
    writeFileSync(file, await renderPdf({ ...loadModel(), blocks, notes: [] }, { fonts }));
    const pages = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).split('\f').slice(0, -1);
    expect(pages.length).toBeGreaterThan(6);
    pages.forEach((page, i) => {
      const body = page.split('\n').map((l) => l.trim()).filter((l) => l && l !== 'OFFICIAL' && !/^Page \d+ of \d+$/.test(l));
      expect(body[body.length - 1], `page ${i + 1}`).not.toMatch(/^Heading \d+$/);
    });
  });

  it('prints US Letter when meta.paper says so', async () => {
    const model = loadModel();
    model.meta = { ...model.meta, paper: 'Letter' };
    const file = path.join(dir, 'letter.pdf');
    writeFileSync(file, await renderPdf(model, { fonts }));
    expect(pdfInfo(file)['Page size']).toMatch(/^612 x 792 pts/);
  });

});

describe('renderer tests check the model is left alone', () => {
  it('fail when a renderer changes the model it was given', () => {
    const mutating = withoutMutation('a mutating renderer', (m: DocumentModel) => {
      (m.blocks[0] as { type: string }).type = 'changed';
      return 0;
    });
    expect(() => mutating(loadModel())).toThrow(/mutated the document model/);
  });
});
