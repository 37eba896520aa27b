/**
 * Fault injection on the real CLI (the bundle users run, compiled into a private folder):
 *
 * - a build killed with SIGKILL at random moments (20 runs; half of them aimed at the part
 *   where files are written, which test/helpers/fs-faults.mjs slows down) never leaves a
 *   half-written output, lock or cache manifest under its final name; and the next build
 *   is byte-identical to a clean build;
 * - write errors injected into the process (ENOSPC, EACCES, EROFS; fs-faults.mjs) give exit
 *   1 with a located diagnostic and leave the previous outputs exactly as they were.
 *
 * A small English brief and Latin fonts only, so that each build costs about a second.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifestPath } from '../../src/builder/cache.js';
import { parseOwner } from '../../src/builder/lock.js';
import { PROJECT_ROOT } from '../helpers/project.js';
import { tempProject } from '../helpers/temp-project.js';

const BRIEF = 'briefs/fault-brief.yaml';
const OUTPUTS = ['fault-brief.docx', 'fault-brief.model.json'];
const ARGS = ['build', BRIEF, '--jobs', '1', '--format', 'docx', '--emit', 'model'];
const FAULTS = path.join(PROJECT_ROOT, 'test/helpers/fs-faults.mjs');

const spec = (author: string) => `title: A brief for fault injection
date: 2021-09-30
classification: OFFICIAL
author: ${author}
labels: en
template: standard
sections:
  - id: letter
    heading: The letter
    excerpts:
      - release: mps-2021-09-24-en-sco-pabbi-antiterror-letter
        paragraphs: 1
`;
const LATIN_FONTS = `faces:
  noto-sans:
    regular: npm:@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf
    bold: npm:@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf
roles:
  body:
    latin: [noto-sans]
    zh-Hant: [noto-sans]
    zh-Hans: [noto-sans]
`;

let dist = '';
let project = '';
const refs: Record<'a' | 'b', Map<string, Buffer>> = { a: new Map(), b: new Map() };
const out = () => path.join(project, 'output');

function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['--import', FAULTS, path.join(dist, 'run.mjs'), ...args], { cwd: project, encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const snapshot = (dir: string) => new Map(readdirSync(dir).map((f) => [f, readFileSync(path.join(dir, f))]));
const setSpec = (v: 'a' | 'b') => writeFileSync(path.join(project, BRIEF), spec(v === 'a' ? 'version a' : 'version b'));

beforeAll(() => {
  const cache = path.join(PROJECT_ROOT, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  dist = mkdtempSync(path.join(cache, 'briefpack-faults-test-'));
  execFileSync(process.execPath, [path.join(PROJECT_ROOT, 'scripts/compile.mjs'), '--outdir', dist], { cwd: PROJECT_ROOT });
  writeFileSync(path.join(dist, 'run.mjs'), "import { main } from './briefpack.mjs';\nprocess.exitCode = await main(process.argv.slice(2));\n");
  project = tempProject();
  writeFileSync(path.join(project, 'fonts/fonts.yaml'), LATIN_FONTS);
  for (const v of ['a', 'b'] as const) {
    setSpec(v);
    const r = cli([...ARGS, '--out', `clean-${v}`]);
    expect(r.code, r.stderr).toBe(0);
    for (const f of OUTPUTS) refs[v].set(f, readFileSync(path.join(project, `clean-${v}`, f)));
  }
  expect(refs.a.get(OUTPUTS[0]!)!.equals(refs.b.get(OUTPUTS[0]!)!)).toBe(false);
}, 120_000);
afterAll(() => {
  if (dist) rmSync(dist, { recursive: true, force: true });
  if (project) rmSync(project, { recursive: true, force: true });
});

/** The output folder holds nothing half-written under a final name. */
function expectNothingHalfWritten(round: string) {
  for (const f of readdirSync(out())) {
    const bytes = readFileSync(path.join(out(), f));
    if (/^\.briefpack-\d+-[0-9a-f]{16}\.tmp$/.test(f) || f === '.briefpack.lock.break') continue;
    if (f === '.briefpack.lock') {
      expect(parseOwner(bytes), `${round}: lock ${bytes}`).toMatchObject({ pid: expect.any(Number) });
      continue;
    }
    expect(OUTPUTS, `${round}: unexpected file ${f}`).toContain(f);
    expect(bytes.equals(refs.a.get(f)!) || bytes.equals(refs.b.get(f)!), `${round}: ${f} is neither version`).toBe(true);
  }
  let manifest: string | undefined;
  try {
    manifest = readFileSync(manifestPath(project, out()), 'utf8');
  } catch {
    // none yet
  }
  if (manifest !== undefined) expect(() => JSON.parse(manifest), `${round}: manifest`).not.toThrow();
}

/** Runs a child until it exits, killing it with SIGKILL `delay` ms after `start` (spawn, or a line on stderr). */
function killed(args: string[], env: Record<string, string>, delay: number, start?: string): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: project, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
    let timer: NodeJS.Timeout | undefined;
    const arm = () => (timer ??= setTimeout(() => child.kill('SIGKILL'), delay));
    if (!start) arm();
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
      if (start && stderr.includes(start)) arm();
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(signal ?? String(code));
    });
  });
}

describe('a build killed with SIGKILL at random moments', () => {
  const slow = () => ({ BRIEFPACK_TEST_SLOW_WRITES: `15:${out()};15:${path.join(project, '.briefpack-cache')}` });

  it('leaves nothing half-written, and the next build is byte-identical to a clean one (20 runs)', async () => {
    // The child: a real build session whose rendering is done (test/helpers/commit-child.ts),
    // so each run is all lock, output and cache writing, in a fraction of a second.
    const child = path.join(dist, 'commit-child.mjs');
    await build({
      entryPoints: [path.join(PROJECT_ROOT, 'test/helpers/commit-child.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: child,
      logLevel: 'silent',
      define: { BRIEFPACK_CODE_ID: '"commit-child"', BRIEFPACK_VERSION: '"test"' },
      banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
      // Nothing is rendered: leave the renderers out, so the child starts in a blink.
      external: ['./thread-builder.js', './hybrid.js', './pool.js'],
    });
    const canned: Record<'a' | 'b', string> = { a: '', b: '' };
    for (const v of ['a', 'b'] as const) {
      const manifest = JSON.parse(readFileSync(manifestPath(project, path.join(project, `clean-${v}`)), 'utf8'));
      canned[v] = path.join(dist, `canned-${v}.json`);
      const files = Object.fromEntries(OUTPUTS.map((f) => [f.slice('fault-brief.'.length), refs[v].get(f)!.toString('base64')]));
      writeFileSync(canned[v], JSON.stringify({ brief: BRIEF, deps: manifest.briefs[BRIEF].deps, files }));
    }
    const args = (v: 'a' | 'b', force: boolean) => ['--import', FAULTS, child, project, out(), canned[v], ...(force ? ['--force'] : [])];
    const runChild = (v: 'a' | 'b') => spawnSync(process.execPath, args(v, false), { cwd: project, encoding: 'utf8' });

    rmSync(out(), { recursive: true, force: true });
    setSpec('a');
    // Runs to time: the whole run, and the part where it writes (from its first write on). The
    // fastest of three, so one run slowed by a loaded machine does not aim most kills past the
    // end of the runs that follow (one slow timing run left only 8 of 20 runs killed).
    const timeOne = () =>
      new Promise<{ full: number; writing: number }>((resolve) => {
        const started = performance.now();
        let writingFrom = 0;
        const c = spawn(process.execPath, args('a', true), { cwd: project, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...slow() } });
        c.stderr.on('data', (d) => {
          if (!writingFrom && String(d).includes('BRIEFPACK_TEST_WRITING')) writingFrom = performance.now();
        });
        c.on('exit', () => resolve({ full: performance.now() - started, writing: performance.now() - (writingFrom || started) }));
      });
    const timings = [await timeOne(), await timeOne(), await timeOne()];
    const timing = { full: Math.min(...timings.map((t) => t.full)), writing: Math.min(...timings.map((t) => t.writing)) };
    let version: 'a' | 'b' = 'a';
    const log: string[] = [];
    for (let round = 0; round < 20; round++) {
      // Every other run is of changed inputs; the others rebuild the same ones (--force).
      if (round % 2) {
        version = version === 'a' ? 'b' : 'a';
        setSpec(version);
      }
      // A quarter of the kills anywhere in the run; the others while it writes.
      const aimed = round % 4 !== 0;
      const delay = Math.random() * (aimed ? timing.writing : timing.full);
      const how = await killed(args(version, true), slow(), delay, aimed ? 'BRIEFPACK_TEST_WRITING' : undefined);
      log.push(`${round}: ${Math.round(delay)} ms${aimed ? ' into writing' : ''} → ${how}`);
      expectNothingHalfWritten(`round ${round} (${log.at(-1)})`);

      const next = runChild(version);
      expect(next.status, `round ${round}: ${next.stderr}`).toBe(0);
      const files = snapshot(out());
      expect([...files.keys()].sort(), `round ${round}`).toEqual([...OUTPUTS].sort());
      for (const f of OUTPUTS) expect(files.get(f)!.equals(refs[version].get(f)!), `round ${round}: ${f}`).toBe(true);
    }
    // Most runs were really killed (the others finished before their moment came).
    expect(log.filter((l) => l.endsWith('SIGKILL')).length, log.join('\n')).toBeGreaterThanOrEqual(10);
  }, 120_000);

  it('the real CLI, killed while it writes, leaves nothing half-written; the next build is identical', async () => {
    const cliArgs = ['--import', FAULTS, path.join(dist, 'run.mjs'), ...ARGS];
    for (const [round, v] of [[0, 'a']] as const) {
      setSpec(v);
      const how = await killed(cliArgs, slow(), Math.random() * 120, 'BRIEFPACK_TEST_WRITING');
      expect(how, `round ${round}`).toBe('SIGKILL');
      expectNothingHalfWritten(`CLI round ${round}`);
      const next = cli(ARGS);
      expect(next.code, next.stderr).toBe(0);
      expect(next.stderr).not.toMatch(/internal error/);
      const files = snapshot(out());
      expect([...files.keys()].sort()).toEqual([...OUTPUTS].sort());
      for (const f of OUTPUTS) expect(files.get(f)!.equals(refs[v].get(f)!), `CLI round ${round}: ${f}`).toBe(true);
    }
  }, 120_000);
});

describe('injected write errors', () => {
  // The tests run in order, each from the state the one before left (builds cost seconds).
  it('ENOSPC, EACCES, EROFS in the output folder: exit 1 naming it, the previous outputs intact', () => {
    setSpec('a');
    expect(cli(ARGS).code).toBe(0);
    const before = snapshot(out());
    setSpec('b');
    for (const [code, why] of [
      ['ENOSPC', 'the disk is full'],
      ['EACCES', 'permission denied'],
      ['EROFS', 'the file system is read-only'],
    ] as const) {
      const r = cli(ARGS, { BRIEFPACK_TEST_FAULTS: `${code}:${out()}` });
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toContain(`output:1:1: error BP505: cannot write to the output folder output: ${why}`);
      expect(r.stderr).not.toMatch(/internal error/);
      expect(snapshot(out()), code).toEqual(before);
    }
    // And once the disk has room again, the build goes through.
    expect(cli(ARGS).code).toBe(0);
    for (const f of OUTPUTS) expect(readFileSync(path.join(out(), f)).equals(refs.b.get(f)!)).toBe(true);
  });

  it('ENOSPC, EROFS in the cache folder: outputs written first, exit 1 (BP506), the next build complete', () => {
    for (const [code, why, v] of [
      ['ENOSPC', 'the disk is full', 'a'],
      ['EROFS', 'the file system is read-only', 'b'],
    ] as const) {
      setSpec(v);
      const r = cli(ARGS, { BRIEFPACK_TEST_FAULTS: `${code}:${path.join(project, '.briefpack-cache')}` });
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`error BP506: could not save the build cache \\.briefpack-cache/builds/[0-9a-f]+\\.json: ${why}`));
      for (const f of OUTPUTS) expect(readFileSync(path.join(out(), f)).equals(refs[v].get(f)!), `${code} ${f}`).toBe(true);
      expect(readdirSync(out()).sort()).toEqual([...OUTPUTS].sort());
    }
    const next = cli(ARGS);
    expect(next.code).toBe(0);
    for (const f of OUTPUTS) expect(readFileSync(path.join(out(), f)).equals(refs.b.get(f)!)).toBe(true);
  });

  it('a rename that fails half-way through a brief puts back the files already renamed (BP502)', () => {
    const before = snapshot(out());
    setSpec('a');
    // The model is renamed into place after the DOCX: make that one fail.
    const r = cli(ARGS, { BRIEFPACK_TEST_FAULTS: `EACCES:${path.join(out(), 'fault-brief.model.json')}` });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain('output:1:1: error BP502: could not write the output of briefs/fault-brief.yaml to output: permission denied');
    expect(snapshot(out())).toEqual(before);
  });
});
