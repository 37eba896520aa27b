import { describe, expect, it } from 'vitest';
import data from '../../src/corpus/data/script-characters.json' with { type: 'json' };
import { chineseScriptOf } from '../../src/corpus/script-characters.js';
import { scriptCharacters } from '../../scripts/script-characters-lib.mjs';

describe('src/corpus/data/script-characters.json', () => {
  it('matches what opencc-js and Big5 say today (regenerate: node scripts/gen-script-characters.mjs)', () => {
    const fresh = scriptCharacters();
    expect(data.simplifiedOnly).toBe(fresh.simplifiedOnly);
    expect(data.traditionalOnly).toBe(fresh.traditionalOnly);
  });
  it('classifies the seed characters', () => {
    expect(['纯', '帧', '赵', '执'].map(chineseScriptOf)).toEqual(['Hans', 'Hans', 'Hans', 'Hans']);
    expect(['趙', '執', '純', '幀'].map(chineseScriptOf)).toEqual(['Hant', 'Hant', 'Hant', 'Hant']);
    expect(['后', '并', '于', '中', '年'].map(chineseScriptOf)).toEqual([null, null, null, null, null]);
  });
});
