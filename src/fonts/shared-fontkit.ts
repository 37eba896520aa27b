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
 * A view must shape with its own glyphs too. fontkit builds a font's layout engine once, on the
 * object first asked (its @cache getter), and `availableFeatures` (font-set.ts) asks the parsed
 * font: views then inherited that engine and shaped with the parsed font's glyphs, so a glyph
 * two code points share (U+F900 and U+8C48) kept, in every later document, the code point of
 * the first. Each view gets its own engine. What does not depend on code points, a glyph's
 * metrics and its outline data, is decoded once on the parsed font and shared with the views'
 * glyphs of the same id (test/fonts/shared-fontkit.test.ts checks views against fresh fontkit
 * fonts, property-based).
 *
 * The bundle (scripts/compile.mjs) points pdfkit's `require('fontkit')` here. When briefpack
 * runs from its TypeScript sources (tests), pdfkit is loaded by Node itself, so this module
 * puts itself in Node's CommonJS cache under fontkit's name, before pdfmake is imported
 * (render/pdf/pdfmake.ts imports this module first).
 */
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import { layoutWithCache } from './shaping-cache.js';

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
  const view = Object.create(sharedFont(bytes)) as View;
  // Own glyph cache; the layout engine and cmap processor are cached per object by fontkit
  // (its @cache getters define them on `this`), so the view builds its own on first use.
  view._glyphs = {};
  // …but only if the parsed font has not built its own yet: `availableFeatures` (asked by
  // font-set.ts) builds one on the parsed font, and a view would then inherit it, and shape
  // with the parsed font's glyphs, shared by every document. The getter fontkit caches the
  // engine with defines it on the object it is asked on: here, the view.
  const engine = inheritedGetter(view, '_layoutEngine');
  Object.defineProperty(view, '_layoutEngine', { configurable: true, get: engine });
  view._getBaseGlyph = glyphSharingData;
  view.layout = layoutOfView;
  return view;
}

/** fontkit's layout, answered from the runs earlier views of the parsed font shaped where the
 * view would shape the same (shaping-cache.ts). */
function layoutOfView(this: View, ...args: Parameters<fontkit.Font['layout']>): fontkit.GlyphRun {
  const parsed = Object.getPrototypeOf(this) as fontkit.Font;
  return layoutWithCache(this as unknown as Parameters<typeof layoutWithCache>[0], parsed, parsed.layout as never, args as never);
}

/**
 * fontkit's glyph constructor call, with the new glyph's metrics and outline data taken from
 * the parsed font's glyph of the same id: they come from the font's tables alone, not from
 * the code points, and decoding them (the glyph header for the advance, the whole outline for
 * the subset) again for every document cost more than shaping. Not for variable fonts, whose
 * metrics depend on the instance.
 */
function glyphSharingData(this: View, id: number, codePoints?: number[]): fontkit.Glyph | null {
  const parsed = Object.getPrototypeOf(this) as ParsedFont;
  const had = this._glyphs[id];
  const glyph = parsed._getBaseGlyph.call(this, id, codePoints) as SharedGlyph | null;
  if (had || !glyph || parsed._variationProcessor) return glyph;
  const twin = parsed.getGlyph(id) as unknown as SharedGlyph;
  glyph._getMetrics = () => twin._getMetrics();
  if (parsed.type === 'TTF' && typeof twin._decode === 'function') {
    glyph._decode = () => {
      let decoded = decodedOutlines.get(twin);
      if (decoded === undefined) decodedOutlines.set(twin, (decoded = twin._decode()));
      return decoded;
    };
  }
  return glyph;
}

type View = fontkit.Font & { _glyphs: Record<number, unknown>; _getBaseGlyph(id: number, codePoints?: number[]): unknown };
type ParsedFont = fontkit.Font & { _getBaseGlyph(id: number, codePoints?: number[]): unknown; _variationProcessor?: unknown };
type SharedGlyph = fontkit.Glyph & { _getMetrics(): unknown; _decode(): unknown };
/** The outline data of the parsed fonts' glyphs, decoded once (read-only to fontkit's subsetter and path). */
const decodedOutlines = new WeakMap<SharedGlyph, unknown>();

/** The getter a property has on the font's class (not an own value of the parsed font). */
function inheritedGetter(view: object, property: string): () => unknown {
  for (let proto = Object.getPrototypeOf(Object.getPrototypeOf(view)) as object | null; proto; proto = Object.getPrototypeOf(proto) as object | null) {
    const getter = Object.getOwnPropertyDescriptor(proto, property)?.get;
    if (getter) return getter;
  }
  throw new Error(`fontkit's fonts have no ${property} getter: shared-fontkit.ts needs checking against this fontkit version`);
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
