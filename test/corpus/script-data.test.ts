import { describe, expect, it } from 'vitest';
import data from '../../src/corpus/data/simplified-only.json' with { type: 'json' };
import { simplifiedOnlyCharacters } from '../../scripts/simplified-only-lib.mjs';

describe('src/corpus/data/simplified-only.json', () => {
  it('matches what opencc-js and Big5 say today (regenerate with node scripts/gen-simplified-only.mjs)', () => {
    expect(data.characters).toBe(simplifiedOnlyCharacters().join(''));
  });
  it('holds the seed mojibake characters and not the Traditional forms the releases use', () => {
    for (const c of ['纯', '帧', '赵']) expect(data.characters).toContain(c);
    for (const c of ['后', '并', '于', '趙', '純']) expect(data.characters).not.toContain(c);
  });
});
