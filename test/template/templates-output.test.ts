/**
 * What the three house templates promise, read back from the PDF and DOCX they produce:
 * release text is never markup, one-pagers are one page, bilingual pairs sit side by side.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { listBriefs } from '../../src/cli/commands/build.js';
import { PROJECT_ROOT } from '../helpers/project.js';
import { docxParts, pdfInfo, pdfText, squash, toolsAvailable, xmlText } from '../helpers/readers.js';
import { runCli, tempProject } from '../helpers/temp-project.js';

const hasPoppler = toolsAvailable('pdftotext', 'pdfinfo');
const briefs = listBriefs(PROJECT_ROOT).map((b) => path.basename(b, '.yaml'));


describe('release text that looks like markup comes out literally', () => {
  // (`&foo;` is no HTML entity, so cleaning's decode-html-entities step leaves it; `&amp;` it
  // would decode, as test/corpus/cleaning.test.ts pins.)
  const tricky = 'Officials said <b>not bold</b> & {{meta.title}} **not strong** [not](a link) <cite>x</cite> &foo; done.';
  let out = '';
  beforeAll(async () => {
    const project = tempProject();
    writeFileSync(
      path.join(project, 'releases', 'test-markup-lookalike.md'),
      ['---', 'id: test-markup-lookalike', 'lang: en', 'issued: 2021-09-30', 'issuer: Test Office', 'title: Markup <lookalike> & {{title}}', 'source: test', '---', '', tricky, ''].join('\n'),
    );
    writeFileSync(
      path.join(project, 'briefs', 'tricky.yaml'),
      ['title: T', 'date: 2021-09-30', 'classification: OFFICIAL', 'sections:', '  - heading: H', '    excerpts:', '      - release: test-markup-lookalike', '        paragraphs: 1', ''].join('\n'),
    );
    out = mkdtempSync(path.join(os.tmpdir(), 'bp-tricky-'));
    const r = await runCli(['build', 'briefs/tricky.yaml', '--out', out], project);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
  it.skipIf(!hasPoppler)('in the PDF', () => {
    const text = squash(pdfText(path.join(out, 'tricky.pdf')));
    expect(text).toContain(squash(tricky));
    expect(text).toContain(squash('Markup <lookalike> & {{title}}'));
  });
  it('in the DOCX', () => {
    const text = xmlText(docxParts(readFileSync(path.join(out, 'tricky.docx')))['word/document.xml']!);
    expect(text).toContain(tricky);
  });
});

describe.skipIf(!hasPoppler)('one-pager', () => {
  let out = '';
  beforeAll(async () => {
    out = mkdtempSync(path.join(os.tmpdir(), 'bp-one-pager-'));
    const r = await runCli(['build', '--template', 'one-pager', '--out', out]);
    expect(r.code).toBe(0);
  });
  it.each(briefs)('%s is exactly one page', (brief) => {
    expect(pdfInfo(path.join(out, `${brief}.pdf`)).Pages).toBe('1');
  });
  it('refuses content that cannot fit one page, naming the brief', async () => {
    const project = tempProject();
    const many = Array.from({ length: 3 }, () => '      - release: mps-2021-09-28-zh-cambodia-video-meeting\n        paragraphs: [1, 2, 3, 4, 5, 6]').join('\n');
    writeFileSync(
      path.join(project, 'briefs', 'too-long.yaml'),
      `title: T\ndate: 2021-09-30\nclassification: OFFICIAL\ntemplate: one-pager\nsummary: ${'A long summary that goes on. '.repeat(120)}\nsections:\n  - heading: H\n    excerpts:\n${many}\n`,
    );
    const r = await runCli(['build', 'briefs/too-long.yaml', '--out', mkdtempSync(path.join(os.tmpdir(), 'bp-overflow-'))], project);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^briefs\/too-long\.yaml:4:11: error BP403: the "one-pager" template allows 1 page, but this brief needs \d+/m);
  });
});

describe.skipIf(!hasPoppler)('bilingual', () => {
  let out = '';
  beforeAll(async () => {
    out = mkdtempSync(path.join(os.tmpdir(), 'bp-bilingual-'));
    const r = await runCli(['build', 'briefs/sco-pabbi-antiterror-letter.yaml', '--template', 'bilingual', '--out', out]);
    expect(r.code).toBe(0);
  });

  /** Every word on every page with its position (pdftotext -bbox). */
  function words(pdf: string): { page: number; y: number; x: number; text: string }[] {
    const html = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8' });
    const found: { page: number; y: number; x: number; text: string }[] = [];
    let page = 0;
    for (const line of html.split('\n')) {
      if (line.includes('<page ')) page++;
      const m = /<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)<\/word>/.exec(line);
      if (m) found.push({ page, x: Number(m[1]), y: Number(m[2]), text: m[3]! });
    }
    return found;
  }

  it('starts the Chinese and English of each pair on the same page at the same height', () => {
    const all = words(path.join(out, 'sco-pabbi-antiterror-letter.pdf'));
    // The two aligned rows of the seed pair: zh ¶1 ↔ en ¶1–2, zh ¶2 ↔ en ¶3.
    const pairs: [string, string][] = [
      ['國務委員', 'State'],
      ['趙克志表示', 'As'],
    ];
    for (const [zh, en] of pairs) {
      const lefts = all.filter((w) => w.text.startsWith(zh));
      expect(lefts.length, zh).toBeGreaterThan(0);
      const beside = lefts.some((left) => all.some((w) => w.text === en && w.page === left.page && w.x > left.x + 100 && Math.abs(w.y - left.y) < 2));
      expect(beside, `"${en}" starts beside "${zh}" on the same page and line`).toBe(true);
    }
  });

  it('puts each pair in one DOCX table row', () => {
    const xml = docxParts(readFileSync(path.join(out, 'sco-pabbi-antiterror-letter.docx')))['word/document.xml']!;
    const rows = [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((m) => xmlText(m[0]));
    expect(rows.some((r) => r.startsWith('國務委員') && r.includes('State Councilor and Minister of Public Security'))).toBe(true);
    expect(rows.some((r) => r.startsWith('趙克志表示') && r.includes('As Zhao stressed'))).toBe(true);
  });
});
