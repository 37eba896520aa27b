/**
 * Property-based fuzzing of every input an editor controls (issue 12, item 7): specs, release
 * files, corrections, the glossary and fonts.yaml, mutated the way careless saves, bad tools
 * and attackers mutate them — byte flips, deletions, control characters, byte order marks,
 * huge numbers, dates that are not dates, YAML aliases and alias bombs, wrong types, paths to
 * folders and devices.
 *
 * Whatever the input, briefpack must answer with diagnostics, never a bug:
 *   - the readers and the compose layer (what `check` and `build` run) never throw (a throw is
 *     exit 4), and every diagnostic they return is located: a file, a line and a column that
 *     exist in that file, and words without "undefined", "NaN" or "[object Object]";
 *   - a sample goes through the whole command line in-process (`main` with its output caught):
 *     exit 0, 1, 2 or 3 only, no stack trace, every diagnostic line `file:line:column: …`;
 *   - a smaller sample builds: when the build fails, the output folder is byte for byte what
 *     it was.
 * Rendering is skipped for all but that sample, so thousands of cases run in seconds.
 *
 * The seed is fixed, so a failure is reproducible; FC_SEED=<n> runs another seed, FC_RUNS=<n>
 * scales the number of cases (fast-check prints the seed and the shrunk case on failure).
 */
import { cpSync, existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { openCorpus, type Corpus } from '../../src/corpus/corpus.js';
import { readReleaseFile } from '../../src/corpus/release-file.js';
import { loadCorrections } from '../../src/corpus/corrections.js';
import { loadGlossary } from '../../src/corpus/glossary.js';
import { loadBrief } from '../../src/brief/load-brief.js';
import { resolveBrief } from '../../src/resolve/resolve.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { readFontSet, type FontSet } from '../../src/fonts/font-set.js';
import { tryComposeDocument } from '../../src/pipeline/compose-document.js';
import { PROJECT_ROOT } from '../helpers/project.js';
import { tempProject } from '../helpers/temp-project.js';

const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20261202;
const SCALE = process.env.FC_RUNS ? Number(process.env.FC_RUNS) / 2000 : 1;
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));

// ---------------------------------------------------------------------------------------
// Mutations

/** Characters that break parsers, readers and renderers. */
const NASTY_CHARS = [
  '\u0000', '\u0007', '\u0008', '\u000b', '\u000c', '\u001b', '\u007f', '\u0085', '\u009b', '\u200b', '\u200e', '\u202a', '\u202e', '\u2066', '\u2069',
  '\u2028', '\ufeff', '\ufffd', '\ufffe', '\uffff', '\ud800', '\udfff', '\ue000', '\r', '\n', '\t', ' ', '"', "'", ':', '-', '#', '&', '*', '!', '|',
  '>', '<', '[', ']', '{', '}', ',', '\\', '%', '@', '`', '?', '0', '9', '中', '。', '“', '𠀀', '(', ')', '/',
];

/** Values in place of a key's value: wrong types, huge numbers, bad dates, aliases, paths. */
const HOSTILE_VALUES = [
  '', '""', "''", '~', 'null', 'true', 'no', '[]', '{}', '[[[[[[[[]]]]]]]]', '{a: {b: {c: [1, 2]}}}', '-1', '0', '1.5', '1e999', '-1e999', '.inf', '.nan',
  '99999999999999999999999999', '0x7fffffff', '0o777', '2021-02-30', '2021-13-01', '0000-00-00', '2021-02-29', '9999-99-99', '2020-02-29', '"2021-09-30"',
  '2021-09-30T10:00:00Z', '*a', '&a value', '*undefined_anchor', '!!binary aGVsbG8=', '!!js/function "function () {}"', '!!set {a, b}', '!!str', '!<tag:x> y',
  '/dev/zero', '/dev/null', '../../../../etc/passwd', 'briefs', '.', '..', 'npm:does-not-exist/x.ttf', '"\\0"', '"\\uD800"', '"\\u202E"', '"\\x1b[31m"',
  "'</p><pagebreak/><h1>X</h1><p>'", '"[x](ms-msdt:/id y)"', '"[x](javascript:alert(1))"', '"<b>raw</b>"', '"{{meta.title}}"', '"__proto__"', 'constructor',
  `"${'長'.repeat(3000)}"`, 'x'.repeat(2000), '|\n  block\n  text', '>-\n  folded', '- a\n- b', 'a: b', '"unterminated', '[unclosed', '{unclosed: 1',
];

const BOMB = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...'bcdefg'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefg'[i]}`).join(',')}]`)];

type Mutation =
  | { kind: 'flip'; at: number; byte: number }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'value'; line: number; value: string }
  | { kind: 'duplicate-line'; line: number }
  | { kind: 'delete-line'; line: number }
  | { kind: 'bom' }
  | { kind: 'bomb'; line: number }
  | { kind: 'crlf' }
  | { kind: 'truncate'; at: number };

const position = fc.nat({ max: 1_000_000 });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('flip' as const), at: position, byte: fc.nat({ max: 255 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 40 }) }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('insert' as const),
      at: position,
      text: fc.oneof(fc.constantFrom(...NASTY_CHARS), fc.array(fc.constantFrom(...NASTY_CHARS), { minLength: 2, maxLength: 6 }).map((a) => a.join('')), fc.string({ maxLength: 8 })),
    }),
  },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('value' as const), line: position, value: fc.constantFrom(...HOSTILE_VALUES) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('duplicate-line' as const), line: position }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete-line' as const), line: position }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'bom' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('bomb' as const), line: position }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'crlf' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: position }) },
);
const mutations = fc.array(mutation, { minLength: 1, maxLength: 4 });

/** Applies mutations to a file's bytes; flips and deletions work on bytes (invalid UTF-8 too). */
function mutate(original: Buffer, list: readonly Mutation[]): Buffer {
  let bytes = original;
  for (const m of list) {
    const text = () => bytes.toString('utf8');
    const lines = () => text().split('\n');
    switch (m.kind) {
      case 'flip': {
        if (!bytes.length) break;
        bytes = Buffer.from(bytes);
        bytes[m.at % bytes.length] = m.byte;
        break;
      }
      case 'delete': {
        const at = bytes.length ? m.at % bytes.length : 0;
        bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + m.length)]);
        break;
      }
      case 'insert': {
        const t = text();
        const at = m.at % (t.length + 1);
        bytes = Buffer.from(t.slice(0, at) + m.text + t.slice(at));
        break;
      }
      case 'value': {
        const ls = lines();
        const keyed = ls.map((l, i) => [l, i] as const).filter(([l]) => /^\s*(- )?[\w-]+:/.test(l));
        if (!keyed.length) break;
        const [line, i] = keyed[m.line % keyed.length]!;
        const indent = /^\s*(- )?/.exec(line)![0].length;
        const value = m.value.includes('\n') ? m.value.replace(/\n/g, `\n${' '.repeat(indent + 2)}`) : m.value;
        ls[i] = line.replace(/^(\s*(?:- )?[\w-]+:).*$/, `$1 ${value}`);
        bytes = Buffer.from(ls.join('\n'));
        break;
      }
      case 'duplicate-line':
      case 'delete-line': {
        const ls = lines();
        const i = m.line % ls.length;
        if (m.kind === 'duplicate-line') ls.splice(i, 0, ls[i]!);
        else ls.splice(i, 1);
        bytes = Buffer.from(ls.join('\n'));
        break;
      }
      case 'bom':
        bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
        break;
      case 'bomb': {
        const ls = lines();
        // In a release the front matter is the YAML: put the bomb inside it.
        const at = ls[0] === '---' ? 1 : ls.length;
        ls.splice(at, 0, ...BOMB.map((l) => `z${l}`));
        bytes = Buffer.from(ls.join('\n'));
        break;
      }
      case 'crlf':
        bytes = Buffer.from(text().replace(/\n/g, '\r\n'));
        break;
      case 'truncate':
        bytes = bytes.subarray(0, bytes.length ? m.at % bytes.length : 0);
        break;
    }
  }
  return bytes;
}

// ---------------------------------------------------------------------------------------
// Properties

/** Line count of a text file as editors see it (a final newline opens no new line). */
function lineCount(text: string): number {
  return text.split(/\r\n|\r|\n/).length;
}

/**
 * Every diagnostic is located in a file that exists (or is the text given for it), at a line
 * and column inside that file, in words without placeholders.
 */
function expectLocated(diagnostics: readonly Diagnostic[], root: string, texts: Record<string, string> = {}): void {
  for (const d of diagnostics) {
    const where = JSON.stringify(d);
    expect(typeof d.file === 'string' && d.file.length > 0, where).toBe(true);
    expect(Number.isInteger(d.start.line) && d.start.line >= 1, where).toBe(true);
    expect(Number.isInteger(d.start.column) && d.start.column >= 1, where).toBe(true);
    expect(d.code, where).toMatch(/^BP\d{3}$/);
    expect(`${d.message} ${d.hint ?? ''}`, where).not.toMatch(/\bundefined\b|\bNaN\b|\[object Object\]/);
    const abs = path.resolve(root, d.file);
    const text = texts[d.file] ?? (existsSync(abs) && statSync(abs).isFile() && statSync(abs).size < 4 << 20 ? readFileSync(abs, 'utf8') : undefined);
    if (text !== undefined && !/\.(ttf|otf|ttc)$/.test(d.file)) {
      expect(d.start.line, `${where}: the file has ${lineCount(text)} lines`).toBeLessThanOrEqual(lineCount(text.replace(/^\ufeff/, '')) + 1);
    }
  }
}

/** Runs `fn`; a throw is briefpack's bug (exit 4), reported with the case. */
function noThrow<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw new Error(`${what} threw (an internal error, exit 4): ${(e as Error)?.stack ?? e}`);
  }
}

const seedFile = (rel: string) => readFileSync(path.join(PROJECT_ROOT, rel));
const BRIEFS = readdirSync(path.join(PROJECT_ROOT, 'briefs')).filter((f) => f.endsWith('.yaml') && !f.includes('.lock.')).map((f) => `briefs/${f}`);
const RELEASES = readdirSync(path.join(PROJECT_ROOT, 'releases')).filter((f) => f.endsWith('.md') && f !== 'README.md').map((f) => `releases/${f}`);

const projects: string[] = [];
function project(): string {
  const p = tempProject();
  projects.push(p);
  return p;
}
// A reader that lets the yaml library warn (an unknown tag) prints to the user's terminal
// outside any diagnostic: no Node warning may come out of any case.
const nodeWarnings: string[] = [];
const onWarning = (w: Error) => nodeWarnings.push(`${w.name}: ${w.message}`);
process.on('warning', onWarning);
afterAll(() => {
  process.off('warning', onWarning);
  for (const p of projects) rmSync(p, { recursive: true, force: true });
  expect(nodeWarnings).toEqual([]);
});

describe('fuzzing the inputs: diagnostics, never a crash', () => {
  const root = project();
  const corpus = openCorpus(root);
  const fontsRead = readFontSet(root);
  if (!fontsRead.ok) throw new Error('the sample project has no usable fonts');
  const fonts: FontSet = fontsRead.fonts;
  const compose = (brief: string, c: Corpus = corpus, f: FontSet = fonts) => noThrow(`compose ${brief}`, () => tryComposeDocument(brief, { projectRoot: root, corpus: c, fonts: f }));
  const diagnosticsOf = (r: ReturnType<typeof tryComposeDocument>) => (r.ok ? r.document.warnings : r.diagnostics);

  it('brief specs: compose (spec, includes, resolve, template, markup, glyphs) reports located problems', () => {
    let i = 0;
    fc.assert(
      fc.property(fc.constantFrom(...BRIEFS, 'briefs/parts/about-this-brief.yaml'), mutations, (seed, list) => {
        const file = `briefs/fuzz-${i++ % 4}.yaml`;
        const bytes = mutate(seedFile(seed), list);
        writeFileSync(path.join(root, file), bytes);
        // Every case: the spec readers and the resolver (what check needs of a spec); every
        // fourth: the whole composition, template, markup and glyph checks included.
        if (i % 4 === 1) return expectLocated(diagnosticsOf(compose(file)), root);
        const loaded = noThrow(`load ${file}`, () => loadBrief(root, file));
        const resolved = noThrow(`resolve ${file}`, () => resolveBrief(loaded, corpus));
        expectLocated([...loaded.diagnostics, ...resolved.diagnostics], root);
      }),
      { seed: SEED, numRuns: runs(700) },
    );
  });

  it('release files: the reader reports located problems; a sample goes through a brief that quotes it', () => {
    let n = 0;
    fc.assert(
      fc.property(fc.constantFrom(...RELEASES), mutations, (seed, list) => {
        const text = mutate(seedFile(seed), list).toString('utf8');
        const read = noThrow(`read ${seed}`, () => readReleaseFile(text, seed, { corrections: corpus.corrections.filter((c) => seed.includes(c.release)) }));
        expectLocated(read.diagnostics, root, { [seed]: text });
        if (n++ % 6 !== 0) return;
        // The same text through the whole corpus and a brief: its problems are reported in the
        // release, at its lines, never blamed on a template.
        const swapped = noThrow('open corpus', () => openCorpus(root, { readText: (abs) => (abs === path.join(root, seed) ? text : readFileSync(abs, 'utf8')) }));
        const all = noThrow('loadAll', () => swapped.loadAll());
        expectLocated(all, root, { [seed]: text });
        const brief = BRIEFS.find((b) => readFileSync(path.join(root, b), 'utf8').includes(path.basename(seed, '.md'))) ?? BRIEFS[0]!;
        const composed = compose(brief, swapped);
        expectLocated(diagnosticsOf(composed), root, { [seed]: text });
        if (!composed.ok && read.diagnostics.some((d) => d.severity === 'error') === false && !hasOwnErrors(all)) {
          for (const d of composed.diagnostics) expect(d.file, JSON.stringify(d)).not.toMatch(/^templates\//);
        }
      }),
      { seed: SEED + 1, numRuns: runs(900) },
    );
  });

  it('corrections and glossary: the corpus reports located problems, and briefs still compose or fail cleanly', () => {
    const p = project();
    const files = ['releases/corrections.yaml', 'releases/glossary.yaml'];
    let n = 0;
    fc.assert(
      fc.property(fc.constantFrom(...files), mutations, (file, list) => {
        for (const f of files) cpSync(path.join(PROJECT_ROOT, f), path.join(p, f));
        writeFileSync(path.join(p, file), mutate(seedFile(file), list));
        // Every case: the file's own reader; every eighth: the whole corpus and a brief.
        const own = noThrow(`read ${file}`, () => (file.endsWith('glossary.yaml') ? loadGlossary(p).diagnostics : loadCorrections(p).diagnostics));
        expectLocated(own, p);
        if (n++ % 8 === 0) {
          const c = noThrow('open corpus', () => openCorpus(p));
          expectLocated(noThrow('loadAll', () => c.loadAll()), p);
          const r = noThrow('compose', () => tryComposeDocument(BRIEFS[n % BRIEFS.length]!, { projectRoot: p, corpus: c, fonts }));
          expectLocated(diagnosticsOf(r), p);
        }
      }),
      { seed: SEED + 2, numRuns: runs(300) },
    );
  });

  it('fonts.yaml: the font configuration reports located problems', () => {
    const p = project();
    let n = 0;
    fc.assert(
      fc.property(mutations, (list) => {
        writeFileSync(path.join(p, 'fonts/fonts.yaml'), mutate(seedFile('fonts/fonts.yaml'), list));
        const read = noThrow('readFontSet', () => readFontSet(p));
        if (!read.ok) return expectLocated(read.diagnostics, p);
        if (n++ % 10 === 0) expectLocated(diagnosticsOf(noThrow('compose', () => tryComposeDocument(BRIEFS[0]!, { projectRoot: p, corpus: openCorpus(p), fonts: read.fonts }))), p);
      }),
      { seed: SEED + 3, numRuns: runs(150) },
    );
  });
});

function hasOwnErrors(list: readonly Diagnostic[]): boolean {
  return list.some((d) => d.severity === 'error');
}

// ---------------------------------------------------------------------------------------
// The command line, in-process

const INPUTS = [...BRIEFS, ...RELEASES, 'releases/corrections.yaml', 'releases/glossary.yaml', 'fonts/fonts.yaml'];

async function cli(argv: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { cwd, stdout: (l) => out.push(l), stderr: (l) => err.push(l), env: { SOURCE_DATE_EPOCH: '1633000000' } });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function expectCleanRun(r: { code: number; out: string; err: string }): void {
  const all = `${r.err}\n${r.out}`;
  expect([0, 1, 2, 3], all).toContain(r.code);
  expect(all).not.toMatch(/internal error|please report/i);
  expect(all, 'no stack trace').not.toMatch(/^\s+at .+(:\d+:\d+\)?|\(native\))$/m);
  for (const line of r.err.split('\n').filter((l) => / (error|warning) BP\d{3}: /.test(l))) {
    expect(line).toMatch(/^[^\s:][^:]*:\d+:\d+: (error|warning) BP\d{3}: \S/);
  }
}

/** Name → SHA-256 of every file under a folder (nothing there: empty). */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    if (!existsSync(d)) return;
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const abs = path.join(d, e.name);
      if (e.isDirectory()) walk(abs);
      else out[path.relative(dir, abs)] = createHash('sha256').update(readFileSync(abs)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

describe('fuzzing through the command line (a sample)', () => {
  it('check: exit 0, 1, 2 or 3, no stack trace, every diagnostic located', async () => {
    const p = project();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...INPUTS), mutations, async (file, list) => {
        for (const f of INPUTS) cpSync(path.join(PROJECT_ROOT, f), path.join(p, f));
        writeFileSync(path.join(p, file), mutate(seedFile(file), list));
        expectCleanRun(await cli(['check'], p));
      }),
      { seed: SEED + 4, numRuns: runs(40) },
    );
  });

  it('build: a failed build leaves the output folder byte for byte as it was', async () => {
    const p = project();
    const brief = BRIEFS[0]!;
    const first = await cli(['build', brief, '--format', 'pdf'], p);
    expect(first.code, first.err).toBe(0);
    const inputs = [brief, 'releases/mps-2021-09-28-zh-cambodia-video-meeting.md', 'releases/corrections.yaml', 'releases/glossary.yaml'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...inputs), mutations, async (file, list) => {
        const before = snapshot(path.join(p, 'output'));
        writeFileSync(path.join(p, file), mutate(seedFile(file), list));
        const r = await cli(['build', brief, '--format', 'pdf'], p);
        expectCleanRun(r);
        if (r.code === 1) expect(snapshot(path.join(p, 'output')), r.err).toEqual(before);
        cpSync(path.join(PROJECT_ROOT, file), path.join(p, file));
      }),
      { seed: SEED + 5, numRuns: runs(6) },
    );
  });
});
