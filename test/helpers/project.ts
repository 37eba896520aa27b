/** Paths and shared loaders for tests that run against the real project files. */
import path from 'node:path';
import { openCorpus } from '../../src/corpus/corpus.js';
import { loadFontSet } from '../../src/fonts/font-set.js';

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '..', '..');
export const SEED_DUMP = path.join(PROJECT_ROOT, 'releases', 'raw', '000_49f9c83db72c5203.txt');

export const projectCorpus = () => openCorpus(PROJECT_ROOT);
export const projectFonts = () => loadFontSet(PROJECT_ROOT);
