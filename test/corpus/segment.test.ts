import { describe, expect, it } from 'vitest';
import { segmentSentences } from '../../src/corpus/segment.js';
import { expectGolden } from '../helpers/golden.js';
import { projectCorpus } from '../helpers/project.js';

describe('segmentSentences', () => {
  it('splits Chinese after 。！？； and keeps closing quotes with their sentence', () => {
    expect(segmentSentences('他說：“好。”兩年多來；雙方推動！是嗎？', 'zh-Hant').map((s) => s.text)).toEqual(['他說：“好。”', '兩年多來；', '雙方推動！', '是嗎？']);
  });
  it('does not end English sentences at abbreviations or initials', () => {
    expect(segmentSentences('They met on Sept. 28 at the U.S. Embassy. J. Smith said "yes." Then he left.', 'en').map((s) => s.text)).toEqual([
      'They met on Sept. 28 at the U.S. Embassy.',
      'J. Smith said "yes."',
      'Then he left.',
    ]);
  });
  it('keeps offsets that point into the paragraph', () => {
    const text = 'One. Two.';
    for (const s of segmentSentences(text, 'en')) expect(text.slice(s.start, s.end)).toBe(s.text);
  });
  it('pins the segmentation of every seed release (golden)', () => {
    for (const r of projectCorpus().releases.values()) {
      expectGolden(`sentences/${r.id}.json`, r.paragraphs.map((p) => ({ paragraph: p.n, hash: p.hash, sentences: p.sentences.map((s) => s.text) })));
    }
  });
});
