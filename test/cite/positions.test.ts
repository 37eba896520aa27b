/**
 * Note positions worked out by briefpack (NotePositions, src/cite/formatter.ts) give exactly
 * the notes citeproc-js's own position evaluation (processCitationCluster) gives, for every
 * style and both label languages: first, subsequent, ibid., ibid. with locator, near-note.
 * Sequences are random (fast-check): the same or another source, with the same, another or
 * no locator, headlines, sentences and quoted evidence, far apart and close together.
 */
import CSL from 'citeproc';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { createCitationFormatter, NotePositions, type CiteRequest, type Locator } from '../../src/cite/formatter.js';
import type { CitableSource } from '../../src/cite/items.js';
import { CITATION_STYLES } from '../../src/cite/styles.js';

const ISSUER = { zh: '中華人民共和國公安部', en: "Ministry of Public Security of the People's Republic of China" };
const source = (id: string, lang: CitableSource['lang'], title: string, issued: string, url: string | null = null): CitableSource => ({
  id,
  lang,
  title,
  titleEn: null,
  titleShort: null,
  issuer: ISSUER,
  issued,
  url,
});
// Releases with the same issuer, some with the same date: the cases where styles disambiguate.
const SOURCES: CitableSource[] = [
  source('a', 'zh-Hant', '趙克志與柬埔寨副首相兼內政大臣薩肯出席視頻會晤', '2021-09-28'),
  source('b', 'en', 'Zhao Kezhi Sends Letter to Director of RATS SCO', '2021-09-24', 'https://www.mps.gov.cn/n2255079/n4242954/n4841045/n4841050/c8138447/content.html'),
  source('c', 'zh-Hans', '公安部召开新闻发布会', '2021-09-24'),
  source('d', 'en', 'Ministry Holds Press Conference', '2021-09-24'),
  // Short notes that read the same as a's and b's (the first 12 characters, the first four
  // words): the styles give every note of these sources their longer form.
  source('e', 'zh-Hant', '趙克志與柬埔寨副首相兼內政大臣薩肯通電話', '2021-10-12'),
  source('f', 'en', 'Zhao Kezhi Sends Letter to the Minister of Interior of Cambodia', '2021-10-08'),
];

const locator: fc.Arbitrary<Locator> = fc.oneof(
  fc.constant<Locator>({ kind: 'none' }),
  fc.constant<Locator>({ kind: 'headline' }),
  fc.integer({ min: 1, max: 3 }).map((p): Locator => ({ kind: 'paragraphs', paragraphs: [p] })),
  fc.constant<Locator>({ kind: 'paragraphs', paragraphs: [1, 2, 3, 5] }),
  fc.integer({ min: 1, max: 2 }).map((s): Locator => ({ kind: 'sentences', paragraph: 2, sentences: [s] })),
  fc.constant<Locator>({ kind: 'passages', parts: [{ paragraph: 1, sentences: null }, { paragraph: 3, sentences: [2] }] }),
);
const request: fc.Arbitrary<CiteRequest> = fc.record(
  { source: fc.constantFrom(...SOURCES.map((s) => s.id)), locator, quote: fc.constantFrom('共同打擊跨國犯罪', 'joint action') },
  { requiredKeys: ['source', 'locator'] },
);
// Long runs of one source (ibid. chains) and gaps beyond the near-note distance of 5.
const sequence = fc.array(fc.oneof(request, request.map((r) => [r, r]), request.map((r) => [r, { ...r, locator: { kind: 'none' } as Locator }])), { minLength: 0, maxLength: 14 }).map((xs) => xs.flat());

const notes = (style: (typeof CITATION_STYLES)[number], labels: 'en' | 'zh', positions: 'ours' | 'citeproc', requests: CiteRequest[]) => {
  const f = createCitationFormatter({ style, labels, script: 'zh-Hant', sources: SOURCES, positions });
  for (const r of requests) f.note(r);
  return { notes: f.noteTexts(), bibliography: f.bibliography() };
};

describe('note positions', () => {
  for (const style of CITATION_STYLES) {
    for (const labels of ['en', 'zh'] as const) {
      it(`gives citeproc's own notes and source list: ${style}, ${labels} labels`, () => {
        fc.assert(
          fc.property(sequence, (requests) => {
            expect(notes(style, labels, 'ours', requests)).toEqual(notes(style, labels, 'citeproc', requests));
          }),
          { numRuns: 25, seed: 17 },
        );
      });
    }
  }

  it('answers a document from the last one with the same sources exactly as a fresh engine does', () => {
    // Documents made by editing a few base sequences (cut short, one note changed, the
    // source list asked for in between), so that they share prefixes of each other's calls,
    // one after another with the same sources, or with a source's title changed.
    type Step = { note: CiteRequest } | { list: string[] | undefined };
    const steps = fc.array(fc.oneof({ weight: 5, arbitrary: request.map((r): Step => ({ note: r })) }, { weight: 1, arbitrary: fc.option(fc.subarray(SOURCES.map((s) => s.id)), { nil: undefined }).map((l): Step => ({ list: l })) }), { maxLength: 10 });
    const edit = fc.record({ base: fc.nat(2), cut: fc.nat(10), change: fc.option(fc.tuple(fc.nat(9), request), { nil: undefined }), retitled: fc.boolean() });
    const run = (sources: CitableSource[], style: (typeof CITATION_STYLES)[number], labels: 'en' | 'zh', doc: Step[], reuse: boolean) => {
      const f = createCitationFormatter({ style, labels, script: 'zh-Hant', sources, reuse });
      return [...doc.map((s) => ('note' in s ? f.note(s.note) : f.bibliography(s.list))), f.noteTexts()];
    };
    fc.assert(
      fc.property(fc.constantFrom(...CITATION_STYLES), fc.constantFrom('en' as const, 'zh' as const), fc.tuple(steps, steps, steps), fc.array(edit, { minLength: 1, maxLength: 6 }), (style, labels, bases, edits) => {
        for (const e of edits) {
          const doc = bases[e.base]!.slice(0, e.cut);
          if (e.change && e.change[0] < doc.length) doc[e.change[0]] = { note: e.change[1] };
          const sources = e.retitled ? SOURCES.map((s) => (s.id === 'a' ? { ...s, title: `${s.title}（更正）` } : s)) : SOURCES;
          expect(run(sources, style, labels, doc, true)).toEqual(run(sources, style, labels, doc, false));
        }
      }),
      { numRuns: 60, seed: 17 },
    );
  });

  it('gives the same notes after a list of every source as without it (citeproc failed on the first)', () => {
    for (const style of CITATION_STYLES) {
      const requests: CiteRequest[] = [
        { source: 'a', locator: { kind: 'sentences', paragraph: 2, sentences: [1] } },
        { source: 'c', locator: { kind: 'paragraphs', paragraphs: [1] } },
        { source: 'a', locator: { kind: 'none' } },
      ];
      const plain = createCitationFormatter({ style, labels: 'en', sources: SOURCES, reuse: false });
      for (const r of requests) plain.note(r);
      const notes = plain.noteTexts();
      const listed = createCitationFormatter({ style, labels: 'en', sources: SOURCES, reuse: false });
      expect(listed.bibliography()).toHaveLength(SOURCES.length);
      for (const r of requests) listed.note(r);
      expect(listed.noteTexts()).toEqual(notes);
      expect(listed.bibliography()).toEqual(plain.bibliography());
    }
  });

  it('asks the engine nothing for a document that repeats the last one', () => {
    const requests: CiteRequest[] = [
      { source: 'a', locator: { kind: 'paragraphs', paragraphs: [1] } },
      { source: 'a', locator: { kind: 'paragraphs', paragraphs: [2] } },
      { source: 'b', locator: { kind: 'headline' } },
    ];
    const doc = () => {
      const f = createCitationFormatter({ style: CITATION_STYLES[0], labels: 'en', sources: SOURCES });
      for (const r of requests) f.note(r);
      return { notes: f.noteTexts(), list: f.bibliography() };
    };
    const engine = CSL.Engine.prototype as unknown as Record<'makeCitationCluster' | 'makeBibliography', (...a: unknown[]) => unknown>;
    const clusters = vi.spyOn(engine, 'makeCitationCluster');
    const lists = vi.spyOn(engine, 'makeBibliography');
    try {
      const first = doc();
      const made = clusters.mock.calls.length;
      expect(first.notes).toHaveLength(3);
      const again = doc();
      expect(again).toEqual(first);
      expect(clusters.mock.calls.length).toBe(made);
      // A different third note: the engine is asked again, for every note (a note's text
      // depends on every source the document cites).
      const f = createCitationFormatter({ style: CITATION_STYLES[0], labels: 'en', sources: SOURCES });
      f.note(requests[0]!);
      f.note(requests[1]!);
      f.note({ source: 'c', locator: { kind: 'none' } });
      expect(clusters.mock.calls.length).toBe(made);
      f.noteTexts();
      expect(clusters.mock.calls.length).toBe(made + 3);
      expect(lists.mock.calls.length).toBeGreaterThan(0);
    } finally {
      clusters.mockRestore();
      lists.mockRestore();
    }
  });

  it('follows the CSL rules for one item per note', () => {
    const p = new NotePositions(5);
    expect(p.next({ id: 'a', locator: '1', label: 'paragraph' })).toEqual({ position: 0 });
    expect(p.next({ id: 'a', locator: '1', label: 'paragraph' })).toMatchObject({ position: 2, 'near-note': true, 'first-reference-note-number': 1 });
    expect(p.next({ id: 'a', locator: '2', label: 'paragraph' })).toMatchObject({ position: 3 });
    expect(p.next({ id: 'a' })).toMatchObject({ position: 1 }); // the previous had a locator, this one none
    expect(p.next({ id: 'a', locator: '2', label: 'paragraph' })).toMatchObject({ position: 3 });
    for (const id of ['b', 'c', 'd', 'e']) p.next({ id });
    // Note 10; a's last note was 5: five notes away, the near-note distance.
    expect(p.next({ id: 'a' })).toEqual({ position: 1, 'first-reference-note-number': 1, 'near-note': true });
    for (const id of ['b', 'c', 'd', 'e', 'f']) p.next({ id });
    // Note 16: six notes after note 10, past it.
    expect(p.next({ id: 'a' })).toEqual({ position: 1, 'first-reference-note-number': 1 });
  });
});
