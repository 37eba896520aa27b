import { cpSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/project.js';
import { runCli, tempProject } from '../helpers/temp-project.js';

describe('briefpack check', () => {
  it('prints the three mistakes of a brief, exits 1 and touches nothing in output/', async () => {
    const project = tempProject();
    cpSync(path.join(PROJECT_ROOT, 'test/fixtures/specs/three-mistakes.yaml'), path.join(project, 'briefs', 'three-mistakes.yaml'));
    mkdirSync(path.join(project, 'output'));
    writeFileSync(path.join(project, 'output', 'three-mistakes.pdf'), 'previous good output');
    const before = readdirSync(path.join(project, 'output')).map((f) => [f, statSync(path.join(project, 'output', f)).mtimeMs]);

    const r = await runCli(['check', 'briefs/three-mistakes.yaml'], project);
    expect(r.code).toBe(1);
    const errors = r.stderr.split('\n').filter((l) => / error BP\d+:/.test(l));
    expect(errors).toHaveLength(3);
    for (const line of errors) expect(line).toMatch(/^briefs\/three-mistakes\.yaml:\d+:\d+: error BP\d{3}: /);
    expect(readdirSync(path.join(project, 'output')).map((f) => [f, statSync(path.join(project, 'output', f)).mtimeMs])).toEqual(before);
  });

  it('--json prints one diagnostic event per line with positions, then a summary', async () => {
    const r = await runCli(['check', '--json', 'test/fixtures/specs/three-mistakes.yaml']);
    expect(r.code).toBe(1);
    const all = r.stdout.split('\n').map((l) => JSON.parse(l));
    expect(all.at(-1)).toMatchObject({ event: 'summary', briefs: 1, errors: 3, warnings: 0, exitCode: 1 });
    const rows = all.slice(0, -1);
    expect(rows.map((d) => d.code)).toEqual(['BP204', 'BP206', 'BP207']);
    for (const d of rows) {
      expect(d).toMatchObject({ event: 'diagnostic', severity: 'error', source: 'spec', file: 'test/fixtures/specs/three-mistakes.yaml' });
      expect(d.start.line).toBeGreaterThan(0);
      expect(d.start.column).toBeGreaterThan(0);
      expect(typeof d.hint).toBe('string');
    }
  });

  it('exits 0 on the sample project, and 3 under --strict when there are warnings', async () => {
    expect((await runCli(['check'])).code).toBe(0);
    const warned = await runCli(['check', '--strict', 'test/fixtures/specs/source-changed.yaml']);
    expect(warned.code).toBe(3);
    expect(warned.stderr).toContain('warning BP215');
    expect((await runCli(['check', 'test/fixtures/specs/source-changed.yaml'])).code).toBe(0);
  });
});
