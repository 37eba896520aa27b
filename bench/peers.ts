/**
 * The peers `npm run bench` measures briefpack against, on the same content: the brief's
 * document model (`build --emit model`) written as the peer's input.
 *
 *   pandoc   Markdown → DOCX (`pandoc` on PATH; `apt-get install pandoc`);
 *   Typst    Typst markup → PDF through @myriaddreamin/typst-ts-node-compiler (an optional
 *            dev dependency whose prebuilt compiler ships inside the npm package), with the
 *            same Noto fonts from npm that briefpack uses (fonts/fonts.yaml).
 * A peer that is not installed is skipped, and the bench says so. Each peer runs in a fresh
 * process per run, as `briefpack build` does, so both sides pay their start-up.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Block, DocumentModel, Inline } from '../src/model/model.js';
import { loadFontSet } from '../src/fonts/font-set.js';

// --- pandoc ------------------------------------------------------------------------------------

const inlineMd = (xs: Inline[]): string =>
  xs
    .map((i) => {
      switch (i.type) {
        case 'text':
          return i.value.replace(/([*_`[\]\\])/g, '\\$1');
        case 'strong':
          return `**${inlineMd(i.children)}**`;
        case 'emphasis':
          return `*${inlineMd(i.children)}*`;
        case 'link':
          return `[${inlineMd(i.children)}](${i.url})`;
        case 'citeRef':
          return `[^${i.note}]`;
        case 'lineBreak':
          return '\\\n';
        default:
          return '';
      }
    })
    .join('');

/** The brief's content as Markdown, so pandoc gets the same text, tables and notes. */
export function modelToMarkdown(model: DocumentModel): string {
  const out: string[] = [`---\ntitle: "${model.meta.title.replace(/"/g, '\\"')}"\nlang: ${model.meta.lang}\n---`];
  const block = (b: Block): string => {
    switch (b.type) {
      case 'cover':
        return `${inlineMd(b.subtitle)}\n\n${inlineMd(b.date)}`;
      case 'toc':
        return '';
      case 'heading':
        return `${'#'.repeat(b.level)} ${inlineMd(b.children)}`;
      case 'paragraph':
        return inlineMd(b.children);
      case 'excerpt':
        return [...b.children.map((p) => `> ${inlineMd(p.children)}`), `> \n> ${inlineMd(b.citation)}`].join('\n>\n');
      case 'list':
        return b.items.map((item, n) => `${b.ordered ? `${n + 1}.` : '-'} ${item.map(block).join(' ')}`).join('\n');
      case 'table': {
        const rows = b.rows.map((r) => `| ${r.map((c) => inlineMd(c.children).replace(/\|/g, '\\|')).join(' | ')} |`);
        const head = b.headerRows ? rows.slice(0, b.headerRows) : [`| ${b.rows[0]!.map(() => ' ').join(' | ')} |`];
        return [...head, `|${b.columnWidths.map(() => '---').join('|')}|`, ...rows.slice(b.headerRows)].join('\n');
      }
      case 'note':
        return inlineMd(b.children);
      case 'pageBreak':
        return '';
    }
  };
  for (const b of model.blocks) out.push(block(b));
  for (const n of model.notes) out.push(`[^${n.id}]: ${inlineMd(n.children)}`);
  return `${out.filter(Boolean).join('\n\n')}\n`;
}

export function pandocVersion(): string | null {
  const r = spawnSync('pandoc', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split('\n')[0]! : null;
}

// --- Typst -------------------------------------------------------------------------------------

/** A Typst string literal: text goes in as data, so nothing in it is read as markup. */
const typstString = (s: string) =>
  `"${[...s].map((c) => (c === '\\' ? '\\\\' : c === '"' ? '\\"' : c === '\n' ? '\\n' : c.codePointAt(0)! < 0x20 ? `\\u{${c.codePointAt(0)!.toString(16)}}` : c)).join('')}"`;

const inlineTypst = (xs: Inline[], notes: Map<number, Inline[]>): string =>
  xs
    .map((i) => {
      switch (i.type) {
        case 'text':
          return `#${typstString(i.value)}`;
        case 'strong':
          return `#strong[${inlineTypst(i.children, notes)}]`;
        case 'emphasis':
          return `#emph[${inlineTypst(i.children, notes)}]`;
        case 'link':
          return `#link(${typstString(i.url)})[${inlineTypst(i.children, notes)}]`;
        case 'citeRef':
          return `#footnote[${inlineTypst(notes.get(i.note) ?? [], notes)}]`;
        case 'lineBreak':
          return '#linebreak()';
        default:
          return '';
      }
    })
    .join('');

/** The brief's content as Typst markup: the same text, headings, quotes, tables and notes, in
 * the same fonts, on the same paper. */
export function modelToTypst(model: DocumentModel, families: { latin: string; han: string }): string {
  const notes = new Map(model.notes.map((n) => [n.id, n.children]));
  const lang = model.meta.lang === 'en' ? 'en' : 'zh';
  const region = model.meta.lang === 'zh-Hans' ? 'cn' : model.meta.lang === 'zh-Hant' ? 'tw' : 'gb';
  const head = [
    `#set document(title: ${typstString(model.meta.title)})`,
    `#set page(paper: "${model.meta.paper === 'Letter' ? 'us-letter' : 'a4'}", margin: 2cm, numbering: "1 / 1")`,
    `#set text(font: (${typstString(families.latin)}, ${typstString(families.han)}), size: 10.5pt, lang: "${lang}", region: "${region}")`,
    '#set par(justify: true)',
  ];
  const block = (b: Block): string => {
    const il = (x: Inline[]) => inlineTypst(x, notes);
    switch (b.type) {
      case 'cover':
        return `#align(center)[#text(size: 20pt, weight: "bold")[${il(b.title)}] \\ ${il(b.subtitle)} \\ ${il(b.date)}]\n#pagebreak()`;
      case 'toc':
        return '#outline()';
      case 'heading':
        return `#heading(level: ${b.level})[${il(b.children)}]`;
      case 'paragraph':
        return `#par[${il(b.children)}]`;
      case 'excerpt':
        return `#quote(block: true, attribution: [${il(b.citation)}])[${b.children.map((p) => il(p.children)).join(' #parbreak() ')}]`;
      case 'list':
        return `#${b.ordered ? 'enum' : 'list'}(${b.items.map((item) => `[${item.map(block).join(' ')}]`).join(', ')})`;
      case 'table':
        return `#table(columns: (${b.columnWidths.map((w) => `${w}fr`).join(', ')}), ${b.rows.flat().map((c) => `[${il(c.children)}]`).join(', ')})`;
      case 'note':
        return `#text(size: 9pt)[${il(b.children)}]`;
      case 'pageBreak':
        return '#pagebreak()';
    }
  };
  return `${[...head, ...model.blocks.map(block)].join('\n\n')}\n`;
}

/** Where the Typst compiler package is, or null when it is not installed. */
export function typstCompilerPath(): string | null {
  try {
    return createRequire(import.meta.url).resolve('@myriaddreamin/typst-ts-node-compiler');
  } catch {
    return null;
  }
}

/** The font files and families of the project's body chains, for Typst. */
export function projectFontsForTypst(projectRoot: string): { files: string[]; latin: string; han: string } {
  const fonts = loadFontSet(projectRoot);
  const files = [...fonts.faces.values()].flatMap((f) => [f.regular.path, f.bold.path]);
  const family = (id: string) => fonts.faces.get(id)!.regular.family;
  return { files: [...new Set(files)], latin: family(fonts.chains.latin[0]!), han: family(fonts.chains['zh-Hant'][0]!) };
}

/**
 * A fresh Node process that loads the Typst compiler, gives it the fonts, compiles `typFile`
 * to `pdfFile` and exits: what a cold `typst compile` costs from Node.
 */
export function typstCompileScript(compiler: string, fontFiles: string[], typFile: string, pdfFile: string): string {
  return [
    `const { NodeCompiler } = require(${JSON.stringify(compiler)});`,
    `const fs = require('node:fs');`,
    `const c = NodeCompiler.create({ workspace: ${JSON.stringify(path.dirname(typFile))}, fontArgs: [{ fontPaths: ${JSON.stringify(fontFiles)} }] });`,
    `const doc = c.compile({ mainFilePath: ${JSON.stringify(typFile)} });`,
    `if (!doc.result) { console.error(JSON.stringify(doc.takeDiagnostics?.() ?? doc)); process.exit(1); }`,
    `fs.writeFileSync(${JSON.stringify(pdfFile)}, c.pdf(doc.result));`,
  ].join('\n');
}

// --- DOCX font subsetting ----------------------------------------------------------------------

/**
 * Milliseconds to subset the Traditional face for n Han characters, median of `runs`: with the
 * font kept in HarfBuzz (ours) and with subset-font loading the whole file each time (before).
 */
export async function measureSubsetting(projectRoot: string, counts: number[], runs: number) {
  const { default: subsetFont } = await import('subset-font');
  const { subsetForEmbedding } = await import('../src/render/docx/font-subsetter.js');
  const file = loadFontSet(projectRoot).faces.get('noto-sans-tc')?.regular;
  if (!file) return null;
  const han: string[] = [];
  for (let cp = 0x4e00; han.length < Math.max(...counts) && cp <= 0x9fff; cp++) if (file.covers(cp)) han.push(String.fromCodePoint(cp));
  const time = async (f: () => Promise<unknown>) => {
    const ts: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await f();
      ts.push(performance.now() - t);
    }
    ts.sort((a, b) => a - b);
    return Math.round(ts[Math.floor(ts.length / 2)]!);
  };
  await subsetForEmbedding(file.bytes, file.key, 'a');
  await subsetFont(Buffer.from(file.bytes), 'a', { targetFormat: 'truetype' });
  const rows = [];
  for (const n of counts) {
    const text = han.slice(0, n).join('');
    rows.push({
      chars: n,
      oursMs: await time(() => subsetForEmbedding(file.bytes, file.key, text)),
      subsetFontMs: await time(() => subsetFont(Buffer.from(file.bytes), text, { targetFormat: 'truetype' })),
    });
  }
  return { fontMB: Math.round(file.bytes.byteLength / 1e5) / 10, rows };
}
