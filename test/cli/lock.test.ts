/**
 * Two builds on one output folder never interleave: the second stops at the lock with a
 * message naming the first; a lock left by a build that died is taken over.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { events, runCli, tempProject } from '../helpers/temp-project.js';

const SCO = 'briefs/sco-pabbi-antiterror-letter.yaml';

function lockFor(pid: number) {
  return JSON.stringify({ pid, host: os.hostname(), command: 'briefpack build', started: '2021-09-30T00:00:00.000Z' });
}

describe('the output lock', () => {
  const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 120000)'], { stdio: 'ignore' });
  afterAll(() => {
    sleeper.kill();
  });

  it('stops a second build with exit 1 and a message naming the first, writing nothing', async () => {
    const project = tempProject();
    const out = path.join(project, 'output');
    const first = await runCli(['build', SCO, '--format', 'docx', '--out', out], project);
    expect(first.code).toBe(0);
    writeFileSync(path.join(out, '.briefpack.lock'), lockFor(sleeper.pid!));
    const before = readdirSync(out).sort();

    const r = await runCli(['build', '--format', 'docx', '--force', '--out', out], project);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^output/\\.briefpack\\.lock:1:1: error BP503: output/\\.briefpack\\.lock is held by another briefpack build \\(pid ${sleeper.pid} on `, 'm'));
    expect(r.stderr).toContain('delete the lock file');
    expect(readdirSync(out).sort()).toEqual(before);

    const json = await runCli(['build', '--format', 'docx', '--json', '--out', out], project);
    expect(json.code).toBe(1);
    expect(events(json.stdout)[0]).toMatchObject({ event: 'diagnostic', code: 'BP503', severity: 'error' });
  });

  it('takes over a lock whose build is gone, and removes its own lock when done', async () => {
    const project = tempProject();
    const out = path.join(project, 'output');
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const { mkdirSync } = await import('node:fs');
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, '.briefpack.lock'), lockFor(Number(dead.stdout)));
    const r = await runCli(['build', SCO, '--format', 'docx', '--out', out], project);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(path.join(out, '.briefpack.lock'))).toBe(false);
  });

  it('lets exactly one of two simultaneous builds run', async () => {
    const project = tempProject();
    const out = path.join(project, 'output');
    const [a, b] = await Promise.all([
      runCli(['build', '--jobs', '1', '--format', 'docx', '--out', out], project),
      runCli(['build', '--jobs', '1', '--format', 'docx', '--out', out], project),
    ]);
    expect([a.code, b.code].sort()).toEqual([0, 1]);
    expect([a, b].find((r) => r.code === 1)!.stderr).toContain('BP503');
    expect(existsSync(path.join(out, '.briefpack.lock'))).toBe(false);
    // Nothing half-written: no temporary files, every output complete.
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const again = await runCli(['build', '--jobs', '1', '--format', 'docx', '--out', out], project);
    expect(again.stdout).toMatch(/0 built, 3 skipped/);
  });
});
