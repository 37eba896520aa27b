/**
 * The corpus from an editor's side: `check`, `releases` and `facts`, including the
 * corrections workflow for the seed's mojibake run.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempProject } from '../helpers/temp-project.js';

const SCO_ZH = 'mps-2021-09-24-zh-sco-pabbi-antiterror-letter';

describe('corrections for the seed mojibake run', () => {
  it('with the shipped correction: the text reads right and check --strict passes', async () => {
    const text = await runCli(['releases', '--text', SCO_ZH]);
    expect(text.code).toBe(0);
    expect(text.stdout.split('\n').find((l) => l.startsWith('  ¶1.2 '))).toContain('“帕比—反恐—2021”');
    expect(text.stdout).not.toContain('芭帘取');
    const check = await runCli(['check', '--strict']);
    expect(check.stderr).toBe('');
    expect(check.code).toBe(0);
  });

  it('without it: check --strict fails and reports the run with release, paragraph and column', async () => {
    const project = tempProject();
    writeFileSync(path.join(project, 'releases', 'corrections.yaml'), 'corrections: []\n');
    // The sample brief quotes that paragraph: it must not build with mojibake in it.
    const check = await runCli(['check', '--strict'], project);
    expect(check.code).toBe(1);
    const line = check.stderr.split('\n').find((l) => l.includes('BP109'))!;
    expect(line).toMatch(new RegExp(`^releases/${SCO_ZH}\\.md:\\d+:\\d+: warning BP109: ¶1: "\\?!芭帘取纯帧\\?021”"`));
    expect(check.stderr).toContain('error BP210');

    // Without any brief quoting it, the run is a warning: exit 3 under --strict, 0 without.
    const corpusOnly = await runCli(['check', '--strict', 'briefs/cambodia-law-enforcement-meeting.yaml'], project);
    expect(corpusOnly.code).toBe(3);
    expect((await runCli(['check', 'briefs/cambodia-law-enforcement-meeting.yaml'], project)).code).toBe(0);
  });

  it('the reported column points at the run in the release file', async () => {
    const project = tempProject();
    writeFileSync(path.join(project, 'releases', 'corrections.yaml'), 'corrections: []\n');
    const check = await runCli(['check', '--json', 'briefs/cambodia-law-enforcement-meeting.yaml'], project);
    const d = check.stdout.split('\n').map((l) => JSON.parse(l)).find((x) => x.code === 'BP109');
    const fileLine = readFileSync(path.join(project, d.file), 'utf8').split('\n')[d.start.line - 1]!;
    expect(fileLine.slice(d.start.column - 1).startsWith('?!芭帘取')).toBe(true);
  });

  it('a correction whose snippet no longer occurs is an error at its entry', async () => {
    const project = tempProject();
    const file = path.join(project, 'releases', 'corrections.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('?!芭帘取', '?!芭帘X'));
    const check = await runCli(['check'], project);
    expect(check.code).toBe(1);
    expect(check.stderr).toMatch(/^releases\/corrections\.yaml:\d+:\d+: error BP108: correction for/m);
  });
});

describe('releases', () => {
  it('--json prints one object per release with the documented keys', async () => {
    const r = await runCli(['releases', '--json']);
    const rows = r.stdout.split('\n').map((l) => JSON.parse(l));
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(Object.keys(row).sort()).toEqual(['date', 'facts', 'id', 'lang', 'paragraphs', 'sentences', 'title', 'translationOf', 'warnings'].sort());
    expect(rows.map((x) => [x.lang, x.paragraphs])).toEqual([
      ['en', 3],
      ['zh-Hant', 2],
      ['zh-Hant', 6],
    ]);
  });
  it('--changes lists each change with its location and counts', async () => {
    const r = await runCli(['releases', '--changes', 'mps-2021-09-28-zh-cambodia-video-meeting']);
    expect(r.stdout).toMatch(/releases\/mps-2021-09-28-zh-cambodia-video-meeting\.md:\d+ ¶1 col \d+ strip-pinyin-glosses: "\(wù\)" → ""/);
    expect(r.stdout).toMatch(/strip-pinyin-glosses: \d+, full-width-punctuation: \d+/);
  });
  it('all three seed releases together lose exactly 121 glosses', async () => {
    let total = 0;
    for (const id of ['mps-2021-09-28-zh-cambodia-video-meeting', SCO_ZH, 'mps-2021-09-24-en-sco-pabbi-antiterror-letter']) {
      const r = await runCli(['releases', '--changes', id]);
      total += Number(/strip-pinyin-glosses: (\d+)/.exec(r.stdout)?.[1] ?? 0);
    }
    expect(total).toBe(121);
  });
  it('--text numbers sentences ¶N.S and shows each paragraph\'s hash; --json gives the same as data', async () => {
    const id = 'mps-2021-09-24-en-sco-pabbi-antiterror-letter';
    const text = await runCli(['releases', '--text', id]);
    const lines = text.stdout.split('\n');
    const head = lines.find((l) => l.startsWith('¶2 '));
    expect(head).toMatch(/^¶2 {2}hash [0-9a-f]{12} {2}\(releases\/mps-2021-09-24-en-sco-pabbi-antiterror-letter\.md:\d+\)$/);
    const json = (await runCli(['releases', '--text', id, '--json'])).stdout.split('\n').map((l) => JSON.parse(l));
    expect(json.map((p) => p.paragraph)).toEqual([1, 2, 3]);
    const p2 = json[1];
    expect(head).toContain(p2.hash);
    expect(p2.sentences.length).toBeGreaterThan(1);
    // Every sentence line in the text output is the JSON sentence, numbered ¶N.S.
    for (const p of json) for (const s of p.sentences) expect(lines).toContain(`  ${s.ref}  ${s.text}`);
    expect(p2.sentences[1].ref).toBe('¶2.2');
    expect(p2.sentences.map((s: { text: string }) => s.text).join(' ')).toBe(p2.text);
  });
  it('an unknown id is an input error with a suggestion', async () => {
    const r = await runCli(['releases', '--text', 'mps-2021-09-28-zh-cambodia']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Did you mean "mps-2021-09-28-zh-cambodia-video-meeting"?');
  });
});

describe('facts', () => {
  it('lists curated facts and machine-found candidates, including the attendee list', async () => {
    const r = await runCli(['facts', 'mps-2021-09-28-zh-cambodia-video-meeting', '--json']);
    const rows = r.stdout.split('\n').map((l) => JSON.parse(l));
    expect(rows.filter((x) => x.kind === 'curated').length).toBeGreaterThanOrEqual(3);
    const candidates = rows.filter((x) => x.kind === 'candidate');
    expect(candidates).toContainEqual({ kind: 'candidate', type: 'date', paragraph: 1, evidence: '28日' });
    expect(candidates).toContainEqual({ kind: 'candidate', type: 'date', paragraph: 2, evidence: '2019年1月' });
    expect(candidates).toContainEqual({ kind: 'candidate', type: 'person', paragraph: 6, evidence: '公安部常務副部長王小洪', role: '公安部常務副部長' });
  });
});

describe('release front matter problems point at the key', () => {
  it('a translation_of that names no release, and a duplicate id, are reported at their values', async () => {
    const project = tempProject();
    const en = path.join(project, 'releases', 'mps-2021-09-24-en-sco-pabbi-antiterror-letter.md');
    writeFileSync(en, readFileSync(en, 'utf8').replace(`translation_of: ${SCO_ZH}`, 'translation_of: no-such-release'));
    const zh = readFileSync(path.join(project, 'releases', `${SCO_ZH}.md`), 'utf8');
    writeFileSync(path.join(project, 'releases', 'zz-copy.md'), zh);
    const r = await runCli(['check', '--json'], project);
    expect(r.code).toBe(1);
    const rows = r.stdout.split('\n').map((l) => JSON.parse(l)).filter((x) => x.code === 'BP103' || x.code === 'BP104');
    const lineOf = (file: string, key: string) => readFileSync(path.join(project, file), 'utf8').split('\n').findIndex((l) => l.startsWith(`${key}:`)) + 1;
    const bp104 = rows.find((x) => x.code === 'BP104');
    expect(bp104).toMatchObject({ file: 'releases/mps-2021-09-24-en-sco-pabbi-antiterror-letter.md', start: { line: lineOf('releases/mps-2021-09-24-en-sco-pabbi-antiterror-letter.md', 'translation_of'), column: 17 } });
    const bp103 = rows.find((x) => x.code === 'BP103');
    expect(bp103.start).toEqual({ line: lineOf(bp103.file, 'id'), column: 5 });
  });
});
