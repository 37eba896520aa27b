/**
 * Table rows and page breaks in the PDF. Rows stay on one page when they fit (as the DOCX
 * keeps them, cantSplit), but pdfmake silently drops the rest of an unbreakable row taller
 * than a page, so the renderer measures each row (tables.ts `rowsMayNotFitOnAPage`) and lets
 * the rows of a table split when one might not fit. This sweeps rows from well under to
 * well over a page, in Chinese and in English and in columns of several widths, and checks
 * that no text is lost and that rows that fit are not split.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Block, DocumentModel, Lang, TableCell } from '../../src/model/model.js';
import { renderPdf } from '../helpers/renderers.js';
import { projectCorpus, projectFonts, PROJECT_ROOT } from '../helpers/project.js';
import { squash, toolsAvailable } from '../helpers/readers.js';

const FIXTURE = path.join(PROJECT_ROOT, 'test', 'fixtures', 'model', 'renderer-sample.json');

describe.skipIf(!toolsAvailable('pdftotext'))('table rows near the height of a page', () => {
  const releases = [...projectCorpus().releases.values()];
  const zh = releases.find((r) => r.lang === 'zh-Hant')!.paragraphs.map((p) => p.text).join('');
  const en = releases.find((r) => r.lang === 'en')!.paragraphs.map((p) => p.text).join(' ');
  const cases: { id: string; text: string; lang: Lang; widths: number[] }[] = [];
  for (const [lang, source] of [['zh-Hant', zh], ['en', en]] as const) {
    for (const widths of [[1, 1], [1, 3], [3, 1]]) {
      // From a few lines to several pages' worth, in steps.
      for (const share of [0.25, 0.5, 0.8, 1, 1.2, 1.6, 2.5]) {
        const id = `case ${cases.length + 1}`;
        const length = Math.round(source.length * share * (widths[0]! / (widths[0]! + widths[1]!)) * 2);
        let text = '';
        while (text.length < length) text += source;
        cases.push({ id, text: `${id}: ${text.slice(0, length)} end of ${id}.`, lang, widths });
      }
    }
  }
  let dir: string;
  let pages: string[];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'bp-tables-'));
    const fixture = JSON.parse(readFileSync(FIXTURE, 'utf8')) as DocumentModel;
    const cell = (lang: Lang, value: string): TableCell => ({ type: 'cell', lang, children: [{ type: 'text', value }] });
    const blocks: Block[] = cases.map((c) => ({
      type: 'table',
      variant: 'plain',
      headerRows: 1,
      columnWidths: c.widths,
      rows: [
        [cell('en', 'Left'), cell('en', 'Right')],
        [cell(c.lang, c.text), { type: 'cell', children: [] }],
      ],
    }));
    const file = path.join(dir, 'rows.pdf');
    writeFileSync(file, await renderPdf({ ...fixture, blocks, notes: [] }, { fonts: projectFonts() }));
    // Without the page furniture and the repeated header row, which fall inside a split row.
    pages = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
      .split('\f')
      .map((page) => squash(page).replace(/Page\d+of\d+|OFFICIAL|LeftRight/g, ''));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loses no text, however tall the row', () => {
    const all = pages.join('');
    for (const c of cases) expect(all.includes(squash(c.text)), c.id).toBe(true);
  });

  it('keeps a row that fits on a page on one page', () => {
    const short = cases.filter((c) => c.text.length < (c.lang === 'en' ? 1500 : 600) * (c.widths[0]! / (c.widths[0]! + c.widths[1]!)) * 2);
    expect(short.length).toBeGreaterThan(5);
    for (const c of short) expect(pages.some((p) => p.includes(squash(c.text))), c.id).toBe(true);
  });
});
