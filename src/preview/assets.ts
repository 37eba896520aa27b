/**
 * The files the preview page is made of: its own (src/preview/assets/) and the viewers it
 * uses, served from the installed npm packages (pdfjs-dist for the PDF, docx-preview with
 * jszip for the DOCX) — never from a CDN. A fixed table from URL path to file: no part of a
 * request's path is ever joined to a file-system path.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FontSet } from '../fonts/font-set.js';

export interface Asset {
  type: string;
  /** A file to send, or the bytes themselves (made at start-up: the fonts' CSS). */
  file?: string;
  body?: Buffer;
}

/** The briefpack package folder, from this module (in src/preview/ or bundled in dist/). */
function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'briefpack') return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error('briefpack preview: cannot find the briefpack package folder (package.json) above its code');
    dir = up;
  }
}

const JS = 'text/javascript; charset=utf-8';

/** URL path → file, for every file the page may load. */
export function assetTable(): Map<string, Asset> {
  const root = packageRoot();
  const require = createRequire(path.join(root, 'package.json'));
  // The package's folder: above its main file (not every package exports package.json).
  const pkg = (name: string) => {
    let dir = path.dirname(require.resolve(name));
    while (!existsSync(path.join(dir, 'package.json')) || (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string }).name !== name) {
      const up = path.dirname(dir);
      if (up === dir) throw new Error(`briefpack preview: cannot find the ${name} package (run npm ci)`);
      dir = up;
    }
    return dir;
  };
  const own = (name: string) => path.join(root, 'src', 'preview', 'assets', name);
  const pdfjs = pkg('pdfjs-dist');
  const entries: [string, string, string][] = [
    ['/', own('index.html'), 'text/html; charset=utf-8'],
    ['/app.js', own('app.js'), JS],
    ['/app.css', own('app.css'), 'text/css; charset=utf-8'],
    ['/vendor/pdf.mjs', path.join(pdfjs, 'build', 'pdf.min.mjs'), JS],
    ['/vendor/pdf.worker.mjs', path.join(pdfjs, 'build', 'pdf.worker.min.mjs'), JS],
    ['/vendor/pdf_viewer.css', path.join(pdfjs, 'web', 'pdf_viewer.css'), 'text/css; charset=utf-8'],
    ['/vendor/jszip.js', path.join(pkg('jszip'), 'dist', 'jszip.min.js'), JS],
    ['/vendor/docx-preview.js', path.join(pkg('docx-preview'), 'dist', 'docx-preview.min.js'), JS],
  ];
  for (const [, file] of entries) if (!existsSync(file)) throw new Error(`briefpack preview: missing ${file} (run npm ci)`);
  return new Map(entries.map(([url, file, type]) => [url, { file, type }]));
}

/**
 * The project's fonts (fonts/fonts.yaml) for the page, under the family names the DOCX asks
 * for: the browser then draws the DOCX with the faces Word would use when they are
 * installed, instead of tofu where the machine has no CJK font. `/fonts.css` declares them;
 * `/fonts/<n>.ttf` are the files, numbered in the configuration's order.
 */
export function fontAssets(fonts: FontSet): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  const css: string[] = [];
  let n = 0;
  for (const face of fonts.faces.values()) {
    for (const [weight, file] of [[400, face.regular], [700, face.bold]] as const) {
      const url = `/fonts/${++n}.ttf`;
      assets.set(url, { file: file.path, type: 'font/ttf' });
      css.push(`@font-face { font-family: "${file.family.replace(/["\\]/g, '')}"; src: url("${url}") format("truetype"); font-weight: ${weight}; font-display: block; }`);
    }
  }
  // The page's own text (release titles in the excerpt panel) uses the same faces.
  const families = [...new Set([...fonts.faces.values()].map((f) => `"${f.regular.family.replace(/["\\]/g, '')}"`))];
  css.push(`:root { --briefpack-fonts: ${families.join(', ') || 'sans-serif'}; }`);
  assets.set('/fonts.css', { body: Buffer.from(`${css.join('\n')}\n`), type: 'text/css; charset=utf-8' });
  return assets;
}
