/**
 * Every sample brief (briefs/*.yaml and the long fixture test/fixtures/briefs/) built with
 * every template, in memory, read back as a recipient's tools read it (DESIGN §6):
 * - `pdftotext -layout`: no line (nor any column of a line) starts with closing or pause
 *   punctuation or ends with opening punctuation (DESIGN §5);
 * - pdfinfo: the title, and the language in the XMP metadata (`pdfinfo -meta`);
 * - qpdf: the outline lists every heading, nested by level, each bookmark on its heading's page;
 * - the contents page: each entry's page number is the page where its heading is printed;
 * - the marking at the top and the bottom of every page, page X of Y on all but the cover;
 * - no heading left alone at the foot of a page, no citation line split between two pages;
 * - pdffonts: every font embedded once, as a subset;
 * - the long sample renders to at least five pages in under 200 KB.
 * Combinations whose model cannot be built (a template that rejects a brief) are listed and
 * skipped; every brief must build with the standard template.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeDocument } from '../../src/pipeline/compose-document.js';
import { tryRenderOutputs } from '../../src/pipeline/render-outputs.js';
import { listBriefs } from '../../src/cli/commands/build.js';
import { DiagnosticError } from '../../src/diagnostics/diagnostic.js';
import type { DocumentModel, Inline } from '../../src/model/model.js';
import { pageLabels, pageXofY } from '../../src/model/labels.js';
import { NO_LINE_END, NO_LINE_START } from '../../src/render/shared/cjk-line-breaks.js';
import { documentLanguage } from '../../src/render/pdf/metadata.js';
import { templateNames } from '../../src/template/template-names.js';
import { PROJECT_ROOT, projectCorpus, projectFonts } from '../helpers/project.js';
import { pdfFonts, pdfInfo, toolsAvailable } from '../helpers/readers.js';
import { readQpdf, type QpdfOutlineItem } from './pdf-readers.js';

const LONG_SAMPLE = 'test/fixtures/briefs/pdf-five-page-sample.yaml';
const BRIEFS = [...listBriefs(PROJECT_ROOT), LONG_SAMPLE];
const TEMPLATES = templateNames(path.join(PROJECT_ROOT, 'templates'));

interface Built {
  name: string;
  brief: string;
  template: string;
  model: DocumentModel;
  file: string;
  bytes: number;
}

const plain = (inlines: readonly Inline[]): string =>
  inlines.map((i) => (i.type === 'text' ? i.value : i.type === 'lineBreak' ? ' ' : i.type === 'citeRef' ? '' : plain(i.children))).join('');

/** The headings the PDF should have, in order: the model's, then the source notes' title. */
function headingsOf(model: DocumentModel): { title: string; level: number }[] {
  const out = model.blocks.flatMap((b) => (b.type === 'heading' ? [{ title: plain(b.children), level: b.level }] : []));
  if (model.notes.length) out.push({ title: pageLabels(model.meta).notesHeading, level: 1 });
  return out;
}

/** Text of each page, as laid out (pdftotext separates pages with a form feed). */
function pages(file: string): string[][] {
  const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  return text
    .split('\f')
    .slice(0, -1)
    .map((page) => page.split('\n').map((l) => l.trim()));
}

describe.skipIf(!toolsAvailable('pdftotext', 'pdfinfo', 'pdffonts', 'qpdf'))('sample briefs × templates, read back', () => {
  const built: Built[] = [];
  const skipped: string[] = [];
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'bp-samples-'));
    const corpus = projectCorpus();
    const fonts = projectFonts();
    for (const brief of BRIEFS) {
      for (const template of TEMPLATES) {
        const name = `${path.basename(brief, '.yaml')}.${template}`;
        try {
          const result = composeDocument(brief, { projectRoot: PROJECT_ROOT, corpus, fonts, template });
          // A page-limited template's PDF is drawn from the fitted model: compare with that one.
          const rendered = await tryRenderOutputs(result, { fonts, formats: ['pdf'] });
          if (!rendered.ok) throw new DiagnosticError(rendered.diagnostics);
          const file = path.join(dir, `${name}.pdf`);
          const bytes = rendered.outputs.get('pdf')!;
          writeFileSync(file, bytes);
          built.push({ name, brief, template, model: rendered.document.model, file, bytes: bytes.byteLength });
        } catch (e) {
          if (!(e instanceof DiagnosticError) || template === 'standard') throw e;
          skipped.push(`${name}: ${e.diagnostics.map((d) => d.code).join(', ')}`);
        }
      }
    }
    const notBuilt = skipped.length ? `\nnot built (the template rejects the brief):\n  ${skipped.join('\n  ')}` : '';
    console.info(`built: ${built.map((b) => b.name).join(', ')}${notBuilt}`);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('builds every brief with every template it accepts', () => {
    expect(TEMPLATES).toContain('standard');
    expect(built.filter((b) => b.template === 'standard')).toHaveLength(BRIEFS.length);
  });

  it('never starts a line with closing or pause punctuation, nor ends one with opening punctuation', () => {
    const bad: string[] = [];
    let fragments = 0;
    for (const b of built) {
      for (const line of pages(b.file).flat()) {
        // Table columns share a line in the layout: check each column's text on its own.
        for (const fragment of line.split(/\s{3,}/).filter(Boolean)) {
          fragments++;
          const chars = Array.from(fragment);
          if (NO_LINE_START.includes(chars[0]!) || NO_LINE_END.includes(chars[chars.length - 1]!)) bad.push(`${b.name}: ${fragment}`);
        }
      }
    }
    expect(fragments).toBeGreaterThan(300);
    expect(bad).toEqual([]);
  });

  it('has the title in the document info and the language in the XMP metadata', () => {
    for (const b of built) {
      expect(pdfInfo(b.file).Title, b.name).toBe(b.model.meta.title);
      const xmp = execFileSync('pdfinfo', ['-meta', b.file], { encoding: 'utf8' });
      expect(xmp, b.name).toMatch(new RegExp(`<dc:language><rdf:Bag><rdf:li>${documentLanguage(b.model)}</rdf:li>`));
    }
  });

  it('lists every heading in the outline, nested by level, each bookmark on its heading', () => {
    for (const b of built) {
      const { outline, destinations } = readQpdf(b.file);
      const flat: { title: string; level: number; dest: unknown[] }[] = [];
      const walk = (items: QpdfOutlineItem[], level: number) => items.forEach((i) => (flat.push({ title: i.title, level, dest: i.dest }), walk(i.kids, level + 1)));
      walk(outline, 1);
      const headings = headingsOf(b.model);
      expect(flat.map((f) => f.title), b.name).toEqual(headings.map((h) => h.title));
      // A heading nests under the last heading above it with a lower level.
      const expectedDepth: number[] = [];
      headings.forEach((h, i) => {
        const parents = headings.slice(0, i).filter((p) => p.level < h.level);
        expectedDepth.push(parents.length ? expectedDepth[headings.indexOf(parents[parents.length - 1]!)]! + 1 : 1);
      });
      expect(flat.map((f) => f.level), b.name).toEqual(expectedDepth);
      const named = [...destinations.values()].map((d) => JSON.stringify(d.raw));
      for (const f of flat) expect(named, `${b.name}: bookmark ${f.title}`).toContain(JSON.stringify(f.dest));
    }
  });

  it('prints, in the contents, the page number of the page each heading is on', () => {
    let checked = 0;
    for (const b of built) {
      const toc = b.model.blocks.find((x) => x.type === 'toc');
      if (!toc || toc.type !== 'toc') continue;
      const text = pages(b.file);
      const tocPage = text.findIndex((lines) => lines.includes(plain(toc.title)));
      expect(tocPage, `${b.name}: contents title`).toBeGreaterThanOrEqual(0);
      const { outline, destinations } = readQpdf(b.file);
      for (const h of headingsOf(b.model).filter((x) => x.level <= toc.depth)) {
        const escaped = h.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        const entry = text[tocPage]!.map((l) => new RegExp(`^${escaped}\\s+(\\d+)$`).exec(l)).find(Boolean);
        expect(entry, `${b.name}: contents entry for "${h.title}"`).toBeTruthy();
        // Pages count from the first page after the cover, as the footers do.
        const cover = b.model.blocks[0]?.type === 'cover' ? 1 : 0;
        const printedOn = text.findIndex((lines, p) => p >= tocPage && lines.includes(h.title)) + 1 - cover;
        expect(Number(entry![1]), `${b.name}: page of "${h.title}"`).toBe(printedOn);
        checked++;
      }
      // The bookmarks agree with the text.
      const pageOfBookmark = (title: string) => [...destinations.values()].find((d) => JSON.stringify(d.raw) === JSON.stringify(outline.find((o) => o.title === title)?.dest))?.page;
      for (const o of outline) expect(pageOfBookmark(o.title), `${b.name}: bookmark ${o.title}`).toBe(text.findIndex((lines, p) => p >= tocPage && lines.includes(o.title)) + 1);
    }
    expect(checked).toBeGreaterThanOrEqual(BRIEFS.length * 3);
  });

  it('marks every page top and bottom, and numbers the pages from the one after the cover', () => {
    for (const b of built) {
      const text = pages(b.file);
      const cover = b.model.blocks[0]?.type === 'cover' ? 1 : 0;
      const pageLabel = (page: number, pages: number) => pageXofY(pageLabels(b.model.meta), page, pages);
      text.forEach((lines, i) => {
        const marking = lines.filter((l) => l === b.model.meta.classification);
        // Top and bottom; on the cover, only there (issue 14: it used to show a third time).
        if (cover && i === 0) expect(marking.length, `${b.name} cover: the marking in its banners only`).toBe(2);
        else expect(marking.length, `${b.name} page ${i + 1}: marking top and bottom`).toBeGreaterThanOrEqual(2);
        expect(lines.find((l) => l.length > 0), `${b.name} page ${i + 1}: marking first`).toBe(b.model.meta.classification);
        expect(lines.filter((l) => l.length > 0).pop(), `${b.name} page ${i + 1}: marking last`).toBe(b.model.meta.classification);
        if (cover && i === 0) expect(lines.some((l) => /Page \d+ of|第 \d+ [頁页]/.test(l)), `${b.name}: no number on the cover`).toBe(false);
        else expect(lines.includes(pageLabel(i + 1 - cover, text.length - cover)), `${b.name} page ${i + 1}: page number`).toBe(true);
      });
    }
  });

  it('shows on the cover the author and audience the spec names', () => {
    let shown = 0;
    for (const b of built) {
      const cover = b.model.blocks[0];
      if (cover?.type !== 'cover') continue;
      const first = pages(b.file)[0]!.join('\n');
      for (const line of [cover.author, cover.audience]) {
        if (line.length === 0) continue;
        expect(first, b.name).toContain(plain(line));
        shown++;
      }
    }
    expect(shown).toBeGreaterThanOrEqual(3);
  });

  it('never leaves a heading at the foot of a page without the text it heads', () => {
    for (const b of built) {
      const titles = new Set(headingsOf(b.model).map((h) => h.title));
      const text = pages(b.file);
      const pageLabel = (page: number, pages: number) => pageXofY(pageLabels(b.model.meta), page, pages);
      text.slice(0, -1).forEach((lines, i) => {
        const body = lines.filter((l) => l && l !== b.model.meta.classification && l !== pageLabel(i + 1, text.length));
        expect(titles.has(body[body.length - 1]!), `${b.name} page ${i + 1} ends with heading "${body[body.length - 1]}"`).toBe(false);
      });
    }
  });

  it('never splits a citation line between two pages', () => {
    for (const b of built) {
      const text = pages(b.file).map((lines) => lines.join('').replace(/\s+/g, ''));
      const citations = b.model.blocks.flatMap((x) => (x.type === 'excerpt' ? [plain(x.citation).replace(/\s+/g, '')] : []));
      for (const c of citations) expect(text.some((page) => page.includes(c)), `${b.name}: ${c}`).toBe(true);
    }
  });

  it('embeds each font once, as a subset', () => {
    for (const b of built) {
      const rows = pdfFonts(b.file);
      for (const row of rows) expect(row, `${b.name}: ${row.name}`).toMatchObject({ embedded: true, subset: true });
      const names = rows.map((r) => r.name.slice(7));
      expect(names, b.name).toEqual([...new Set(names)]);
    }
  });

  it('renders the long sample to at least five pages in under 200 KB', () => {
    const long = built.find((b) => b.brief === LONG_SAMPLE && b.template === 'standard')!;
    const pageCount = Number(pdfInfo(long.file).Pages);
    console.info(`${long.name}: ${pageCount} pages, ${(long.bytes / 1024).toFixed(0)} KB`);
    expect(pageCount).toBeGreaterThanOrEqual(5);
    expect(long.bytes).toBeLessThan(200 * 1024);
  });
});
