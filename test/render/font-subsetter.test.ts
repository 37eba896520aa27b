/**
 * The DOCX font subsetter (src/render/docx/font-subsetter.ts) keeps each font in HarfBuzz for
 * the whole process: its subsets must be byte for byte what subset-font makes from the whole
 * file each time, whatever was subset before, and must hold exactly the characters asked for.
 */
import * as fontkit from 'fontkit';
import subsetFont from 'subset-font';
import { describe, expect, it } from 'vitest';
import { subsetForEmbedding } from '../../src/render/docx/font-subsetter.js';
import { projectFonts } from '../helpers/project.js';

describe('font subsets for DOCX embedding', () => {
  const fonts = projectFonts();
  const cases: [string, string][] = [
    ['noto-sans-tc', '中華人民共和國外交部「」，。0123'],
    ['noto-sans', 'Page 1 of 2 — “Quoted” …'],
    ['noto-sans-tc', '豈更車賈'],
    ['noto-sans-sc', '简体中文测试'],
    ['noto-sans-tc', '中華人民共和國外交部「」，。0123'],
  ];

  it('makes the same bytes as subset-font, in any order, with the characters asked for', async () => {
    for (const [id, text] of cases) {
      for (const file of [fonts.faces.get(id)!.regular, fonts.faces.get(id)!.bold]) {
        const ours = await subsetForEmbedding(file.bytes, file.key, text);
        const theirs = await subsetFont(Buffer.from(file.bytes), text, { targetFormat: 'truetype' });
        expect(Buffer.from(ours).equals(theirs), `${id} ${text}`).toBe(true);
        const font = fontkit.create(Buffer.from(ours)) as fontkit.Font;
        for (const c of text) expect(font.hasGlyphForCodePoint(c.codePointAt(0)!), `${id}: ${c}`).toBe(true);
        expect(font.hasGlyphForCodePoint(0x4e59)).toBe(text.includes('乙'));
        expect(ours.byteLength).toBeLessThan(file.bytes.byteLength / 10);
      }
    }
  }, 120_000);
});
