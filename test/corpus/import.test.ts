/**
 * `briefpack import`: splitting a raw dump into releases, pairing translations, writing
 * release files. The seed dump pins the expected split; the robustness cases rebuild dumps
 * from the seed's paragraphs (other order, wrapped blocks, Simplified script, no end marks,
 * Chinese only) so the heuristics are not tuned to one file's layout.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as OpenCC from 'opencc-js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { importCommand, type ImportFlags } from '../../src/cli/commands/import.js';
import type { CommandContext } from '../../src/cli/context.js';
import { loadGlossary } from '../../src/corpus/glossary.js';
import { pairTranslations } from '../../src/corpus/import/pair-translations.js';
import { findFullDate, splitDump, type ReleaseDraft } from '../../src/corpus/import/split-dump.js';
import { chineseScriptOf } from '../../src/corpus/script-characters.js';
import { DATE_TODO } from '../../src/corpus/import/write-release-files.js';
import { readReleaseFile } from '../../src/corpus/release-file.js';
import { DiagnosticError } from '../../src/diagnostics/diagnostic.js';
import { PROJECT_ROOT, SEED_DUMP } from '../helpers/project.js';

const RAW = 'raw/000_49f9c83db72c5203.txt';
const seed = readFileSync(SEED_DUMP, 'utf8');
const seedLines = seed.split('\n');
/** Seed lines by 1-based range, inclusive. */
const lines = (first: number, last: number) => seedLines.slice(first - 1, last);
const cambodia = lines(1, 6);
const scoLetterZh = lines(7, 9);
const scoLetterEn = lines(10, 13);
const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });
const glossary = loadGlossary(PROJECT_ROOT).terms;

const shape = (drafts: ReleaseDraft[]) => drafts.map((d) => ({ lang: d.lang, paragraphs: d.paragraphs.length, headline: d.headline !== null }));
const pairsOf = (drafts: ReleaseDraft[]) => pairTranslations(drafts, glossary).map((p) => [p.translation, p.original]);

const CAMBODIA = { lang: 'zh-Hant', paragraphs: 6, headline: false };
const SCO_ZH = { lang: 'zh-Hant', paragraphs: 2, headline: true };
const SCO_EN = { lang: 'en', paragraphs: 3, headline: true };

describe('splitDump on the seed dump', () => {
  const drafts = splitDump(seed, { rawPath: RAW });

  it('finds the three releases with their lines, headlines and raw paragraphs', () => {
    expect(shape(drafts)).toEqual([CAMBODIA, SCO_ZH, SCO_EN]);
    expect(drafts.map((d) => d.lineRange)).toEqual([[1, 6], [7, 9], [10, 13]]);
    expect(drafts.map((d) => d.source)).toEqual([`${RAW}#L1-L6`, `${RAW}#L7-L9`, `${RAW}#L10-L13`]);
    expect(drafts[0]!.paragraphs).toEqual(cambodia);
    expect(drafts[1]!.headline).toBe(scoLetterZh[0]);
    expect(drafts[1]!.paragraphs).toEqual(scoLetterZh.slice(1));
    expect(drafts[2]!.headline).toBe(scoLetterEn[0]);
    expect(drafts[2]!.paragraphs).toEqual(scoLetterEn.slice(1));
  });

  it('states no date ("28日" is not a full date) and proposes ids and titles', () => {
    expect(drafts.map((d) => d.date)).toEqual([null, null, null]);
    expect(drafts.map((d) => d.proposedId)).toEqual([
      'undated-zh-000-49f9c83db72c5203-1',
      'undated-zh-000-49f9c83db72c5203-2',
      'undated-en-zhao-kezhi-sends-letter-director-executive-committee-rats',
    ]);
    // No headline: the first sentence, cleaned (no pinyin) and cut to 60 Han characters.
    expect(drafts[0]!.proposedTitle).toMatch(/^國務委員、公安部部長趙克志與柬埔寨副首相兼內政大臣薩肯28日出席.*…$/u);
    expect(drafts[0]!.proposedTitle.match(/\p{Script=Han}/gu)!.length).toBeLessThanOrEqual(60);
    expect(drafts[1]!.proposedTitle).toBe('就上合組織成員國主管機關舉行“帕比—反恐—2021”聯合反恐演習趙克志致函上合組織地區反恐怖機構執委會主任吉約索夫');
    expect(drafts[2]!.proposedTitle).toBe(scoLetterEn[0]);
  });

  it('pairs the English letter with the Chinese one only', () => {
    expect(pairsOf(drafts)).toEqual([[2, 1]]);
  });

  it('leaves an English release unpaired when its original is not in the dump', () => {
    const drafts = splitDump([...cambodia, ...scoLetterEn].join('\n'), { rawPath: RAW });
    expect(shape(drafts)).toEqual([CAMBODIA, SCO_EN]);
    expect(pairsOf(drafts)).toEqual([]);
  });

  it('keeps an id an existing release from the same source uses, and avoids one used by another source', () => {
    const existing = [
      { id: 'undated-zh-000-49f9c83db72c5203-1', source: 'raw/other.txt#L1-L3' },
      { id: 'undated-zh-000-49f9c83db72c5203-2', source: `${RAW}#L7-L9` },
    ];
    const ids = splitDump(seed, { rawPath: RAW, existing }).map((d) => d.proposedId);
    expect(ids.slice(0, 2)).toEqual(['undated-zh-000-49f9c83db72c5203-1-2', 'undated-zh-000-49f9c83db72c5203-2']);
  });
});

describe('splitDump on dumps rebuilt from the seed', () => {
  it('English release first', () => {
    const drafts = splitDump([...scoLetterEn, ...cambodia, ...scoLetterZh].join('\n'), { rawPath: RAW });
    expect(shape(drafts)).toEqual([SCO_EN, CAMBODIA, SCO_ZH]);
    expect(drafts.map((d) => d.lineRange)).toEqual([[1, 4], [5, 10], [11, 13]]);
    expect(pairsOf(drafts)).toEqual([[0, 2]]);
  });

  it('no end marks: English first without its ■', () => {
    const en = scoLetterEn.map((l) => l.replace(/■$/u, ''));
    const drafts = splitDump([...en, ...cambodia, ...scoLetterZh].join('\n'), { rawPath: RAW });
    expect(shape(drafts)).toEqual([SCO_EN, CAMBODIA, SCO_ZH]);
    expect(pairsOf(drafts)).toEqual([[0, 2]]);
  });

  it('an end mark is enough to end a release; without it two headline-less releases run together', () => {
    const body = scoLetterEn.slice(1);
    expect(shape(splitDump([...body, ...body].join('\n'), { rawPath: RAW }))).toEqual([
      { lang: 'en', paragraphs: 3, headline: false },
      { lang: 'en', paragraphs: 3, headline: false },
    ]);
    const unmarked = body.map((l) => l.replace(/■$/u, ''));
    expect(shape(splitDump([...unmarked, ...unmarked].join('\n'), { rawPath: RAW }))).toEqual([{ lang: 'en', paragraphs: 6, headline: false }]);
  });

  it('CRLF line ends and a byte-order mark change nothing', () => {
    const drafts = splitDump(`\ufeff${seedLines.join('\r\n')}\r\n`, { rawPath: RAW });
    expect(shape(drafts)).toEqual([CAMBODIA, SCO_ZH, SCO_EN]);
    expect(drafts.map((d) => d.lineRange)).toEqual([[1, 6], [7, 9], [10, 13]]);
    expect(drafts[2]!.paragraphs).toEqual(scoLetterEn.slice(1));
  });

  it('paragraphs separated by blank lines, lines hard-wrapped', () => {
    const wrap = (line: string): string[] => (/\p{Script=Han}/u.test(line) ? wrapChinese(line, 40) : wrapLatin(line, 72));
    const paragraphs = [...cambodia, ...scoLetterZh, ...scoLetterEn];
    const dump = `${paragraphs.map((p) => wrap(p).join('\n')).join('\n\n')}\n`;
    const drafts = splitDump(dump, { rawPath: RAW });
    expect(shape(drafts)).toEqual([CAMBODIA, SCO_ZH, SCO_EN]);
    // A block keeps its line breaks (raw); unwrapped it is the seed's line again.
    const unwrapped = drafts.flatMap((d) => [d.headline, ...d.paragraphs]).filter((p) => p !== null);
    expect(unwrapped.map((p, i) => p!.replace(/\n/g, i < 9 ? '' : ' '))).toEqual(paragraphs);
    expect(drafts[0]!.paragraphs[1]).toContain('\n');
    expect(drafts[2]!.lineRange[1]).toBe(dump.trimEnd().split('\n').length);
    expect(pairsOf(drafts)).toEqual([[2, 1]]);
  });

  it('hard-wrapped lines with no blank line between paragraphs', () => {
    const wrap = (line: string): string[] => (/\p{Script=Han}/u.test(line) ? wrapChinese(line, 40) : wrapLatin(line, 72));
    const paragraphs = [...cambodia, ...scoLetterZh, ...scoLetterEn];
    const drafts = splitDump(paragraphs.flatMap(wrap).join('\n'), { rawPath: RAW });
    // Each language's wrap width is found on its own lines (Chinese at 40 characters, English at 72 columns).
    expect(shape(drafts)).toEqual([CAMBODIA, SCO_ZH, SCO_EN]);
    const unwrapped = drafts.flatMap((d) => [d.headline, ...d.paragraphs]).filter((p) => p !== null);
    expect(unwrapped.map((p, i) => p!.replace(/\n/g, i < 9 ? '' : ' '))).toEqual(paragraphs);
  });

  it('Simplified-script dump is zh-Hans', () => {
    const dump = [...cambodia, ...scoLetterZh].map(toSimplified).concat(scoLetterEn).join('\n');
    const drafts = splitDump(dump, { rawPath: RAW });
    expect(shape(drafts)).toEqual([{ ...CAMBODIA, lang: 'zh-Hans' }, { ...SCO_ZH, lang: 'zh-Hans' }, SCO_EN]);
    expect(drafts[0]!.proposedId).toBe('undated-zhs-000-49f9c83db72c5203-1');
    expect(pairsOf(drafts)).toEqual([[2, 1]]);
  });

  it('Chinese only, a Simplified version following the Traditional one', () => {
    const drafts = splitDump([...cambodia, ...scoLetterZh, ...scoLetterZh.map(toSimplified)].join('\n'), { rawPath: RAW });
    expect(shape(drafts)).toEqual([CAMBODIA, SCO_ZH, { ...SCO_ZH, lang: 'zh-Hans' }]);
    expect(pairsOf(drafts)).toEqual([]);
    expect(shape(splitDump([...cambodia, ...scoLetterZh].join('\n'), { rawPath: RAW }))).toEqual([CAMBODIA, SCO_ZH]);
  });

  it('a stated full date becomes the date and the start of the id', () => {
    const dated = [`${scoLetterEn[0]}`, `BEIJING, September 24, 2021 — ${scoLetterEn[1]}`, ...scoLetterEn.slice(2)];
    const [draft] = splitDump(dated.join('\n'), { rawPath: RAW });
    expect(draft!.date).toBe('2021-09-24');
    expect(draft!.proposedId).toBe('2021-09-24-en-zhao-kezhi-sends-letter-director-executive-committee-rats');
  });
});

describe('findFullDate and chineseScriptOf', () => {
  it.each([
    ['趙克志2021年9月28日出席', '2021-09-28'],
    ['２０２１年９月２８日', '2021-09-28'],
    ['二〇二一年九月二十八日', '2021-09-28'],
    ['on 28 September 2021 in Beijing', '2021-09-28'],
    ['on September 28, 2021,', '2021-09-28'],
    ['Sept. 28, 2021', '2021-09-28'],
    ['薩肯28日出席', null],
    ['in September 2021', null],
    ['2019年1月', null],
    ['2021年2月30日', null],
  ])('%s → %s', (text, date) => {
    expect(findFullDate(text)).toBe(date);
  });

  it('tells script-specific characters from shared ones', () => {
    expect(['們', '務', '纯', '帧', '们', '中', '帕'].map(chineseScriptOf)).toEqual(['Hant', 'Hant', 'Hans', 'Hans', 'Hans', null, null]);
  });
});

describe('briefpack import', () => {
  const run = async (root: string, args: string[], flags: ImportFlags) => {
    const out: string[] = [];
    const err: string[] = [];
    const ctx: CommandContext = { projectRoot: root, log: (l) => out.push(l), error: (l) => err.push(l) };
    const result = await importCommand(ctx, args, flags);
    return { ...result, out, err };
  };
  const frontMatterOf = (text: string) => parse(text.split('\n---\n')[0]!.replace(/^---\n/, '')) as Record<string, unknown>;

  it('writes three release files into an empty folder, readable once a date is filled in', async () => {
    const into = mkdtempSync(path.join(os.tmpdir(), 'bp-import-'));
    const { exitCode, out, diagnostics } = await run(PROJECT_ROOT, [SEED_DUMP], { into });
    expect(exitCode).toBe(0);
    expect(out).toHaveLength(4);
    // The second release starts on a headline and a lead only, and the English letter shares
    // few figures with its original: located warnings, not refusals.
    expect(diagnostics.map((d) => [d.code, d.start.line])).toEqual([['BP115', 7], ['BP117', 10]]);
    expect(out[0]).toMatch(/^written +undated-zh-000-49f9c83db72c5203-1 +zh-Hant +6 ¶ +headline no +translation_of —/u);
    expect(out[1]).toMatch(/^written +undated-zh-000-49f9c83db72c5203-2 +zh-Hant +2 ¶ +headline yes +translation_of —/u);
    expect(out[2]).toMatch(/^written +undated-en-zhao-kezhi-\S+ +en +3 ¶ +headline yes +translation_of undated-zh-000-49f9c83db72c5203-2/u);
    expect(out[3]).toMatch(/^3 releases in .*: 3 written, 0 skipped/);

    const files = readdirSync(into).sort();
    expect(files).toHaveLength(3);
    const rawPath = path.relative(into, SEED_DUMP).split(path.sep).join('/');
    const expected = [
      { lines: [1, 6], paragraphs: cambodia, headline: null, translationOf: null },
      { lines: [7, 9], paragraphs: scoLetterZh.slice(1), headline: scoLetterZh[0], translationOf: null },
      { lines: [10, 13], paragraphs: scoLetterEn.slice(1), headline: scoLetterEn[0], translationOf: 'undated-zh-000-49f9c83db72c5203-2' },
    ];
    const byLine = files.map((f) => readFileSync(path.join(into, f), 'utf8')).sort((a, b) => lineOf(a) - lineOf(b));
    for (const [i, text] of byLine.entries()) {
      const want = expected[i]!;
      const [first, last] = want.lines;
      expect(text.split('\n').slice(0, 2)).toEqual(['---', `# Imported by briefpack import from ${rawPath} lines ${first}–${last}; edit freely.`]);
      expect(text).toContain(`issued: null #${DATE_TODO}`);
      expect(frontMatterOf(text)).toMatchObject({ issued: null, source: `${rawPath}#L${first}-L${last}` });
      const { release, diagnostics } = readReleaseFile(text.replace('issued: null', 'issued: 2021-09-24'), `release-${i}.md`);
      // The loader may warn (mojibake, Simplified characters); it must not refuse the file.
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(release!.paragraphs.map((p) => p.raw)).toEqual(want.paragraphs);
      expect(release!.headline !== null).toBe(want.headline !== null);
      expect(release!.translationOf).toBe(want.translationOf);
      expect(`${release!.id}.md`).toBe(files.find((f) => readFileSync(path.join(into, f), 'utf8') === text));
    }
  });

  it('never overwrites an existing file without --force', async () => {
    const into = mkdtempSync(path.join(os.tmpdir(), 'bp-import-force-'));
    await run(PROJECT_ROOT, [SEED_DUMP], { into });
    const edited = path.join(into, 'undated-zh-000-49f9c83db72c5203-1.md');
    const original = readFileSync(edited, 'utf8');
    writeFileSync(edited, original.replace('issued: null', 'issued: 2021-09-28'));

    const again = await run(PROJECT_ROOT, [SEED_DUMP], { into });
    expect(again.exitCode).toBe(0);
    expect(again.out.slice(0, 3).every((l) => l.startsWith('skipped'))).toBe(true);
    expect(again.out[0]).toContain('file exists (--force overwrites it)');
    expect(readFileSync(edited, 'utf8')).toContain('issued: 2021-09-28');
    expect(readdirSync(into)).toHaveLength(3);

    const forced = await run(PROJECT_ROOT, [SEED_DUMP], { into, force: true });
    expect(forced.out.slice(0, 3).every((l) => l.startsWith('overwritten'))).toBe(true);
    expect(readFileSync(edited, 'utf8')).toBe(original);
  });

  it('skips a release the folder already holds under another id, and points the translation at it', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'bp-import-project-'));
    mkdirSync(path.join(root, 'releases', 'raw'), { recursive: true });
    copyFileSync(SEED_DUMP, path.join(root, 'releases', RAW));
    copyFileSync(path.join(PROJECT_ROOT, 'releases', 'glossary.yaml'), path.join(root, 'releases', 'glossary.yaml'));
    const curated = 'mps-2021-09-24-zh-sco-pabbi-antiterror-letter';
    copyFileSync(path.join(PROJECT_ROOT, 'releases', `${curated}.md`), path.join(root, 'releases', `${curated}.md`));

    const { out } = await run(root, [path.join('releases', RAW)], {});
    expect(out[0]).toMatch(/^written +undated-zh-000-49f9c83db72c5203-1 /);
    expect(out[1]).toMatch(new RegExp(`^skipped .*already imported as ${curated}`));
    expect(out[2]).toMatch(new RegExp(`^written +undated-en-\\S+ .*translation_of ${curated}`));
    const english = readdirSync(path.join(root, 'releases')).find((f) => f.startsWith('undated-en-'))!;
    expect(frontMatterOf(readFileSync(path.join(root, 'releases', english), 'utf8'))).toMatchObject({ source: `${RAW}#L10-L13`, translation_of: curated });
  });

  it('reports a missing dump as BP501', async () => {
    const error = await run(PROJECT_ROOT, ['releases/raw/no-such-dump.txt'], {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiagnosticError);
    expect((error as DiagnosticError).diagnostics.map((d) => [d.code, d.file])).toEqual([['BP501', 'releases/raw/no-such-dump.txt']]);
  });
});

function lineOf(releaseFile: string): number {
  return Number(/#L(\d+)-/.exec(releaseFile)![1]);
}

/** Hard-wraps Chinese every `width` characters, never between a character and its pinyin gloss. */
function wrapChinese(line: string, width: number): string[] {
  const units = line.match(/\p{Script=Han}\([^)]*\)|./gsu) ?? [];
  const out: string[] = [];
  for (let i = 0; i < units.length; i += width) out.push(units.slice(i, i + width).join(''));
  return out;
}

function wrapLatin(line: string, width: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of line.split(' ')) {
    if (current && current.length + 1 + word.length > width) out.push(current), (current = word);
    else current = current ? `${current} ${word}` : word;
  }
  if (current) out.push(current);
  return out;
}
