/**
 * Scores `briefpack import` on dumps modelled on real releases from many issuers
 * (test/fixtures/corpus-real: Xinhua, People's Daily, China News Service, the Chinese foreign
 * ministry, the Hong Kong government, the Taiwan Presidential Office, CNA, RTHK, China Daily,
 * the Taiwan foreign ministry, and as unseen-issuer checks written after tuning: the State
 * Council, the Macao government, Global Times, the Ministry of Commerce, the Executive Yuan,
 * Singapore's foreign ministry; see SOURCES.md). The expected split, metadata and pairs were
 * written by hand from the releases as composed (expected.json). The score must be 100 %:
 * every release split right (lines, headline, paragraphs, metadata), every translation paired,
 * no false pair.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGlossary } from '../../src/corpus/glossary.js';
import { classifyLine } from '../../src/corpus/import/cues.js';
import { pairReleases } from '../../src/corpus/import/pair-translations.js';
import { splitDump, type ReleaseDraft } from '../../src/corpus/import/split-dump.js';
import { PROJECT_ROOT } from '../helpers/project.js';

const DIR = path.join(PROJECT_ROOT, 'test', 'fixtures', 'corpus-real');
const glossary = loadGlossary(PROJECT_ROOT, path.join(DIR, 'glossary.yaml'));

interface ExpectedRelease {
  first: [number, string | null];
  last: [number, string | null];
  lang: string;
  headline: string | null;
  paragraphs: number;
  opening: string;
  issued: string | null;
  place: string | null;
  issuer: string | null;
  title?: string;
}
interface ExpectedDump {
  file: string;
  layout: string;
  releases: ExpectedRelease[];
  pairs: [number, number][];
  related: [number, number][];
}
const expected = JSON.parse(readFileSync(path.join(DIR, 'expected.json'), 'utf8')) as { dumps: ExpectedDump[] };

/** What is wrong with a draft against the expected release (empty: split right). */
function problems(d: ReleaseDraft | undefined, want: ExpectedRelease): string[] {
  if (!d) return ['no release with these lines'];
  const out: string[] = [];
  const issuer = d.metadata.issuer ? (d.metadata.issuer.en ?? d.metadata.issuer.zh) : null;
  const checks: [string, unknown, unknown][] = [
    ['lang', d.lang, want.lang],
    ['headline', d.headline, want.headline],
    ['paragraphs', d.paragraphs.length, want.paragraphs],
    ['issued', d.metadata.issued, want.issued],
    ['place', d.metadata.place, want.place],
    ['issuer', issuer, want.issuer],
  ];
  if (want.title) checks.push(['title', d.proposedTitle, want.title]);
  for (const [what, got, exp] of checks) if (got !== exp) out.push(`${what}: ${JSON.stringify(got)}, expected ${JSON.stringify(exp)}`);
  const opening = d.paragraphs[0]?.trim() ?? '';
  if (!opening.startsWith(want.opening)) out.push(`first paragraph opens "${opening.slice(0, 30)}", expected "${want.opening}"`);
  return out;
}

describe('import on dumps modelled on real releases', () => {
  const results = expected.dumps.map((dump) => {
    const text = readFileSync(path.join(DIR, dump.file), 'utf8');
    const lines = text.split('\n');
    const drafts = splitDump(text, { rawPath: `raw/${path.basename(dump.file)}` });
    const { pairs, related } = pairReleases(drafts, glossary.terms);
    return { dump, lines, drafts, pairs, related };
  });

  it('has at least 24 releases from at least 6 dumps, in Simplified, Traditional and English', () => {
    expect(glossary.diagnostics).toEqual([]);
    expect(expected.dumps.length).toBeGreaterThanOrEqual(6);
    const all = expected.dumps.flatMap((d) => d.releases);
    expect(all.length).toBeGreaterThanOrEqual(24);
    expect(new Set(all.map((r) => r.lang))).toEqual(new Set(['zh-Hans', 'zh-Hant', 'en']));
  });

  it('the expected lines are the lines of the dumps (an edited dump must update expected.json)', () => {
    for (const { dump, lines } of results) {
      for (const r of dump.releases) {
        for (const [n, text] of [r.first, r.last]) if (text !== null) expect(lines[n - 1]?.trim(), `${dump.file}:${n}`).toBe(text);
      }
    }
  });

  it.each(expected.dumps.map((d, i) => [d.file, i] as const))('%s: every release split right', (_file, i) => {
    const { dump, drafts } = results[i]!;
    const report = dump.releases.map((want, k) => {
      const d = drafts.find((x) => x.lineRange[0] === want.first[0] && x.lineRange[1] === want.last[0]);
      return { k, lines: `${want.first[0]}-${want.last[0]}`, problems: problems(d, want) };
    });
    expect(report.filter((r) => r.problems.length), `proposed: ${drafts.map((d) => d.lineRange.join('-')).join(', ')}`).toEqual([]);
    expect(drafts).toHaveLength(dump.releases.length);
  });

  it.each(expected.dumps.map((d, i) => [d.file, i] as const))('%s: every translation paired, no false pair', (_file, i) => {
    const { dump, pairs, related } = results[i]!;
    expect(pairs.map((p) => [p.translation, p.original])).toEqual(dump.pairs);
    // A report on the same event may be related, never a translation; nothing else is related.
    for (const r of related) expect(dump.related, `related ${r.translation} → ${r.original}`).toContainEqual([r.translation, r.original]);
  });

  it('no trailer, end mark, date line or page furniture is a paragraph', () => {
    for (const { dump, drafts } of results) {
      for (const d of drafts) {
        for (const p of d.paragraphs) {
          for (const line of p.split('\n')) expect(classifyLine(line).kind, `${dump.file}: "${line}"`).toBe('text');
          expect(p, dump.file).not.toMatch(/[(（](?:编辑|編輯|责编|責編)[:：]/u);
        }
      }
    }
  });

  it('scores 100 %: all releases right, all translations paired, no false pair', () => {
    let right = 0;
    let total = 0;
    let paired = 0;
    let translations = 0;
    let falsePairs = 0;
    for (const { dump, drafts, pairs } of results) {
      for (const want of dump.releases) {
        total++;
        const d = drafts.find((x) => x.lineRange[0] === want.first[0] && x.lineRange[1] === want.last[0]);
        if (!problems(d, want).length) right++;
      }
      translations += dump.pairs.length;
      const got = pairs.map((p) => `${p.translation}-${p.original}`);
      paired += dump.pairs.filter(([t, o]) => got.includes(`${t}-${o}`)).length;
      falsePairs += got.filter((g) => !dump.pairs.some(([t, o]) => `${t}-${o}` === g)).length;
    }
    expect({ right, paired, falsePairs }).toEqual({ right: total, paired: translations, falsePairs: 0 });
  });
});

describe('the same releases in other layouts (the split must not depend on one dump\'s layout)', () => {
  const shapeOf = (d: ReleaseDraft) => ({ lang: d.lang, headline: d.headline, paragraphs: d.paragraphs.length, opening: d.paragraphs[0]?.trim() ?? '' });
  const check = (text: string, wanted: ExpectedRelease[], label: string) => {
    const got = splitDump(text, { rawPath: 'raw/variant.txt' }).map(shapeOf);
    expect(got.map((g) => [g.lang, g.headline, g.paragraphs]), label).toEqual(wanted.map((w) => [w.lang, w.headline, w.paragraphs]));
    for (const [i, w] of wanted.entries()) expect(got[i]!.opening.startsWith(w.opening), `${label} release ${i + 1}`).toBe(true);
  };
  const variants: [string, (t: string) => string][] = [
    ['single-line paragraphs', (t) => t.split('\n').filter((l) => l.trim()).join('\n')],
    ['blank-line paragraphs', (t) => t.split('\n').filter((l) => l.trim()).join('\n\n')],
    ['no end marks', (t) => t.split('\n').filter((l) => !/^(?:NNNN|完|Ends\/.*|Enditem\/.*|【纠错】)$/u.test(l.trim())).join('\n')],
    ['CRLF line ends', (t) => t.replace(/\n/g, '\r\n')],
  ];
  it.each(variants)('%s', (label, change) => {
    for (const dump of expected.dumps) check(change(readFileSync(path.join(DIR, dump.file), 'utf8')), dump.releases, `${label}: ${dump.file}`);
  });

  it.each([[[0, 1, 2, 3, 4, 5]], [[5, 3, 1, 4, 2, 0]]])('all dumps run together in the order %j', (order) => {
    const text = order.map((i) => readFileSync(path.join(DIR, expected.dumps[i]!.file), 'utf8').trimEnd()).join('\n\n');
    check(text, order.flatMap((i) => expected.dumps[i]!.releases), `order ${order.join('')}`);
  });
});

describe('the same releases hard-wrapped (Chinese at 40 characters, English at 72 columns, blank lines between paragraphs)', () => {
  const wrapChinese = (line: string) => Array.from({ length: Math.ceil([...line].length / 40) }, (_, i) => [...line].slice(i * 40, i * 40 + 40).join(''));
  const wrapLatin = (line: string) => {
    const out: string[] = [];
    let current = '';
    for (const word of line.split(' ')) {
      if (current && current.length + 1 + word.length > 72) out.push(current), (current = word);
      else current = current ? `${current} ${word}` : word;
    }
    if (current) out.push(current);
    return out;
  };
  it.each(expected.dumps.map((d) => [d.file, d] as const))('%s: the same releases and headlines', (_file, dump) => {
    const lines = readFileSync(path.join(DIR, dump.file), 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);
    const text = lines.map((l) => (/\p{Script=Han}/u.test(l) ? wrapChinese(l) : wrapLatin(l)).join('\n')).join('\n\n');
    const squeeze = (h: string | null) => (h === null ? null : h.replace(/\s+/g, ''));
    const got = splitDump(text, { rawPath: 'raw/wrapped.txt' }).map((d) => [d.lang, squeeze(d.headline)]);
    expect(got).toEqual(dump.releases.map((r) => [r.lang, squeeze(r.headline)]));
  });
});
