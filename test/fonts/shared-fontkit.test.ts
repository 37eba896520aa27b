/**
 * Fonts are parsed once per process (src/fonts/shared-fontkit.ts), and that must not make a
 * document's bytes depend on what the process rendered before it: each brief rendered after
 * the others comes out byte-identical to its first rendering, in any order, and the views
 * pdfkit gets share the parsed tables but not the glyph objects.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
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
    const base = sharedFont(tc.bytes);
    base.glyphForCodePoint(0xf900);
    expect(base.glyphForCodePoint(0x8c48).codePoints).toEqual([0xf900]);
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
});
