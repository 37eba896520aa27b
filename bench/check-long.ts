/**
 * `npm run bench:check-long`: `briefpack check` of a release with one paragraph of 20,000 words
 * must take under 2 s (issue 12, item 6), in a fresh process with the bundled CLI, and its cost
 * must grow linearly with the text (20,000 words ≈ 10 × 2,000, not 100 ×).
 *
 * Cases, each at 2,000 and 20,000 words:
 *   en          one English paragraph (the sample releases' text, repeated);
 *   zh          one Chinese paragraph of as many characters, with pinyin glosses and ASCII
 *               commas for the cleaning steps to change;
 *   quotes      the English one, and a brief quoting a phrase that occurs thousands of times
 *               with a prefix that picks one (the address step);
 *   corrections the English one with a correction that applies thousands of times.
 * Each case is run `--runs` times (default 3); the table shows the median wall time, the CPU
 * time (user + system, when /usr/bin/time is there) and the 20k/2k ratio of CPU times, with
 * the load average: on a busy shared machine wall times say more about the neighbours.
 * Exit 1 if a 20,000-word check takes 2 s of CPU or more, or a ratio is above 15.
 *
 *   npm run bench:check-long [-- --runs 5]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from './generate.js';
import { LONG_BRIEF, longParagraphProject } from './scaling.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const RUNS = Math.max(1, Number(values.runs));
const CLI = path.join(REPO_ROOT, 'bin', 'briefpack.js');
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const RELEASE = 'releases/long-paragraph-en.md';

type Variant = 'en' | 'zh' | 'quotes' | 'corrections';

function project(variant: Variant, words: number): string {
  const root = path.join(os.tmpdir(), `bp-check-long-${variant}-${words}`);
  longParagraphProject(root, words);
  const file = path.join(root, RELEASE);
  if (variant === 'zh') {
    const unit = '趙克志指出,中柬是鐵桿朋友,雙方務(wù)實合作成果豐碩。';
    const text = unit.repeat(Math.ceil(words / unit.length));
    writeFileSync(file, readFileSync(file, 'utf8').replace('lang: en', 'lang: zh-Hant').replace(/\n\n[^\n]+\n$/, `\n\n${text}\n`));
  }
  if (variant === 'quotes') {
    const brief = path.join(root, LONG_BRIEF);
    writeFileSync(brief, readFileSync(brief, 'utf8').replace('        paragraphs: 1\n', '        quote: the\n        prefix: "said "\n'));
    writeFileSync(file, readFileSync(file, 'utf8').replace(/\n\n([^\n]+)\n$/, (_m, p: string) => `\n\n${p.replace(/\bthe\b/g, 'the')} The minister said the end.\n`));
  }
  if (variant === 'corrections') {
    writeFileSync(path.join(root, 'releases', 'corrections.yaml'), 'corrections:\n  - release: long-paragraph-en\n    find: " the "\n    replace: " the  "\n    note: bench\n');
  }
  return root;
}

interface Run {
  wall: number;
  cpu: number | null;
  code: number | null;
}

function runCheck(root: string): Run {
  const started = performance.now();
  const r = TIME
    ? spawnSync(TIME, ['-f', 'CPU %U %S', process.execPath, CLI, 'check', '--quiet'], { cwd: root, encoding: 'utf8' })
    : spawnSync(process.execPath, [CLI, 'check', '--quiet'], { cwd: root, encoding: 'utf8' });
  const wall = (performance.now() - started) / 1000;
  const m = /CPU ([\d.]+) ([\d.]+)/.exec(r.stderr ?? '');
  return { wall, cpu: m ? Number(m[1]) + Number(m[2]) : null, code: r.status };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const rows: string[] = [];
let failed = false;
for (const variant of ['en', 'zh', 'quotes', 'corrections'] as Variant[]) {
  const result: Record<number, { wall: number; cpu: number | null }> = {};
  for (const words of [2000, 20000]) {
    const root = project(variant, words);
    runCheck(root); // warm the disk cache
    const runs = Array.from({ length: RUNS }, () => runCheck(root));
    if (runs.some((r) => r.code !== 0 && r.code !== 1 && r.code !== 3)) throw new Error(`check of ${variant} ${words} exited ${runs.map((r) => r.code).join(', ')}`);
    const cpus = runs.map((r) => r.cpu).filter((c): c is number => c !== null);
    result[words] = { wall: median(runs.map((r) => r.wall)), cpu: cpus.length ? median(cpus) : null };
  }
  const long = result[20000]!;
  const short = result[2000]!;
  const ratio = long.cpu !== null && short.cpu ? long.cpu / short.cpu : long.wall / short.wall;
  const slow = (long.cpu ?? long.wall) >= 2;
  if (slow || ratio > 15) failed = true;
  const f = (n: number | null) => (n === null ? '–' : n.toFixed(2));
  rows.push(`| ${variant} | ${f(short.wall)} | ${f(short.cpu)} | ${f(long.wall)} | ${f(long.cpu)} | ${ratio.toFixed(1)} | ${slow || ratio > 15 ? 'FAIL' : 'ok'} |`);
}
console.log(`briefpack check, one paragraph; median of ${RUNS} runs; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log('| case | 2k wall s | 2k CPU s | 20k wall s | 20k CPU s | CPU ratio | |');
console.log('|---|---|---|---|---|---|---|');
for (const r of rows) console.log(r);
process.exitCode = failed ? 1 : 0;
