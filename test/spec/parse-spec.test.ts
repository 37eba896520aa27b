import { describe, expect, it } from 'vitest';
import { parseSpec } from '../../src/spec/parse-spec.js';
import { resolveBrief } from '../../src/resolve/resolve.js';
import { projectCorpus } from '../helpers/project.js';

const valid = (extra = '') => `title: T
date: 2021-09-30
classification: OFFICIAL
${extra}sections:
  - heading: A
    excerpts:
      - release: mps-2021-09-28-zh-cambodia-video-meeting
        paragraphs: [1, 2]
`;

describe('parseSpec', () => {
  it('accepts a valid spec and fills defaults', () => {
    const r = parseSpec(valid(), 'b.yaml');
    expect(r.diagnostics).toEqual([]);
    expect(r.spec).toMatchObject({ template: 'standard', labels: 'en', script: 'zh-Hant', paper: 'A4' });
  });

  it.each([
    ['malformed YAML', 'title: [a\n', 'BP201', 2, 1],
    ['a tab-indented file', 'title: a\n\tdate: x\n', 'BP201', 2, 1],
    ['an empty file', '', 'BP202', 1, 1],
    ['a list instead of a map', '- a\n- b\n', 'BP202', 1, 1],
    ['a misspelt key', valid('classifcation: x\n'), 'BP203', 4, 1],
    ['a wrong type', valid('paper: A5\n'), 'BP204', 4, 8],
    ['a bad date', valid().replace('2021-09-30', '30/09/2021'), 'BP204', 2, 7],
  ])('reports %s at its line and column', (_name, text, code, line, column) => {
    const r = parseSpec(text, 'b.yaml');
    expect(r.diagnostics[0]).toMatchObject({ code, file: 'b.yaml', start: { line, column } });
    expect(r.diagnostics[0]!.hint).toBeTruthy();
  });

  it('suggests the key the editor probably meant', () => {
    const r = parseSpec(valid('classifcation: x\n'), 'b.yaml');
    expect(r.diagnostics.find((d) => d.code === 'BP203')!.hint).toBe('Did you mean "classification"?');
  });

  it('reports every problem in one run', () => {
    const r = parseSpec(valid('paper: A5\nlabels: fr\nfoo: 1\n'), 'b.yaml');
    expect(r.diagnostics.map((d) => d.code).sort()).toEqual(['BP203', 'BP204', 'BP204']);
  });
});

describe('resolveBrief', () => {
  const corpus = projectCorpus();
  it('reports an unknown release at the release value, with a suggestion', () => {
    const text = valid().replace('mps-2021-09-28-zh-cambodia-video-meeting', 'mps-2021-09-28-zh-cambodia-video-meting');
    const r = resolveBrief(parseSpec(text, 'b.yaml'), corpus);
    expect(r.brief).toBeUndefined();
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ code: 'BP206', file: 'b.yaml', start: { line: 7, column: 18 } });
    expect(r.diagnostics[0]!.hint).toBe('Did you mean "mps-2021-09-28-zh-cambodia-video-meeting"?');
  });
  it('reports a paragraph out of range with the number the release has', () => {
    const r = resolveBrief(parseSpec(valid().replace('[1, 2]', '[1, 7]'), 'b.yaml'), corpus);
    expect(r.diagnostics[0]).toMatchObject({ code: 'BP207', start: { line: 8, column: 25 } });
    expect(r.diagnostics[0]!.hint).toContain('has 6 paragraphs');
  });
  it('reports an unknown fact with a suggestion', () => {
    const text = valid().replace('sections:\n  - heading: A\n', 'sections:\n  - heading: A\n    facts: [mps-2021-09-28-zh-cambodia-video-meeting/meeting-dat]\n');
    const r = resolveBrief(parseSpec(text, 'b.yaml'), corpus);
    expect(r.diagnostics[0]).toMatchObject({ code: 'BP208', start: { line: 6, column: 13 } });
    expect(r.diagnostics[0]!.hint).toContain('meeting-date');
  });
  it('resolves excerpts with citations', () => {
    const r = resolveBrief(parseSpec(valid(), 'b.yaml'), corpus);
    const ex = r.brief!.sections[0]!.excerpts[0]!;
    expect(ex.locator).toBe('¶1–2');
    expect(ex.paragraphs[1]!.text.startsWith('趙克志指出，中柬是鐵桿朋友')).toBe(true);
    expect(ex.citation).toContain('28 September 2021');
    expect(r.releaseIds).toEqual(['mps-2021-09-28-zh-cambodia-video-meeting']);
  });
});
