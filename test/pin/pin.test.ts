/**
 * `briefpack pin`: hashes go into the spec without disturbing anything else the editor wrote
 * (comments, blank lines, flow maps, folded text), the quoted text into the lock file; a
 * changed source then makes the build warn with the old and new sentence; `--update` accepts.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { changedSentences } from '../../src/resolve/pinned-text.js';
import { runCli, tempProject } from '../helpers/temp-project.js';

const EN = 'mps-2021-09-24-en-sco-pabbi-antiterror-letter';
const ZH = 'mps-2021-09-24-zh-sco-pabbi-antiterror-letter';

// Every way an editor writes an excerpt: block map, flow map, a list of paragraphs, chosen
// sentences, a quote; comments before, beside and after; a folded summary.
const SPEC = `# yaml-language-server: $schema=../schema/brief.schema.json
# The editor's own notes stay where they are.
title: Pin test
date: 2021-09-30
classification: OFFICIAL
summary: >-
  A folded summary that runs
  over two lines.
sections:
  - heading: One
    excerpts:
      # whole paragraphs
      - release: ${EN}
        paragraphs: [1, 2]   # the opening
      - {release: ${ZH}, paragraphs: 1}

      - release: ${EN}
        paragraph: 3
        sentences: [1, 2]
        # trailing comment in the map
  - heading: Two
    excerpts:
      - release: ${EN}
        quote: in the right time
        context: sentence
`;

describe('briefpack pin', () => {
  let project = '';
  const brief = 'briefs/pin-test.yaml';
  const specPath = () => path.join(project, brief);
  const hashes = async (id: string) =>
    Object.fromEntries((await runCli(['releases', '--text', id, '--json'], project)).stdout.split('\n').map((l) => JSON.parse(l)).map((p) => [p.paragraph, p.hash]));

  beforeAll(() => {
    project = tempProject({ briefs: false });
    writeFileSync(specPath(), SPEC);
  });

  it('writes one hash per quoted paragraph and changes nothing else in the spec', async () => {
    const r = await runCli(['pin', brief], project);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${brief}: 4 pinned, 0 unchanged; quoted text kept in briefs/pin-test.lock.yaml`);
    const en = await hashes(EN);
    const zh = await hashes(ZH);
    const after = readFileSync(specPath(), 'utf8');
    const added = after.split('\n').filter((l) => !SPEC.split('\n').includes(l));
    expect(added).toEqual([
      `        hash: [${en[1]}, ${en[2]}]`,
      `      - {release: ${ZH}, paragraphs: 1, hash: ${zh[1]}}`,
      `        hash: ${en[3]}`,
      `        hash: ${en[3]}`,
    ]);
    // Removing the added lines (and the flow map's addition) gives back the editor's text.
    const restored = after
      .split('\n')
      .filter((l) => !/^ {8}hash: /.test(l))
      .join('\n')
      .replace(`, hash: ${zh[1]}}`, '}');
    expect(restored).toBe(SPEC);
    expect(after).toContain(`- {release: ${ZH}, paragraphs: 1, hash: ${zh[1]}}`);
    // The quote excerpt pins the paragraph its quote is in.
    const doc = parse(after);
    const quote = doc.sections[1].excerpts[0];
    expect(Object.values(en)).toContain(quote.hash);
    // The trailing comment of the third excerpt still follows its keys.
    expect(after).toMatch(/sentences: \[1, 2\]\n {8}hash: [0-9a-f]{12}\n {8}# trailing comment in the map/);
  });

  it('keeps the quoted text in the lock file, by release, paragraph and hash', async () => {
    const lock = parse(readFileSync(path.join(project, 'briefs/pin-test.lock.yaml'), 'utf8'));
    const text = (await runCli(['releases', '--text', EN, '--json'], project)).stdout.split('\n').map((l) => JSON.parse(l));
    const p3 = lock.paragraphs.find((p: { release: string; paragraph: number }) => p.release === EN && p.paragraph === 3);
    expect(p3.hash).toBe(text[2].hash);
    expect(p3.sentences).toEqual(text[2].sentences.map((s: { text: string }) => s.text));
    expect(lock.brief).toBe(brief);
  });

  it('is a no-op when run again, and the build does not count the lock file as a brief', async () => {
    const before = readFileSync(specPath(), 'utf8');
    const r = await runCli(['pin', brief], project);
    expect(r.stdout).toContain('0 pinned, 4 unchanged');
    expect(readFileSync(specPath(), 'utf8')).toBe(before);
    const built = await runCli(['build', '--format', 'docx', '--jobs', '1', '--json'], project);
    const summary = built.stdout.split('\n').map((l) => JSON.parse(l)).find((e) => e.event === 'summary');
    expect(summary).toMatchObject({ total: 1, failed: 0, warnings: 0 });
  });

  it('a changed source makes the build warn with the old and new sentence; pin --update accepts it', async () => {
    const release = path.join(project, `releases/${EN}.md`);
    writeFileSync(release, readFileSync(release, 'utf8').replace('earnestly practice', 'faithfully practise'));
    const built = await runCli(['build', brief, '--format', 'docx', '--jobs', '1'], project);
    expect(built.code).toBe(0);
    const warning = built.stderr.split('\n');
    const head = warning.findIndex((l) => l.includes('warning BP215'));
    expect(warning[head]).toMatch(new RegExp(`^briefs/pin-test\\.yaml:\\d+:\\d+: warning BP215: the quoted text of "${EN}" ¶3 has changed since it was pinned`));
    expect(warning[head + 1]).toMatch(/^ {2}¶3\.2 was: All the parties .*earnestly practice/);
    expect(warning[head + 2]).toMatch(/^ {2}¶3\.2 now: All the parties .*faithfully practise/);
    // Only the changed sentence is shown, and every excerpt quoting ¶3 warns (two of them).
    expect(built.stderr.match(/warning BP215/g)).toHaveLength(2);
    expect(built.stderr).not.toContain('¶3.1 was');
    expect(await runCli(['build', brief, '--format', 'docx', '--strict', '--jobs', '1'], project)).toMatchObject({ code: 3 });

    const pinned = await runCli(['pin', brief], project);
    expect(pinned.stdout).toContain('2 changed in the source (run with --update to accept)');
    expect(pinned.stderr).toContain('¶3.2 now:');
    const updated = await runCli(['pin', brief, '--update'], project);
    expect(updated.stdout).toContain('2 updated');
    const lock = readFileSync(path.join(project, 'briefs/pin-test.lock.yaml'), 'utf8');
    expect(lock).toContain('faithfully practise');
    expect(lock).not.toContain('earnestly practice');
    const clean = await runCli(['build', brief, '--format', 'docx', '--strict', '--jobs', '1'], project);
    expect(clean.stderr).not.toContain('BP215');
    expect(clean.code).toBe(0);
  });

  it('without a lock entry the warning still names the hashes and says why no text is shown', async () => {
    const lockFile = path.join(project, 'briefs/pin-test.lock.yaml');
    expect(existsSync(lockFile)).toBe(true);
    writeFileSync(lockFile, readFileSync(lockFile, 'utf8').replace(/paragraphs:[\s\S]*/, 'paragraphs: []\n'));
    const release = path.join(project, `releases/${EN}.md`);
    writeFileSync(release, readFileSync(release, 'utf8').replace('faithfully practise', 'firmly practise'));
    const built = await runCli(['build', brief, '--format', 'docx', '--jobs', '1'], project);
    expect(built.stderr).toContain('its pinned text is not in briefs/pin-test.lock.yaml');
  });
});

describe('briefpack pin with included sections', () => {
  it('writes the hash into the file that holds the excerpt, and the lock beside the brief', async () => {
    const project = tempProject({ briefs: false });
    mkdirSync(path.join(project, 'briefs/parts'));
    const part = `# shared section\nheading: Shared\nexcerpts:\n  - release: ${EN}\n    paragraphs: 2 # the exercise\n`;
    writeFileSync(path.join(project, 'briefs/parts/shared.yaml'), part);
    const brief = `title: With part\ndate: 2021-09-30\nclassification: OFFICIAL\nsections:\n  - include: parts/shared.yaml\n`;
    writeFileSync(path.join(project, 'briefs/with-part.yaml'), brief);
    const r = await runCli(['pin'], project);
    expect(r.stdout).toContain('briefs/with-part.yaml: 1 pinned, 0 unchanged; quoted text kept in briefs/with-part.lock.yaml');
    const hash = JSON.parse((await runCli(['releases', '--text', EN, '--json'], project)).stdout.split('\n')[1]!).hash;
    expect(readFileSync(path.join(project, 'briefs/parts/shared.yaml'), 'utf8')).toBe(part.replace('# the exercise\n', `# the exercise\n    hash: ${hash}\n`));
    expect(readFileSync(path.join(project, 'briefs/with-part.yaml'), 'utf8')).toBe(brief);
    expect(existsSync(path.join(project, 'briefs/with-part.lock.yaml'))).toBe(true);
  });
});

describe('changedSentences', () => {
  it('shows only the sentences that differ, numbered ¶N.S', () => {
    expect(changedSentences(['A.', 'B.', 'C.'], ['A.', 'B2.', 'C.'], 2)).toEqual(['¶2.2 was: B.', '¶2.2 now: B2.']);
  });
  it('says when sentences were added or removed', () => {
    expect(changedSentences(['A.', 'C.'], ['A.', 'B.', 'C.'], 1)).toEqual(['(added after ¶1.1)', '¶1.2 now: B.']);
    expect(changedSentences(['A.', 'B.', 'C.'], ['A.', 'C.'], 1)).toEqual(['¶1.2 was: B.', '(removed; ¶1 now has 2 sentences)']);
  });
});
