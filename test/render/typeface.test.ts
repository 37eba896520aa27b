/**
 * The serif house typeface (issue 16): `typeface: serif` in a spec, or in a template's
 * template.yaml, draws body text in Noto Serif TC / SC and Noto Serif in both formats
 * (headings in the bold sans); an unknown typeface in the font configuration is an error
 * that names the ones it has. Read back with pdffonts and from the DOCX font table, and
 * with LibreOffice drawing the DOCX from its embedded fonts.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DiagnosticError } from '../../src/diagnostics/diagnostic.js';
import { fontsForTypeface, loadFontSet } from '../../src/fonts/font-set.js';
import { PROJECT_ROOT } from '../helpers/project.js';
import { docxParts, pdfFonts, sofficeConvert, toolsAvailable } from '../helpers/readers.js';
import { runCli, tempProject } from '../helpers/temp-project.js';

const hasTools = toolsAvailable('pdffonts', 'soffice');
const BRIEF = 'sco-pabbi-antiterror-letter';

describe('fontsForTypeface', () => {
  const fonts = loadFontSet(PROJECT_ROOT);
  it('gives the serif chains for "serif", the roles for "sans", and shares the faces', () => {
    const serif = fontsForTypeface(fonts, 'serif');
    expect(serif.roles.body['zh-Hant'][0]).toBe('noto-serif-tc');
    expect(serif.roles.body.latin[0]).toBe('noto-serif');
    expect(serif.roles.heading['zh-Hant'][0]).toBe('noto-sans-tc');
    expect(serif.faces).toBe(fonts.faces);
    expect(fontsForTypeface(fonts, 'sans')).toBe(fonts);
    expect(fontsForTypeface(fonts)).toBe(fonts);
  });
  it('reports a typeface the configuration lacks, naming those it has', () => {
    const error = (() => {
      try {
        fontsForTypeface(fonts, 'slab');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(DiagnosticError);
    const d = (error as DiagnosticError).diagnostics[0]!;
    expect(d.code).toBe('BP402');
    expect(d.message).toContain('"slab"');
    expect(d.hint).toContain('sans, serif');
  });
});

describe.skipIf(!hasTools)('typeface: serif, from the spec and from the template', () => {
  const out: Record<'spec' | 'template', string> = { spec: '', template: '' };
  beforeAll(async () => {
    const project = tempProject();
    const spec = readFileSync(path.join(project, 'briefs', `${BRIEF}.yaml`), 'utf8');
    writeFileSync(path.join(project, 'briefs', `${BRIEF}.yaml`), spec.replace(/^template: standard$/m, 'template: standard\ntypeface: serif'));
    out.spec = mkdtempSync(path.join(os.tmpdir(), 'bp-serif-spec-'));
    const a = await runCli(['build', `briefs/${BRIEF}.yaml`, '--out', out.spec], project);
    expect(a.stderr).toBe('');
    const other = tempProject();
    const config = path.join(other, 'templates', 'standard', 'template.yaml');
    writeFileSync(config, `${readFileSync(config, 'utf8')}typeface: serif\n`);
    out.template = mkdtempSync(path.join(os.tmpdir(), 'bp-serif-template-'));
    const b = await runCli(['build', `briefs/${BRIEF}.yaml`, '--out', out.template], other);
    expect(b.stderr).toBe('');
  }, 180_000);

  for (const from of ['spec', 'template'] as const) {
    it(`(${from}) the PDF draws body text in Noto Serif TC and Noto Serif, headings in the sans bold`, () => {
      const names = pdfFonts(path.join(out[from], `${BRIEF}.pdf`)).map((f) => f.name.replace(/^[A-Z]{6}\+/, ''));
      expect(names).toEqual(expect.arrayContaining(['NotoSerifTC-Regular', 'NotoSerif-Regular', 'NotoSans-Bold']));
      expect(names).not.toContain('NotoSansTC-Regular');
    });
  }

  it('the DOCX names Noto Serif TC for East Asian text, embeds it, and LibreOffice draws with it', () => {
    const docx = path.join(out.spec, `${BRIEF}.docx`);
    const parts = docxParts(readFileSync(docx));
    expect(parts['word/styles.xml']).toMatch(/w:eastAsia="Noto Serif TC"/);
    expect(parts['word/fontTable.xml']).toContain('w:name="Noto Serif TC"');
    expect(parts['word/fontTable.xml']).toMatch(/<w:font w:name="Noto Serif TC">[\s\S]*?<w:embedRegular /);
    const [pdf] = sofficeConvert([docx], 'pdf', mkdtempSync(path.join(os.tmpdir(), 'bp-serif-lo-')));
    const names = pdfFonts(pdf!).map((f) => f.name.replace(/^[A-Z]{6}\+/, ''));
    expect(names).toEqual(expect.arrayContaining(['NotoSerifTC-Regular']));
  }, 180_000);
});
