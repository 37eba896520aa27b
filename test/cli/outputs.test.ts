/**
 * Outputs and the files briefpack keeps beside them (issue 12): an unusable --out is a clear
 * error (exit 1, BP505), not a crash; only briefpack's own temporary files are ever removed;
 * an output a brief no longer writes is removed (or reported stale), never left looking
 * current; a cache manifest or a lock file of any content never crashes a build.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { manifestPath } from '../../src/builder/cache.js';
import { events, runCli, tempProject } from '../helpers/temp-project.js';

const SCO = 'briefs/sco-pabbi-antiterror-letter.yaml';
const NAME = 'sco-pabbi-antiterror-letter';

describe('--out that cannot be used', () => {
  const project = tempProject();
  writeFileSync(path.join(project, 'a-file'), 'not a folder');
  for (const out of ['a-file', 'a-file/below', '/dev/null', '/dev/zero']) {
    it(`is an error naming it: --out ${out}`, async () => {
      const r = await runCli(['build', SCO, '--format', 'docx', '--out', out], project);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`^${out.replace(/[/.]/g, '\\$&')}:1:1: error BP505: cannot write to the output folder ${out.replace(/[/.]/g, '\\$&')}: `, 'm'));
      expect(r.stderr).not.toMatch(/internal error|at .*\.ts:\d+/);
      const json = await runCli(['build', SCO, '--format', 'docx', '--out', out, '--json'], project);
      expect(json.code).toBe(1);
      expect(events(json.stdout)[0]).toMatchObject({ event: 'diagnostic', code: 'BP505', file: out });
    });
  }
  it('is an error in watch mode too, reported without stopping', async () => {
    const { startCli } = await import('../helpers/temp-project.js');
    const w = startCli(['watch', SCO, '--format', 'docx', '--out', '/dev/null', '--json'], project);
    await w.waitFor((l) => JSON.parse(l).event === 'watching');
    const r = await w.stop();
    expect(r.code).toBe(0);
    expect(events(r.stdout).find((e) => e.event === 'diagnostic')).toMatchObject({ code: 'BP505', file: '/dev/null' });
  });
});

describe('temporary files', () => {
  it("removes only briefpack's own leftovers: a user's .tmp files survive", async () => {
    const project = tempProject();
    const out = path.join(project, 'output');
    mkdirSync(out);
    const dead = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
    const theirs = ['.important.2024.tmp', `.${NAME}.docx.${dead}.tmp`, 'notes.tmp', '.briefpack-notes.tmp'];
    for (const f of theirs) writeFileSync(path.join(out, f), `keep ${f}`);
    const leftover = `.briefpack-${dead}-0123456789abcdef.tmp`;
    writeFileSync(path.join(out, leftover), 'half a PDF');
    const r = await runCli(['build', SCO, '--format', 'docx'], project);
    expect(r.code, r.stderr).toBe(0);
    for (const f of theirs) expect(readFileSync(path.join(out, f), 'utf8')).toBe(`keep ${f}`);
    expect(existsSync(path.join(out, leftover))).toBe(false);
    expect(readdirSync(out).sort()).toEqual([...theirs, `${NAME}.docx`].sort());
  });
});

describe('a brief that asks for fewer outputs than before', () => {
  it('has the outputs it no longer writes removed (BP507), or reported stale when changed since (BP508)', async () => {
    const project = tempProject();
    const spec = path.join(project, SCO);
    const out = (ext: string) => path.join(project, 'output', `${NAME}.${ext}`);
    expect((await runCli(['build', SCO, '--emit', 'model'], project)).code).toBe(0);
    expect(existsSync(out('docx')) && existsSync(out('model.json')) && existsSync(out('pdf'))).toBe(true);

    // The spec narrows formats: the DOCX goes; no --emit: the model goes.
    writeFileSync(spec, `${readFileSync(spec, 'utf8').trimEnd()}\nformats: [pdf]\n`);
    const r = await runCli(['build', SCO, '--strict'], project);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(out('docx'))).toBe(false);
    expect(existsSync(out('model.json'))).toBe(false);
    expect(r.stderr).toContain(`output/${NAME}.docx:1:1: info BP507: removed output/${NAME}.docx: this build of the brief no longer writes it`);

    // Back to both, then narrow again after the DOCX was edited by hand: kept, reported stale.
    writeFileSync(spec, readFileSync(spec, 'utf8').replace('formats: [pdf]\n', ''));
    expect((await runCli(['build', SCO], project)).code).toBe(0);
    writeFileSync(out('docx'), 'edited by hand');
    writeFileSync(spec, `${readFileSync(spec, 'utf8').trimEnd()}\nformats: [pdf]\n`);
    const json = await runCli(['build', SCO, '--json'], project);
    expect(json.code).toBe(0);
    expect(readFileSync(out('docx'), 'utf8')).toBe('edited by hand');
    const stream = events(json.stdout);
    expect(stream.find((e) => e.event === 'diagnostic')).toMatchObject({ code: 'BP508', severity: 'warning', file: `output/${NAME}.docx` });
    expect(stream.find((e) => e.event === 'summary')).toMatchObject({ stale: [`output/${NAME}.docx`] });
    expect((await runCli(['build', SCO, '--strict', '--force'], project)).code).toBe(3);
  });
});

describe('cache manifests of any content', () => {
  const cases: [string, (file: string) => void][] = [
    ['empty', (f) => writeFileSync(f, '')],
    ['half-written', (f) => writeFileSync(f, readFileSync(f, 'utf8').slice(0, 200))],
    ['null', (f) => writeFileSync(f, 'null')],
    ['a number', (f) => writeFileSync(f, '42')],
    ['briefs: null', (f) => writeFileSync(f, '{"schema":1,"briefs":null}')],
    ['an entry that is null', (f) => writeFileSync(f, JSON.stringify({ schema: 1, briefs: { [SCO]: null } }))],
    [
      'an entry with the wrong types',
      (f) => {
        const m = JSON.parse(readFileSync(f, 'utf8'));
        m.briefs[SCO].deps.files = 'briefs';
        writeFileSync(f, JSON.stringify(m));
      },
    ],
    [
      'a stored warning without a position',
      (f) => {
        const m = JSON.parse(readFileSync(f, 'utf8'));
        m.briefs[SCO].warnings = [{ code: 'BP999', message: 1 }];
        writeFileSync(f, JSON.stringify(m));
      },
    ],
    [
      'an output outside the output folder',
      (f) => {
        const m = JSON.parse(readFileSync(f, 'utf8'));
        m.briefs[SCO].outputs[0].file = '../../../etc/passwd';
        writeFileSync(f, JSON.stringify(m));
      },
    ],
    [
      'a FIFO',
      (f) => {
        rmSync(f);
        execFileSync('mkfifo', [f]);
      },
    ],
    [
      'a folder',
      (f) => {
        rmSync(f);
        mkdirSync(f);
      },
    ],
  ];
  const project = tempProject();
  const out = path.join(project, 'output');
  for (const [what, make] of cases) {
    it(`never crashes a build: ${what}`, async () => {
      rmSync(path.join(project, '.briefpack-cache'), { recursive: true, force: true });
      expect((await runCli(['build', SCO, '--format', 'docx'], project)).code).toBe(0);
      make(manifestPath(project, out));
      const r = await runCli(['build', SCO, '--format', 'docx', '--json'], project);
      expect([0, 1], r.stderr).toContain(r.code);
      expect(r.stderr).not.toMatch(/internal error/);
      expect(events(r.stdout).find((e) => e.event === 'summary')).toMatchObject({ failed: 0 });
    });
  }
  it('a file where the cache folder should be: outputs written, exit 1 with BP506', async () => {
    const p = tempProject();
    writeFileSync(path.join(p, '.briefpack-cache'), 'a file');
    const r = await runCli(['build', SCO, '--format', 'docx'], p);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/error BP506: could not save the build cache \.briefpack-cache\/builds\/[0-9a-f]+\.json: a file stands where a folder should be; the outputs were written/);
    expect(existsSync(path.join(p, 'output', `${NAME}.docx`))).toBe(true);
  });
});

describe('an output replaced by something that is not a file', () => {
  it('a FIFO in place of an output: rebuilt, never read (it would block)', async () => {
    const project = tempProject();
    expect((await runCli(['build', SCO, '--format', 'docx'], project)).code).toBe(0);
    const docx = path.join(project, 'output', `${NAME}.docx`);
    rmSync(docx);
    execFileSync('mkfifo', [docx]);
    const r = await runCli(['build', SCO, '--format', 'docx', '--json'], project);
    expect(r.code, r.stderr).toBe(0);
    expect(events(r.stdout).find((e) => e.event === 'summary')).toMatchObject({ built: 1 });
    expect(readFileSync(docx).subarray(0, 2).toString()).toBe('PK');
  });
});

describe('lock files of any content, through the CLI', () => {
  it('takes over an empty lock (what a full disk used to leave), saying so', async () => {
    const project = tempProject();
    mkdirSync(path.join(project, 'output'));
    writeFileSync(path.join(project, 'output', '.briefpack.lock'), '');
    const r = await runCli(['build', SCO, '--format', 'docx'], project);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('output/.briefpack.lock:1:1: info BP504: took over the lock output/.briefpack.lock: it holds no owner record');
    expect(existsSync(path.join(project, 'output', '.briefpack.lock'))).toBe(false);
  });
  it('reports a folder in the lock file\'s place (exit 1, BP505)', async () => {
    const project = tempProject();
    mkdirSync(path.join(project, 'output', '.briefpack.lock'), { recursive: true });
    const r = await runCli(['build', SCO, '--format', 'docx'], project);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error BP505: ');
    expect(r.stderr).toContain('is a folder, not briefpack\'s lock file');
  });
});
