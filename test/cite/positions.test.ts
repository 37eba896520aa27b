/**
 * Note positions worked out by briefpack (NotePositions, src/cite/formatter.ts) give exactly
 * the notes citeproc-js's own position evaluation (processCitationCluster) gives, for every
 * style and both label languages: first, subsequent, ibid., ibid. with locator, near-note.
 * Sequences are random (fast-check): the same or another source, with the same, another or
 * no locator, headlines, sentences and quoted evidence, far apart and close together.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
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
// Two releases with the same issuer and date: the case where styles disambiguate.
const SOURCES: CitableSource[] = [
  source('a', 'zh-Hant', '趙克志與柬埔寨副首相兼內政大臣薩肯出席視頻會晤', '2021-09-28'),
  source('b', 'en', 'Zhao Kezhi Sends Letter to Director of RATS SCO', '2021-09-24', 'https://www.mps.gov.cn/n2255079/n4242954/n4841045/n4841050/c8138447/content.html'),
  source('c', 'zh-Hans', '公安部召开新闻发布会', '2021-09-24'),
  source('d', 'en', 'Ministry Holds Press Conference', '2021-09-24'),
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
  return { notes: requests.map((r) => f.note(r)), bibliography: f.bibliography() };
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
