/**
 * fontkit, with each font file parsed once per process (issue 17).
 *
 * pdfkit calls `fontkit.create(bytes)` for every face of every document, and fontkit then
 * decodes the tables it needs (cmap, GSUB, GPOS, glyf, …) again: for the 7–10 MB CJK faces
 * that was most of a 10-page brief's PDF time. Here one parsed font is kept per buffer (the
 * bytes fonts/font-set.ts read once per file, which pdfmake hands back from its virtual file
 * system unchanged), and every `create` gets a *view* of it: an object whose prototype is the
 * parsed font, so the decoded tables are shared, but with glyph objects and a layout engine
 * of its own.
 *
 * Why views and not the parsed font itself: fontkit caches Glyph objects by id, and a glyph
 * keeps the code points of the first string that asked for it; pdfkit writes those into the
 * PDF's ToUnicode map. A font shared as it is would make a document's bytes depend on what
 * the process rendered before it. A view starts with no glyphs, exactly like a font just
 * parsed, so each document comes out byte-identical to one rendered in a fresh process
 * (test/fonts/shared-fontkit.test.ts checks both).
 *
 * The bundle (scripts/compile.mjs) points pdfkit's `require('fontkit')` here. When briefpack
 * runs from its TypeScript sources (tests), pdfkit is loaded by Node itself, so this module
 * puts itself in Node's CommonJS cache under fontkit's name, before pdfmake is imported
 * (render/pdf/pdfmake.ts imports this module first).
 */
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';

export type Font = fontkit.Font;

/** Parsed fonts by the buffer they were parsed from. */
const parsed = new WeakMap<Uint8Array, fontkit.Font>();

/** The process's parsed font for these bytes (never a collection). Callers that only read
 * tables and metrics (coverage, widths, OS/2) share it. */
export function sharedFont(bytes: Uint8Array): fontkit.Font {
  let font = parsed.get(bytes);
  if (!font) {
    const made = fontkit.create(bytes as Buffer) as fontkit.Font | fontkit.FontCollection;
    if ('fonts' in made) throw new Error(`it is a font collection (${made.fonts.length} faces), which is not supported`);
    font = made;
    parsed.set(bytes, font);
  }
  return font;
}

/** A font as fresh as one just parsed, sharing the parsed tables of `sharedFont(bytes)`. */
export function fontView(bytes: Uint8Array): fontkit.Font {
  const view = Object.create(sharedFont(bytes)) as fontkit.Font & { _glyphs: Record<number, unknown> };
  // Own glyph cache; the layout engine and cmap processor are cached per object by fontkit
  // (its @cache getters define them on `this`), so the view builds its own on first use.
  view._glyphs = {};
  return view;
}

/** fontkit's `create`, as pdfkit calls it: a view for a buffer; anything else as fontkit does. */
export function create(buffer: Uint8Array, postscriptName?: string): fontkit.Font | fontkit.FontCollection {
  if (postscriptName || !(buffer instanceof Uint8Array)) return fontkit.create(buffer as Buffer, postscriptName);
  return fontView(buffer);
}

// The rest of fontkit's API, unchanged, for anything else that imports it through here.
export const { open, openSync } = fontkit as unknown as { open: unknown; openSync: unknown };

/** From the sources: make Node's `require('fontkit')` (pdfkit's) return this module. */
function installForRequire(): void {
  const require = createRequire(import.meta.url);
  const file = require.resolve('fontkit');
  const real = require(file) as Record<string, unknown>;
  const cached = require.cache[file];
  if (!cached || (real as { create?: unknown }).create === create) return;
  cached.exports = { ...real, create };
}

if (import.meta.url.endsWith('.ts')) installForRequire();
