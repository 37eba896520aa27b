/**
 * Same content, same decisions, both formats (issue 14, item 5): for every sample brief ×
 * template, the PDF and the DOCX show the same items — cover lines, headings, paragraphs,
 * excerpts and their source lines, table cells, notes — in the same order, with the same
 * characters in bold. And over all of them: no release end mark ■, no page of the PDF ending
 * with a table's header row alone, no "Source:" line opening a page away from its quote.
 *
 * Read without LibreOffice, so that it runs in seconds:
 * - the DOCX from word/document.xml (paragraphs in order; the contents field left out, as
 *   Word fills it in) and word/footnotes.xml (the notes, in the PDF's order at the end);
 *   bold from the run (w:b) or from a bold style (title, headings, table headers, the facts
 *   table's first column);
 * - the PDF from MuPDF's glyphs (`mutool draw -F stext`, drawing order, with each glyph's
 *   font): page banners and footers (inside the 2 cm margins) left out, note numbers
 *   (superscripts) left out, bold = a bold face.
 * Text is compared without white space (line breaks differ by format) after NFKC.
 *
 * The PDF also has what the DOCX leaves to its reader: the contents' entries (checked here
 * against the headings), list numbers, and a table's header row again on each page it
 * continues on (skipped where they occur).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeDocument } from '../../src/pipeline/compose-document.js';
import type { Block, DocumentModel, Heading, Inline, Table } from '../../src/model/model.js';
import { pageLabels } from '../../src/model/labels.js';
import { templateNames } from '../../src/template/template-names.js';
import { tryRenderOutputs } from '../../src/pipeline/render-outputs.js';
import { readGlyphs, type Glyph } from '../helpers/cjk-geometry.js';
import { toolsAvailable } from '../helpers/readers.js';
import { PROJECT_ROOT, projectCorpus, projectFonts } from '../helpers/project.js';

const haveTools = toolsAvailable('mutool');

const fonts = projectFonts();

interface Sample {
  name: string;
  model: DocumentModel;
  pdf: string;
  docx: Record<string, string>;
}

const samples: Sample[] = [];
let work = '';

beforeAll(async () => {
  if (!haveTools) return;
  work = mkdtempSync(path.join(os.tmpdir(), 'bp-same-content-'));
  const corpus = projectCorpus();
  const briefs = readdirSync(path.join(PROJECT_ROOT, 'briefs')).filter((f) => f.endsWith('.yaml')).sort();
  for (const brief of briefs) {
    for (const template of templateNames(path.join(PROJECT_ROOT, 'templates'))) {
      // The pipeline's own last stage: a page-limited template's document is fitted first,
      // and both formats are drawn from the fitted model, as the build writes them.
      const composed = composeDocument(`briefs/${brief}`, { projectRoot: PROJECT_ROOT, corpus, fonts, template });
      const rendered = await tryRenderOutputs(composed, { fonts, formats: ['pdf', 'docx'] });
      if (!rendered.ok) throw new Error(`${brief} × ${template}: ${rendered.diagnostics.map((d) => d.message).join('; ')}`);
      const { model } = rendered.document;
      const name = `${brief.replace(/\.yaml$/, '')}.${template}`;
      const pdf = path.join(work, `${name}.pdf`);
      writeFileSync(pdf, rendered.outputs.get('pdf')!);
      const docx = Object.fromEntries(Object.entries(unzipSync(rendered.outputs.get('docx')!)).map(([n, d]) => [n, strFromU8(d)]));
      samples.push({ name, model, pdf, docx });
    }
  }
}, 300_000);
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

// ---- text with its bold flags ------------------------------------------------------------

/** Characters and, for each, whether it is drawn bold. White space is dropped. */
interface Marked {
  text: string;
  bold: boolean[];
}

function marked(pieces: readonly { text: string; bold: boolean }[]): Marked {
  let text = '';
  const bold: boolean[] = [];
  for (const piece of pieces) {
    for (const ch of Array.from(piece.text.normalize('NFKC'))) {
      if (/\s|\u200b/u.test(ch)) continue;
      text += ch;
      for (let i = 0; i < ch.length; i++) bold.push(piece.bold);
    }
  }
  return { text, bold };
}

/** The bold stretches of `m` between `from` and `to`, for failure messages. */
function boldRuns(m: Marked, from = 0, to = m.text.length): string[] {
  const runs: string[] = [];
  let current = '';
  for (let i = from; i < to; i++) {
    if (m.bold[i]) current += m.text[i];
    else if (current) runs.push(current), (current = '');
  }
  if (current) runs.push(current);
  return runs;
}

// ---- the DOCX ----------------------------------------------------------------------------

interface DocxItem extends Marked {
  /** A numbered or bulleted paragraph: the PDF draws its number or bullet as text. */
  listed: boolean;
  kind: string;
}

const unescapeXml = (s: string) =>
  s.replace(/&(amp|lt|gt|quot|apos|#x?[0-9a-f]+);/gi, (_, e: string) =>
    e.startsWith('#') ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[e]!,
  );

const BOLD_STYLES = new Set(['Title', 'Heading1', 'Heading2', 'Heading3', 'TableHeading', 'TOCHeading']);

function runBold(rPr: string): boolean | undefined {
  const m = /<w:b(?:\s+w:val="([^"]*)")?\s*\/>/.exec(rPr);
  if (!m) return undefined;
  return !(m[1] === '0' || m[1] === 'false');
}

function paragraphItem(xml: string, kind: string, boldByContext = false): DocxItem {
  const style = /<w:pStyle w:val="([^"]+)"\/>/.exec(xml)?.[1] ?? 'Normal';
  const styleBold = boldByContext || BOLD_STYLES.has(style);
  const pieces: { text: string; bold: boolean }[] = [];
  for (const run of xml.matchAll(/<w:r>([\s\S]*?)<\/w:r>|<w:r\s[^>]*>([\s\S]*?)<\/w:r>/g)) {
    const body = run[1] ?? run[2] ?? '';
    if (body.includes('<w:footnoteReference')) continue;
    const rPr = /<w:rPr>([\s\S]*?)<\/w:rPr>/.exec(body)?.[1] ?? '';
    const bold = runBold(rPr) ?? styleBold;
    const text = [...body.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:(tab|br)\/>/g)].map((t) => (t[2] ? ' ' : unescapeXml(t[1]!))).join('');
    pieces.push({ text, bold });
  }
  return { ...marked(pieces), listed: xml.includes('<w:numPr>'), kind: `${kind} (${style})` };
}

/** The body's items in order: the contents field left out (Word fills it in). */
function docxItems(parts: Record<string, string>): DocxItem[] {
  const document = parts['word/document.xml']!;
  let body = document.slice(document.indexOf('<w:body>'), document.lastIndexOf('</w:body>'));
  body = body.replace(/<w:sdt>[\s\S]*?<\/w:sdt>/g, '');
  const items: DocxItem[] = [];
  for (const m of body.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>|<w:p\b[^>]*\/>|<w:p\b[^>]*>[\s\S]*?<\/w:p>/g)) {
    const xml = m[0];
    if (!xml.startsWith('<w:tbl>')) {
      const item = paragraphItem(xml, 'paragraph');
      if (item.text) items.push(item);
      continue;
    }
    const facts = /<w:tblStyle w:val="FactTable"\/>/.test(xml);
    for (const row of xml.matchAll(/<w:tr\b[^>]*>[\s\S]*?<\/w:tr>/g)) {
      const header = /<w:tblHeader\/>|<w:tblHeader w:val="(?:on|true|1)"\/>/.test(row[0]);
      [...row[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].forEach((cell, c) => {
        for (const p of cell[0].matchAll(/<w:p\b[^>]*>[\s\S]*?<\/w:p>/g)) {
          const item = paragraphItem(p[0], header ? 'header cell' : 'cell', facts && c === 0 && !header);
          if (item.text) items.push(item);
        }
      });
    }
  }
  return items;
}

/** The footnotes in order, each as the PDF writes its note: "N." and the text. */
function docxNotes(parts: Record<string, string>): DocxItem[] {
  const xml = parts['word/footnotes.xml'] ?? '';
  return [...xml.matchAll(/<w:footnote\b[^>]*w:id="(\d+)"[^>]*>([\s\S]*?)<\/w:footnote>/g)]
    .filter((m) => Number(m[1]) > 0)
    .map((m) => {
      const item = paragraphItem(m[2]!, 'note');
      const number = marked([{ text: `${m[1]}.`, bold: false }]);
      return { ...item, text: number.text + item.text, bold: [...number.bold, ...item.bold] };
    });
}

// ---- the PDF -----------------------------------------------------------------------------

const PAGE_HEIGHT = { A4: 841.89, Letter: 792 } as const;
const MARGIN = 56.69;

/** The glyphs between the page margins, in drawing order, without note numbers. */
function pdfStream(sample: Sample): Marked {
  const height = PAGE_HEIGHT[sample.model.meta.paper] ?? PAGE_HEIGHT.A4;
  const pieces = readGlyphs(sample.pdf).flatMap((glyphs) =>
    glyphs
      .filter((g) => g.y > MARGIN && g.y < height - MARGIN + 2)
      .filter((g) => !(g.size < 7 && /\d/.test(g.c))) // superscript note numbers
      .map((g) => ({ text: g.c, bold: /bold/i.test(g.font) })),
  );
  return marked(pieces);
}

const plain = (inlines: readonly Inline[]): string =>
  inlines.map((i) => (i.type === 'text' ? i.value : i.type === 'lineBreak' ? ' ' : i.type === 'citeRef' ? '' : plain(i.children))).join('');

const squash = (s: string) => marked([{ text: s, bold: false }]).text;

/** Headings the contents list, and the PDF's notes heading after them. */
function contentsTitles(model: DocumentModel): string[] {
  const toc = model.blocks.find((b) => b.type === 'toc');
  if (toc?.type !== 'toc') return [];
  const headings = model.blocks.filter((b): b is Heading => b.type === 'heading' && b.level <= toc.depth).map((h) => squash(plain(h.children)));
  return [...headings, ...(model.notes.length ? [squash(pageLabels(model.meta).notesHeading)] : [])];
}

function headerRows(model: DocumentModel): string[] {
  const tables = (blocks: readonly Block[]): Table[] =>
    blocks.flatMap((b) => (b.type === 'table' ? [b] : b.type === 'list' ? b.items.flatMap(tables) : []));
  return tables(model.blocks).flatMap((t) => t.rows.slice(0, t.headerRows).map((row) => squash(row.map((c) => plain(c.children)).join(''))));
}

interface Comparison {
  /** The first DOCX item the PDF does not show at that point, with what the PDF has there. */
  mismatch?: string;
  /** Items whose characters match but whose bold stretches differ. */
  emphasis: string[];
  /** PDF text left over after the last item. */
  leftover: string;
  items: number;
}

function compare(sample: Sample): Comparison {
  const pdf = pdfStream(sample);
  const items = [...docxItems(sample.docx)];
  const notes = docxNotes(sample.docx);
  const titles = contentsTitles(sample.model);
  const notesTitle = squash(pageLabels(sample.model.meta).notesHeading);
  const repeated = headerRows(sample.model);
  const tocTitle = sample.model.blocks.find((b) => b.type === 'toc');
  const tocTitleText = tocTitle?.type === 'toc' ? squash(plain(tocTitle.title)) : undefined;
  const expected: DocxItem[] = [...items, ...(notes.length ? [{ ...marked([{ text: notesTitle, bold: true }]), listed: false, kind: 'notes heading' }] : []), ...notes];
  const emphasis: string[] = [];
  let at = 0;
  let seenHeaders = new Set<string>();
  for (const [index, item] of expected.entries()) {
    // A table's header row drawn again at the top of a page it continues on.
    for (let skipped = true; skipped; ) {
      skipped = false;
      for (const h of repeated) {
        if (h && seenHeaders.has(h) && pdf.text.startsWith(h, at) && !item.text.startsWith(h)) {
          at += h.length;
          skipped = true;
        }
      }
    }
    // A list item's number or bullet: pdfmake draws it after the item's first line.
    let marker: { at: number; length: number } | undefined;
    if (item.listed && !pdf.text.startsWith(item.text, at)) {
      for (let j = 0; j <= item.text.length && !marker; j++) {
        const m = /^(?:\d+\.|[•◦▪])/.exec(pdf.text.slice(at + j, at + j + 6));
        if (m && pdf.text.startsWith(item.text.slice(0, j), at) && pdf.text.startsWith(item.text.slice(j), at + j + m[0].length)) marker = { at: at + j, length: m[0].length };
      }
    }
    const shown: Marked = marker
      ? { text: pdf.text.slice(at, marker.at) + pdf.text.slice(marker.at + marker.length), bold: [...pdf.bold.slice(at, marker.at), ...pdf.bold.slice(marker.at + marker.length)] }
      : pdf;
    const from = marker ? 0 : at;
    if (!shown.text.startsWith(item.text, from)) {
      return {
        mismatch: `item ${index + 1} (${item.kind}) «${item.text.slice(0, 60)}» — the PDF has «${pdf.text.slice(at, at + 60)}»`,
        emphasis,
        leftover: '',
        items: index,
      };
    }
    const pdfBold = boldRuns(shown, from, from + item.text.length);
    const docxBold = boldRuns(item);
    if (JSON.stringify(pdfBold) !== JSON.stringify(docxBold)) emphasis.push(`${item.kind} «${item.text.slice(0, 40)}»: PDF bold ${JSON.stringify(pdfBold)}, DOCX bold ${JSON.stringify(docxBold)}`);
    at += item.text.length + (marker?.length ?? 0);
    if (repeated.includes(item.text)) seenHeaders = new Set([...seenHeaders, item.text]);
    // After the contents' title the PDF lists its entries with their page numbers.
    if (tocTitleText !== undefined && item.text === tocTitleText && item.kind.includes('TOCHeading')) {
      for (const title of titles) {
        const entry = new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\d+`).exec(pdf.text.slice(at));
        if (!entry) return { mismatch: `the PDF's contents: no entry «${title}» with a page number at «${pdf.text.slice(at, at + 40)}»`, emphasis, leftover: '', items: index };
        at += entry[0].length;
      }
    }
  }
  return { emphasis, leftover: pdf.text.slice(at), items: expected.length };
}

// ---- pages -------------------------------------------------------------------------------

interface PageLine {
  page: number;
  text: string;
}

/** Each page's body lines (glyphs on one baseline), top to bottom, white space dropped. */
function pageLines(sample: Sample): PageLine[] {
  const height = PAGE_HEIGHT[sample.model.meta.paper] ?? PAGE_HEIGHT.A4;
  const out: PageLine[] = [];
  readGlyphs(sample.pdf).forEach((glyphs, p) => {
    const rows = new Map<number, Glyph[]>();
    for (const g of glyphs) {
      if (g.c.trim() === '' || g.y <= MARGIN || g.y >= height - MARGIN + 2) continue;
      const key = [...rows.keys()].find((y) => Math.abs(y - g.y) < 2) ?? g.y;
      rows.set(key, [...(rows.get(key) ?? []), g]);
    }
    for (const [, row] of [...rows.entries()].sort((a, b) => a[0] - b[0])) {
      out.push({ page: p + 1, text: squash(row.sort((a, b) => a.x - b.x).map((g) => g.c).join('')) });
    }
  });
  return out;
}

function citations(model: DocumentModel): string[] {
  const all = (blocks: readonly Block[]): string[] =>
    blocks.flatMap((b) => (b.type === 'excerpt' ? [squash(plain(b.citation))] : b.type === 'list' ? b.items.flatMap(all) : []));
  return all(model.blocks).filter(Boolean);
}

describe.skipIf(!haveTools)('the PDF and the DOCX of every sample brief × template', () => {
  it('renders every brief in every template', () => {
    const briefs = readdirSync(path.join(PROJECT_ROOT, 'briefs')).filter((f) => f.endsWith('.yaml')).length;
    expect(samples.length).toBe(briefs * templateNames(path.join(PROJECT_ROOT, 'templates')).length);
    expect(samples.length).toBeGreaterThanOrEqual(9);
  });

  it('show the same items in the same order: cover, headings, text, excerpts, cells, notes', () => {
    if (process.env.SAME_CONTENT_DEBUG) for (const s of samples) console.log(s.name, JSON.stringify(compare(s), null, 1));
    for (const s of samples) {
      const result = compare(s);
      expect(result.mismatch, s.name).toBeUndefined();
      expect(result.leftover, `${s.name}: text of the PDF after the last item of the DOCX`).toBe('');
      expect(result.items, s.name).toBeGreaterThan(5);
    }
  });

  it('set the same characters in bold', () => {
    for (const s of samples) {
      expect(compare(s).emphasis, s.name).toEqual([]);
      expect(boldRuns(pdfStream(s)).length, `${s.name}: bold text in the PDF`).toBeGreaterThan(2);
    }
  });

  it('tells when they differ: a paragraph missing, a heading not bold', () => {
    const s = samples.find((x) => x.name.endsWith('.standard'))!;
    const xml = s.docx['word/document.xml']!;
    const notBold = { ...s, docx: { ...s.docx, 'word/document.xml': xml.replace('<w:pStyle w:val="Heading1"/>', '<w:pStyle w:val="Normal"/>') } };
    expect(compare(notBold).emphasis.length).toBeGreaterThan(0);
    const body = /<w:p>(?:(?!<\/w:p>)[\s\S])*?<w:pStyle w:val="Excerpt"\/>[\s\S]*?<\/w:p>/.exec(xml)![0];
    const missing = { ...s, docx: { ...s.docx, 'word/document.xml': xml.replace(body, '') } };
    expect(compare(missing).mismatch).toBeDefined();
  });

  it('never print the release end mark ■', () => {
    // The SCO release ends its English text in ■; cleaning (strip-end-marks) keeps it out.
    const withMark = samples.filter((s) => pdfStream(s).text.includes('■') || docxItems(s.docx).some((i) => i.text.includes('■')));
    expect(withMark.map((s) => s.name)).toEqual([]);
  });

  it('never end a PDF page with a table header row alone', () => {
    for (const s of samples) {
      const headers = new Set(headerRows(s.model));
      const lines = pageLines(s);
      for (const [i, line] of lines.entries()) {
        const lastOnPage = lines[i + 1]?.page !== line.page;
        if (lastOnPage) expect(headers.has(line.text), `${s.name}: page ${line.page} ends with the header row «${line.text}»`).toBe(false);
      }
    }
  });

  it('never open a PDF page with a source line, away from its quote', () => {
    let seen = 0;
    for (const s of samples) {
      const lines = pageLines(s);
      for (const citation of citations(s.model)) {
        const at = lines.findIndex((l) => citation.startsWith(l.text) && l.text.length >= Math.min(8, citation.length));
        if (at < 0) continue; // a citation that is only a note reference (bilingual) has no line
        seen++;
        expect(at, `${s.name}: «${citation}»`).toBeGreaterThan(0);
        expect(lines[at - 1]!.page, `${s.name}: «${citation}» opens page ${lines[at]!.page}`).toBe(lines[at]!.page);
      }
    }
    expect(seen).toBeGreaterThan(5);
  });

  it('mark the DOCX blocks that must hold together: keep-with-next, keep-lines, widow control, repeated header rows', () => {
    for (const s of samples) {
      const styles = s.docx['word/styles.xml']!;
      const style = (id: string) => new RegExp(`<w:style [^>]*w:styleId="${id}"[\\s\\S]*?</w:style>`).exec(styles)?.[0] ?? '';
      expect(/<w:pPrDefault><w:pPr>[\s\S]*?<w:widowControl\/>/.test(styles), `${s.name}: widow control by default`).toBe(true);
      expect(style('Excerpt'), s.name).toContain('<w:keepNext/>');
      expect(style('Citation'), s.name).toContain('<w:keepLines/>');
      expect(style('TableHeading'), s.name).toContain('<w:keepNext/>');
      for (const row of s.docx['word/document.xml']!.matchAll(/<w:tr\b[^>]*>[\s\S]*?<\/w:tr>/g)) {
        expect(row[0], s.name).toContain('<w:cantSplit/>');
      }
    }
  });
});
