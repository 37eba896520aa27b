/**
 * Fonts are parsed once per process (src/fonts/shared-fontkit.ts), and that must not make a
 * document's bytes depend on what the process rendered before it: each brief rendered after
 * the others comes out byte-identical to its first rendering, in any order, and the views
 * pdfkit gets share the parsed tables but not the glyph objects: each view shapes with its
 * own glyphs, and ends exactly as a freshly parsed font would, whatever other views did.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import * as fontkit from 'fontkit';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DocumentModel } from '../../src/model/model.js';
import { renderPdf } from '../helpers/renderers.js';
import { pdfText } from '../helpers/readers.js';
import { composeDocument } from '../../src/pipeline/compose-document.js';
import { renderOutputs } from '../../src/pipeline/render-outputs.js';
import { listBriefs } from '../../src/cli/commands/build.js';
import { create, fontView, sharedFont } from '../../src/fonts/shared-fontkit.js';
import { PROJECT_ROOT, projectCorpus, projectFonts } from '../helpers/project.js';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('fonts parsed once per process', () => {
  it('gives pdfkit fresh views of one parsed font', () => {
    const fonts = projectFonts();
    const tc = fonts.faces.get('noto-sans-tc')!.regular;
    expect(sharedFont(tc.bytes)).toBe(sharedFont(tc.bytes));
    const a = create(tc.bytes) as ReturnType<typeof fontView>;
    const b = create(tc.bytes) as ReturnType<typeof fontView>;
    expect(a).not.toBe(b);
    // Shared: the decoded tables. Own: the glyphs, which remember their code points.
    expect((a as unknown as { GSUB: unknown }).GSUB).toBe((b as unknown as { GSUB: unknown }).GSUB);
    const gid = a.glyphForCodePoint(0x4e2d).id;
    expect(gid).toBeGreaterThan(0);
    expect(a.getGlyph(gid)).not.toBe(b.getGlyph(gid));
    expect(a.getGlyph(gid).codePoints).toEqual([0x4e2d]);
    expect(a.layout('中文 text').glyphs.map((g) => g.id)).toEqual(b.layout('中文 text').glyphs.map((g) => g.id));
    // U+F900 (a compatibility ideograph) and U+8C48 are one glyph in Noto Sans TC. A document
    // that drew U+F900 must not make the next one's ToUnicode map say U+F900 for U+8C48.
    const seen = create(tc.bytes) as ReturnType<typeof fontView>;
    const next = create(tc.bytes) as ReturnType<typeof fontView>;
    expect(seen.glyphForCodePoint(0xf900).id).toBe(next.glyphForCodePoint(0x8c48).id);
    expect(next.glyphForCodePoint(0x8c48).codePoints).toEqual([0x8c48]);
    // …as one font used for both would (fontkit keeps a glyph's first code points).
    const plain = fontkit.create(Buffer.from(tc.bytes)) as fontkit.Font;
    plain.glyphForCodePoint(0xf900);
    expect(plain.glyphForCodePoint(0x8c48).codePoints).toEqual([0xf900]);
  });

  it('renders each brief to the same bytes whatever was rendered before it', async () => {
    const corpus = projectCorpus();
    const fonts = projectFonts();
    const briefs = listBriefs(PROJECT_ROOT);
    expect(briefs.length).toBeGreaterThanOrEqual(2);
    const render = async (brief: string) => {
      const composed = composeDocument(brief, { projectRoot: PROJECT_ROOT, corpus, fonts });
      const out = await renderOutputs(composed, { fonts, formats: ['pdf', 'docx'] });
      return [...out.values()].map(sha).join(' ');
    };
    const first = new Map<string, string>();
    for (const b of briefs) first.set(b, await render(b));
    // Reversed: the last brief is now rendered right after itself, the first after all others.
    for (const b of [...briefs].reverse()) expect(await render(b), b).toBe(first.get(b));
  }, 120_000);

  it("shapes with the view's own glyphs, even once the parsed font has a layout engine", () => {
    const tc = projectFonts().faces.get('noto-sans-tc')!.regular;
    // font-set.ts asks the parsed font for its features, which builds its layout engine.
    expect(sharedFont(tc.bytes).availableFeatures).toContain('halt');
    const seen = create(tc.bytes) as ReturnType<typeof fontView>;
    const next = create(tc.bytes) as ReturnType<typeof fontView>;
    const compat = seen.layout('\uf900').glyphs[0]!;
    const unified = next.layout('\u8c48').glyphs[0]!;
    expect(unified.id).toBe(compat.id);
    expect(unified).not.toBe(compat);
    expect(compat.codePoints).toEqual([0xf900]);
    expect(unified.codePoints).toEqual([0x8c48]);
  });

  it('leaves a view as a fresh fontkit font, whatever was shaped in other documents', () => {
    const fonts = projectFonts();
    const files = [fonts.faces.get('noto-sans')!.regular, fonts.faces.get('noto-sans-tc')!.regular];
    // Words with ligatures (fi, ffi), a no-break space that shares the space's glyph, a
    // compatibility ideograph that shares its unified twin's glyph, marks, and features.
    const word = fc.constantFrom('office', 'fit', 'a\u00a0b', 'a b', '\uf900', '\u8c48', '中文', '，', '「執法」', 'e\u0301', '2021—', '——', 'Ünïcode');
    const features = fc.constantFrom<string[] | undefined>(undefined, ['halt'], ['fwid']);
    const call = fc.record({ file: fc.nat(files.length - 1), doc: fc.nat(2), text: word, features });
    fc.assert(
      fc.property(fc.array(call, { minLength: 1, maxLength: 30 }), (calls) => {
        // Three documents' views through the cache, three fresh fontkit fonts as references.
        const views = files.map((f) => [0, 1, 2].map(() => create(f.bytes) as ReturnType<typeof fontView>));
        const fresh = files.map((f) => [0, 1, 2].map(() => fontkit.create(Buffer.from(f.bytes)) as fontkit.Font & { _glyphs: Record<number, fontkit.Glyph> }));
        for (const c of calls) {
          const got = views[c.file]![c.doc]!.layout(c.text, c.features);
          const want = fresh[c.file]![c.doc]!.layout(c.text, c.features);
          expect(got.glyphs.map((g) => [g.id, g.codePoints, g.advanceWidth])).toEqual(want.glyphs.map((g) => [g.id, g.codePoints, g.advanceWidth]));
          expect(got.positions.map((p) => ({ ...p }))).toEqual(want.positions.map((p) => ({ ...p })));
          expect(got.advanceWidth).toBe(want.advanceWidth);
        }
        for (const [i, docs] of views.entries()) {
          for (const [d, view] of docs.entries()) {
            const glyphs = (v: { _glyphs: Record<number, fontkit.Glyph> }) => Object.entries(v._glyphs).map(([id, g]) => [id, g.codePoints]);
            expect(glyphs(view as unknown as { _glyphs: Record<number, fontkit.Glyph> })).toEqual(glyphs(fresh[i]![d]!));
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('writes what each document says in its ToUnicode map, whatever came before (pdftotext)', async () => {
    // U+F900 and U+8C48 are one glyph in Noto Sans TC: a document that drew the compatibility
    // ideograph first must not make the next one read back as U+F900 where it says U+8C48.
    const sample = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'test/fixtures/model/renderer-sample.json'), 'utf8')) as DocumentModel;
    const saying = (text: string): DocumentModel => ({
      ...sample,
      blocks: [{ type: 'paragraph', children: [{ type: 'text', value: text, lang: 'zh-Hant' }] }] as DocumentModel['blocks'],
      notes: [],
    });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bp-tounicode-'));
    try {
      const fonts = projectFonts();
      const read = async (model: DocumentModel, name: string) => {
        writeFileSync(path.join(dir, name), await renderPdf(model, { fonts }));
        return pdfText(path.join(dir, name));
      };
      expect(await read(saying('古\uf900文'), 'compat.pdf')).toContain('\uf900');
      const unified = await read(saying('古\u8c48文'), 'unified.pdf');
      expect(unified).toContain('古\u8c48文');
      expect(unified).not.toContain('\uf900');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
