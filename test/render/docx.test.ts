/**
 * The DOCX renderer, read back with real readers (DESIGN §6): the package unzipped with
 * fflate and its XML checked (fonts in object form, language tags, outline levels, table
 * styles, East Asian line-breaking settings, the font table, one footnote per reference,
 * page size, fixed dates), byte-identical builds in one process, in a fresh process and in
 * another time zone, and LibreOffice converting it to PDF (the text of every excerpt and
 * footnote survives, the Simplified fallback face is really used, and every page number
 * the contents gives is the page LibreOffice puts the heading on).
 *
 * The sample briefs are checked end to end in docx-samples.test.ts, font embedding in
 * docx-embed-fonts.test.ts.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Block, DocumentModel, Inline } from '../../src/model/model.js';
import { DiagnosticError } from '../../src/diagnostics/diagnostic.js';
import { chainFor, loadFontSet } from '../../src/fonts/font-set.js';
import { renderDocx } from '../helpers/renderers.js';
import { NO_LINE_END, NO_LINE_START } from '../../src/render/shared/cjk-line-breaks.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'model', 'renderer-sample.json');
const fonts = loadFontSet(ROOT);
const loadModel = (): DocumentModel => JSON.parse(readFileSync(FIXTURE, 'utf8')) as DocumentModel;
const familyOf = (chain: 'latin' | 'zh-Hant' | 'zh-Hans') => fonts.faces.get(fonts.chains[chain][0]!)!.regular.family;

// ---- small readers ------------------------------------------------------------------

type Parts = Record<string, Uint8Array>;
const xmlOf = (parts: Parts, name: string): string => {
  const bytes = parts[name];
  if (!bytes) throw new Error(`package has no ${name}`);
  return strFromU8(bytes);
};

/** Attributes of the first `<tag …>` in `xml`. */
function attrs(xml: string, tag: string): Record<string, string> {
  const m = new RegExp(`<${tag}\\b([^>]*?)/?>`).exec(xml);
  if (!m) return {};
  return Object.fromEntries([...m[1]!.matchAll(/([\w:]+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!]));
}

/** `<w:style …styleId="id">…</w:style>` */
function style(stylesXml: string, id: string): string {
  const m = new RegExp(`<w:style\\b[^>]*w:styleId="${id}"[^>]*>[\\s\\S]*?</w:style>`).exec(stylesXml);
  if (!m) throw new Error(`styles.xml has no style ${id}`);
  return m[0];
}

/** Every `<w:r>…</w:r>` with its text. */
function runs(xml: string): { xml: string; text: string }[] {
  return [...xml.matchAll(/<w:r>([\s\S]*?)<\/w:r>/g)].map((m) => ({
    xml: m[0],
    text: [...m[1]!.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
  }));
}

/** DOS date/time of every entry, from the zip's central directory. */
function zipEntries(bytes: Uint8Array): { name: string; date: string }[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = bytes.length - 22;
  while (eocd >= 0 && view.getUint32(eocd, true) !== 0x06054b50) eocd--;
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const out: { name: string; date: string }[] = [];
  for (let i = 0; i < count; i++) {
    expect(view.getUint32(at, true)).toBe(0x02014b50);
    const time = view.getUint16(at + 12, true);
    const date = view.getUint16(at + 14, true);
    const nameLength = view.getUint16(at + 28, true);
    const extra = view.getUint16(at + 30, true);
    const comment = view.getUint16(at + 32, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    const pad = (n: number) => String(n).padStart(2, '0');
    out.push({
      name,
      date: `${1980 + (date >> 9)}-${pad((date >> 5) & 15)}-${pad(date & 31)}T${pad(time >> 11)}:${pad((time >> 5) & 63)}:${pad((time & 31) * 2)}`,
    });
    at += 46 + nameLength + extra + comment;
  }
  return out;
}

function inlinesOf(blocks: readonly Block[]): Inline[] {
  const out: Inline[] = [];
  const walk = (inlines: readonly Inline[]) => {
    for (const i of inlines) {
      out.push(i);
      if ('children' in i) walk(i.children);
    }
  };
  for (const b of blocks) {
    if (b.type === 'cover') walk([...b.title, ...b.subtitle, ...b.date]);
    else if (b.type === 'toc') walk(b.title);
    else if (b.type === 'heading' || b.type === 'paragraph' || b.type === 'note') walk(b.children);
    else if (b.type === 'excerpt') {
      out.push(...inlinesOf(b.children));
      walk(b.citation);
    } else if (b.type === 'list') for (const item of b.items) out.push(...inlinesOf(item));
    else if (b.type === 'table') for (const row of b.rows) for (const cell of row) walk(cell.children);
  }
  return out;
}

const plain = (inlines: readonly Inline[]): string =>
  inlines.map((i) => (i.type === 'text' ? i.value : 'children' in i ? plain(i.children) : '')).join('');
const squash = (s: string) => s.replace(/\s+/g, '');
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** The contents' entries: title, bookmark and the page number written (undefined: left blank). */
function tocNumbers(xml: string): { title: string; bookmark: string; page: string | undefined }[] {
  const sdt = /<w:sdt>[\s\S]*?<\/w:sdt>/.exec(xml)?.[0] ?? '';
  return [...sdt.matchAll(/<w:hyperlink\b[^>]*w:anchor="(_Toc\d+)">([\s\S]*?)<\/w:hyperlink>/g)].map((m) => {
    const [before, field = ''] = m[2]!.split('<w:tab/>');
    const page = /<w:fldChar w:fldCharType="separate"\/>(?:<w:t[^>]*>([^<]*)<\/w:t>)?/.exec(field)?.[1];
    return { title: runs(before!).map((r) => r.text).join(''), bookmark: m[1]!, page };
  });
}

// ---- the sample, rendered once --------------------------------------------------------

const model = loadModel();
let bytes: Uint8Array;
let parts: Parts;
let documentXml: string;
let stylesXml: string;

beforeAll(async () => {
  bytes = await renderDocx(model, { fonts, docx: { tocPageNumbers: true } });
  parts = unzipSync(bytes);
  documentXml = xmlOf(parts, 'word/document.xml');
  stylesXml = xmlOf(parts, 'word/styles.xml');
});

describe('styles.xml', () => {
  it('sets the default run fonts in object form from the font chains', () => {
    const defaults = /<w:rPrDefault>[\s\S]*?<\/w:rPrDefault>/.exec(stylesXml)![0];
    expect(attrs(defaults, 'w:rFonts')).toEqual({
      'w:ascii': familyOf('latin'),
      'w:hAnsi': familyOf('latin'),
      'w:cs': familyOf('latin'),
      'w:eastAsia': familyOf('zh-Hant'),
    });
    expect(familyOf('zh-Hant')).toBe('Noto Sans TC');
  });

  it('tags the default language: en-GB for Latin text, zh-TW for a Traditional brief', () => {
    const defaults = /<w:rPrDefault>[\s\S]*?<\/w:rPrDefault>/.exec(stylesXml)![0];
    expect(attrs(defaults, 'w:lang')).toMatchObject({ 'w:val': 'en-GB', 'w:eastAsia': 'zh-TW' });
  });

  it('switches the defaults for a Simplified brief, and tags Traditional text in it zh-TW', async () => {
    const hans = loadModel();
    hans.meta.lang = 'zh-Hans';
    const p = unzipSync(await renderDocx(hans, { fonts }));
    const defaults = /<w:rPrDefault>[\s\S]*?<\/w:rPrDefault>/.exec(xmlOf(p, 'word/styles.xml'))![0];
    expect(attrs(defaults, 'w:rFonts')['w:eastAsia']).toBe(familyOf('zh-Hans'));
    expect(attrs(defaults, 'w:lang')['w:eastAsia']).toBe('zh-CN');
    // The participants cell is marked zh-Hant: its run keeps the Traditional face and tag.
    const cell = runs(xmlOf(p, 'word/document.xml')).find((r) => r.text === '趙克志、薩肯')!;
    expect(attrs(cell.xml, 'w:rFonts')['w:eastAsia']).toBe('Noto Sans TC');
    expect(attrs(cell.xml, 'w:lang')['w:eastAsia']).toBe('zh-TW');
  });

  it('gives Heading 1–3 their outline levels and Word built-in names', () => {
    for (const level of [1, 2, 3]) {
      const s = style(stylesXml, `Heading${level}`);
      expect(attrs(s, 'w:outlineLvl')['w:val']).toBe(String(level - 1));
      expect(attrs(s, 'w:name')['w:val']).toBe(`heading ${level}`);
    }
  });

  it('names the heading role\'s faces on the heading styles (fonts.yaml roles)', () => {
    const heading = (chain: 'latin' | 'zh-Hant') => fonts.faces.get(chainFor(fonts, 'heading', chain)[0]!)!.regular.family;
    for (const id of ['Title', 'Heading1', 'Heading2', 'Heading3', 'TOCHeading', 'TOC1', 'TOC2', 'TOC3']) {
      expect(attrs(style(stylesXml, id), 'w:rFonts'), id).toEqual({
        'w:ascii': heading('latin'),
        'w:hAnsi': heading('latin'),
        'w:cs': heading('latin'),
        'w:eastAsia': heading('zh-Hant'),
      });
    }
  });

  it('defines the styles the writer uses', () => {
    for (const id of ['Normal', 'Title', 'Subtitle', 'Excerpt', 'Citation', 'Classification', 'TOC1', 'TOC2', 'TOC3', 'FootnoteText', 'Note', 'FactTable', 'GlossaryTable', 'BriefTable']) {
      expect(() => style(stylesXml, id)).not.toThrow();
    }
    expect(attrs(style(stylesXml, 'TOC2'), 'w:name')['w:val']).toBe('toc 2');
  });

  it('says lineRule="auto" wherever it sets a line height', () => {
    const spacingsIn = (xml: string) => [...xml.matchAll(/<w:spacing\b[^>]*\bw:line="[^"]*"[^>]*\/>/g)].map((m) => m[0]);
    expect(spacingsIn(stylesXml).length).toBeGreaterThan(10);
    for (const xml of [stylesXml, documentXml, xmlOf(parts, 'word/numbering.xml')]) {
      for (const s of spacingsIn(xml)) expect(s).toContain('w:lineRule="auto"');
    }
  });
});

describe('runs in document.xml', () => {
  it('draws 纯 and 帧 with the Simplified face, tagged zh-CN', () => {
    const simplified = runs(documentXml).filter((r) => /[纯帧]/.test(r.text));
    expect(simplified.length).toBeGreaterThan(0);
    for (const r of simplified) {
      expect(attrs(r.xml, 'w:rFonts')['w:eastAsia']).toBe('Noto Sans SC');
      expect(attrs(r.xml, 'w:lang')['w:eastAsia']).toBe('zh-CN');
    }
  });

  it('gives every Han character a face that has it (run font or the default eastAsia font)', () => {
    const byFamily = new Map([...fonts.faces.values()].map((f) => [f.regular.family, f.regular]));
    const fallback = familyOf('zh-Hant');
    for (const r of runs(documentXml)) {
      const family = attrs(r.xml, 'w:rFonts')['w:eastAsia'] ?? fallback;
      for (const ch of r.text.match(/\p{Script=Han}/gu) ?? []) {
        expect(byFamily.get(family)!.covers(ch.codePointAt(0)!), `${ch} in ${family}`).toBe(true);
      }
    }
  });

  it('never names a single font for all slots: run fonts are in object form', () => {
    for (const m of documentXml.matchAll(/<w:rFonts\b[^>]*\/>/g)) {
      expect(m[0]).toMatch(/w:ascii=/);
      expect(m[0]).toMatch(/w:eastAsia=/);
    }
  });

  it('maps emphasis on Han text to bold, never to italics', () => {
    const emphasised = runs(documentXml).find((r) => r.text === '重大決策')!;
    expect(emphasised.xml).toContain('<w:b/>');
    for (const r of runs(documentXml)) if (/\p{Script=Han}/u.test(r.text)) expect(r.xml).not.toContain('<w:i/>');
  });

  it('draws emphasis as the PDF does: bold in every script, italics in none (render/shared/emphasis.ts)', async () => {
    const m = loadModel();
    m.blocks.push({ type: 'paragraph', lang: 'zh-Hant', children: [{ type: 'emphasis', children: [{ type: 'text', value: '共同決策 joint decision' }] }] });
    const xml = xmlOf(unzipSync(await renderDocx(m, { fonts })), 'word/document.xml');
    const emphasised = runs(xml).filter((r) => /共同決策|joint decision/.test(r.text));
    expect(emphasised.map((r) => r.text.trim()).filter(Boolean)).toEqual(expect.arrayContaining(['共同決策', 'joint decision']));
    for (const r of emphasised) {
      expect(r.xml, r.text).toContain('<w:b/>');
      expect(r.xml, r.text).not.toContain('<w:i/>');
    }
  });

  it('writes links as external hyperlinks', () => {
    expect(documentXml).toMatch(/<w:hyperlink [^>]*r:id="rIdh1"[^>]*>[\s\S]*?the release/);
    expect(xmlOf(parts, 'word/_rels/document.xml.rels')).toContain('Target="https://example.org/" TargetMode="External"');
  });
});

describe('footnotes', () => {
  const citeRefs = (m: DocumentModel) => inlinesOf(m.blocks).filter((i) => i.type === 'citeRef');
  const footnoteIds = (xml: string) => [...xml.matchAll(/<w:footnote\b[^>]*w:id="(\d+)"/g)].map((m) => Number(m[1])).filter((id) => id >= 1);

  it('makes one real footnote per citeRef, holding the note text', () => {
    const refs = citeRefs(model);
    const footnotesXml = xmlOf(parts, 'word/footnotes.xml');
    expect(refs.length).toBe(5);
    expect([...documentXml.matchAll(/<w:footnoteReference\b/g)].length).toBe(refs.length);
    expect(footnoteIds(footnotesXml)).toEqual(refs.map((_, i) => i + 1));
    for (const note of model.notes) expect(squash(footnotesXml.replace(/<[^>]+>/g, ''))).toContain(squash(plain(note.children)));
  });

  it('never shares one footnote between two references to the same note', async () => {
    const twice = loadModel();
    const para = twice.blocks.find((b) => b.type === 'paragraph')!;
    if (para.type !== 'paragraph') throw new Error('fixture has no paragraph');
    para.children.push({ type: 'citeRef', note: 1 }, { type: 'citeRef', note: 1 });
    const p = unzipSync(await renderDocx(twice, { fonts }));
    const refs = [...xmlOf(p, 'word/document.xml').matchAll(/<w:footnoteReference w:id="(\d+)"/g)].map((m) => m[1]);
    expect(refs.length).toBe(citeRefs(twice).length);
    expect(new Set(refs).size).toBe(refs.length);
    expect(footnoteIds(xmlOf(p, 'word/footnotes.xml')).length).toBe(refs.length);
  });
});

describe('page furniture and blocks', () => {
  it('uses A4 of exactly 11906×16838 twips with 2 cm margins, and Letter when asked', async () => {
    const sizes = [...documentXml.matchAll(/<w:pgSz\b[^>]*\/>/g)].map((m) => m[0]);
    expect(sizes.length).toBe(2);
    for (const s of sizes) expect(attrs(s, 'w:pgSz')).toMatchObject({ 'w:w': '11906', 'w:h': '16838' });
    expect(attrs(documentXml, 'w:pgMar')).toMatchObject({ 'w:top': '1134', 'w:left': '1134', 'w:right': '1134', 'w:bottom': '1134' });
    const letter = loadModel();
    letter.meta.paper = 'Letter';
    const xml = xmlOf(unzipSync(await renderDocx(letter, { fonts })), 'word/document.xml');
    expect(attrs(xml, 'w:pgSz')).toMatchObject({ 'w:w': '12240', 'w:h': '15840' });
  });

  it('puts the cover in a section of its own with a first-page header and footer', () => {
    const firstSection = /<w:sectPr>[\s\S]*?<\/w:sectPr>/.exec(documentXml)![0];
    expect(firstSection).toContain('<w:titlePg/>');
    expect(firstSection).toMatch(/<w:headerReference w:type="first"/);
    expect(firstSection).toMatch(/<w:footerReference w:type="first"/);
  });

  it('marks every header and footer with the classification; the body footer counts pages', () => {
    const names = Object.keys(parts).filter((n) => /^word\/(header|footer)\d+\.xml$/.test(n));
    expect(names.length).toBeGreaterThanOrEqual(4);
    for (const n of names) expect(xmlOf(parts, n)).toContain('>OFFICIAL<');
    const footers = names.filter((n) => n.includes('footer')).map((n) => xmlOf(parts, n));
    const counted = footers.filter((f) => /PAGE\b/.test(f) && f.includes('NUMPAGES'));
    expect(counted.length).toBeGreaterThan(0);
    for (const f of counted) expect(f).toMatch(/>Page <[\s\S]*> of </);
    for (const n of names) expect(xmlOf(parts, n)).not.toMatch(/CURRENT|TOTAL_PAGES/);
  });

  it('numbers the body from 1 after the cover, its total the number of its last page', () => {
    const sections = [...documentXml.matchAll(/<w:sectPr\b[\s\S]*?<\/w:sectPr>/g)].map((m) => m[0]);
    expect(sections).toHaveLength(2);
    expect(sections[0]).toContain('<w:titlePg/>');
    expect(sections[1]).toMatch(/<w:pgNumType w:start="1"\/>/);
    // The body's footer: PAGE of PAGEREF to a bookmark in the last paragraph (NUMPAGES would
    // count the cover; LibreOffice leaves SECTIONPAGES blank).
    const footers = Object.keys(parts).filter((n) => /^word\/footer\d+\.xml$/.test(n)).map((n) => xmlOf(parts, n));
    expect(footers.some((f) => f.includes('PAGEREF briefpack_last_page'))).toBe(true);
    const bookmark = documentXml.lastIndexOf('w:name="briefpack_last_page"');
    expect(bookmark).toBeGreaterThan(documentXml.lastIndexOf('<w:pStyle w:val="Bibliography"/>'));
    expect(documentXml.indexOf('<w:p>', bookmark) === -1 || documentXml.indexOf('<w:p ', bookmark) === -1).toBe(true);
  });

  it('counts pages in Chinese when the labels are Chinese', async () => {
    const zh = loadModel();
    zh.meta.labels = 'zh';
    const p = unzipSync(await renderDocx(zh, { fonts }));
    const footers = Object.keys(p).filter((n) => /^word\/footer\d+\.xml$/.test(n)).map((n) => xmlOf(p, n)).join('');
    expect(footers).toContain('>第 <');
    expect(footers).toContain('頁，共 ');
  });

  it('writes a TOC field over Heading 1–depth with an entry per heading; numbers only where reliable', () => {
    expect(documentXml).toContain('TOC \\h \\o &quot;1-2&quot;');
    const sdt = /<w:sdt>[\s\S]*?<\/w:sdt>/.exec(documentXml)![0];
    for (const title of ['Summary', 'Key facts', 'Excerpts', 'Glossary']) expect(sdt).toContain(`>${title}<`);
    const numbers = tocNumbers(documentXml);
    expect(numbers.map((n) => n.title)).toEqual(['Summary', 'Key facts', 'Excerpts', 'Glossary']);
    for (const n of numbers) expect(documentXml).toMatch(new RegExp(`<w:bookmarkStart w:name="${n.bookmark}"`));
    // The headings before the forced page break have reliable numbers; a blank one makes
    // Word update the fields on opening, and only then.
    expect(numbers[0]!.page).toBe('1'); // the body is numbered from 1 after the cover
    const blank = numbers.some((n) => n.page === undefined);
    expect(xmlOf(parts, 'word/settings.xml').includes('<w:updateFields w:val="true"/>')).toBe(blank);
  });

  it('gives a contents entry the font runs of its heading where a plain run would draw it otherwise', async () => {
    const m = loadModel();
    m.meta.labels = 'zh';
    const heading = m.blocks.find((b) => b.type === 'heading' && b.id === 'excerpts')!;
    if (heading.type !== 'heading') throw new Error('fixture has no excerpts heading');
    heading.children = [{ type: 'text', value: '純“帕比”纯' }];
    const xml = xmlOf(unzipSync(await renderDocx(m, { fonts })), 'word/document.xml');
    const sdt = /<w:sdt>[\s\S]*?<\/w:sdt>/.exec(xml)![0];
    const entry = runs(sdt).filter((r) => /[純纯“]/.test(r.text));
    expect(entry.map((r) => r.text).join('')).toBe('純“帕比”纯');
    const sc = entry.find((r) => r.text.includes('纯'))!;
    expect(attrs(sc.xml, 'w:rFonts')['w:eastAsia']).toBe('Noto Sans SC');
    expect(attrs(sc.xml, 'w:lang')['w:eastAsia']).toBe('zh-CN');
    expect(attrs(entry.find((r) => r.text.includes('“'))!.xml, 'w:rFonts')['w:hint']).toBe('eastAsia');
  });

  it('writes excerpts and citations with their styles', () => {
    const excerpts = model.blocks.filter((b) => b.type === 'excerpt');
    expect([...documentXml.matchAll(/<w:pStyle w:val="Citation"\/>/g)].length).toBe(excerpts.length);
    expect([...documentXml.matchAll(/<w:pStyle w:val="Excerpt"\/>/g)].length).toBe(excerpts.reduce((n, e) => n + e.children.length, 0));
  });

  it('writes tables with a fixed layout, widths that fill the text width, and repeated header rows', () => {
    const tables = [...documentXml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]);
    expect(tables.length).toBe(2);
    for (const t of tables) {
      expect(t).toContain('<w:tblLayout w:type="fixed"/>');
      const cols = [...t.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
      expect(cols.reduce((a, b) => a + b, 0)).toBe(11906 - 2 * 1134);
      const firstRow = /<w:tr>[\s\S]*?<\/w:tr>/.exec(t)![0];
      expect(firstRow).toContain('<w:tblHeader/>');
      expect(firstRow).toContain('<w:cantSplit/>');
    }
    const facts = tables[0]!.match(/<w:gridCol w:w="(\d+)"\/>/g)!;
    expect(facts).toEqual(['<w:gridCol w:w="2409"/>', '<w:gridCol w:w="7229"/>']);
  });

  it('gives facts and glossary tables real table styles, switched on by w:tblLook, not cell formatting', () => {
    const tables = [...documentXml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]);
    expect(attrs(tables[0]!, 'w:tblStyle')['w:val']).toBe('FactTable');
    expect(attrs(tables[0]!, 'w:tblLook')).toMatchObject({ 'w:firstRow': 'true', 'w:firstColumn': 'true', 'w:noHBand': 'true' });
    expect(attrs(tables[1]!, 'w:tblStyle')['w:val']).toBe('GlossaryTable');
    expect(attrs(tables[1]!, 'w:tblLook')).toMatchObject({ 'w:firstRow': 'true', 'w:firstColumn': 'false', 'w:noHBand': 'false' });
    for (const t of tables) {
      expect(t).not.toContain('<w:shd');
      expect(t).not.toContain('<w:tcBorders');
    }
    const fact = style(stylesXml, 'FactTable');
    expect(fact).toContain('<w:name w:val="Fact Table"/>');
    expect(fact).toMatch(/<w:tblStylePr w:type="firstRow">[\s\S]*?<w:b\/>[\s\S]*?<w:shd [^>]*w:fill="E7EAF0"/);
    expect(fact).toMatch(/<w:tblStylePr w:type="firstCol"><w:rPr><w:b\/>/);
    const glossary = style(stylesXml, 'GlossaryTable');
    expect(glossary).toContain('<w:name w:val="Glossary Table"/>');
    expect(glossary).toMatch(/<w:tblStylePr w:type="band2Horz"><w:tcPr><w:shd [^>]*w:fill="F7F7F7"/);
  });

  it('writes lists as real numbering', () => {
    const numbering = xmlOf(parts, 'word/numbering.xml');
    expect(numbering).toContain('<w:numFmt w:val="decimal"/>');
    expect(numbering).toContain('<w:numFmt w:val="bullet"/>');
    // Each bullet is drawn in a face that has it (Noto Sans has no ◦ or ▪).
    const byFamily = new Map([...fonts.faces.values()].map((f) => [f.regular.family, f.regular]));
    const bulletLevels = [...numbering.matchAll(/<w:lvl\b[\s\S]*?<\/w:lvl>/g)].map((m) => m[0]).filter((l) => /<w:lvlText w:val="[•◦▪]"/.test(l));
    expect(bulletLevels.length).toBeGreaterThanOrEqual(3);
    for (const lvl of bulletLevels) {
      const bullet = attrs(lvl, 'w:lvlText')['w:val']!;
      const family = attrs(lvl, 'w:rFonts')['w:ascii']!;
      expect(byFamily.get(family)?.covers(bullet.codePointAt(0)!), `${bullet} in ${family}`).toBe(true);
    }
    expect([...documentXml.matchAll(/<w:numPr>/g)].length).toBe(2);
  });

  it('turns a pageBreak into pageBreakBefore on the next heading', () => {
    expect(documentXml).toMatch(/<w:pStyle w:val="Heading1"\/><w:pageBreakBefore\/>[\s\S]*?Glossary/);
  });

  it('reports characters no configured font has (BP401) instead of dropping them', async () => {
    const broken = loadModel();
    broken.blocks.push({ type: 'paragraph', children: [{ type: 'text', value: 'private \uE000 use' }] });
    const error = await renderDocx(broken, { fonts }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiagnosticError);
    expect((error as DiagnosticError).diagnostics.map((d) => d.code)).toEqual(['BP401']);
  });
});

describe('East Asian typography and the font table', () => {
  it('sets Word\'s line-breaking rules for the brief\'s language to the PDF\'s lists', () => {
    const settings = xmlOf(parts, 'word/settings.xml');
    expect(attrs(settings, 'w:noLineBreaksBefore')).toEqual({ 'w:lang': 'zh-TW', 'w:val': NO_LINE_START });
    expect(attrs(settings, 'w:noLineBreaksAfter')).toEqual({ 'w:lang': 'zh-TW', 'w:val': NO_LINE_END });
    expect(attrs(settings, 'w:characterSpacingControl')['w:val']).toBe('compressPunctuation');
    expect(attrs(settings, 'w:themeFontLang')).toEqual({ 'w:val': 'en-GB', 'w:eastAsia': 'zh-TW' });
    expect(settings).not.toContain('w:embedTrueTypeFonts');
  });

  it('turns kinsoku and the other East Asian paragraph settings on for every paragraph (defaults and Normal style), and no paragraph changes them', () => {
    const defaults = /<w:pPrDefault>[\s\S]*?<\/w:pPrDefault>/.exec(stylesXml)![0];
    const normal = /<w:style w:type="paragraph" w:styleId="Normal" w:default="1">[\s\S]*?<\/w:style>/.exec(stylesXml)![0];
    for (const xml of [defaults, normal]) {
      for (const el of ['w:kinsoku', 'w:wordWrap']) expect(xml).toContain(`<${el}/>`);
      // No hanging punctuation and no automatic Han–Latin space: the PDF has neither.
      for (const el of ['w:overflowPunct', 'w:autoSpaceDE', 'w:autoSpaceDN']) expect(xml).toContain(`<${el} w:val="0"/>`);
    }
    for (const xml of [stylesXml.replace(defaults, '').replace(normal, ''), documentXml]) expect(xml).not.toMatch(/<w:(kinsoku|wordWrap|overflowPunct|autoSpaceDE|autoSpaceDN)[ />]/);
  });

  it('justifies Chinese paragraphs and leaves English ones ragged', () => {
    const paragraphs = [...documentXml.matchAll(/<w:p>([\s\S]*?)<\/w:p>/g)].map((m) => m[1]!);
    const text = (p: string) => [...p.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    const justified = paragraphs.filter((p) => p.includes('<w:jc w:val="both"/>')).map(text);
    expect(justified.length).toBeGreaterThan(0);
    for (const t of justified) expect(t).toMatch(/[\u4e00-\u9fff]/u);
    const english = paragraphs.map(text).filter((t) => t.length > 40 && !/[\u4e00-\u9fff]/u.test(t));
    expect(english.length).toBeGreaterThan(0);
    for (const p of paragraphs.filter((p) => english.includes(text(p)))) expect(p).not.toContain('<w:jc w:val="both"/>');
  });

  it('declares every face it draws with its script\'s character set and signature, and embeds nothing by default', () => {
    const table = xmlOf(parts, 'word/fontTable.xml');
    const declared = Object.fromEntries([...table.matchAll(/<w:font w:name="([^"]+)">([\s\S]*?)<\/w:font>/g)].map((m) => [m[1]!, m[2]!]));
    expect(Object.keys(declared)).toEqual(['Noto Sans', 'Noto Sans TC', 'Noto Sans SC']);
    expect(attrs(declared['Noto Sans']!, 'w:charset')['w:val']).toBe('00');
    expect(attrs(declared['Noto Sans TC']!, 'w:charset')['w:val']).toBe('88');
    expect(attrs(declared['Noto Sans SC']!, 'w:charset')['w:val']).toBe('86');
    for (const body of Object.values(declared)) {
      expect(attrs(body, 'w:sig')['w:usb0']).toMatch(/^[0-9A-F]{8}$/);
      expect(body).not.toContain('w:embed');
    }
    expect(Object.keys(parts).filter((n) => n.endsWith('.odttf'))).toEqual([]);
  });
});

describe('determinism', () => {
  it('dates docProps/core.xml by meta.date', () => {
    const core = xmlOf(parts, 'docProps/core.xml');
    expect(core).toContain(`<dcterms:created xsi:type="dcterms:W3CDTF">${model.meta.date}T00:00:00Z</dcterms:created>`);
    expect(core).toContain(`<dcterms:modified xsi:type="dcterms:W3CDTF">${model.meta.date}T00:00:00Z</dcterms:modified>`);
    expect(core).toContain(`<dc:title>${model.meta.title}</dc:title>`);
  });

  it('stamps every zip entry with meta.date and lists them in a stable order', () => {
    const entries = zipEntries(bytes);
    expect(entries.length).toBe(Object.keys(parts).length);
    for (const e of entries) expect(e.date, e.name).toBe(`${model.meta.date}T00:00:00`);
    expect(entries.slice(0, 2).map((e) => e.name)).toEqual(['[Content_Types].xml', '_rels/.rels']);
    const rest = entries.slice(2).map((e) => e.name);
    expect(rest).toEqual([...rest].sort());
  });

  it('has no random relationship ids and numbers heading bookmarks from 1', () => {
    for (const [name] of Object.entries(parts).filter(([n]) => n.endsWith('.rels'))) {
      for (const m of xmlOf(parts, name).matchAll(/\bId="([^"]+)"/g)) expect(m[1]).toMatch(/^rIdh?\d+$/);
    }
    const ids = [...documentXml.matchAll(/<w:bookmarkStart w:name="(_Toc\d+)" w:id="(\d+)"/g)].map((m) => [m[1], m[2]]);
    expect(ids).toEqual([1, 2, 3, 4].map((n) => [`_Toc${n}`, String(n)]));
  });

  it('is byte-identical when rendered again in the same process, even after another document', async () => {
    const other = loadModel();
    other.meta.title = 'Another brief';
    other.blocks.push({ type: 'heading', level: 1, id: 'more', children: [{ type: 'text', value: 'More' }] });
    await renderDocx(other, { fonts });
    const again = await renderDocx(loadModel(), { fonts, docx: { tocPageNumbers: true } });
    expect(sha256(again)).toBe(sha256(bytes));
  });

  it('is byte-identical when rendered in a fresh process in another time zone, fonts embedded or not', async () => {
    const script = `
      const { loadFontSet } = await import(${JSON.stringify(path.join(ROOT, 'src/fonts/font-set.ts'))});
      const { renderDocx } = await import(${JSON.stringify(path.join(ROOT, 'src/render/docx/index.ts'))});
      const { readFileSync } = await import('node:fs');
      const model = JSON.parse(readFileSync(${JSON.stringify(FIXTURE)}, 'utf8'));
      const fonts = loadFontSet(${JSON.stringify(ROOT)});
      const plain = await renderDocx(model, { fonts, docx: { tocPageNumbers: true } });
      const embedded = await renderDocx(model, { fonts, docx: { tocPageNumbers: true, embedFonts: true } });
      process.stdout.write(Buffer.from(plain).toString('base64') + ' ' + Buffer.from(embedded).toString('base64'));`;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: ROOT,
      env: { ...process.env, TZ: 'Pacific/Kiritimati' },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(child.status, child.stderr).toBe(0);
    const [plain, embedded] = child.stdout.split(' ').map((b64) => sha256(Buffer.from(b64, 'base64')));
    expect(plain).toBe(sha256(bytes));
    const here = await renderDocx(model, { fonts, docx: { tocPageNumbers: true, embedFonts: true } });
    expect(Object.keys(unzipSync(here)).some((n) => n.endsWith('.odttf'))).toBe(true);
    expect(embedded).toBe(sha256(here));
  });
});

// ---- LibreOffice as a real Word-format reader -------------------------------------------

const hasTool = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
const readersPresent = hasTool('soffice') && hasTool('pdftotext') && hasTool('pdffonts');
const itLibreOffice = readersPresent || process.env.CI ? it : it.skip;

describe('LibreOffice reads the DOCX', () => {
  let work: string | undefined;
  let pdfText = '';
  let pdfFonts = '';
  let firstPage = '';
  let pages: string[] = [];

  /** Converts once per file; LibreOffice gets a private profile and sees the configured font
   * files through its own fontconfig file, so the PDF shows which face drew each glyph. */
  const convert = (() => {
    let outcome: { error?: unknown } | undefined;
    return () => {
      if (!outcome) {
        try {
          run();
          outcome = {};
        } catch (error) {
          outcome = { error };
        }
      }
      if (outcome.error) throw outcome.error;
    };
    function run() {
      if (!readersPresent) throw new Error('soffice, pdftotext and pdffonts are required when CI is set (install libreoffice-writer-nogui and poppler-utils)');
      work = mkdtempSync(path.join(tmpdir(), 'briefpack-docx-'));
      const dirs = new Set([...fonts.faces.values()].flatMap((f) => [path.dirname(f.regular.path), path.dirname(f.bold.path)]));
      const conf = path.join(work, 'fonts.conf');
      writeFileSync(
        conf,
        `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n` +
          `<include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n` +
          [...dirs].map((d) => `<dir>${d}</dir>\n`).join('') +
          `<cachedir>${path.join(work, 'fc-cache')}</cachedir>\n</fontconfig>\n`,
      );
      const docx = path.join(work, 'sample.docx');
      writeFileSync(docx, bytes);
      execFileSync(
        'soffice',
        [`-env:UserInstallation=file://${path.join(work, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', work, docx],
        { env: { ...process.env, FONTCONFIG_FILE: conf }, stdio: 'pipe', timeout: 60_000 },
      );
      const pdf = path.join(work, 'sample.pdf');
      pdfText = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
      firstPage = execFileSync('pdftotext', ['-enc', 'UTF-8', '-f', '1', '-l', '1', pdf, '-'], { encoding: 'utf8' });
      pdfFonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' });
      const count = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
      pages = Array.from({ length: count }, (_, i) =>
        execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', '-f', String(i + 1), '-l', String(i + 1), pdf, '-'], { encoding: 'utf8' }),
      );
    }
  })();

  beforeAll(() => {
    if (readersPresent) convert();
  }, 60_000);
  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  itLibreOffice('keeps the text of every excerpt and every footnote', () => {
    convert();
    const text = squash(pdfText);
    for (const b of model.blocks) {
      if (b.type !== 'excerpt') continue;
      for (const p of b.children) expect(text).toContain(squash(plain(p.children)));
      expect(text).toContain(squash(plain(b.citation)));
    }
    for (const note of model.notes) expect(text).toContain(squash(plain(note.children)));
  });

  itLibreOffice('draws the Simplified fallback with the SC face and numbers pages after the cover', () => {
    convert();
    expect(pdfFonts).toMatch(/NotoSansSC-Regular/);
    expect(pdfFonts).toMatch(/NotoSansTC-Regular/);
    expect(firstPage).toContain('OFFICIAL');
    expect(firstPage).not.toMatch(/Page \d+ of/);
    // Numbered from the page after the cover; the total does not count the cover.
    expect(pages[1]).toContain(`Page 1 of ${pages.length - 1}`);
    expect(pages[pages.length - 1]).toContain(`Page ${pages.length - 1} of ${pages.length - 1}`);
  });

  itLibreOffice('puts every heading on the page the contents gives for it', () => {
    convert();
    const numbers = tocNumbers(documentXml);
    expect(numbers.filter((n) => n.page !== undefined).length).toBeGreaterThan(0);
    for (const n of numbers) {
      const on = pages.flatMap((text, i) => (text.split('\n').some((line) => line.trim() === n.title) ? [i + 1] : []));
      expect(on, n.title).toHaveLength(1);
      // The contents number pages as the footers do: from 1 after the cover.
      if (n.page !== undefined) expect(String(on[0]! - 1), n.title).toBe(n.page);
    }
  });

  itLibreOffice('numbers the footnotes as the model numbers its notes', () => {
    convert();
    // LibreOffice writes each footnote's number on a line of its own above its text.
    const marks = pages.flatMap((text) => [...text.matchAll(/^(\d+)\n/gm)].map((m) => Number(m[1])));
    expect(marks).toEqual(model.notes.map((n) => n.id));
  });
});

describe('contents page numbers are opt-in (docx_toc_page_numbers)', () => {
  it('without the option, lists every entry with no number and asks Word to update fields', async () => {
    const off = loadModel();
    const p = unzipSync(await renderDocx(off, { fonts, docx: { tocPageNumbers: false } }));
    const entries = tocNumbers(xmlOf(p, 'word/document.xml'));
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((e) => e.page === undefined)).toBe(true);
    expect(xmlOf(p, 'word/settings.xml')).toContain('<w:updateFields w:val="true"/>');
  });
});
