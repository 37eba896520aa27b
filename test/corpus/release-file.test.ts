import { describe, expect, it } from 'vitest';
import { readReleaseFile } from '../../src/corpus/release-file.js';
import { projectCorpus } from '../helpers/project.js';

describe('sample corpus', () => {
  it('loads three releases with the expected shape and no problems', () => {
    const corpus = projectCorpus();
    expect(corpus.loadAll()).toEqual([]);
    const summary = [...corpus.releases.values()].map((r) => ({
      id: r.id,
      lang: r.lang,
      paragraphs: r.paragraphs.length,
      headline: r.headline !== null,
      translationOf: r.translationOf,
    }));
    expect(summary).toEqual([
      { id: 'mps-2021-09-24-en-sco-pabbi-antiterror-letter', lang: 'en', paragraphs: 3, headline: true, translationOf: 'mps-2021-09-24-zh-sco-pabbi-antiterror-letter' },
      { id: 'mps-2021-09-24-zh-sco-pabbi-antiterror-letter', lang: 'zh-Hant', paragraphs: 2, headline: true, translationOf: null },
      { id: 'mps-2021-09-28-zh-cambodia-video-meeting', lang: 'zh-Hant', paragraphs: 6, headline: false, translationOf: null },
    ]);
  });
  it('cleans every paragraph of pinyin glosses and curates at least three facts per release', () => {
    for (const r of projectCorpus().releases.values()) {
      expect(r.facts.length).toBeGreaterThanOrEqual(3);
      for (const p of r.paragraphs) expect(p.text).not.toMatch(/\p{Script=Han}\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)/u);
    }
  });
});

describe('readReleaseFile', () => {
  const header = ['---', 'id: test-release', 'lang: zh-Hant', 'date: 2021-09-28', 'title: 測試', 'source: raw/x.txt#L1-L2'];
  it('reports a fact whose evidence is not in the text, with the closest match', () => {
    const text = [...header, 'facts:', '  - id: f1', '    type: date', '    label: 日期', '    value: 28日', '    evidence: 薩肯29日出席', '---', '', '國務委員趙克志與薩肯28日出席會晤。', ''].join('\n');
    const { release, diagnostics } = readReleaseFile(text, 'releases/test.md');
    expect(release).toBeUndefined();
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'BP106', file: 'releases/test.md', start: { line: 12, column: 15 } });
    expect(diagnostics[0]!.hint).toContain('薩肯28日出席');
  });
  it('reports missing metadata and a file without front matter', () => {
    expect(readReleaseFile('no front matter', 'r.md').diagnostics[0]!.code).toBe('BP101');
    const { diagnostics } = readReleaseFile(['---', 'id: x', 'lang: fr', '---', 'text'].join('\n'), 'r.md');
    // No date is only a warning (dumps often give none); no title, source or a bad lang are errors.
    expect(diagnostics.map((d) => d.code)).toEqual(['BP102', 'BP112', 'BP102', 'BP102']);
    expect(diagnostics.find((d) => d.message.includes('"lang"'))!.start).toEqual({ line: 3, column: 7 });
  });
  it('numbers paragraphs from 1, separated by blank lines, keeping raw text', () => {
    const text = [...header, '---', '', '第一段(duàn)。', '', '第二段,', '續行。', ''].join('\n');
    const { release } = readReleaseFile(text, 'r.md');
    expect(release!.paragraphs.map((p) => [p.n, p.text, p.line])).toEqual([
      [1, '第一段。', 9],
      [2, '第二段，續行。', 11],
    ]);
    expect(release!.paragraphs[0]!.raw).toBe('第一段(duàn)。');
  });
});
