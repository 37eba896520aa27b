/**
 * End to end: `briefpack build` on the sample project, read back with poppler, the DOCX XML
 * and LibreOffice, as a recipient's tools would read it.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { composeDocument } from '../../src/pipeline/compose-document.js';
import { listBriefs } from '../../src/cli/commands/build.js';
import type { Block, Inline } from '../../src/model/model.js';
import { PROJECT_ROOT, projectCorpus, projectFonts } from '../helpers/project.js';
import { runCli, tempProject } from '../helpers/temp-project.js';
import { docxParts, fontDirsOf, pdfFonts, pdfText, sofficeToPdf, squash, toolsAvailable, withoutPageFurniture } from '../helpers/readers.js';

const run = runCli;

const inlineText = (inlines: Inline[]): string =>
  inlines.map((i) => (i.type === 'text' ? i.value : 'children' in i ? inlineText(i.children) : '')).join('');

/** The cleaned text of every excerpt paragraph a brief quotes. */
function excerptTexts(brief: string): string[] {
  const { model } = composeDocument(brief, { projectRoot: PROJECT_ROOT, corpus: projectCorpus(), fonts: projectFonts() });
  return model.blocks.flatMap((b: Block) => (b.type === 'excerpt' ? b.children.map((p) => inlineText(p.children)) : []));
}

const briefs = listBriefs(PROJECT_ROOT);
const nameOf = (brief: string) => path.basename(brief, '.yaml');

describe('briefpack build on the sample project', () => {
  let outA: string;
  let outB: string;
  beforeAll(async () => {
    outA = mkdtempSync(path.join(os.tmpdir(), 'bp-build-a-'));
    outB = mkdtempSync(path.join(os.tmpdir(), 'bp-build-b-'));
    const a = await run(['build', '--out', outA]);
    expect(a.stderr).toBe('');
    expect(a.code).toBe(0);
    expect((await run(['build', '--out', outB])).code).toBe(0);
  });

  it('has at least two sample briefs', () => {
    expect(briefs.length).toBeGreaterThanOrEqual(2);
  });

  it('writes a PDF and a DOCX per brief, named after the YAML file, byte-identical across builds', () => {
    for (const brief of briefs) {
      for (const ext of ['pdf', 'docx']) {
        const a = readFileSync(path.join(outA, `${nameOf(brief)}.${ext}`));
        const b = readFileSync(path.join(outB, `${nameOf(brief)}.${ext}`));
        expect(a.byteLength).toBeGreaterThan(1000);
        expect(a.equals(b), `${nameOf(brief)}.${ext} differs between two builds`).toBe(true);
      }
    }
  });

  describe.skipIf(!toolsAvailable('pdftotext', 'pdffonts'))('PDF read back with poppler', () => {
    it('contains every chosen excerpt verbatim and no pinyin gloss', () => {
      for (const brief of briefs) {
        const text = squash(withoutPageFurniture(pdfText(path.join(outA, `${nameOf(brief)}.pdf`)), 'OFFICIAL'));
        const excerpts = excerptTexts(brief);
        expect(excerpts.length).toBeGreaterThan(0);
        for (const excerpt of excerpts) expect(text).toContain(squash(excerpt));
        expect(text).not.toMatch(/\p{Script=Han}\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)/u);
      }
    });
    it('embeds every font as a subset', () => {
      for (const brief of briefs) {
        const fonts = pdfFonts(path.join(outA, `${nameOf(brief)}.pdf`));
        expect(fonts.length).toBeGreaterThan(0);
        for (const f of fonts) expect(f, f.name).toMatchObject({ embedded: true, subset: true });
      }
    });
  });

  it('DOCX sets East Asian fonts and language for the brief\'s script', () => {
    for (const brief of briefs) {
      const simplified = readFileSync(path.join(PROJECT_ROOT, brief), 'utf8').includes('script: zh-Hans');
      const parts = docxParts(readFileSync(path.join(outA, `${nameOf(brief)}.docx`)));
      const styles = parts['word/styles.xml']!;
      expect(styles).toMatch(new RegExp(`<w:rFonts [^>]*w:eastAsia="Noto Sans ${simplified ? 'SC' : 'TC'}"`));
      expect(styles).toMatch(new RegExp(`<w:lang [^>]*w:eastAsia="${simplified ? 'zh-CN' : 'zh-TW'}"`));
    }
  });

  describe.skipIf(!toolsAvailable('pdftotext'))('a zh-Hans brief', () => {
    const simplified = 'cambodia-meeting-simplified';
    it('shows the Traditional releases in Simplified characters in the PDF and the DOCX', () => {
      const pdf = squash(pdfText(path.join(outA, `${simplified}.pdf`)));
      const docx = docxParts(readFileSync(path.join(outA, `${simplified}.docx`)))['word/document.xml']!;
      for (const text of [pdf, docx]) {
        expect(text).toContain('赵克志');
        expect(text).toContain('执法');
        expect(text).not.toContain('趙克志');
        expect(text).not.toContain('執法');
      }
    });
  });

  describe.skipIf(!toolsAvailable('soffice', 'pdftotext'))('DOCX opened by LibreOffice', () => {
    it('converts, and the converted text contains the same excerpts', () => {
      for (const brief of briefs) {
        const pdf = sofficeToPdf(path.join(outA, `${nameOf(brief)}.docx`), path.join(outA, 'lo'), fontDirsOf(projectFonts()));
        const text = squash(withoutPageFurniture(pdfText(pdf), 'OFFICIAL'));
        for (const excerpt of excerptTexts(brief)) expect(text).toContain(squash(excerpt));
      }
      // One LibreOffice start per brief (about 10 s each when the machine is quiet, several
      // times that on a loaded 2-core runner).
    }, 400_000);
  });
});

describe('briefpack build with a broken brief', () => {
  it('exits 1, names file, line and column, writes nothing for it and still builds the others', async () => {
    const project = tempProject({ briefs: false });
    cpSync(path.join(PROJECT_ROOT, briefs[0]!), path.join(project, 'briefs', 'good.yaml'));
    writeFileSync(
      path.join(project, 'briefs', 'bad.yaml'),
      ['title: Bad', 'date: 2021-09-30', 'classification: OFFICIAL', 'sections:', '  - heading: A', '    excerpts:', '      - release: no-such-release', '        paragraphs: 1', ''].join('\n'),
    );

    const result = await run(['build'], project);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('briefs/bad.yaml:7:18: error BP206: no release with id "no-such-release"');
    expect(existsSync(path.join(project, 'output', 'bad.pdf'))).toBe(false);
    expect(existsSync(path.join(project, 'output', 'bad.docx'))).toBe(false);
    expect(existsSync(path.join(project, 'output', 'good.pdf'))).toBe(true);
    expect(existsSync(path.join(project, 'output', 'good.docx'))).toBe(true);
  });
});

describe('briefpack usage', () => {
  it('suggests the command meant and exits 2', async () => {
    const r = await run(['biuld']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('did you mean "build"?');
  });
  it('rejects an unknown flag with exit 2', async () => {
    const r = await run(['build', '--outt', 'x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('did you mean "--out"?');
  });
});
