// Generates src/corpus/data/simplified-only.json: the Han characters that exist only in
// Simplified script (OpenCC's Simplified→Traditional conversion changes them, and Big5, the
// Traditional character set, lacks them). Precomputed because building OpenCC's converter
// costs ~160 ms, too much for every cold build. test/corpus/script-data.test.ts checks that
// the file still matches what opencc-js says, so it cannot drift from the library.
import { writeFileSync } from 'node:fs';
import { simplifiedOnlyCharacters } from './simplified-only-lib.mjs';

const chars = simplifiedOnlyCharacters();
writeFileSync(new URL('../src/corpus/data/simplified-only.json', import.meta.url), `${JSON.stringify({ source: 'opencc-js cn→tw, minus Big5', characters: chars.join('') })}\n`);
console.log(`${chars.length} Simplified-only characters`);
