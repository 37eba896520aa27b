/**
 * Every sample brief, in every template, as a DOCX read back by LibreOffice (issue 7, "done
 * when"): it converts; the converted text has every excerpt and footnote; headings keep
 * their levels and the contents lists every heading (read from LibreOffice's flat ODT);
 * every page number the contents gives is the page LibreOffice puts the heading on; the
 * footnotes are numbered and worded as the PDF's source notes; and the text of the DOCX and
 * the PDF of the same brief match sentence for sentence, page furniture aside.
 *
 * A synthetic long glossary checks the tables: the header row repeats on every page and no
 * row is split across pages. LibreOffice starts twice for the whole file: once to convert
 * every DOCX to PDF, once to flat ODT.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeDocument } from '../../src/pipeline/compose-document.js';
import { fitDocument } from '../../src/pipeline/fit-document.js';
import type { Block, DocumentModel, Inline } from '../../src/model/model.js';
import { renderDocx } from '../helpers/renderers.js';
import { renderPdf } from '../helpers/renderers.js';
import { NO_LINE_START } from '../../src/render/shared/cjk-line-breaks.js';
import { templateNames } from '../../src/template/template-names.js';
import { PROJECT_ROOT, projectCorpus, projectFonts } from '../helpers/project.js';
import { fontDirsOf, pdfText, sofficeConvert, squash, toolsAvailable, withoutPageFurniture } from '../helpers/readers.js';

const fonts = projectFonts();
const haveTools = toolsAvailable('soffice', 'pdftotext', 'pdfinfo');

interface Sample {
  name: string;
  model: DocumentModel;
  docx: string;
  pdf: string;
  /** LibreOffice's conversions of the DOCX. */
  loPdf: string;
  fodt: string;
}

const samples: Sample[] = [];
let work = '';
let longTable: { model: DocumentModel; loPdf: string } | undefined;

// ---- readers -----------------------------------------------------------------------------

const plain = (inlines: readonly Inline[]): string =>
  inlines.map((i) => (i.type === 'text' ? i.value : i.type === 'lineBreak' ? ' ' : i.type === 'citeRef' ? '' : plain(i.children))).join('');

function blocksOf(blocks: readonly Block[]): Block[] {
  return blocks.flatMap((b) => [b, ...(b.type === 'list' ? b.items.flatMap(blocksOf) : b.type === 'excerpt' ? b.children : [])]);
}

function pagesOf(pdf: string): string[] {
  const count = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
  return Array.from({ length: count }, (_, i) =>
    execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', '-f', String(i + 1), '-l', String(i + 1), pdf, '-'], { encoding: 'utf8' }),
  );
}

const unescapeXml = (s: string) =>
  s.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[e]!);
const textOfXml = (xml: string) => unescapeXml(xml.replace(/<text:(tab|line-break)\/>/g, ' ').replace(/<text:s\b[^>]*\/>/g, ' ').replace(/<[^>]+>/g, ''));

interface Fodt {
  /** Headings with their outline levels, in order. */
  headings: { level: number; text: string }[];
  /** The contents' entries (text before the tab) and their page numbers. */
  toc: { text: string; page: string }[];
  /** Footnotes: the number shown and the text. */
  notes: { mark: string; text: string }[];
  /** The body's text without the contents, each footnote mark written as U+0001 and its number. */
  body: string;
}

function readFodt(file: string): Fodt {
  const xml = readFileSync(file, 'utf8');
  let body = xml.slice(xml.indexOf('<office:text'), xml.indexOf('</office:text>'));
  const tocXml = /<text:table-of-content\b[\s\S]*?<\/text:table-of-content>/.exec(body)?.[0] ?? '';
  const toc = [...(/<text:index-body>([\s\S]*?)<\/text:index-body>/.exec(tocXml)?.[1] ?? '').matchAll(/<text:p\b[^>]*>([\s\S]*?)<\/text:p>/g)].map((m) => {
    const [text = '', page = ''] = m[1]!.split('<text:tab/>');
    return { text: textOfXml(text).trim(), page: textOfXml(page).trim() };
  });
  body = body.replace(tocXml, '');
  const notes: Fodt['notes'] = [];
  body = body.replace(/<text:note\b[^>]*>[\s\S]*?<\/text:note>/g, (note) => {
    const mark = textOfXml(/<text:note-citation\b[^>]*>([\s\S]*?)<\/text:note-citation>/.exec(note)![1]!);
    notes.push({ mark, text: textOfXml(/<text:note-body>([\s\S]*?)<\/text:note-body>/.exec(note)![1]!).trim() });
    return `${MARK}${mark}`;
  });
  const headings = [...body.matchAll(/<text:h\b[^>]*text:outline-level="(\d+)"[^>]*>([\s\S]*?)<\/text:h>/g)].map((m) => ({
    level: Number(m[1]),
    text: textOfXml(m[2]!).trim(),
  }));
  return { headings, toc, notes, body: textOfXml(body.replace(/<\/text:(p|h)>/g, '\n')) };
}

const MARK = '\u0001';

/**
 * Sentences of squashed text: after 。！？!?■ and after a full stop not followed by a digit;
 * a footnote mark (MARK and its number, from readFodt) stays with the text before it, as the
 * PDF draws it, and ends the piece.
 */
function sentences(text: string): string[] {
  return squash(text)
    .split(/(?<=[。！？!?■])(?!\u0001)|(?<=\.)(?=[^\d\u0001])|(?<=\u0001\d+)(?!\d)/u)
    .map((piece) => piece.replaceAll(MARK, ''))
    .filter(Boolean);
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The PDF's text, page furniture and the contents' entries removed, split at its notes heading. */
function pdfParts(sample: Sample): { body: string; notes: string } {
  const { meta } = sample.model;
  const text = withoutPageFurniture(pdfText(sample.pdf, 'raw'), meta.classification);
  const notesTitle = meta.labels === 'en' ? 'Notes' : meta.lang === 'zh-Hans' ? '注释' : '註釋';
  const lines = text.split('\n');
  const toc = sample.model.blocks.find((b) => b.type === 'toc');
  if (toc?.type === 'toc') {
    // The entries (title and page number each) follow the contents' title: the fewest lines
    // that hold exactly them go.
    const titles = [...listed(sample.model).map((h) => plain(h.children)), ...(sample.model.notes.length ? [notesTitle] : [])];
    const entries = new RegExp(`^${titles.map((t) => `${escapeRe(squash(t))}\\d*`).join('')}$`);
    const at = lines.findIndex((l) => squash(l) === squash(plain(toc.title)));
    const count = lines.slice(at + 1).findIndex((_, k) => entries.test(squash(lines.slice(at + 1, at + 2 + k).join(''))));
    expect(at >= 0 && count >= 0, `${sample.name}: the PDF's contents`).toBe(true);
    lines.splice(at + 1, count + 1);
  }
  // List numbers and bullets: pdftotext puts an item's mark on a line of its own, or at the
  // start of the item's first line. A mark goes when it stands alone or before an item's text.
  const itemStarts = blocksOf(sample.model.blocks)
    .flatMap((b) => (b.type === 'list' ? b.items.map((item) => item[0]) : []))
    .flatMap((first) => (first?.type === 'paragraph' ? [squash(plain(first.children)).slice(0, 6)] : []))
    .filter(Boolean);
  const withoutMark = (line: string) => {
    const m = /^\s*(?:\d+\.|[•◦▪])(?:\s+(.*))?$/.exec(line);
    if (!m) return line;
    const rest = m[1] ?? '';
    return rest === '' || itemStarts.some((start) => squash(rest).startsWith(start)) ? rest : line;
  };
  const notesAt = sample.model.notes.length ? lines.map((l) => l.trim()).lastIndexOf(notesTitle) : -1;
  const bodyLines = notesAt >= 0 ? lines.slice(0, notesAt) : lines;
  return { body: bodyLines.map(withoutMark).join('\n'), notes: notesAt >= 0 ? lines.slice(notesAt + 1).join('\n') : '' };
}

/**
 * Takes the PDF's numbered notes apart in the order of the DOCX's footnotes: each must be
 * "N." and the footnote's text (pdftotext may put the number after the first line of the
 * text). Returns the numbers found, and what is left over.
 */
function matchNotes(pdfNotes: string, footnotes: readonly { mark: string; text: string }[]): { marks: string[]; rest: string } {
  let rest = squash(pdfNotes);
  const marks: string[] = [];
  for (const { mark, text } of footnotes) {
    const expected = squash(text);
    const label = `${mark}.`;
    const k = Array.from({ length: expected.length + 1 }, (_, i) => i).find((i) => rest.startsWith(expected.slice(0, i) + label + expected.slice(i)));
    if (k === undefined) break;
    marks.push(mark);
    rest = rest.slice(expected.length + label.length);
  }
  return { marks, rest };
}

/**
 * Finds each sentence of the DOCX in the PDF's text (squashed) and takes it out: whole, or in
 * two pieces where a page break falls inside it (the PDF may split a tall table row across
 * pages, and text extraction then puts the other column between the pieces). Longest first,
 * so a short sentence cannot take a piece of a longer one. What is left of the PDF after the
 * repeated header rows of tables must be nothing.
 */
function matchSentences(docx: readonly string[], pdfText: string, headerRows: readonly string[]): { unmatched: string[]; leftover: string } {
  let rest = squash(pdfText);
  const take = (piece: string, from = 0): number => {
    const at = rest.indexOf(piece, from);
    if (at >= 0) rest = rest.slice(0, at) + '\u0000'.repeat(piece.length) + rest.slice(at + piece.length);
    return at;
  };
  const unmatched: string[] = [];
  for (const sentence of [...docx].sort((a, b) => b.length - a.length)) {
    if (take(sentence) >= 0) continue;
    const split = Array.from({ length: sentence.length - 1 }, (_, k) => k + 1).find((k) => {
      const head = rest.indexOf(sentence.slice(0, k));
      return head >= 0 && rest.indexOf(sentence.slice(k), head + k) >= 0;
    });
    if (split === undefined) {
      unmatched.push(sentence);
      continue;
    }
    take(sentence.slice(split, undefined), take(sentence.slice(0, split)) + split);
  }
  let leftover = rest.replace(/\u0000/g, '');
  for (const row of headerRows) leftover = leftover.split(row).join('');
  return { unmatched, leftover };
}

/** The squashed text of every table's header rows (the PDF repeats them on each page). */
function repeatedHeaderRows(model: DocumentModel): string[] {
  return blocksOf(model.blocks).flatMap((b) =>
    b.type === 'table' && b.headerRows > 0 ? [squash(b.rows.slice(0, b.headerRows).flat().map((c) => plain(c.children)).join(''))] : [],
  );
}

function listed(model: DocumentModel) {
  const toc = model.blocks.find((b) => b.type === 'toc');
  const depth = toc?.type === 'toc' ? toc.depth : 0;
  return blocksOf(model.blocks).filter((b): b is Extract<Block, { type: 'heading' }> => b.type === 'heading' && b.level <= depth);
}

// ---- the samples, built and converted once ---------------------------------------------------

/** A glossary long enough for three pages, with rows of several lines. */
function longTableModel(base: DocumentModel): DocumentModel {
  const rows = Array.from({ length: 90 }, (_, i) => [
    { type: 'cell' as const, children: [{ type: 'text' as const, value: `詞條${i + 1}` }] },
    { type: 'cell' as const, children: [{ type: 'text' as const, value: `row ${i + 1} ${'meaning '.repeat(12 + (i % 4) * 6)}end${i + 1}` }] },
  ]);
  return {
    ...base,
    meta: { ...base.meta, title: 'Long table' },
    blocks: [
      { type: 'heading', level: 1, id: 'glossary', children: [{ type: 'text', value: 'Glossary' }] },
      {
        type: 'table',
        variant: 'glossary',
        headerRows: 1,
        columnWidths: [1, 3],
        rows: [[{ type: 'cell', children: [{ type: 'text', value: 'Term' }] }, { type: 'cell', children: [{ type: 'text', value: 'Meaning' }] }], ...rows],
      },
    ],
    notes: [],
  };
}

beforeAll(async () => {
  if (!haveTools) return;
  work = mkdtempSync(path.join(tmpdir(), 'bp-docx-samples-'));
  const corpus = projectCorpus();
  const briefs = readdirSync(path.join(PROJECT_ROOT, 'briefs')).filter((f) => f.endsWith('.yaml')).sort();
  for (const brief of briefs) {
    for (const template of templateNames(path.join(PROJECT_ROOT, 'templates'))) {
      const composed = composeDocument(`briefs/${brief}`, { projectRoot: PROJECT_ROOT, corpus, fonts, template });
      // A page-limited template's files are drawn from the fitted model, as the build does.
      const fitted = await fitDocument(composed, { fonts });
      if (!fitted.ok) throw new Error(fitted.diagnostics.map((d) => d.message).join('\n'));
      // Page numbers in the contents are opt-in (docx_toc_page_numbers); check them here.
      const model: DocumentModel = fitted.document.model;
      const name = `${brief.replace(/\.yaml$/, '')}.${template}`;
      const docx = path.join(work, `${name}.docx`);
      const pdf = path.join(work, 'pdf', `${name}.pdf`);
      writeFileSync(docx, await renderDocx(model, { fonts, docx: { tocPageNumbers: true } }));
      execFileSync('mkdir', ['-p', path.dirname(pdf)]);
      writeFileSync(pdf, await renderPdf(model, { fonts }));
      samples.push({ name, model, docx, pdf, loPdf: path.join(work, 'lo', `${name}.pdf`), fodt: path.join(work, 'lo', `${name}.fodt`) });
    }
  }
  const long = longTableModel(samples[0]!.model);
  const longDocx = path.join(work, 'long-table.docx');
  writeFileSync(longDocx, await renderDocx(long, { fonts }));
  const docxFiles = samples.map((s) => s.docx);
  sofficeConvert([...docxFiles, longDocx], 'pdf', path.join(work, 'lo'), { fontDirs: fontDirsOf(fonts) });
  sofficeConvert(docxFiles, 'fodt', path.join(work, 'lo'), { fontDirs: fontDirsOf(fonts) });
  longTable = { model: long, loPdf: path.join(work, 'lo', 'long-table.pdf') };
}, 600_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe.skipIf(!haveTools)('sample briefs × templates, DOCX read back by LibreOffice', () => {
  it('covers every sample brief in every template', () => {
    const briefs = readdirSync(path.join(PROJECT_ROOT, 'briefs')).filter((f) => f.endsWith('.yaml'));
    expect(samples.length).toBe(briefs.length * templateNames(path.join(PROJECT_ROOT, 'templates')).length);
    expect(samples.length).toBeGreaterThanOrEqual(3);
  });

  it('converts every DOCX, and the converted text has every excerpt and every footnote', () => {
    for (const s of samples) {
      const text = squash(pdfText(s.loPdf, 'raw'));
      for (const b of blocksOf(s.model.blocks)) {
        if (b.type !== 'excerpt') continue;
        for (const p of b.children) expect(text, `${s.name}: excerpt`).toContain(squash(plain(p.children)));
      }
      for (const note of s.model.notes) expect(text, `${s.name}: note ${note.id}`).toContain(squash(plain(note.children)));
    }
  });

  it('keeps every heading at its level (LibreOffice outline levels)', () => {
    for (const s of samples) {
      const expected = blocksOf(s.model.blocks).flatMap((b) => (b.type === 'heading' ? [{ level: b.level, text: plain(b.children).trim() }] : []));
      expect(readFodt(s.fodt).headings, s.name).toEqual(expected);
    }
  });

  it('has a contents that lists every heading it covers, in order', () => {
    for (const s of samples) {
      const toc = readFodt(s.fodt).toc;
      expect(toc.map((e) => e.text), s.name).toEqual(listed(s.model).map((h) => plain(h.children).trim()));
    }
  });

  it('never gives a wrong page number in the contents', () => {
    let written = 0;
    for (const s of samples) {
      const pages = pagesOf(s.loPdf);
      for (const entry of readFodt(s.fodt).toc) {
        const on = pages.flatMap((text, i) => (text.split('\n').some((l) => l.trim() === entry.text) ? [i + 1] : []));
        expect(on, `${s.name}: ${entry.text}`).toHaveLength(1);
        if (entry.page) {
          written++;
          // Pages count from the first page after the cover (the body section starts at 1).
          const cover = s.model.blocks[0]?.type === 'cover' ? 1 : 0;
          expect(entry.page, `${s.name}: ${entry.text}`).toBe(String(on[0]! - cover));
        }
      }
    }
    expect(written).toBeGreaterThan(0);
  });

  it('numbers and words the footnotes as the PDF numbers and words its source notes', () => {
    for (const s of samples) {
      const { notes } = readFodt(s.fodt);
      expect(notes.map((n) => n.mark), s.name).toEqual(s.model.notes.map((n) => String(n.id)));
      for (const [i, note] of notes.entries()) expect(squash(note.text), `${s.name}: note ${i + 1}`).toBe(squash(plain(s.model.notes[i]!.children)));
      const pdf = matchNotes(pdfParts(s).notes, notes);
      expect(pdf.marks, s.name).toEqual(notes.map((n) => n.mark));
      expect(pdf.rest, s.name).toBe('');
    }
  });

  it('matches the PDF sentence for sentence (page furniture aside)', () => {
    for (const s of samples) {
      const docx = sentences(withoutPageFurniture(readFodt(s.fodt).body, s.model.meta.classification));
      expect(docx.length, s.name).toBeGreaterThanOrEqual(3);
      const { unmatched, leftover } = matchSentences(docx, pdfParts(s).body, repeatedHeaderRows(s.model));
      expect(unmatched, `${s.name}: sentences of the DOCX not in the PDF`).toEqual([]);
      expect(leftover, `${s.name}: text of the PDF not in the DOCX`).toBe('');
    }
  });

  it('never starts a line of Chinese with closing or pause punctuation', () => {
    // Less the closing quotes: LibreOffice 7.4 breaks before ” after a Han character whatever
    // the DOCX says (it reads neither w:noLineBreaksBefore nor w:hint there); Word follows
    // the list in settings.xml, which docx.test.ts checks.
    const forbidden = new Set(Array.from(NO_LINE_START).filter((c) => c !== '”' && c !== '’'));
    for (const s of samples) {
      for (const line of pdfText(s.loPdf, 'raw').split('\n')) {
        const first = line.trimStart()[0];
        if (first && forbidden.has(first) && /\p{Script=Han}/u.test(line)) expect.fail(`${s.name}: a line starts with ${first}: ${line}`);
      }
    }
  });

  it('repeats the header row of a long table on every page and splits no row', () => {
    const pages = pagesOf(longTable!.loPdf);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    const rowsOn = pages.map((text) => [...squash(text).matchAll(/詞條(\d+)/g)].map((m) => Number(m[1])));
    for (const [i, text] of pages.entries()) {
      if (rowsOn[i]!.length === 0) continue;
      expect(squash(text), `page ${i + 1}`).toMatch(/TermMeaning/);
      // Every row on this page is whole: its last words are on the same page as its first.
      for (const row of rowsOn[i]!) expect(squash(text), `row ${row}`).toContain(`end${row}`);
    }
    expect(rowsOn.flat()).toEqual(Array.from({ length: 90 }, (_, i) => i + 1));
  });
});
