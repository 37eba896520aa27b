// Generates src/corpus/data/script-characters.json: the Han characters that exist only in
// Simplified or only in Traditional script (from opencc-js and standard Big5). Precomputed
// because building OpenCC's converters costs ~300 ms, too much for every cold build.
// test/corpus/script-characters.test.ts fails when the file no longer matches the library.
import { writeFileSync } from 'node:fs';
import { scriptCharacters } from './script-characters-lib.mjs';

const data = scriptCharacters();
writeFileSync(new URL('../src/corpus/data/script-characters.json', import.meta.url), `${JSON.stringify({ source: 'opencc-js and standard Big5', ...data })}\n`);
console.log(`${[...data.simplifiedOnly].length} Simplified-only, ${[...data.traditionalOnly].length} Traditional-only characters`);
