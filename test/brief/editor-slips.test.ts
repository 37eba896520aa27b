/**
 * Errors in an editor's words: the typical slips made while editing a spec, each reported
 * once, at the line and column of the slip, with the value seen and the fix. One row per
 * slip: the edit made to a good spec, then the one diagnostic it must give.
 */
import { describe, expect, it } from 'vitest';
import { parseSpecFile } from '../../src/brief/parse-spec.js';
import { BriefSpec } from '../../src/brief/schema.js';

const GOOD = `title: Slips
date: 2021-09-30
classification: OFFICIAL
sections:
  - heading: One
    excerpts:
      - release: mps-2021-09-28-zh-cambodia-video-meeting
        paragraphs: 1
      - release: mps-2021-09-28-zh-cambodia-video-meeting
        paragraphs: 2
`;

const parse = (text: string) => parseSpecFile(text, 'briefs/slips.yaml', BriefSpec, { shape: 'map', what: 'a brief spec' }).diagnostics;

// [slip, edit, code, line, column, message, hint]
const SLIPS: [string, (s: string) => string, string, number, number, string, string][] = [
  [
    'a key indented two spaces too little',
    (s) => s.replace('        paragraphs: 1', '      paragraphs: 1'),
    'BP201', 8, 7,
    '"paragraphs" is indented 6 spaces, which lines it up with no key above it',
    'Align it with "release" (line 7, column 9): add 2 spaces before "paragraphs".',
  ],
  [
    'a key indented two spaces too much (blamed on its own line, not the one before)',
    (s) => s.replace('        paragraphs: 1', '          paragraphs: 1'),
    'BP201', 8, 11,
    '"paragraphs" is indented further than "release" on line 7, which already has a value, so it cannot hold "paragraphs"',
    'Align it with "release" (column 9): remove 2 spaces before "paragraphs".',
  ],
  [
    'one tab (one error, not a cascade)',
    (s) => s.replace('        paragraphs: 2', '\tparagraphs: 2'),
    'BP201', 10, 1,
    'line 10 is indented with a tab (before "paragraphs"): YAML indents with spaces only',
    'Replace the tab with spaces',
  ],
  [
    'a misspelt required key (one error, not "missing" and "unknown")',
    (s) => s.replace('classification:', 'clasification:'),
    'BP203', 3, 1,
    'unknown key "clasification": did you mean "classification"? (a required key)',
    'Rename "clasification" to "classification".',
  ],
  [
    'a date in the wrong form: the value seen and the right form',
    (s) => s.replace('date: 2021-09-30', 'date: 30/09/2021'),
    'BP204', 2, 7,
    'date: "30/09/2021" is not a date written YYYY-MM-DD',
    'Write it as 2021-09-30 (year-month-day, with leading zeros).',
  ],
  [
    'a fact type that does not exist: every allowed type listed',
    (s) => s.replace('    excerpts:', '    facts:\n      - type: people\n    excerpts:'),
    'BP204', 7, 15,
    'sections[0].facts[0].type: "people" is not one of the allowed values',
    'Allowed: date, person, organisation, place, event, agreement, number.',
  ],
  [
    'a value not among the options, close to one',
    (s) => s.replace('classification: OFFICIAL', 'classification: OFFICIAL\npaper: A5'),
    'BP204', 4, 8,
    'paper: "A5" is not one of the allowed values',
    'Did you mean "A4"? Allowed: A4, Letter.',
  ],
  [
    'a number where text is expected: the value seen',
    (s) => s.replace('title: Slips', 'title: 2021'),
    'BP204', 1, 8,
    'title: expected string, found "2021"',
    'Change the value to the expected form.',
  ],
];

describe('editor slips: one diagnostic each, at the slip, in plain words', () => {
  it('the good spec has no diagnostics', () => {
    expect(parse(GOOD)).toEqual([]);
  });
  it.each(SLIPS)('%s', (_slip, edit, code, line, column, message, hint) => {
    const diagnostics = parse(edit(GOOD));
    expect(diagnostics, JSON.stringify(diagnostics, null, 1)).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code, start: { line, column }, message });
    expect(diagnostics[0]!.hint).toContain(hint);
  });
  it('several slips come out in line order, one each', () => {
    const text = GOOD.replace('title: Slips', 'title: Slips\npaper: A5').replace('date: 2021-09-30', 'date: 30/09/2021').replace('  - heading: One', '  - heading: One\n    colour: red');
    const diagnostics = parse(text);
    expect(diagnostics.map((d) => [d.code, d.start.line, d.start.column])).toEqual([
      ['BP204', 2, 8],
      ['BP204', 3, 7],
      ['BP203', 7, 5],
    ]);
  });
});
