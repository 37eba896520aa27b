/**
 * Watch mode: after a save, only the briefs the saved file affects are rebuilt; a broken
 * save is reported and the next good save builds again; the previous output stays until then.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCli, tempProject, type RunningCli } from '../helpers/temp-project.js';

const SCO = 'briefs/sco-pabbi-antiterror-letter.yaml';
const CAMBODIA = 'briefs/cambodia-law-enforcement-meeting.yaml';

const parse = (l: string) => JSON.parse(l) as Record<string, unknown>;
const isEvent = (event: string, extra: Record<string, unknown> = {}) => (l: string) => {
  const e = parse(l);
  return e.event === event && Object.entries(extra).every(([k, v]) => e[k] === v);
};

describe('briefpack watch', () => {
  let project = '';
  let watch: RunningCli;

  beforeAll(async () => {
    project = tempProject();
    watch = startCli(['watch', SCO, CAMBODIA, '--format', 'docx', '--jobs', '1', '--json'], project);
    await watch.waitFor(isEvent('watching'));
  });
  afterAll(async () => {
    const r = await watch.stop();
    expect(r.code).toBe(0);
  });

  it('builds everything first', () => {
    const summary = watch.stdout.map(parse).find((e) => e.event === 'summary');
    expect(summary).toMatchObject({ built: 2, failed: 0 });
  });

  it('rebuilds only the brief that quotes a saved release', async () => {
    const from = watch.stdout.length;
    const file = path.join(project, 'releases/mps-2021-09-24-en-sco-pabbi-antiterror-letter.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/■\s*$/, 'Added while watching. ■\n'));
    const summary = parse(await watch.waitFor(isEvent('summary'), { from }));
    expect(summary).toMatchObject({ built: 1, failed: 0, changed: [path.join('releases', 'mps-2021-09-24-en-sco-pabbi-antiterror-letter.md')] });
    const built = watch.stdout.slice(from).map(parse).filter((e) => e.event === 'brief' && e.status === 'built');
    expect(built.map((e) => e.brief)).toEqual([SCO]);
    expect(built[0]!.outputs).toEqual([{ path: 'output/sco-pabbi-antiterror-letter.docx', bytes: expect.any(Number) }]);
  });

  it('survives a broken save: reports it, keeps the old output, builds the next good save', async () => {
    const spec = path.join(project, CAMBODIA);
    const good = readFileSync(spec, 'utf8');
    const output = path.join(project, 'output/cambodia-law-enforcement-meeting.docx');
    const before = readFileSync(output);

    let from = watch.stdout.length;
    writeFileSync(spec, good.replace('sections:', 'sections: [oops'));
    const diagnostic = parse(await watch.waitFor(isEvent('diagnostic', { brief: CAMBODIA }), { from }));
    expect(diagnostic).toMatchObject({ severity: 'error', file: CAMBODIA, start: { line: expect.any(Number), column: expect.any(Number) } });
    expect(parse(await watch.waitFor(isEvent('summary'), { from }))).toMatchObject({ failed: 1, built: 0, stale: ['output/cambodia-law-enforcement-meeting.docx'] });
    expect(readFileSync(output).equals(before)).toBe(true);

    from = watch.stdout.length;
    writeFileSync(spec, good.replace('author: briefpack sample', 'author: fixed while watching'));
    expect(parse(await watch.waitFor(isEvent('summary'), { from }))).toMatchObject({ failed: 0, built: 1 });
    expect(readFileSync(output).equals(before)).toBe(false);
  });

  it('does not retry a failing brief for a save that does not concern it', async () => {
    const spec = path.join(project, CAMBODIA);
    writeFileSync(spec, readFileSync(spec, 'utf8').replace('paragraphs: 4', 'paragraphs: 40'));
    let from = watch.stdout.length;
    await watch.waitFor(isEvent('summary', { failed: 1 }), { from });
    from = watch.stdout.length;
    const sco = path.join(project, SCO);
    writeFileSync(sco, readFileSync(sco, 'utf8').replace('author: briefpack sample', 'author: again'));
    const summary = parse(await watch.waitFor(isEvent('summary'), { from }));
    expect(summary).toMatchObject({ built: 1, failed: 0 });
  });
});

describe('briefpack watch with a worker thread', () => {
  it('renders the PDF and the DOCX of one brief on two threads, the same bytes as one thread', async () => {
    const project = tempProject();
    const watch = startCli(['watch', SCO, '--jobs', '2', '--json', '--out', 'split'], project);
    try {
      await watch.waitFor(isEvent('watching'));
      const from = watch.stdout.length;
      const spec = path.join(project, SCO);
      writeFileSync(spec, readFileSync(spec, 'utf8').replace('author: briefpack sample', 'author: split'));
      const summary = parse(await watch.waitFor(isEvent('summary'), { from }));
      expect(summary).toMatchObject({ built: 1, failed: 0 });
      const built = watch.stdout.slice(from).map(parse).find((e) => e.event === 'brief')!;
      expect((built.outputs as { path: string }[]).map((o) => o.path).sort()).toEqual(['split/sco-pabbi-antiterror-letter.docx', 'split/sco-pabbi-antiterror-letter.pdf']);
      expect(built.timings).toMatchObject({ model: expect.any(Number), pdf: expect.any(Number), docx: expect.any(Number) });
    } finally {
      expect((await watch.stop()).code).toBe(0);
    }
    const { runCli } = await import('../helpers/temp-project.js');
    expect((await runCli(['build', SCO, '--jobs', '1', '--out', 'single'], project)).code).toBe(0);
    for (const ext of ['pdf', 'docx']) {
      const name = `sco-pabbi-antiterror-letter.${ext}`;
      expect(readFileSync(path.join(project, 'split', name)).equals(readFileSync(path.join(project, 'single', name))), name).toBe(true);
    }
  });
});
