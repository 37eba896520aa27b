import { describe, expect, it } from 'vitest';
import data from '../../src/corpus/data/script-characters.json' with { type: 'json' };
import { chineseScriptOf, inRegionalPhrase, isSimplifiedOnly } from '../../src/corpus/script-characters.js';
import { openccVersion, scriptCharacters } from '../../scripts/script-characters-lib.mjs';

describe('src/corpus/data/script-characters.json', () => {
  it('matches what opencc-js and Big5 say today (regenerate: node scripts/gen-script-characters.mjs)', () => {
    const fresh = scriptCharacters();
    expect(data.simplifiedOnly).toBe(fresh.simplifiedOnly);
    expect(data.traditionalOnly).toBe(fresh.traditionalOnly);
    expect(data.regionalPhrases).toEqual(fresh.regionalPhrases);
    expect(data.source).toContain(`opencc-js ${openccVersion()}`);
  });
  it('classifies the seed characters', () => {
    expect(['纯', '帧', '赵', '执'].map(chineseScriptOf)).toEqual(['Hans', 'Hans', 'Hans', 'Hans']);
    expect(['趙', '執', '純', '幀'].map(chineseScriptOf)).toEqual(['Hant', 'Hant', 'Hant', 'Hant']);
    expect(['后', '并', '于', '中', '年'].map(chineseScriptOf)).toEqual([null, null, null, null, null]);
  });
  it('counts Hong Kong and Taiwan forms as Traditional, never as Simplified-only', () => {
    const regional = [...'着啓爲衆羣峯裏綫麪牀僞户温税脱兑悦卧峯叁'];
    expect(regional.filter(isSimplifiedOnly)).toEqual([]);
    // Those the Simplified standard does not use are Traditional-only; 着 户 温 are shared.
    expect([...'啓爲衆羣峯裏麪牀僞'].map(chineseScriptOf)).toEqual(Array(9).fill('Hant'));
    expect([...'着户温'].map(chineseScriptOf)).toEqual([null, null, null]);
  });
  it('still knows the everyday Simplified-only characters', () => {
    expect([...'这说国会时对发东车门'].filter((c) => !isSimplifiedOnly(c))).toEqual([]);
  });
  it('accepts a Simplified-only character inside a regional phrase that uses it', () => {
    expect(isSimplifiedOnly('恒')).toBe(true);
    expect(inRegionalPhrase('恒生銀行公布業績', 0)).toBe(true);
    expect(inRegionalPhrase('港股恒生指數收市', 2)).toBe(true);
    expect(inRegionalPhrase('永恒的友誼', 1)).toBe(false);
  });
});
