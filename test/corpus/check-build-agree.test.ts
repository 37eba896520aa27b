/**
 * `check` and `build` read releases through one loader, so they must say the same about the
 * same release. Each fixture below changes the sample corpus the way editors and scrapers do;
 * `check` (every release read eagerly) and `build` of the SCO brief (releases read lazily, as
 * quoted) must report the same diagnostics for the releases the brief quotes, and `build`
 * must report nothing about releases it does not quote.
 *
 * This pins the bug where a quoted front-matter id (`id: "…"`) made `check` miss the
 * correction for that release (and report its mojibake) while `build` applied it.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempProject } from '../helpers/temp-project.js';

const ZH = 'releases/mps-2021-09-24-zh-sco-pabbi-antiterror-letter.md';
const EN = 'releases/mps-2021-09-24-en-sco-pabbi-antiterror-letter.md';
const ZH_ID = 'mps-2021-09-24-zh-sco-pabbi-antiterror-letter';
const BRIEF = 'briefs/sco-pabbi-antiterror-letter.yaml';

type Edit = (project: string) => void;
const edit = (file: string, change: (text: string) => string): Edit => (project) => {
  const abs = path.join(project, file);
  writeFileSync(abs, change(readFileSync(abs, 'utf8')));
};
const add = (file: string, text: string): Edit => (project) => writeFileSync(path.join(project, file), text);

interface Fixture {
  name: string;
  edits: Edit[];
  /** Files `build` of the brief must not talk about (releases it does not quote). */
  unquoted?: string[];
  /** Codes the fixture must produce in both (so the comparison is not of two empty lists). */
  codes: string[];
}

const FIXTURES: Fixture[] = [
  { name: 'quoted id, with the shipped correction', edits: [edit(ZH, (t) => t.replace(`id: ${ZH_ID}`, `id: "${ZH_ID}"`))], codes: [] },
  { name: 'single-quoted id and translation_of', edits: [edit(ZH, (t) => t.replace(`id: ${ZH_ID}`, `id: '${ZH_ID}'`)), edit(EN, (t) => t.replace(`translation_of: ${ZH_ID}`, `translation_of: "${ZH_ID}"`))], codes: [] },
  {
    name: 'the correction no longer applies (mojibake left in the text)',
    edits: [edit('releases/corrections.yaml', (t) => t.replace('取得圓滿成功?!芭帘取纯帧?021”聯合', '取得圓滿成功?!芭帘取纯帧?021”聯合X'))],
    codes: ['BP108', 'BP109'],
  },
  {
    name: 'duplicate id, the first file broken',
    edits: [add('releases/000-duplicate.md', `---\nid: ${ZH_ID}\nlang: xx\ndate: 2021-09-24\ntitle: T\nsource: s\n---\n\n一段。\n`)],
    codes: ['BP102', 'BP103'],
  },
  {
    name: 'duplicate id, the second file a copy',
    edits: [(p) => writeFileSync(path.join(p, 'releases/zzz-copy.md'), readFileSync(path.join(p, ZH), 'utf8'))],
    codes: ['BP103'],
  },
  {
    name: 'a dangling translation_of',
    edits: [edit(EN, (t) => t.replace(`translation_of: ${ZH_ID}`, 'translation_of: no-such-release'))],
    codes: ['BP104'],
  },
  {
    name: 'a broken release no brief quotes',
    edits: [add('releases/zz-unquoted.md', '---\nid: zz-unquoted\nlang: en\ndate: 2021-02-30x\ntitle: T\nsource: s\n---\n\nText.\n')],
    unquoted: ['releases/zz-unquoted.md'],
    codes: [],
  },
];

interface Row {
  code: string;
  file: string;
  line: number;
  column: number;
  message: string;
}

function corpusDiagnostics(stdout: string): Row[] {
  return stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l))
    .filter((e) => e.event === 'diagnostic' && String(e.file).startsWith('releases/'))
    .map((e) => ({ code: e.code, file: e.file, line: e.start.line, column: e.start.column, message: e.message }))
    .sort((a, b) => `${a.file}:${a.line}:${a.column}:${a.code}`.localeCompare(`${b.file}:${b.line}:${b.column}:${b.code}`));
}

describe('check and build agree on every release', () => {
  for (const fixture of FIXTURES) {
    it(fixture.name, async () => {
      const project = tempProject();
      for (const e of fixture.edits) e(project);
      const out = mkdtempSync(path.join(os.tmpdir(), 'bp-agree-'));
      const checked = await runCli(['check', '--json', BRIEF], project);
      const built = await runCli(['build', '--json', '--jobs', '1', '--out', out, BRIEF], project);
      const fromCheck = corpusDiagnostics(checked.stdout);
      const fromBuild = corpusDiagnostics(built.stdout);
      const unquoted = new Set(fixture.unquoted ?? []);
      expect(fromBuild.filter((d) => unquoted.has(d.file)), 'build reports releases it does not quote').toEqual([]);
      expect(fromBuild).toEqual(fromCheck.filter((d) => !unquoted.has(d.file)));
      for (const code of fixture.codes) expect(fromCheck.map((d) => d.code), `check reports ${code}`).toContain(code);
      for (const file of unquoted) expect(fromCheck.map((d) => d.file), `check reports ${file}`).toContain(file);
      const errors = fromCheck.filter((d) => !unquoted.has(d.file) && /^BP10[1-9]|^BP11/.test(d.code));
      // The brief builds exactly when its releases have no errors.
      expect(built.code === 0, built.stderr).toBe(fixture.codes.length === 0 || errors.length === 0);
      if (!unquoted.size) expect(checked.code === 0, checked.stderr).toBe(fixture.codes.length === 0);
    });
  }
});
