/**
 * How a build ends, for a person and for CI: exit codes, the --json event stream, and a
 * failing brief among good ones (the others are built, exit 1, its old output is untouched
 * and reported as stale).
 */
import { cpSync, readFileSync, writeFileSync, existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/project.js';
import { events, runCli, tempProject } from '../helpers/temp-project.js';

const SCO = 'briefs/sco-pabbi-antiterror-letter.yaml';
const CAMBODIA = 'briefs/cambodia-law-enforcement-meeting.yaml';

describe('a failing brief among good ones', () => {
  let project = '';
  let out = '';
  let before: Buffer;
  let json: Record<string, unknown>[];
  let text: Awaited<ReturnType<typeof runCli>>;

  beforeAll(async () => {
    project = tempProject();
    out = path.join(project, 'output');
    const first = await runCli(['build', '--jobs', '1', '--format', 'docx', '--out', out], project);
    expect(first.code, first.stderr).toBe(0);
    before = readFileSync(path.join(out, 'sco-pabbi-antiterror-letter.docx'));
    // Break the SCO brief (a paragraph its release does not have), and change a good one.
    const sco = path.join(project, SCO);
    writeFileSync(sco, readFileSync(sco, 'utf8').replace('paragraphs: 2', 'paragraphs: 9'));
    const cambodia = path.join(project, CAMBODIA);
    writeFileSync(cambodia, readFileSync(cambodia, 'utf8').replace('author: briefpack sample', 'author: the test'));
    const r = await runCli(['build', '--jobs', '1', '--format', 'docx', '--json', '--out', out], project);
    expect(r.code).toBe(1);
    json = events(r.stdout);
    text = await runCli(['build', '--jobs', '1', '--format', 'docx', '--out', out], project);
  });

  it('exits 1, builds the others, and leaves the failed brief\'s previous output exactly as it was', () => {
    expect(text.code).toBe(1);
    expect(readFileSync(path.join(out, 'sco-pabbi-antiterror-letter.docx')).equals(before)).toBe(true);
    const briefs = json.filter((e) => e.event === 'brief');
    expect(briefs.find((e) => e.brief === CAMBODIA)).toMatchObject({ status: 'built' });
    expect(briefs.find((e) => e.brief === 'briefs/cambodia-meeting-simplified.yaml')).toMatchObject({ status: 'skipped' });
    expect(briefs.find((e) => e.brief === SCO)).toMatchObject({ status: 'failed', stale: ['output/sco-pabbi-antiterror-letter.docx'], errors: 1 });
  });

  it('says in plain text which output is stale, with the error at its line', () => {
    expect(text.stdout).toContain(`FAILED ${SCO}: previous output kept, now stale: output/sco-pabbi-antiterror-letter.docx`);
    expect(text.stderr).toMatch(/^briefs\/sco-pabbi-antiterror-letter\.yaml:\d+:\d+: error BP207: release "mps-2021-09-24-zh-sco-pabbi-antiterror-letter" has no paragraph 9$/m);
    expect(text.stdout).toMatch(/^0 built, 2 skipped, 1 failed, 0 warnings in [\d.]+ s; output [\d.]+ KB \(docx [\d.]+ KB\)$/m);
    expect(text.stdout).toContain('stale (kept from an earlier build): output/sco-pabbi-antiterror-letter.docx');
  });

  it('--json: every line is one event; diagnostics carry the brief and a position; the summary ends it', () => {
    expect(json[0]).toMatchObject({ event: 'plan', total: 3, toBuild: 2, skipped: 1, jobs: 1 });
    const last = json.at(-1)!;
    expect(last).toMatchObject({ event: 'summary', total: 3, built: 1, skipped: 1, failed: 1, internal: 0, warnings: 0, errors: 1, exitCode: 1, stale: ['output/sco-pabbi-antiterror-letter.docx'] });
    expect(Object.keys(last).sort()).toEqual(['built', 'errors', 'event', 'exitCode', 'failed', 'internal', 'outputBytes', 'peakRssMB', 'seconds', 'skipped', 'stale', 'total', 'warnings', 'written'].sort());
    expect(last.written).toEqual([{ path: 'output/cambodia-law-enforcement-meeting.docx', bytes: expect.any(Number) }]);
    for (const e of json.filter((x) => x.event === 'brief')) {
      expect(Object.keys(e).filter((k) => k !== 'timings').sort()).toEqual(['brief', 'done', 'errors', 'event', 'ms', 'outputs', 'stale', 'status', 'total', 'warnings'].sort());
    }
    expect(json.find((e) => e.event === 'brief' && e.status === 'built')!.timings).toMatchObject({ model: expect.any(Number), docx: expect.any(Number) });
    const diagnostic = json.find((e) => e.event === 'diagnostic')!;
    expect(diagnostic).toMatchObject({ brief: SCO, code: 'BP207', severity: 'error', source: 'spec', file: SCO, start: { line: expect.any(Number), column: expect.any(Number) } });
    expect(typeof diagnostic.hint).toBe('string');
    expect(new Set(json.map((e) => e.event))).toEqual(new Set(['plan', 'start', 'brief', 'diagnostic', 'summary']));
  });
});

describe('exit codes', () => {
  let out = '';
  beforeAll(() => {
    out = mkdtempSync(path.join(os.tmpdir(), 'bp-exit-'));
  });

  it('0 when every brief builds', async () => {
    const r = await runCli(['build', SCO, '--format', 'docx', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('3 under --strict when a brief has warnings (still built), 0 without --strict', async () => {
    const brief = 'test/fixtures/specs/source-changed.yaml';
    const strict = await runCli(['build', brief, '--format', 'docx', '--strict', '--force', '--out', out]);
    expect(strict.code).toBe(3);
    expect(strict.stderr).toContain('warning BP215');
    expect(existsSync(path.join(out, 'source-changed.docx'))).toBe(true);
    // A skipped brief reports its warnings again: --strict gives the same answer.
    const again = await runCli(['build', brief, '--format', 'docx', '--strict', '--out', out]);
    expect(again.stdout).toContain('skipped');
    expect(again.code).toBe(3);
    expect((await runCli(['build', brief, '--format', 'docx', '--out', out])).code).toBe(0);
  });

  it('1 when a brief cannot be built, also when its spec does not exist', async () => {
    const r = await runCli(['build', 'briefs/no-such-brief.yaml', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error BP501');
  });

  it.each([
    [['biuld'], 'did you mean "build"?'],
    [['build', '--outt', 'x'], 'did you mean "--out"?'],
    [['check', '--out', 'x'], '--out is not an option of check (it is one of: build, watch)'],
    [['build', '--jobs', '0'], '--jobs: expected a whole number of 1 or more, got "0"'],
    [['build', '--format', 'pdf,odt'], '--format: unknown format "odt"'],
    [['build', '--emit', 'html'], '--emit: unknown output "html"'],
    [['new'], 'new takes one name'],
  ])('2 for a usage mistake: %j', async (argv, message) => {
    const r = await runCli(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it('2 with a JSON error event under --json', async () => {
    const r = await runCli(['build', '--jobs', 'x', '--json']);
    expect(r.code).toBe(2);
    expect(events(r.stdout)).toEqual([{ event: 'error', kind: 'usage', message: expect.stringContaining('--jobs'), exitCode: 2 }]);
  });

  it('2 when there is nothing to build', async () => {
    const project = tempProject({ briefs: false });
    const r = await runCli(['build'], project);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('briefpack new <name>');
  });

  it('2 when two briefs would write the same files', async () => {
    const project = tempProject();
    cpSync(path.join(project, SCO), path.join(project, 'sco-pabbi-antiterror-letter.yaml'));
    const r = await runCli(['build', SCO, 'sco-pabbi-antiterror-letter.yaml'], project);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('would both write sco-pabbi-antiterror-letter.pdf');
  });
});

describe('help and version', () => {
  it('--help lists every command with a description, and examples', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['build', 'check', 'watch', 'import', 'releases', 'facts', 'new']) expect(r.stdout).toMatch(new RegExp(`^  ${c} +\\S.+$`, 'm'));
    expect(r.stdout).toContain('Examples:');
    for (const flag of ['--out', '--format', '--template', '--strict', '--json', '--jobs', '--quiet']) expect(r.stdout).toContain(flag);
    const build = await runCli(['build', '--help']);
    expect(build.stdout).toMatch(/^usage: briefpack build/);
    expect(build.stdout).toContain('--force');
  });

  it('--version prints the package version', async () => {
    const r = await runCli(['--version']);
    const pkg = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(r.stdout).toContain(pkg.version);
    expect(r.code).toBe(0);
  });
});

describe('progress on a terminal', () => {
  it('redraws one progress line with n/N and the brief being built, and clears it before the summary', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'bp-tty-'));
    const lines: string[] = [];
    const r = await runCli(['build', '--jobs', '1', '--format', 'docx', '--out', out], PROJECT_ROOT, { status: (l) => lines.push(l) });
    expect(r.code).toBe(0);
    expect(lines).toContain(`[0/3] building ${CAMBODIA}`);
    expect(lines).toContain(`[2/3] building ${SCO}`);
    expect(lines.at(-1)).toBe('');
    expect(r.stdout.split('\n').at(-1)).toMatch(/^3 built, 0 skipped, 0 failed/);
  });
});

describe('--quiet', () => {
  it('prints only the summary for a good build', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'bp-quiet-'));
    const r = await runCli(['build', SCO, '--format', 'docx', '--quiet', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')).toHaveLength(1);
    expect(r.stdout).toMatch(/^1 built, 0 skipped, 0 failed/);
  });
});
