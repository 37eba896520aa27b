/**
 * Watch mode never goes stale (issue 12): on a real project copy with the real watcher,
 * saves by rename (as `sed -i` and vim make them), in-place saves, new, deleted and renamed
 * briefs, a folder replaced and a broken save are each followed by the right rebuild, and
 * editors' swap and backup files trigger nothing. Each rebuild is checked on the output bytes.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { events, startCli, tempProject, type RunningCli } from '../helpers/temp-project.js';

const SCO = 'briefs/sco-pabbi-antiterror-letter.yaml';
const SCO_OUT = 'output/sco-pabbi-antiterror-letter.docx';
const RELEASE = 'releases/mps-2021-09-24-en-sco-pabbi-antiterror-letter.md';

const parse = (l: string) => JSON.parse(l) as Record<string, unknown>;
const isSummary = (l: string) => parse(l).event === 'summary';

describe('briefpack watch, save after save', () => {
  let project = '';
  let watch: RunningCli;
  const at = (rel: string) => path.join(project, rel);
  const seen: Buffer[] = [];

  /** Runs `save`, waits for the rebuild's summary and returns it with the briefs built. */
  async function rebuild(save: () => void, changed?: string) {
    const from = watch.stdout.length;
    save();
    const wanted = (l: string) => isSummary(l) && (changed === undefined || (parse(l).changed as string[]).includes(changed));
    const summary = parse(await watch.waitFor(wanted, { from, ms: 30_000 }));
    const built = watch.stdout
      .slice(from)
      .map(parse)
      .filter((e) => e.event === 'brief' && e.status === 'built')
      .map((e) => e.brief);
    return { summary, built };
  }
  /** The SCO output is new: different from every earlier version. */
  function expectNewOutput() {
    const bytes = readFileSync(at(SCO_OUT));
    for (const old of seen) expect(bytes.equals(old)).toBe(false);
    seen.push(bytes);
  }
  const spec = () => readFileSync(at(SCO), 'utf8');
  /** A save as most editors and `sed -i` make it: a new file, renamed over the old one. */
  const renameSave = (rel: string, text: string, temp = `${path.dirname(rel)}/sedX4a9Qz`) => {
    writeFileSync(at(temp), text);
    renameSync(at(temp), at(rel));
  };

  beforeAll(async () => {
    project = tempProject();
    watch = startCli(['watch', '--format', 'docx', '--jobs', '1', '--json'], project);
    await watch.waitFor((l) => parse(l).event === 'watching');
    seen.push(readFileSync(at(SCO_OUT)));
  }, 60_000);
  afterAll(async () => {
    const r = await watch.stop();
    expect(r.code, r.stderr).toBe(0);
    rmSync(project, { recursive: true, force: true });
  });

  it('rebuilds after each of three rename-saves in a row', async () => {
    for (const n of [1, 2, 3]) {
      const r = await rebuild(() => renameSave(SCO, spec().replace(/^author: .*$/m, `author: rename save ${n}`)));
      expect(r.summary).toMatchObject({ built: 1, failed: 0 });
      expect(r.built).toEqual([SCO]);
      expectNewOutput();
    }
  });

  it('rebuilds after a real `sed -i`, twice', async () => {
    for (const n of [1, 2]) {
      const r = await rebuild(() => execFileSync('sed', ['-i', `s/^author: .*$/author: sed ${n}/`, at(SCO)]));
      expect(r.built).toEqual([SCO]);
      expectNewOutput();
    }
  });

  it("rebuilds after vim's save (4913 probe, backup by rename, new file, swap file)", async () => {
    const r = await rebuild(() => {
      writeFileSync(at('briefs/.sco-pabbi-antiterror-letter.yaml.swp'), 'swap');
      writeFileSync(at('briefs/4913'), '');
      unlinkSync(at('briefs/4913'));
      const text = spec().replace(/^author: .*$/m, 'author: vim');
      renameSync(at(SCO), at(`${SCO}~`));
      writeFileSync(at(SCO), text);
      unlinkSync(at(`${SCO}~`));
      unlinkSync(at('briefs/.sco-pabbi-antiterror-letter.yaml.swp'));
    });
    expect(r.built).toEqual([SCO]);
    expectNewOutput();
  });

  it('rebuilds after in-place saves', async () => {
    for (const n of [1, 2]) {
      const r = await rebuild(() => writeFileSync(at(SCO), spec().replace(/^author: .*$/m, `author: in place ${n}`)));
      expect(r.built).toEqual([SCO]);
      expectNewOutput();
    }
  });

  it('ignores swap, backup and lock files of editors', async () => {
    const from = watch.stdout.length;
    for (const f of ['briefs/.x.yaml.swp', 'briefs/x.yaml~', 'briefs/.#x.yaml', 'briefs/#x.yaml#', 'briefs/4913', 'releases/.y.md.swx', 'templates/x.tmp']) writeFileSync(at(f), 'x');
    await new Promise((r) => setTimeout(r, 800));
    expect(watch.stdout.slice(from)).toEqual([]);
  });

  it('reports a broken rename-save at its line, keeps the output, and builds the next good save', async () => {
    const good = spec();
    const before = readFileSync(at(SCO_OUT));
    const bad = await rebuild(() => renameSave(SCO, good.replace('sections:', 'sections: [oops')));
    expect(bad.summary).toMatchObject({ failed: 1, built: 0 });
    const diagnostic = watch.stdout.map(parse).filter((e) => e.event === 'diagnostic').at(-1);
    expect(diagnostic).toMatchObject({ severity: 'error', file: SCO, start: { line: expect.any(Number), column: expect.any(Number) } });
    expect(readFileSync(at(SCO_OUT)).equals(before)).toBe(true);
    const fixed = await rebuild(() => renameSave(SCO, good.replace(/^author: .*$/m, 'author: fixed')));
    expect(fixed.built).toEqual([SCO]);
    expectNewOutput();
  });

  it('builds a new brief, forgets a deleted one, builds a renamed one', async () => {
    const added = await rebuild(() => cpSync(at(SCO), at('briefs/new-brief.yaml')));
    expect(added.built).toEqual(['briefs/new-brief.yaml']);
    expect(existsSync(at('output/new-brief.docx'))).toBe(true);

    const renamed = await rebuild(() => renameSync(at('briefs/new-brief.yaml'), at('briefs/renamed-brief.yaml')));
    expect(renamed.built).toEqual(['briefs/renamed-brief.yaml']);
    expect(renamed.summary).toMatchObject({ total: 4, failed: 0 });

    const deleted = await rebuild(() => unlinkSync(at('briefs/renamed-brief.yaml')));
    expect(deleted.summary).toMatchObject({ total: 3, built: 0, failed: 0 });
  });

  it('keeps watching a folder that was deleted and made again', async () => {
    const r = await rebuild(() => {
      cpSync(at('releases'), at('releases.new'), { recursive: true });
      const file = at(`releases.new/${path.basename(RELEASE)}`);
      writeFileSync(file, readFileSync(file, 'utf8').replace(/■\s*$/, 'Added in a new folder. ■\n'));
      rmSync(at('releases'), { recursive: true });
      renameSync(at('releases.new'), at('releases'));
    });
    expect(r.built).toContain(SCO);
    expectNewOutput();
    // The watcher reads the new folder: wait until its events are over.
    for (let n = -1; n !== watch.stdout.length; ) {
      n = watch.stdout.length;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    // And the new folder is watched: a save inside it rebuilds.
    const again = await rebuild(() => renameSave(RELEASE, readFileSync(at(RELEASE), 'utf8').replace('Added in a new folder.', 'Changed in the new folder.')), RELEASE);
    expect(again.built).toEqual([SCO]);
    expectNewOutput();
  });
});

describe('briefpack watch and a bug in briefpack', () => {
  it('stops watching and exits 4 with the "please report" line: a bug is never swallowed', async () => {
    const { BuildSession } = await import('../../src/builder/session.js');
    const project = tempProject();
    const real = BuildSession.prototype.run;
    let calls = 0;
    const spy = vi.spyOn(BuildSession.prototype, 'run').mockImplementation(function (this: InstanceType<typeof BuildSession>, ...args) {
      if (++calls === 2) throw new TypeError('a bug in a rebuild');
      return real.apply(this, args);
    });
    try {
      const watch = startCli(['watch', SCO, '--format', 'docx', '--jobs', '1', '--json'], project);
      await watch.waitFor((l) => parse(l).event === 'watching');
      const spec = path.join(project, SCO);
      writeFileSync(spec, readFileSync(spec, 'utf8').replace(/^author: .*$/m, 'author: triggers the bug'));
      await watch.waitFor((l) => parse(l).event === 'error', { ms: 30_000 });
      const r = await watch.stop();
      expect(r.code).toBe(4);
      expect(r.stderr).toContain('briefpack: internal error: TypeError: a bug in a rebuild');
      expect(r.stderr).toContain('This is a bug in briefpack; please report it');
      expect(events(r.stdout).at(-1)).toMatchObject({ event: 'error', kind: 'internal', exitCode: 4 });
    } finally {
      spy.mockRestore();
      rmSync(project, { recursive: true, force: true });
    }
  });
});
