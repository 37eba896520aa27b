/**
 * `briefpack import --plan`, `--split-at` / `--join` and plan files: the editor sees the
 * proposed releases with their lines, cues and confidence, and corrects a wrong guess with a
 * line number. Every mistake in a correction is a located error (BP512–BP515).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { importCommand, type ImportFlags } from '../../src/cli/commands/import.js';
import type { CommandContext } from '../../src/cli/context.js';
import { main } from '../../src/cli/main.js';
import { readPlanFile } from '../../src/corpus/import/plan-file.js';
import { splitDumpWithPlan } from '../../src/corpus/import/split-dump.js';
import { readReleaseFile } from '../../src/corpus/release-file.js';
import { DiagnosticError } from '../../src/diagnostics/diagnostic.js';
import { PROJECT_ROOT, SEED_DUMP } from '../helpers/project.js';

const REAL = path.join(PROJECT_ROOT, 'test', 'fixtures', 'corpus-real');

/** A scratch project holding one dump (and the fixtures' glossary), so paths and ids are stable. */
function project(dump: string): { root: string; dump: string } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'bp-import-plan-'));
  mkdirSync(path.join(root, 'releases', 'raw'), { recursive: true });
  const name = path.basename(dump);
  copyFileSync(dump, path.join(root, 'releases', 'raw', name));
  copyFileSync(path.join(REAL, 'glossary.yaml'), path.join(root, 'releases', 'glossary.yaml'));
  return { root, dump: `releases/raw/${name}` };
}

async function run(root: string, dump: string, flags: ImportFlags) {
  const out: string[] = [];
  const err: string[] = [];
  const ctx: CommandContext = { projectRoot: root, log: (l) => out.push(l), error: (l) => err.push(l) };
  try {
    const result = await importCommand(ctx, [dump], flags);
    return { ...result, out, err, error: undefined };
  } catch (e) {
    if (!(e instanceof DiagnosticError)) throw e;
    return { exitCode: 1, diagnostics: e.diagnostics, out, err, error: e };
  }
}

const frontMatterOf = (text: string) => parse(text.split('\n---\n')[0]!.replace(/^---\n/, '')) as Record<string, unknown>;

describe('import --plan', () => {
  it('prints each proposed release with its lines, cues, confidence and metadata, and writes nothing', async () => {
    const { root, dump } = project(path.join(REAL, 'dumps', '03-hk-government.txt'));
    const { exitCode, out } = await run(root, dump, { plan: true });
    expect(exitCode).toBe(0);
    expect(readdirSync(path.join(root, 'releases')).sort()).toEqual(['glossary.yaml', 'raw']);
    const text = out.join('\n');
    expect(out[0]).toBe('Plan for releases/raw/03-hk-government.txt (71 lines): 4 releases; nothing written (--plan)');
    expect(text).toMatch(/^ 1 {2}lines 1–20 {2}en {2}confidence 1\.00 {2}7 ¶/m);
    expect(text).toMatch(/^ 2 {2}lines 22–43 {2}zh-Hant {2}confidence 1\.00 {2}7 ¶/m);
    expect(text).toContain('starts    end-mark L17, headline L22, language L22, lead L24');
    expect(text).toContain('metadata  issued 2025-01-15; issuer Government of the Hong Kong Special Administrative Region');
    expect(text).toContain('kept out  L17 end, L18 trailer, L20 end');
    expect(text).toMatch(/^ {4}translation of 2 \(confidence 0\.9\d: figures \d+%, names 100%, paragraphs 100%, length 100%\)$/m);
    expect(text).toContain('--split-at LINE');
  });

  it('shows a report on the same event as related, not as a translation', async () => {
    const { root, dump } = project(path.join(REAL, 'dumps', '04-taiwan-president-cna.txt'));
    const { out } = await run(root, dump, { plan: true });
    const text = out.join('\n');
    expect(text).toContain('translation of 1 (confidence');
    expect(text).toMatch(/related to 1, not a translation \(.*agency dateline: a report\)/);
  });
});

describe('--split-at and --join', () => {
  const seed = readFileSync(SEED_DUMP, 'utf8');
  const ranges = (o: Parameters<typeof splitDumpWithPlan>[1]) => splitDumpWithPlan(seed, o).drafts.map((d) => d.lineRange);

  it('--join removes a proposed start; --split-at adds one (also inside a release without cues)', () => {
    expect(ranges({ rawPath: 'raw/seed.txt' })).toEqual([[1, 6], [7, 9], [10, 13]]);
    expect(ranges({ rawPath: 'raw/seed.txt', join: [7] })).toEqual([[1, 9], [10, 13]]);
    expect(ranges({ rawPath: 'raw/seed.txt', splitAt: [6] })).toEqual([[1, 5], [6, 6], [7, 9], [10, 13]]);
    const forced = splitDumpWithPlan(seed, { rawPath: 'raw/seed.txt', splitAt: [6] }).drafts[1]!;
    expect(forced.cues).toEqual([{ cue: 'forced', line: 6, weight: 10 }]);
    expect(forced.confidence).toBe(1);
  });

  it('a --split-at inside a hard-wrapped paragraph cuts the paragraph there', () => {
    const dump = 'First headline\n\nThe first paragraph runs on over\nseveral lines of about the same\nwidth until it ends here.\n';
    const { drafts } = splitDumpWithPlan(dump, { rawPath: 'raw/w.txt', splitAt: [4] });
    expect(drafts.map((d) => d.lineRange)).toEqual([[1, 3], [4, 5]]);
  });

  it('writes the corrected split', async () => {
    const { root, dump } = project(SEED_DUMP);
    const { exitCode, out } = await run(root, dump, { join: ['7'] });
    expect(exitCode).toBe(0);
    expect(out.at(-1)).toMatch(/^2 releases in .*: 2 written, 0 skipped/);
  });

  it('located errors: a blank line, a line outside the dump, a join where nothing starts, the same line twice', async () => {
    const { root, dump } = project(SEED_DUMP);
    const cases: [ImportFlags, string, number, RegExp][] = [
      [{ splitAt: ['99'] }, 'BP512', 13, /line 99 is not in the dump \(it has 13 lines\)/],
      [{ join: ['3'] }, 'BP513', 3, /--join 3: no release starts at line 3/],
      [{ join: ['1'] }, 'BP513', 1, /--join 1: no release starts at line 1/],
      [{ join: ['7'], splitAt: ['7'] }, 'BP515', 7, /line 7 is given to both --split-at and --join/],
    ];
    for (const [flags, code, line, message] of cases) {
      const { exitCode, diagnostics } = await run(root, dump, flags);
      expect(exitCode).toBe(1);
      expect(diagnostics.map((d) => [d.code, d.file, d.start.line])).toEqual([[code, dump, line]]);
      expect(diagnostics[0]!.message).toMatch(message);
    }
    const join = await run(root, dump, { join: ['3'] });
    expect(join.diagnostics[0]!.hint).toBe('Releases start at lines 7, 10 (the first release cannot be joined).');
    const blank = splitDumpWithPlan('A headline\n\nA body line.\n', { rawPath: 'raw/b.txt', splitAt: [2] });
    expect(blank.planProblems).toEqual([{ line: 2, kind: 'blank', starts: [] }]);
    expect(readdirSync(path.join(root, 'releases')).sort()).toEqual(['glossary.yaml', 'raw']);
  });

  it('is repeatable and comma-separated on the command line', async () => {
    const { root, dump } = project(SEED_DUMP);
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(['import', dump, '--plan', '--split-at', '6', '--split-at', '2,3'], { cwd: root, stdout: (l) => out.push(l), stderr: (l) => err.push(l) });
    expect(code).toBe(0);
    expect(out[0]).toMatch(/: 6 releases; nothing written/);
    expect(await main(['import', dump, '--join', 'seven'], { cwd: root, stdout: () => {}, stderr: (l) => err.push(l) })).toBe(2);
    expect(err.find((l) => l.startsWith('briefpack:'))).toMatch(/^briefpack: --join takes a dump line number \(1 or more\), not "seven"\nusage: briefpack import/);
  });
});

describe('plan files', () => {
  it('reads split_at and join lists', () => {
    expect(readPlanFile('split_at: [6]\njoin: [7]\n', 'plan.yaml')).toEqual({ splitAt: [6], join: [7], diagnostics: [] });
    expect(readPlanFile('# nothing to correct\n', 'plan.yaml')).toEqual({ splitAt: [], join: [], diagnostics: [] });
    expect(readPlanFile('join: 7\n', 'plan.yaml').join).toEqual([7]);
  });

  it('reports every problem at its place in the plan file (BP514)', () => {
    const bad = readPlanFile('split_at: [6, six]\nsplit: [3]\njoin: [0]\n', 'releases/raw/seed.plan.yaml');
    expect(bad.diagnostics.map((d) => [d.code, d.file, d.start.line, d.start.column, d.message])).toEqual([
      ['BP514', 'releases/raw/seed.plan.yaml', 1, 15, '"split_at" must list dump line numbers (1 or more), not "six"'],
      ['BP514', 'releases/raw/seed.plan.yaml', 2, 1, 'unknown key "split" (known: split_at, join)'],
      ['BP514', 'releases/raw/seed.plan.yaml', 3, 8, '"join" must list dump line numbers (1 or more), not 0'],
    ]);
    expect(readPlanFile('split_at: [6\n', 'p.yaml').diagnostics[0]!.code).toBe('BP514');
    expect(readPlanFile(null, 'p.yaml').diagnostics[0]!.message).toBe('plan file not found: p.yaml');
  });

  it('--plan-file applies the corrections', async () => {
    const { root, dump } = project(SEED_DUMP);
    writeFileSync(path.join(root, 'releases', 'raw', 'seed.plan.yaml'), 'join: [7]\n');
    const { out } = await run(root, dump, { plan: true, planFile: 'releases/raw/seed.plan.yaml' });
    expect(out[0]).toMatch(/: 2 releases; nothing written/);
    const missing = await run(root, dump, { planFile: 'releases/raw/none.yaml' });
    expect(missing.diagnostics.map((d) => [d.code, d.file])).toEqual([['BP514', 'releases/raw/none.yaml']]);
  });
});

describe('imported release files carry the metadata the text states', () => {
  it('issued, place, issuer, headline, translation_of with its confidence, related; readable without errors', async () => {
    const { root, dump } = project(path.join(REAL, 'dumps', '04-taiwan-president-cna.txt'));
    const { exitCode } = await run(root, dump, {});
    expect(exitCode).toBe(0);
    const files = readdirSync(path.join(root, 'releases')).filter((f) => f.endsWith('.md'));
    expect(files).toHaveLength(4);
    const byHeadline = new Map(files.map((f) => {
      const text = readFileSync(path.join(root, 'releases', f), 'utf8');
      return [String(frontMatterOf(text).headline), { f, text, meta: frontMatterOf(text) }];
    }));
    const cna = byHeadline.get('Lai vows new rescue vehicles as firefighters honored')!;
    expect(cna.meta).toMatchObject({ lang: 'en', issued: '2025-01-13', place: 'Taipei', issuer: { zh: '中央通訊社', en: 'Central News Agency' }, source: 'raw/04-taiwan-president-cna.txt#L24-L30' });
    expect(cna.meta.translation_of).toBeUndefined();
    const president = [...byHeadline.values()].find((r) => r.meta.lang === 'zh-Hant' && r.meta.headline)!;
    expect(cna.meta.related).toEqual([president.meta.id]);
    const english = byHeadline.get('President Lai meets 2024 Phoenix Award recipients')!;
    expect(english.meta.translation_of).toBe(president.meta.id);
    expect(english.text).toMatch(/^translation_of: \S+ # paired by briefpack import, confidence 0\.\d\d$/m);
    // The CNA Chinese report: its editor's mark is kept out of the text; the date comes from it.
    const zhReport = byHeadline.get('賴總統：汰換救災車輛 強化消防量能')!;
    expect(zhReport.meta).toMatchObject({ issued: '2025-01-13', place: '台北' });
    expect(zhReport.text).not.toContain('編輯');
    for (const { f, text } of byHeadline.values()) {
      const { release, diagnostics } = readReleaseFile(text, f);
      expect(diagnostics.filter((d) => d.severity === 'error'), f).toEqual([]);
      expect(release).toBeDefined();
    }
  });

  it('a date without a year stays empty, with a TODO naming what the text gave, and a BP116 warning', async () => {
    const { root, dump } = project(path.join(REAL, 'dumps', '01-xinhua-peoples-daily.txt'));
    const { diagnostics } = await run(root, dump, {});
    expect(diagnostics.filter((d) => d.code === 'BP116').map((d) => d.start.line)).toEqual([14, 23, 28]);
    const files = readdirSync(path.join(root, 'releases')).filter((f) => f.startsWith('undated-zhs-'));
    const text = files.map((f) => readFileSync(path.join(root, 'releases', f), 'utf8')).find((t) => t.includes('#L11-L21'))!;
    expect(text).toContain('issued: null # TODO: the text gives month 3 day 16 (line 14) but no year');
  });
});

describe('docs/corpus.md', () => {
  it('shows the worked --plan example exactly as the importer prints it', async () => {
    const doc = readFileSync(path.join(PROJECT_ROOT, 'docs', 'corpus.md'), 'utf8');
    const command = '$ npx briefpack import releases/raw/000_49f9c83db72c5203.txt --plan\n';
    const at = doc.indexOf(command);
    expect(at).toBeGreaterThan(0);
    const shown = doc.slice(at + command.length, doc.indexOf('```', at)).trimEnd();
    const lines: string[] = [];
    const code = await main(['import', 'releases/raw/000_49f9c83db72c5203.txt', '--plan'], { cwd: PROJECT_ROOT, stdout: (l) => lines.push(l), stderr: (l) => lines.push(l) });
    expect(code).toBe(0);
    expect(shown).toBe(lines.join('\n').trimEnd());
  });
});
