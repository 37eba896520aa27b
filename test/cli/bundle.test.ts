/**
 * The bundle users run (scripts/compile.mjs → dist/), with its worker threads: it builds the
 * sample project on two threads (the main one and a worker loaded from
 * dist/briefpack-worker.mjs), byte for byte like a one-thread build from the sources, and a
 * second run skips everything.
 *
 * The bundle is compiled into a private folder (inside node_modules/.cache, so packages and
 * fonts resolve as from dist/), leaving the shared dist/ alone.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANY_BRIEFS } from '../../src/builder/session.js';
import { PROJECT_ROOT } from '../helpers/project.js';
import { events, runCli, tempProject } from '../helpers/temp-project.js';

describe('the bundled CLI and its worker threads', () => {
  let dist = '';
  let project = '';
  const run = (args: string[]) => {
    const r = spawnSync(process.execPath, [path.join(dist, 'run.mjs'), ...args], { cwd: project, encoding: 'utf8' });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  beforeAll(() => {
    const cache = path.join(PROJECT_ROOT, 'node_modules', '.cache');
    mkdirSync(cache, { recursive: true });
    dist = mkdtempSync(path.join(cache, 'briefpack-bundle-test-'));
    execFileSync(process.execPath, [path.join(PROJECT_ROOT, 'scripts/compile.mjs'), '--outdir', dist], { cwd: PROJECT_ROOT });
    writeFileSync(path.join(dist, 'run.mjs'), "import { main } from './briefpack.mjs';\nprocess.exitCode = await main(process.argv.slice(2));\n");
    project = tempProject();
  });
  afterAll(() => {
    rmSync(dist, { recursive: true, force: true });
  });

  it('builds on two threads, the same bytes as a one-thread build from the sources', async () => {
    const pooled = run(['build', '--jobs', '2', '--json', '--out', 'pooled']);
    expect(pooled.code, pooled.stderr).toBe(0);
    const stream = events(pooled.stdout);
    expect(stream[0]).toMatchObject({ event: 'plan', total: 3, toBuild: 3, jobs: 2 });
    expect(stream.at(-1)).toMatchObject({ event: 'summary', built: 3, failed: 0, exitCode: 0 });

    const local = await runCli(['build', '--jobs', '1', '--out', 'local'], project);
    expect(local.code, local.stderr).toBe(0);
    const files = readdirSync(path.join(project, 'pooled')).filter((f) => !f.startsWith('.'));
    expect(files.sort()).toEqual(readdirSync(path.join(project, 'local')).filter((f) => !f.startsWith('.')).sort());
    expect(files).toHaveLength(6);
    for (const f of files) {
      expect(readFileSync(path.join(project, 'pooled', f)).equals(readFileSync(path.join(project, 'local', f))), f).toBe(true);
    }
  });

  it('skips everything on a second run without loading a renderer, the template engine, citeproc or fontkit', () => {
    // Every bundle file the process loads, through a module load hook (node:module register).
    const log = path.join(dist, 'loaded.log');
    writeFileSync(path.join(dist, 'hooks.mjs'), `import { appendFileSync } from 'node:fs';\nexport async function load(url, context, next) {\n  if (url.startsWith('file:')) appendFileSync(${JSON.stringify(log)}, url + '\\n');\n  return next(url, context);\n}\n`);
    writeFileSync(path.join(dist, 'register.mjs'), "import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n");
    rmSync(log, { force: true });
    const r = spawnSync(process.execPath, ['--import', path.join(dist, 'register.mjs'), path.join(dist, 'run.mjs'), 'build', '--jobs', '2', '--json', '--out', 'pooled'], { cwd: project, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(events(r.stdout).at(-1)).toMatchObject({ built: 0, skipped: 3 });
    const loaded = readFileSync(log, 'utf8').trim().split('\n').map((u) => new URL(u).pathname);
    expect(loaded.some((f) => f.endsWith('/briefpack.mjs'))).toBe(true);
    // esbuild marks where each package's code starts in a chunk: none of these may be loaded.
    const heavy = /^\/\/ (node_modules\/(fontkit|pdfmake|pdfkit|docx|handlebars|citeproc)\/|src\/render\/(pdf|docx)\/|src\/template\/render-template)/m;
    const offending = loaded.filter((f) => f.startsWith(dist) && heavy.test(readFileSync(f, 'utf8')));
    expect(offending).toEqual([]);
    // And the check can fail: a build that renders loads them.
    rmSync(log, { force: true });
    const forced = spawnSync(process.execPath, ['--import', path.join(dist, 'register.mjs'), path.join(dist, 'run.mjs'), 'build', '--jobs', '1', '--force', '--json', '--out', 'forced'], { cwd: project, encoding: 'utf8' });
    expect(forced.status, forced.stderr).toBe(0);
    const rendering = readFileSync(log, 'utf8').trim().split('\n').map((u) => new URL(u).pathname);
    expect(rendering.filter((f) => f.startsWith(dist) && heavy.test(readFileSync(f, 'utf8'))).length).toBeGreaterThan(0);
  });

  // The startup snapshot (src/cli/snapshot.ts) the same compile makes, as `npm run build`
  // starts it (scripts/build.sh).
  const fromSnapshot = (args: string[]) => {
    const r = spawnSync(process.execPath, ['--snapshot-blob', path.join(dist, 'briefpack.blob'), ...args], { cwd: project, encoding: 'utf8' });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it('makes a startup snapshot that builds the same bytes as the bundle, on one thread and with a worker', () => {
    expect(JSON.parse(readFileSync(path.join(dist, 'compiled.json'), 'utf8'))).toMatchObject({ snapshot: true, node: process.version });
    const bundle = run(['build', '--jobs', '1', '--force', '--json', '--out', 'from-bundle']);
    expect(bundle.code, bundle.stderr).toBe(0);
    for (const jobs of ['1', '2']) {
      const out = `from-snapshot-${jobs}`;
      const snap = fromSnapshot(['build', '--jobs', jobs, '--force', '--json', '--out', out]);
      expect(snap.code, snap.stderr + snap.stdout).toBe(0);
      expect(events(snap.stdout).at(-1)).toMatchObject({ event: 'summary', built: 3, failed: 0 });
      const files = readdirSync(path.join(project, 'from-bundle')).filter((f) => !f.startsWith('.'));
      expect(files).toHaveLength(6);
      for (const f of files) expect(readFileSync(path.join(project, out, f)).equals(readFileSync(path.join(project, 'from-bundle', f))), `${out}/${f}`).toBe(true);
    }
  });

  it('reports a broken spec from the snapshot exactly as the bundle does, and exits 1', () => {
    const broken = path.join(project, 'briefs', 'zz-broken.yaml');
    writeFileSync(broken, 'title: Broken\nsections:\n  - heading: One\n    quote: { release: no-such-release }\n    colour: red\n');
    try {
      const bundle = run(['build', 'briefs/zz-broken.yaml', '--out', 'broken-bundle']);
      const snap = fromSnapshot(['build', 'briefs/zz-broken.yaml', '--out', 'broken-snapshot']);
      expect(bundle.code).toBe(1);
      expect(snap.code).toBe(1);
      expect(snap.stderr).toMatch(/briefs\/zz-broken\.yaml:\d+:\d+/);
      expect(snap.stderr.replaceAll('broken-snapshot', 'OUT').replace(/ in [\d.]+ s/g, '')).toBe(bundle.stderr.replaceAll('broken-bundle', 'OUT').replace(/ in [\d.]+ s/g, ''));
    } finally {
      rmSync(broken);
    }
  });

  it('npm run build (scripts/build.sh) starts from the snapshot, and from the bundle when there is none', () => {
    // A copy of the layout scripts/build.sh expects: scripts/, bin/ and dist/ side by side.
    const layout = mkdtempSync(path.join(dist, 'layout-'));
    mkdirSync(path.join(layout, 'scripts'));
    mkdirSync(path.join(layout, 'bin'));
    writeFileSync(path.join(layout, 'scripts', 'build.sh'), readFileSync(path.join(PROJECT_ROOT, 'scripts', 'build.sh')));
    writeFileSync(path.join(layout, 'bin', 'briefpack.js'), readFileSync(path.join(PROJECT_ROOT, 'bin', 'briefpack.js')));
    symlinkSync(dist, path.join(layout, 'dist'));
    // A `node` first on PATH that notes how it was started, then runs the real one.
    const log = path.join(layout, 'node.log');
    mkdirSync(path.join(layout, 'path'));
    writeFileSync(path.join(layout, 'path', 'node'), `#!/bin/sh\necho "$@" >> ${JSON.stringify(log)}\nexec ${JSON.stringify(process.execPath)} "$@"\n`, { mode: 0o755 });
    const env = { ...process.env, PATH: `${path.join(layout, 'path')}${path.delimiter}${process.env.PATH}` };
    const build = (out: string) => {
      rmSync(log, { force: true });
      const r = spawnSync('sh', [path.join(layout, 'scripts', 'build.sh'), '--force', '--json', '--out', out], { cwd: project, encoding: 'utf8', env });
      return { ...r, started: readFileSync(log, 'utf8').trim() };
    };
    // From MANY_BRIEFS briefs the bundle runs (the snapshot's heap would cost memory all
    // through a long build); lock files are no briefs. `--help` shows which one started.
    expect(readFileSync(path.join(PROJECT_ROOT, 'scripts', 'build.sh'), 'utf8')).toContain(`many=${MANY_BRIEFS}\n`);
    const many = mkdtempSync(path.join(layout, 'many-'));
    mkdirSync(path.join(many, 'briefs'));
    const startedWith = (briefFiles: string[], args: string[] = []) => {
      rmSync(path.join(many, 'briefs'), { recursive: true });
      mkdirSync(path.join(many, 'briefs'));
      for (const f of briefFiles) writeFileSync(path.join(many, 'briefs', f), 'title: x\n');
      rmSync(log, { force: true });
      const r = spawnSync('sh', [path.join(layout, 'scripts', 'build.sh'), ...args, '--help'], { cwd: many, encoding: 'utf8', env });
      expect(r.status, r.stderr).toBe(0);
      return readFileSync(log, 'utf8').trim().split(' ')[0];
    };
    const names = (n: number, ext = 'yaml') => Array.from({ length: n }, (_, i) => `b${i}.${ext}`);
    expect(startedWith(names(MANY_BRIEFS - 1))).toBe('--snapshot-blob');
    expect(startedWith([...names(MANY_BRIEFS - 1), ...names(5, 'lock.yaml')])).toBe('--snapshot-blob');
    expect(startedWith([...names(MANY_BRIEFS - 1), 'b.yml'])).toMatch(/bin\/briefpack\.js$/);
    expect(startedWith(names(MANY_BRIEFS + 10), ['briefs/b1.yaml', 'briefs/b2.yaml'])).toBe('--snapshot-blob');
    const snap = build('sh-snapshot');
    expect(snap.status, snap.stderr).toBe(0);
    expect(snap.started).toBe(`--snapshot-blob ${layout}/scripts/../dist/briefpack.blob build --force --json --out sh-snapshot`);
    expect(events(snap.stdout).at(-1)).toMatchObject({ built: 3 });
    const blob = path.join(dist, 'briefpack.blob');
    const aside = `${blob}.aside`;
    renameSync(blob, aside);
    try {
      const plain = build('sh-bundle');
      expect(plain.status, plain.stderr).toBe(0);
      expect(plain.started).toBe(`${layout}/scripts/../bin/briefpack.js build --force --json --out sh-bundle`);
      for (const f of readdirSync(path.join(project, 'sh-bundle')).filter((n) => !n.startsWith('.'))) {
        expect(readFileSync(path.join(project, 'sh-snapshot', f)).equals(readFileSync(path.join(project, 'sh-bundle', f))), f).toBe(true);
      }
    } finally {
      renameSync(aside, blob);
    }
  });

  it('prints help and the version', () => {
    expect(run(['--help']).stdout).toContain('Commands:');
    expect(run(['--version']).stdout.trim()).toBe(JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')).version);
  });
});
