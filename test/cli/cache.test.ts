/**
 * The build cache: a brief is skipped only when nothing it depends on changed, by content;
 * changing a release rebuilds exactly the briefs that quote it.
 *
 * In the sample project, the two Cambodia briefs quote the Cambodia release and the SCO brief
 * quotes the SCO releases (Chinese and English). Builds here write DOCX only and run in this
 * thread: the cache is the same for every format and executor, and this keeps the file quick.
 */
import { appendFileSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { events, runCli, tempProject, type CliRun } from '../helpers/temp-project.js';

const CAMBODIA = 'briefs/cambodia-law-enforcement-meeting.yaml';
const SIMPLIFIED = 'briefs/cambodia-meeting-simplified.yaml';
const SCO = 'briefs/sco-pabbi-antiterror-letter.yaml';
const ALL = [CAMBODIA, SIMPLIFIED, SCO];

function statuses(r: CliRun): Record<string, string> {
  return Object.fromEntries(
    events(r.stdout)
      .filter((e) => e.event === 'brief')
      .map((e) => [e.brief as string, e.status as string]),
  );
}
const built = (r: CliRun) =>
  Object.entries(statuses(r))
    .filter(([, s]) => s === 'built')
    .map(([b]) => b)
    .sort();

describe('the build cache', () => {
  let project = '';
  let out = '';
  const build = async (...args: string[]) => {
    const r = await runCli(['build', '--jobs', '1', '--format', 'docx', '--json', '--out', out, ...args], project);
    expect(r.code, r.stderr).toBe(0);
    return r;
  };

  beforeAll(async () => {
    project = tempProject();
    out = path.join(project, 'output');
    expect(built(await build())).toEqual([...ALL].sort());
  });

  it('skips every brief when nothing changed, and says so', async () => {
    const r = await build();
    expect(statuses(r)).toEqual(Object.fromEntries(ALL.map((b) => [b, 'skipped'])));
    const summary = events(r.stdout).at(-1)!;
    expect(summary).toMatchObject({ event: 'summary', built: 0, skipped: 3, failed: 0 });
  });

  it('keys on contents, not times: touching every input rebuilds nothing', async () => {
    const later = new Date(Date.now() + 60_000);
    for (const f of ['releases/mps-2021-09-28-zh-cambodia-video-meeting.md', 'releases/glossary.yaml', CAMBODIA, 'templates/standard/brief.hbs', 'fonts/fonts.yaml']) {
      utimesSync(path.join(project, f), later, later);
    }
    expect(built(await build())).toEqual([]);
  });

  it('rebuilds only the brief that quotes a changed release', async () => {
    const file = path.join(project, 'releases/mps-2021-09-24-en-sco-pabbi-antiterror-letter.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/■\s*$/, 'A sentence added by the test. ■\n'));
    expect(built(await build())).toEqual([SCO]);
    expect(built(await build())).toEqual([]);
  });

  it('rebuilds both briefs that quote the Cambodia release, and only them', async () => {
    const file = path.join(project, 'releases/mps-2021-09-28-zh-cambodia-video-meeting.md');
    appendFileSync(file, '\n新增的段落。\n');
    expect(built(await build())).toEqual([CAMBODIA, SIMPLIFIED].sort());
  });

  it('rebuilds the briefs whose release gains a translation (a new file elsewhere in releases/)', async () => {
    writeFileSync(
      path.join(project, 'releases/test-cambodia-en.md'),
      ['---', 'id: test-cambodia-en', 'lang: en', 'date: 2021-09-28', 'title: Video meeting', 'source: test', 'translation_of: mps-2021-09-28-zh-cambodia-video-meeting', '---', '', 'Zhao Kezhi and Sar Kheng met by video.', ''].join('\n'),
    );
    expect(built(await build())).toEqual([CAMBODIA, SIMPLIFIED].sort());
    // An unrelated new release changes nothing.
    writeFileSync(path.join(project, 'releases/test-unrelated.md'), ['---', 'id: test-unrelated', 'lang: en', 'date: 2021-01-01', 'title: Unrelated', 'source: test', '---', '', 'Nothing to see.', ''].join('\n'));
    expect(built(await build())).toEqual([]);
  });

  it('rebuilds a brief whose output file was deleted or altered', async () => {
    rmSync(path.join(out, 'sco-pabbi-antiterror-letter.docx'));
    writeFileSync(path.join(out, 'cambodia-meeting-simplified.docx'), 'not a docx');
    expect(built(await build())).toEqual([SIMPLIFIED, SCO].sort());
  });

  it('rebuilds every brief when what all of them share changes: glossary, template, fonts', async () => {
    appendFileSync(path.join(project, 'releases/glossary.yaml'), '# a comment\n');
    expect(built(await build())).toEqual([...ALL].sort());
    appendFileSync(path.join(project, 'templates/standard/partials/cover.hbs'), '{{!-- a comment --}}\n');
    expect(built(await build())).toEqual([...ALL].sort());
    appendFileSync(path.join(project, 'fonts/fonts.yaml'), '# a comment\n');
    expect(built(await build())).toEqual([...ALL].sort());
    expect(built(await build())).toEqual([]);
  });

  it('treats other options as other outputs, and --force rebuilds', async () => {
    expect(built(await build('--emit', 'model'))).toEqual([...ALL].sort());
    expect(built(await build('--force'))).toEqual([...ALL].sort());
    expect(built(await build(SCO))).toEqual([]);
  });
});
