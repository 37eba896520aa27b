/**
 * Projects for measuring how the cost grows with the length of one paragraph (issue 17: every
 * step linear in the text's length).
 *
 * `longParagraphProject` writes a project with one English release whose single paragraph has
 * about `words` words (the seed paragraphs, in order, again and again) and one brief quoting it
 * with the standard template. bench/run.ts builds it at 2,000 and 20,000 words in fresh
 * processes and reports the ratio of the times (linear: 10; the target is ≤ 12).
 *
 *   tsx bench/scaling.ts --words 20000 --out /tmp/long
 */
import { cpSync, existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openCorpus } from '../src/corpus/corpus.js';
import { REPO_ROOT } from './generate.js';

export const LONG_BRIEF = 'briefs/long-paragraph.yaml';

export function longParagraphProject(root: string, words: number): { root: string; brief: string; words: number } {
  const corpus = openCorpus(REPO_ROOT);
  const seeds = [...corpus.releases.values()].filter((r) => r.lang === 'en').flatMap((r) => r.paragraphs.map((p) => p.text.replace(/■$/, '')));
  if (!seeds.length) throw new Error('the sample corpus has no English paragraphs to repeat');
  const parts: string[] = [];
  let count = 0;
  for (let i = 0; count < words; i++) {
    const seed = seeds[i % seeds.length]!;
    parts.push(seed);
    count += seed.split(/\s+/).length;
  }
  const paragraph = parts.join(' ').split(/\s+/).slice(0, words).join(' ');
  rmSync(root, { recursive: true, force: true });
  mkdirSync(path.join(root, 'releases'), { recursive: true });
  mkdirSync(path.join(root, 'briefs'), { recursive: true });
  for (const dir of ['templates', 'fonts']) cpSync(path.join(REPO_ROOT, dir), path.join(root, dir), { recursive: true });
  cpSync(path.join(REPO_ROOT, 'releases', 'glossary.yaml'), path.join(root, 'releases', 'glossary.yaml'));
  writeFileSync(path.join(root, 'releases', 'corrections.yaml'), '# No corrections.\ncorrections: []\n');
  cpSync(path.join(REPO_ROOT, 'package.json'), path.join(root, 'package.json'));
  if (!existsSync(path.join(root, 'node_modules'))) symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  const front = ['---', 'id: long-paragraph-en', 'lang: en', 'date: 2021-09-28', `title: "A release of one ${words}-word paragraph"`, 'source: synthetic/long-paragraph', '---', ''];
  writeFileSync(path.join(root, 'releases', 'long-paragraph-en.md'), `${front.join('\n')}\n${paragraph}.\n`);
  const spec = [
    `title: "One paragraph of ${words} words"`,
    'subtitle: Scaling benchmark',
    'date: 2021-09-30',
    'classification: OFFICIAL',
    'author: briefpack bench',
    'labels: en',
    'template: standard',
    'summary: Quotes one very long paragraph.',
    'sections:',
    '  - id: long',
    '    heading: The long paragraph',
    '    excerpts:',
    '      - release: long-paragraph-en',
    '        paragraphs: 1',
    '',
  ];
  writeFileSync(path.join(root, LONG_BRIEF), spec.join('\n'));
  return { root, brief: LONG_BRIEF, words };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { words: { type: 'string', default: '20000' }, out: { type: 'string' } } });
  if (!values.out) throw new Error('usage: tsx bench/scaling.ts --out DIR [--words N]');
  const p = longParagraphProject(path.resolve(values.out), Number(values.words));
  console.log(`${p.root}: ${p.brief} quotes one paragraph of ${p.words} words`);
}
