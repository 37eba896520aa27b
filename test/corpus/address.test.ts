import { describe, expect, it } from 'vitest';
import { findQuote } from '../../src/corpus/address.js';
import { projectCorpus } from '../helpers/project.js';

const release = projectCorpus().releases.get('mps-2021-09-28-zh-cambodia-video-meeting')!;

describe('findQuote', () => {
  it('finds a quote with its paragraph and sentence', () => {
    const [m, ...rest] = findQuote(release, { exact: '中柬是鐵桿朋友和命運共同體' });
    expect(rest).toEqual([]);
    expect(m!.paragraph.n).toBe(2);
    expect(m!.sentences.map((s) => s.text)).toEqual(['趙克志指出，中柬是鐵桿朋友和命運共同體。']);
  });
  it('finds every occurrence, and prefix or suffix tells them apart', () => {
    const all = findQuote(release, { exact: '中柬執法合作年' });
    expect(all.length).toBeGreaterThan(2);
    const narrowed = findQuote(release, { exact: '中柬執法合作年', prefix: '推動', suffix: '取得重大成果' });
    expect(narrowed).toHaveLength(1);
    expect(narrowed[0]!.paragraph.n).toBe(2);
  });
  it('finds nothing for text that is not there', () => {
    expect(findQuote(release, { exact: '不存在的文字' })).toEqual([]);
    expect(findQuote(release, { exact: '' })).toEqual([]);
  });
});
