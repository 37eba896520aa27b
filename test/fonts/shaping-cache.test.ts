/**
 * Runs shaped by one font view answer the same text in later views (src/fonts/shaping-cache.ts),
 * and a view answered so must end exactly as a freshly parsed font that shaped the text itself:
 * same glyph ids, positions and features, and glyph objects that remember the same code points
 * (pdfkit's ToUnicode map). Checked against fresh fontkit fonts over random documents, with the
 * characters that make shaping depend on the glyphs a view already has: in Noto Sans TC U+00AD,
 * U+002D and U+2011 are one glyph (a hyphen first made for the soft hyphen is hidden as a
 * default-ignorable in every later run), and U+F900 and U+8C48 are one glyph.
 */
import fc from 'fast-check';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { create, type Font } from '../../src/fonts/shared-fontkit.js';
import { projectFonts } from '../helpers/project.js';

type Glyphs = Record<number, { codePoints: number[] } | null | undefined>;
const glyphsOf = (f: Font) => (f as unknown as { _glyphs: Glyphs })._glyphs;

function runSummary(run: fontkit.GlyphRun) {
  return {
    ids: run.glyphs.map((g) => g.id),
    codePoints: run.glyphs.map((g) => [...g.codePoints]),
    positions: run.positions.map((p) => ({ ...p })),
    features: run.features,
    script: run.script,
    direction: run.direction,
  };
}

function glyphState(f: Font) {
  const g = glyphsOf(f);
  return Object.keys(g)
    .sort()
    .map((id) => [id, g[Number(id)]?.codePoints ?? null]);
}

/** Whether the view shaped something itself (fontkit caches the engine on the view on first use). */
const shapedItself = (view: Font) => 'value' in Object.getOwnPropertyDescriptor(view, '_layoutEngine')!;

describe('shaping answered from earlier views', () => {
  const fonts = projectFonts();
  const tc = fonts.faces.get('noto-sans-tc')!.regular.bytes;
  const latin = fonts.faces.get('noto-sans')!.regular.bytes;

  it('answers a view from another view’s run without shaping, with its own glyphs', () => {
    const text = '中文 office 「合作」';
    const a = create(tc) as Font;
    const first = runSummary(a.layout(text));
    const b = create(tc) as Font;
    const run = b.layout(text);
    expect(shapedItself(b)).toBe(false);
    expect(runSummary(run)).toEqual(first);
    expect(run.glyphs[0]).not.toBe(a.getGlyph(run.glyphs[0]!.id));
    expect(run.glyphs[0]).toBe(b.getGlyph(run.glyphs[0]!.id));
    // pdfkit scales a run's positions in place: a replayed run must not share them.
    run.positions[0]!.xAdvance *= 2;
    expect(runSummary((create(tc) as Font).layout(text)).positions[0]).toEqual(first.positions[0]);
  });

  it('shapes again where the view’s glyphs would change the result (a soft hyphen made first)', () => {
    const fresh = create(tc) as Font;
    const visible = runSummary(fresh.layout('a-b'));
    expect(visible.positions[1]!.xAdvance).toBeGreaterThan(0);
    const b = create(tc) as Font;
    b.layout('x\u00ady');
    const run = b.layout('a-b');
    const plain = fontkit.create(Buffer.from(tc)) as Font;
    plain.layout('x\u00ady');
    const expected = runSummary(plain.layout('a-b'));
    // fontkit's own quirk, kept: the hyphen glyph remembers U+00AD and is hidden.
    expect(expected.positions[1]!.xAdvance).toBe(0);
    expect(runSummary(run)).toEqual(expected);
  });

  it('keeps no run that the view’s own glyphs shaped (a fresh view would shape it otherwise)', () => {
    const b = create(tc) as Font;
    b.layout('p\u00adq');
    expect(runSummary(b.layout('c-d')).positions[1]!.xAdvance).toBe(0);
    const c = create(tc) as Font;
    const expected = runSummary((fontkit.create(Buffer.from(tc)) as Font).layout('c-d'));
    expect(expected.positions[1]!.xAdvance).toBeGreaterThan(0);
    expect(runSummary(c.layout('c-d'))).toEqual(expected);
  });

  it('ends every view as a fresh fontkit font would, whatever was shaped before (property)', () => {
    const pieces = ['a', 'b', 'fi', 'ffl', 'office', '-', '\u00ad', '\u2011', '\u200b', ' ', '中', '文', '\uf900', '\u8c48', '，', '。', '「', '」', '（', '）', 'e\u0301', '1', '2'];
    const text = fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 6 }).map((p) => p.join(''));
    const features = fc.constantFrom(undefined, ['halt'], ['vert'], ['liga'], ['kern', 'liga']);
    const documents = fc.array(
      fc.record({ font: fc.constantFrom('tc', 'latin'), runs: fc.array(fc.tuple(text, features), { minLength: 1, maxLength: 8 }) }),
      { minLength: 1, maxLength: 6 },
    );
    fc.assert(
      fc.property(documents, (docs) => {
        for (const doc of docs) {
          const bytes = doc.font === 'tc' ? tc : latin;
          const view = create(bytes) as Font;
          const plain = fontkit.create(Buffer.from(bytes)) as Font;
          for (const [t, f] of doc.runs) {
            expect(runSummary(view.layout(t, f as string[] | undefined))).toEqual(runSummary(plain.layout(t, f as string[] | undefined)));
          }
          expect(glyphState(view)).toEqual(glyphState(plain));
        }
      }),
      { numRuns: 80 },
    );
  });
});
