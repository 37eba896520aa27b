/**
 * Alignment of a release with its translation (src/resolve/align.ts, anchors.ts): paragraphs,
 * then sentences inside each aligned group, with anchors deciding where length alone would not.
 */
import { describe, expect, it } from 'vitest';
import { alignParagraphs, alignSentences } from '../../src/resolve/align.js';
import { anchorsOf, nameIndex, sharedAnchors } from '../../src/resolve/anchors.js';
import { Aligner } from '../../src/resolve/bilingual.js';
import { projectCorpus } from '../helpers/project.js';

const corpus = projectCorpus();
const names = nameIndex(corpus.glossary.terms);
const zh = corpus.releases.get('mps-2021-09-24-zh-sco-pabbi-antiterror-letter')!;
const en = corpus.releases.get('mps-2021-09-24-en-sco-pabbi-antiterror-letter')!;

describe('anchors', () => {
  it('finds numbers, month names, glossary names (a person by one word of the name) and quoted strings', () => {
    const a = anchorsOf('趙克志表示，“帕比—反恐—2021”聯合反恐演習開幕式24日在巴基斯坦帕比舉行。', 'zh-Hant', names);
    const b = anchorsOf('Zhao said the "Pabbi-Antiterror-2021" exercise opened in Pabbi, Pakistan, on 24 September.', 'en', names);
    const shared = sharedAnchors([a], [b]);
    // 2021, 24, Zhao Kezhi, Pabbi, Pakistan, and the quoted name (half).
    expect(shared.shared).toBe(5.5);
    // September (9) has no counterpart in the Chinese sentence, nor the glossary's Chinese name
    // of the exercise (its English glossary form is not the wording of this sentence).
    expect(shared.unshared).toBe(2);
  });
  it('counts a name once per passage and does not match inside a longer word', () => {
    const a = anchorsOf('Pabbing along, Pakistani press', 'en', names);
    expect([...a.keys()].filter((k) => k.startsWith('name:'))).toEqual([]);
  });
});

describe('the SCO letter and its translation', () => {
  const aligner = new Aligner(names);
  it('aligns Chinese ¶1 with English ¶¶1–2 and ¶2 with ¶3', () => {
    expect(aligner.paragraphGroups(zh, en)).toEqual([
      { source: [1], target: [1, 2] },
      { source: [2], target: [3] },
    ]);
  });
  it('aligns the sentences of ¶2 with those of English ¶3: one long Chinese sentence is two English ones', () => {
    expect(aligner.sentenceBeads(zh, en, { source: [2], target: [3] })).toEqual([
      { source: [1], target: [1] },
      { source: [2], target: [2] },
      { source: [3], target: [3, 4] },
      { source: [4], target: [5, 6] },
    ]);
  });
  it('aligns the sentences of ¶1 with English ¶1 and ¶2 (the opening-ceremony sentence has no English)', () => {
    const beads = aligner.sentenceBeads(zh, en, { source: [1], target: [1, 2] });
    // English ¶1 is one sentence, ¶2 three: units 1 | 2, 3, 4.
    expect(beads.find((b) => b.target.includes(1))!.source).toContain(1);
    expect(beads.find((b) => b.source.includes(3))!.target).toEqual([2]);
    expect(beads.find((b) => b.source.includes(4))!.target).toEqual([3, 4]);
  });
});

describe('anchors decide where lengths do not', () => {
  // By length, the first Chinese sentence (the longest) goes with the first English one; the
  // years say the English starts with 2020 and that 2021 is the last sentence on both sides.
  const zhs = ['甲方於2019年提出了這項倡議並作了說明。', '乙方於2020年表示支持。', '雙方於2021年簽署協議。'];
  const ens = ['In 2020 the other side agreed to support it.', 'Both signed the agreement in 2021.'];
  const unit = (text: string, lang: string) => ({ text, anchors: anchorsOf(text, lang, names) });
  it('follows the numbers', () => {
    expect(alignSentences(zhs.map((t) => unit(t, 'zh-Hant')), ens.map((t) => unit(t, 'en')))).toEqual([
      { source: [1, 2], target: [1] },
      { source: [3], target: [2] },
    ]);
  });
  it('without anchors, length alone pairs them otherwise', () => {
    expect(alignSentences(zhs, ens)).toEqual([
      { source: [1], target: [1] },
      { source: [2, 3], target: [2] },
    ]);
  });
  it('paragraph alignment without anchors still works by length', () => {
    expect(alignParagraphs(['短。', '這是一個長得多的段落，有很多字，很多很多字。'], ['Short.', 'This is a much longer paragraph with many, many more words in it.'])).toEqual([
      { source: [1], target: [1] },
      { source: [2], target: [2] },
    ]);
  });
});
