/**
 * Chinese typesetting beside Typst's, on the same content (issue 16; docs/typesetting.md).
 *
 * For every sample brief: its Chinese paragraphs (excerpts and Chinese body text, as the
 * composed document model has them) are set once by briefpack's PDF renderer and once by
 * Typst (the peer @myriaddreamin/typst-ts-node-compiler, with the same Noto fonts from
 * node_modules, A4, 2 cm margins, 10.5 pt, justified, `lang: "zh"`), and both PDFs are
 * measured by the test suite's geometry checker (test/helpers/cjk-geometry.ts, MuPDF's
 * glyph positions). Prints a Markdown table.
 *
 * The peer is not a dependency of briefpack. Install it without saving, then run:
 *   npm install --no-save @myriaddreamin/typst-ts-node-compiler
 *   npx tsx bench/typesetting.ts
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { Block, DocumentModel, Inline, Lang, Paragraph } from '../src/model/model.js';
import { composeDocument } from '../src/pipeline/compose-document.js';
import { openCorpus } from '../src/corpus/corpus.js';
import { loadFontSet } from '../src/fonts/font-set.js';
import { listBriefs } from '../src/cli/commands/build.js';
import { renderPdf } from '../src/render/pdf/index.js';
import { measureCjk, type CjkFigures } from '../test/helpers/cjk-geometry.js';
import { REPO_ROOT } from './generate.js';

interface TypstCompiler {
  pdf(args: { mainFileContent: string }): Buffer;
}

function loadTypst(): TypstCompiler | undefined {
  const require = createRequire(path.join(REPO_ROOT, 'package.json'));
  try {
    const { NodeCompiler } = require('@myriaddreamin/typst-ts-node-compiler') as { NodeCompiler: { create(args: unknown): TypstCompiler } };
    const font = (p: string) => path.dirname(require.resolve(`@expo-google-fonts/${p}/package.json`));
    return NodeCompiler.create({ fontArgs: [{ fontPaths: ['noto-sans', 'noto-sans-tc', 'noto-sans-sc'].map(font) }] });
  } catch {
    return undefined;
  }
}

const isZh = (lang: Lang | undefined) => lang === 'zh-Hant' || lang === 'zh-Hans';

/** The Chinese paragraphs of a document, in order. */
function chineseParagraphs(blocks: readonly Block[], lang: Lang): Paragraph[] {
  return blocks.flatMap((b): Paragraph[] => {
    if (b.type === 'paragraph') return isZh(b.lang ?? lang) ? [b] : [];
    if (b.type === 'excerpt') return isZh(b.lang) ? b.children.map((p) => ({ ...p, lang: p.lang ?? b.lang })) : [];
    return [];
  });
}

function plain(inlines: readonly Inline[]): string {
  return inlines.map((n) => (n.type === 'text' ? n.value : n.type === 'strong' || n.type === 'emphasis' || n.type === 'link' ? plain(n.children) : '')).join('');
}

/** `latinFirst`: Typst's font list starts with Noto Sans, as briefpack's Latin chain does
 * (Typst then takes “ ” from it, even in Chinese); else with the Han face, whose own Latin
 * letters and digits then draw the Latin text. */
function typstSource(paragraphs: readonly Paragraph[], script: Lang, latinFirst: boolean): string {
  const region = script === 'zh-Hans' ? 'cn' : 'tw';
  const han = script === 'zh-Hans' ? 'Noto Sans SC' : 'Noto Sans TC';
  const fontList = latinFirst ? `("Noto Sans", "${han}")` : `("${han}", "Noto Sans")`;
  const escape = (s: string) => s.replace(/[\\#*_`$@<>\[\]~"/=+-]/g, (c) => `\\${c}`);
  return [
    '#set page(paper: "a4", margin: 2cm)',
    `#set text(size: 10.5pt, lang: "zh", region: "${region}", font: ${fontList})`,
    '#set par(justify: true, leading: 0.65em, spacing: 1.2em)',
    '',
    ...paragraphs.map((p) => escape(plain(p.children).replace(/\n/g, ' ')) + '\n'),
  ].join('\n');
}

function row(name: string, f: CjkFigures): string {
  return `| ${name} | ${f.fullLines}/${f.nonLastLines} (${f.fullShare.toFixed(1)} %) | ${f.uncompressedPairs}/${f.adjacentPairs} | ${f.narrowQuotes}/${f.cjkQuotes} | ${f.clreqViolations} |`;
}

async function main(): Promise<void> {
  const typst = loadTypst();
  const fonts = loadFontSet(REPO_ROOT);
  const corpus = openCorpus(REPO_ROOT);
  const out = mkdtempSync(path.join(os.tmpdir(), 'bp-typesetting-'));
  const lines = ['| brief, setter | full non-last lines | uncompressed pairs | narrow CJK quotes | clreq violations |', '|---|---|---|---|---|'];
  for (const spec of listBriefs(REPO_ROOT)) {
    const name = path.basename(spec, '.yaml');
    const { model, renderOptions } = composeDocument(path.relative(REPO_ROOT, spec), { projectRoot: REPO_ROOT, corpus, fonts });
    const paragraphs = chineseParagraphs(model.blocks, model.meta.lang);
    const only: DocumentModel = { ...model, blocks: paragraphs, notes: [] };
    const ours = path.join(out, `${name}.briefpack.pdf`);
    writeFileSync(ours, await renderPdf(only, { fonts, ...renderOptions }));
    lines.push(row(`${name}, briefpack`, measureCjk(ours)));
    if (typst) {
      for (const latinFirst of [true, false]) {
        const theirs = path.join(out, `${name}.typst-${latinFirst ? 'latin' : 'han'}-first.pdf`);
        writeFileSync(theirs, typst.pdf({ mainFileContent: typstSource(paragraphs, model.meta.lang, latinFirst) }));
        lines.push(row(`${name}, Typst (${latinFirst ? 'Noto Sans first' : 'Han face first'})`, measureCjk(theirs)));
      }
    }
  }
  if (!typst) lines.push('', 'Typst: not installed (npm install --no-save @myriaddreamin/typst-ts-node-compiler).');
  console.log(lines.join('\n'));
  console.log(`\nPDFs in ${out}`);
}

await main();
