/**
 * Cost linear in the input (issue 12, item 6): each step on the path of a long paragraph —
 * reading and cleaning a release, applying corrections, segmenting, finding quotes, close-match
 * hints, Markdown, bad-character scans, splitting into font runs — is timed on an input and on
 * one ten times larger. Linear work gives a ratio near 10, quadratic near 100; the bound (40)
 * leaves room for a noisy shared machine, and the median of nine paired trials is taken so one
 * slow trial (a neighbour, the garbage collector) does not decide. Sizes stay small enough
 * that the garbage collector's own growth with the heap does not pass for quadratic work, and
 * code under test keeps no object per finding it only counts (50,000 NUL findings kept as
 * objects made the bad-character scan ×48 in CI through collection alone). The wall-clock
 * target (check of 20,000 words under 2 s) is measured by `npm run bench:check-long`, not here.
 */
import { describe, expect, it } from 'vitest';
import { readReleaseFile } from '../../src/corpus/release-file.js';
import { findQuote } from '../../src/corpus/address.js';
import { segmentSentences } from '../../src/corpus/segment.js';
import { markdownToMarkup, findRawHtml, findDisallowedLinks } from '../../src/markup/markdown.js';
import { findBadCharacters, pointsOf } from '../../src/util/input-text.js';
import { closestWindow } from '../../src/util/suggest.js';
import { applyCorrections, type Correction } from '../../src/corpus/corrections.js';
import { splitRuns } from '../../src/fonts/runs.js';
import { projectFonts } from '../helpers/project.js';

const BOUND = 40;

/** Milliseconds per run: the mean of `reps` runs. */
function perRun(fn: () => unknown, reps: number): number {
  const t = performance.now();
  for (let i = 0; i < reps; i++) fn();
  return (performance.now() - t) / reps;
}

/**
 * Time at n (the mean of ten runs, so a small input is not timed by one lucky run) and at
 * 10 n, after a warm-up on the large input so both run optimised code; their ratio. The two
 * are timed side by side in each of nine trials and the median trial's ratio taken: load on a
 * shared CI machine then slows both sides of a trial alike (the fastest of nine for each side,
 * taken apart, let linear cases reach ×41 and ×52 in one loaded run).
 */
function ratio(make: (n: number) => () => unknown, n: number): number {
  const large = make(n * 10);
  const small = make(n);
  large();
  const ratios: number[] = [];
  for (let trial = 0; trial < 9; trial++) ratios.push(perRun(large, 1) / Math.max(perRun(small, 10), 0.2));
  return ratios.sort((a, b) => a - b)[4]!;
}

const front = (lang: string, extra = '') => `---\nid: z\nlang: ${lang}\nissued: 2021-01-01\ntitle: t\nsource: s\n${extra}---\n\n`;
const correction = (find: string, replace: string): Correction => ({ release: 'z', find, replace, note: 'n', file: 'releases/corrections.yaml', position: { line: 1, column: 1 } });

describe('cost grows linearly with the length of one paragraph', () => {
  const cases: [string, (n: number) => () => unknown, number][] = [
    ['reading an English release', (n) => { const t = front('en') + 'The minister said that cooperation grew. '.repeat(n) + '\n'; return () => readReleaseFile(t, 'a.md'); }, 1000],
    ['reading a Chinese release with glosses and ASCII commas', (n) => { const t = front('zh-Hant') + '務(wù)實合作,中柬是鐵桿朋友。'.repeat(n) + '\n'; return () => readReleaseFile(t, 'a.md'); }, 500],
    ['a paragraph hard-wrapped over many lines', (n) => { const t = front('en') + 'The minister said that.\n'.repeat(n) + '\n'; return () => readReleaseFile(t, 'a.md'); }, 2000],
    ['a correction that applies everywhere', (n) => { const t = 'teh word '.repeat(n); const c = [correction('teh', 'the')]; return () => applyCorrections(t, c, 1); }, 20000],
    ['evidence that does not occur (the closest-match hint)', (n) => { const t = front('en', `facts:\n  - id: f\n    type: event\n    label: l\n    value: v\n    evidence: "${'q'.repeat(400)}"\n`) + 'abc def '.repeat(n) + '\n'; return () => readReleaseFile(t, 'a.md'); }, 500],
    ['a long quote that is not found (the closest-match hint)', (n) => { const t = 'abc def '.repeat(n); const q = 'x'.repeat(2000); return () => closestWindow(q, [t]); }, 5000],
    ['segmenting Chinese', (n) => { const t = '中柬是鐵桿朋友。'.repeat(n); return () => segmentSentences(t, 'zh-Hant'); }, 20000],
    ['segmenting English with abbreviations', (n) => { const t = 'Mr. Zhao met Gen. Sar on Sept. 28. They signed. '.repeat(n); return () => segmentSentences(t, 'en'); }, 5000],
    ['a quote with a prefix that occurs thousands of times', (n) => {
      const text = 'the cat said the word. '.repeat(n);
      const release = { paragraphs: [{ text, sentences: segmentSentences(text, 'en') }] } as never;
      return () => findQuote(release, { exact: 'the', prefix: 'said ' });
    }, 8000],
    ['Markdown of many paragraphs', (n) => { const t = 'Some **bold** text and [a link](https://example.org).\n\n'.repeat(n); return () => markdownToMarkup(t, 'en'); }, 100],
    ['raw-HTML and link scans', (n) => { const t = 'a <b>x</b> [l](ms-msdt:x)\n\n'.repeat(n); return () => (findRawHtml(t), findDisallowedLinks(t)); }, 100],
    // A NUL on every line, as the report scans it (the first ten kept, the rest counted), and
    // positions of ten offsets spread to the end of the text.
    ['bad-character scan and positions', (n) => {
      const t = 'text\u0000 more\n'.repeat(n);
      const offsets = Array.from({ length: 10 }, (_, i) => Math.floor(((i + 1) * t.length) / 10) - 1);
      return () => (findBadCharacters(t, 10), pointsOf(t, offsets));
    }, 5000],
  ];

  it.each(cases)('%s', (_name, make, n) => {
    expect(ratio(make, n)).toBeLessThan(BOUND);
  });

  it('splitting a long paragraph into font runs', () => {
    const fonts = projectFonts();
    const make = (n: number) => {
      const text = 'Zhao Kezhi 趙克志 said “cooperation” — 中柬合作。 '.repeat(n);
      return () => splitRuns(fonts, text, 'und', 'zh-Hant');
    };
    expect(ratio(make, 300)).toBeLessThan(BOUND);
  });
});
