/**
 * What real readers see of two corpus decisions, on `briefpack build` output:
 * - the region of `script: zh-Hant-HK` (and -TW, zh-Hans-SG…) reaches the language tags: the
 *   PDF catalog's /Lang (read with qpdf --json) and XMP dc:language, the DOCX document
 *   defaults' w:lang eastAsia (word/styles.xml) and w:themeFontLang (word/settings.xml), while
 *   Word's line-breaking lists stay filed under zh-TW or zh-CN;
 * - a release file that still ends a paragraph with an end mark (the sample SCO release's ■)
 *   never shows it to recipients: no PDF text (pdftotext) and no DOCX text has it.
 * Needs poppler and qpdf; fails under CI when they are missing (helpers/readers.ts).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eastAsiaLangOf } from '../../src/render/docx/context.js';
import { documentLanguage } from '../../src/render/pdf/metadata.js';
import type { DocumentModel } from '../../src/model/model.js';
import { pdfText, toolsAvailable } from '../helpers/readers.js';
import { runCli, tempProject } from '../helpers/temp-project.js';

const BRIEF = 'briefs/sco-pabbi-antiterror-letter.yaml';
const tools = toolsAvailable('pdftotext', 'qpdf');

function catalogLang(pdf: string): string | undefined {
  const json = JSON.parse(execFileSync('qpdf', ['--json', '--json-key=qpdf', pdf], { encoding: 'utf8', maxBuffer: 1 << 28 })) as {
    qpdf: [unknown, Record<string, { value?: Record<string, unknown> }>];
  };
  for (const obj of Object.values(json.qpdf[1])) {
    if (obj.value?.['/Type'] === '/Catalog') return String(obj.value['/Lang']).replace(/^u:/, '');
  }
  return undefined;
}

const attr = (xml: string, element: string, name: string) => new RegExp(`<${element}\\b[^>]*\\b${name}="([^"]*)"`).exec(xml)?.[1];

describe('language tags with a region', () => {
  it('PDF: the script with its region, only when the brief names one', () => {
    const model = { meta: { lang: 'zh-Hant' }, blocks: [{ type: 'paragraph', children: [{ type: 'text', value: '中' }] }], notes: [] } as unknown as DocumentModel;
    expect(documentLanguage(model)).toBe('zh-Hant');
    expect(documentLanguage({ ...model, meta: { ...model.meta, region: 'HK' } })).toBe('zh-Hant-HK');
    expect(documentLanguage({ ...model, meta: { ...model.meta, lang: 'zh-Hans', region: 'SG' } })).toBe('zh-Hans-SG');
  });
  it('DOCX: the region for text in the brief\'s script, the script\'s default otherwise', () => {
    expect(eastAsiaLangOf('zh-Hant')).toBe('zh-TW');
    expect(eastAsiaLangOf('zh-Hans')).toBe('zh-CN');
    expect(eastAsiaLangOf('zh-Hant', { lang: 'zh-Hant', region: 'HK' })).toBe('zh-HK');
    expect(eastAsiaLangOf('zh-Hans', { lang: 'zh-Hant', region: 'HK' })).toBe('zh-CN');
    expect(eastAsiaLangOf('zh-Hans', { lang: 'zh-Hans', region: 'SG' })).toBe('zh-SG');
  });

  describe.runIf(tools || process.env.CI)('built files', () => {
    let project: string;
    const built: Record<string, { pdf: string; docx: Record<string, Uint8Array> }> = {};
    beforeAll(async () => {
      project = tempProject();
      const spec = readFileSync(path.join(project, BRIEF), 'utf8');
      expect(spec).toContain('script: zh-Hant\n');
      for (const tag of ['zh-Hant', 'zh-Hant-HK', 'zh-Hant-TW', 'zh-Hans-SG']) {
        writeFileSync(path.join(project, BRIEF), spec.replace('script: zh-Hant\n', `script: ${tag}\n`));
        const out = path.join(project, `out-${tag}`);
        const r = await runCli(['build', '--jobs', '1', '--out', out, BRIEF], project);
        expect(r.code, r.stderr).toBe(0);
        const file = (ext: string) => path.join(out, readdirSync(out).find((f) => f.endsWith(ext))!);
        built[tag] = { pdf: file('.pdf'), docx: unzipSync(readFileSync(file('.docx'))) };
      }
    }, 120_000);
    afterAll(() => rmSync(project, { recursive: true, force: true }));

    it.each([
      ['zh-Hant', 'zh-Hant', 'zh-TW', 'zh-TW'],
      ['zh-Hant-HK', 'zh-Hant-HK', 'zh-HK', 'zh-TW'],
      ['zh-Hant-TW', 'zh-Hant-TW', 'zh-TW', 'zh-TW'],
      ['zh-Hans-SG', 'zh-Hans-SG', 'zh-SG', 'zh-CN'],
    ])('script: %s → PDF /Lang %s, DOCX eastAsia %s (line-breaking lists under %s)', (tag, pdfLang, eastAsia, kinsoku) => {
      const { pdf, docx } = built[tag]!;
      expect(catalogLang(pdf)).toBe(pdfLang);
      expect(readFileSync(pdf, 'latin1')).toContain(`<rdf:li>${pdfLang}</rdf:li>`);
      const styles = strFromU8(docx['word/styles.xml']!);
      const docDefaults = /<w:docDefaults>[\s\S]*?<\/w:docDefaults>/.exec(styles)![0];
      expect(attr(docDefaults, 'w:lang', 'w:eastAsia')).toBe(eastAsia);
      const settings = strFromU8(docx['word/settings.xml']!);
      expect(attr(settings, 'w:themeFontLang', 'w:eastAsia')).toBe(eastAsia);
      expect(attr(settings, 'w:noLineBreaksAfter', 'w:lang')).toBe(kinsoku);
      // No run of the document names a region the brief did not ask for.
      const document = strFromU8(docx['word/document.xml']!);
      const runLangs = new Set([...document.matchAll(/w:eastAsia="(zh-[A-Z]{2})"/g)].map((m) => m[1]));
      for (const l of runLangs) expect(['zh-TW', 'zh-CN', eastAsia]).toContain(l);
    });
  });
});

describe.runIf(tools || process.env.CI)('end marks in release files', () => {
  let project: string;
  let out: string;
  beforeAll(async () => {
    project = tempProject();
    out = path.join(project, 'output');
    const r = await runCli(['build', '--jobs', '1', '--out', out], project);
    expect(r.code, r.stderr).toBe(0);
  }, 120_000);
  afterAll(() => rmSync(project, { recursive: true, force: true }));

  it('the sample SCO release keeps its ■ in the file, and no sample brief shows it', () => {
    expect(readFileSync(path.join(project, 'releases', 'mps-2021-09-24-en-sco-pabbi-antiterror-letter.md'), 'utf8')).toMatch(/for all\.■\s*$/);
    const files = readdirSync(out, { recursive: true }).map(String);
    const pdfs = files.filter((f) => f.endsWith('.pdf'));
    const docxs = files.filter((f) => f.endsWith('.docx'));
    expect(pdfs.length).toBeGreaterThanOrEqual(3);
    expect(docxs.length).toBe(pdfs.length);
    // The SCO brief quotes the English release's last paragraph: its words are there, ■ is not.
    const sco = pdfs.find((f) => f.includes('sco-pabbi'))!;
    expect(pdfText(path.join(out, sco)).replace(/\s+/g, ' ')).toContain('prosperous homeland for all.');
    for (const f of pdfs) expect(pdfText(path.join(out, f)), f).not.toMatch(/[■□▲]/u);
    for (const f of docxs) {
      const parts = unzipSync(readFileSync(path.join(out, f)));
      // The text of every part (numbering.xml's bullet symbols are no text).
      for (const [name, bytes] of Object.entries(parts)) {
        const text = [...strFromU8(bytes).matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
        expect(text, `${f} ${name}`).not.toMatch(/[■□▲]/u);
      }
    }
  });
});
