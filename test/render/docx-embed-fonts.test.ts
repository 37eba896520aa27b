/**
 * `embed_fonts: true` (issue 7): the DOCX carries subsets of the faces it draws (only the
 * characters it uses, regular and bold), stays under 1 MB, reports what the fonts cost, is
 * still byte-identical from build to build, and renders its Chinese in LibreOffice on a
 * machine with no CJK font: the converted PDF embeds Noto Sans TC / SC, not a stand-in.
 *
 * The briefs come from a copy of the project whose specs say `embed_fonts: true`, so the
 * option is followed from the spec to the package. LibreOffice runs with the machine's own
 * fonts only (checked to have no Chinese font; the test says so if it has), once per
 * embedding document: it keeps the fonts a document embeds for the rest of the process, so
 * a second document's subset of the same family would be shadowed by the first's.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import * as fontkit from 'fontkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeDocument, type ComposedDocument } from '../../src/pipeline/compose-document.js';
import { openCorpus } from '../../src/corpus/corpus.js';
import type { Block, DocumentModel, Inline } from '../../src/model/model.js';
import { loadFontSet } from '../../src/fonts/font-set.js';
import { docxFontEmbeddingReport, formatFontEmbeddingReport } from '../../src/render/docx/index.js';
import { renderDocx } from '../helpers/renderers.js';
import { obfuscateFont } from '../../src/render/docx/font-table.js';
import { fontFamiliesFor, pdfFonts, pdfText, sofficeConvert, squash, toolsAvailable } from '../helpers/readers.js';
import { tempProject } from '../helpers/temp-project.js';
import { PROJECT_ROOT } from '../helpers/project.js';

const BRIEFS = ['cambodia-law-enforcement-meeting', 'cambodia-meeting-simplified'] as const;
const haveTools = toolsAvailable('soffice', 'pdffonts', 'pdftotext', 'fc-list');

interface Built {
  name: string;
  model: DocumentModel;
  renderOptions: ComposedDocument["renderOptions"];
  embedded: Uint8Array;
  plain: Uint8Array;
}

let project = '';
let work = '';
/** A folder with the Latin Noto Sans only: LibreOffice's fonts. */
let latinOnly = '';
const built: Built[] = [];

const plainText = (inlines: readonly Inline[]): string =>
  inlines.map((i) => (i.type === 'text' ? i.value : i.type === 'citeRef' || i.type === 'lineBreak' ? '' : plainText(i.children))).join('');
const excerptsOf = (blocks: readonly Block[]) => blocks.flatMap((b) => (b.type === 'excerpt' ? b.children.map((p) => plainText(p.children)) : []));

beforeAll(async () => {
  project = tempProject();
  for (const name of BRIEFS) {
    const file = path.join(project, 'briefs', `${name}.yaml`);
    writeFileSync(file, `${readFileSync(file, 'utf8').trimEnd()}\nembed_fonts: true\n`);
  }
  const fonts = loadFontSet(project);
  const corpus = openCorpus(project);
  for (const name of BRIEFS) {
    const { model, renderOptions } = composeDocument(`briefs/${name}.yaml`, { projectRoot: project, corpus, fonts });
    const embedded = await renderDocx(model, { fonts, ...renderOptions });
    const plain = await renderDocx(model, { fonts, docx: { ...renderOptions.docx, embedFonts: false } });
    built.push({ name, model, renderOptions, embedded, plain });
  }
}, 120_000);

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
  if (work) rmSync(work, { recursive: true, force: true });
  if (latinOnly) rmSync(latinOnly, { recursive: true, force: true });
});

/** The embedded fonts of a DOCX, de-obfuscated, with the family and weight that embed them. */
function embeddedFonts(docx: Uint8Array): { family: string; weight: 'Regular' | 'Bold'; font: fontkit.Font; bytes: Uint8Array }[] {
  const parts = unzipSync(docx);
  const table = strFromU8(parts['word/fontTable.xml']!);
  const rels = strFromU8(parts['word/_rels/fontTable.xml.rels']!);
  const target = new Map([...rels.matchAll(/Id="([^"]+)"[^>]*Target="([^"]+)"/g)].map((m) => [m[1]!, `word/${m[2]}`]));
  return [...table.matchAll(/<w:font w:name="([^"]+)">([\s\S]*?)<\/w:font>/g)].flatMap((font) =>
    [...font[2]!.matchAll(/<w:embed(Regular|Bold) r:id="([^"]+)" w:fontKey="\{([^}]+)\}" w:subsetted="1"\/>/g)].map((e) => {
      const bytes = obfuscateFont(parts[target.get(e[2]!)!]!, e[3]!);
      return { family: font[1]!, weight: e[1] as 'Regular' | 'Bold', font: fontkit.create(Buffer.from(bytes)) as fontkit.Font, bytes };
    }),
  );
}

describe('embed_fonts: true', () => {
  it('is carried from the spec to the DOCX render options', () => {
    for (const b of built) expect(b.renderOptions.docx?.embedFonts, b.name).toBe(true);
  });

  it('stays under 1 MB and embeds the regular and bold faces of every family it draws', () => {
    for (const b of built) {
      expect(b.embedded.byteLength, b.name).toBeLessThan(1024 * 1024);
      const fonts = embeddedFonts(b.embedded);
      const han = b.model.meta.lang === 'zh-Hans' ? 'Noto Sans SC' : 'Noto Sans TC';
      expect(fonts.map((f) => `${f.family} ${f.weight}`), b.name).toEqual(expect.arrayContaining([`${han} Regular`, `${han} Bold`, 'Noto Sans Regular']));
      for (const f of fonts) expect(f.font.familyName, `${b.name}: the subset keeps its family name`).toBe(f.family);
      const settings = strFromU8(unzipSync(b.embedded)['word/settings.xml']!);
      expect(settings).toContain('<w:embedTrueTypeFonts/><w:saveSubsetFonts/>');
    }
  });

  it('embeds only the characters the document draws', () => {
    for (const b of built) {
      const han = embeddedFonts(b.embedded).find((f) => f.weight === 'Regular' && f.family.startsWith('Noto Sans ') && f.family !== 'Noto Sans')!;
      const used = new Set(excerptsOf(b.model.blocks).join(''));
      for (const ch of used) if (/\p{Script=Han}/u.test(ch)) expect(han.font.hasGlyphForCodePoint(ch.codePointAt(0)!), ch).toBe(true);
      // A common character the brief never uses is not there, and the subset is small.
      for (const ch of '龍愛貓') if (!JSON.stringify(b.model).includes(ch)) expect(han.font.hasGlyphForCodePoint(ch.codePointAt(0)!), ch).toBe(false);
      expect(han.font.numGlyphs).toBeLessThan(1500);
    }
  });

  it('reports the size cost; a DOCX without embedded fonts reports none', () => {
    for (const b of built) {
      const report = docxFontEmbeddingReport(b.embedded)!;
      expect(report.totalBytes).toBe(b.embedded.byteLength);
      expect(report.fonts.length).toBeGreaterThanOrEqual(3);
      // What the report says the fonts add is what they do add (give or take the font table's few lines).
      const difference = b.embedded.byteLength - b.plain.byteLength;
      expect(Math.abs(report.addedBytes - difference), b.name).toBeLessThan(2048);
      expect(formatFontEmbeddingReport(report)).toMatch(/^embedded fonts \+\d+ KB of \d+ KB: Noto Sans regular \d+ KB, bold \d+ KB; Noto Sans [TS]C regular \d+ KB, bold \d+ KB$/);
      expect(docxFontEmbeddingReport(b.plain)).toBeUndefined();
    }
  });

  it('gives byte-identical DOCX from two builds, and unzip lists the spec\'s date on every entry', async () => {
    const fonts = loadFontSet(project);
    for (const b of built) {
      expect(Buffer.compare(Buffer.from(await renderDocx(b.model, { fonts, ...b.renderOptions })), Buffer.from(b.embedded)), b.name).toBe(0);
      // Info-ZIP's unzip (Debian package `unzip`): a missing one fails under CI.
      if (!toolsAvailable('unzip')) continue;
      const dir = mkdtempSync(path.join(tmpdir(), 'bp-unzip-'));
      try {
        const file = path.join(dir, `${b.name}.docx`);
        writeFileSync(file, b.embedded);
        const listing = execFileSync('unzip', ['-l', file], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
        const rows = listing.split('\n').filter((l) => /^\s*\d+\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2}\s+\S/.test(l));
        expect(rows.length).toBe(Object.keys(unzipSync(b.embedded)).length);
        for (const row of rows) expect(row, row).toMatch(new RegExp(`\\s${b.model.meta.date} 00:00\\s`));
        expect(rows.some((r) => /word\/fonts\/font\d+\.odttf$/.test(r))).toBe(true);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });
});

describe.skipIf(!haveTools)('LibreOffice without CJK fonts', () => {
  let fonts: Map<string, ReturnType<typeof pdfFonts>>;
  let texts: Map<string, string>;

  beforeAll(() => {
    // LibreOffice gets a fontconfig of its own with Latin fonts only (the Noto Sans that npm
    // installs), never the machine's: so the test is the same on a machine with CJK fonts
    // (Debian's fonts-noto-cjk, as many desktops have) and on one without, and LibreOffice
    // always has a font to start with (with none at all it refuses: "No fonts could be found").
    latinOnly = mkdtempSync(path.join(tmpdir(), 'bp-latin-fonts-'));
    for (const f of ['400Regular/NotoSans_400Regular.ttf', '700Bold/NotoSans_700Bold.ttf']) {
      copyFileSync(path.join(PROJECT_ROOT, 'node_modules/@expo-google-fonts/noto-sans', f), path.join(latinOnly, path.basename(f)));
    }
    const fontOptions = { systemFonts: false, fontDirs: [latinOnly] };
    expect(fontFamiliesFor('en', fontOptions)).toEqual(['Noto Sans']);
    expect(fontFamiliesFor('zh', fontOptions)).toEqual([]);
    if (fontFamiliesFor('zh').length > 0) console.warn(`this machine has CJK fonts (${fontFamiliesFor('zh').join(', ')}); LibreOffice runs with Latin fonts only`);
    work = mkdtempSync(path.join(tmpdir(), 'bp-embed-'));
    const write = (b: Built, kind: 'embedded' | 'plain') => {
      const file = path.join(work, `${b.name}.${kind}.docx`);
      writeFileSync(file, kind === 'embedded' ? b.embedded : b.plain);
      return file;
    };
    // The controls first, before any embedded font is loaded; then one run per embedding DOCX.
    const [first, ...others] = built;
    const pdfs = [
      ...sofficeConvert([...built.map((b) => write(b, 'plain')), write(first!, 'embedded')], 'pdf', work, fontOptions),
      ...others.flatMap((b) => sofficeConvert([write(b, 'embedded')], 'pdf', work, fontOptions)),
    ];
    fonts = new Map(pdfs.map((pdf) => [path.basename(pdf, '.pdf'), pdfFonts(pdf)]));
    texts = new Map(pdfs.map((pdf) => [path.basename(pdf, '.pdf'), pdfText(pdf)]));
  }, 300_000);

  it('has no Chinese font without the embedded ones (control: the same DOCX without embedding)', () => {
    for (const b of built) {
      const names = fonts.get(`${b.name}.plain`)!.map((f) => f.name);
      expect(names.some((n) => /NotoSans(TC|SC)/.test(n)), `${b.name}: ${names.join(', ')}`).toBe(false);
    }
  });

  it('draws the Chinese with the embedded Noto Sans TC / SC, and every other glyph with an embedded face too', () => {
    for (const b of built) {
      const rows = fonts.get(`${b.name}.embedded`)!;
      const han = b.model.meta.lang === 'zh-Hans' ? 'NotoSansSC' : 'NotoSansTC';
      const names = rows.map((f) => f.name.replace(/^[A-Z]{6}\+/, ''));
      expect(names, b.name).toEqual(expect.arrayContaining([`${han}-Regular`, `${han}-Bold`, 'NotoSans-Regular']));
      for (const n of names) expect(n, `${b.name}: a stand-in font`).toMatch(/^NotoSans(TC|SC)?-(Regular|Bold)$/);
      for (const row of rows) expect(row.embedded).toBe(true);
      const text = squash(texts.get(`${b.name}.embedded`)!);
      for (const excerpt of excerptsOf(b.model.blocks)) expect(text, b.name).toContain(squash(excerpt));
    }
  });
});
