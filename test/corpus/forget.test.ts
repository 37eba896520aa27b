/**
 * A corpus forgets parsed releases on request, keeping the ones used last
 * (Corpus.forgetAllBut, called by the thread builder between briefs): those stay the same
 * objects; a forgotten one is read again, equal to what it was.
 */
import { describe, expect, it } from 'vitest';
import { openCorpus } from '../../src/corpus/corpus.js';
import { PROJECT_ROOT } from '../helpers/project.js';

describe('Corpus.forgetAllBut', () => {
  it('keeps the releases used last and reads a forgotten one again, equal', () => {
    const corpus = openCorpus(PROJECT_ROOT);
    const ids = [...corpus.releases.keys()];
    expect(ids.length).toBeGreaterThanOrEqual(3);
    const first = ids.map((id) => corpus.releases.get(id)!);
    // Used last: ids[2], then ids[0] again.
    corpus.releases.get(ids[0]!);
    corpus.forgetAllBut(2);
    expect(corpus.releases.get(ids[0]!)).toBe(first[0]);
    expect(corpus.releases.get(ids[2]!)).toBe(first[2]);
    const again = corpus.releases.get(ids[1]!)!;
    expect(again).not.toBe(first[1]);
    expect(again).toEqual(first[1]);
    corpus.forgetAllBut(0);
    expect(corpus.releases.get(ids[0]!)).not.toBe(first[0]);
    expect(corpus.releases.get(ids[0]!)).toEqual(first[0]);
  });
});
