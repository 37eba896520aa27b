/**
 * One fixture per problem an editor can make (test/fixtures/specs/<problem>.yaml): each must
 * be reported with its permanent code, at the right line and column, with a hint that says
 * how to fix it.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeDocument } from '../../src/pipeline/compose-document.js';
import { DiagnosticError, type Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { PROJECT_ROOT, projectCorpus, projectFonts } from '../helpers/project.js';
import { tempProject } from '../helpers/temp-project.js';
import { openCorpus } from '../../src/corpus/corpus.js';

const corpus = projectCorpus();
const fonts = projectFonts();

function diagnosticsOf(file: string, projectRoot = PROJECT_ROOT): Diagnostic[] {
  try {
    return composeDocument(file, { projectRoot, corpus: projectRoot === PROJECT_ROOT ? corpus : openCorpus(projectRoot), fonts }).warnings;
  } catch (e) {
    if (e instanceof DiagnosticError) return e.diagnostics;
    throw e;
  }
}

const F = 'test/fixtures/specs';

// [fixture, code, file (when not the fixture), line, column, hint (substring), message (substring)]
const TABLE: [string, string, string | null, number, number, string, string][] = [
  ['malformed-yaml', 'BP201', null, 2, 1, 'close quotes and brackets', 'YAML: Flow sequence'],
  ['tab-indented', 'BP201', null, 2, 1, 'Replace the tab with spaces', 'is indented with a tab'],
  ['empty', 'BP202', null, 1, 1, 'A brief is a YAML mapping', 'this file is empty'],
  ['list-not-map', 'BP202', null, 1, 1, 'A brief is a YAML mapping', 'this file is a list'],
  ['unknown-key', 'BP203', null, 4, 1, 'Did you mean "classification"?', 'unknown key "clasification"'],
  ['wrong-type', 'BP204', null, 4, 8, 'Allowed: A4, Letter.', 'paper: '],
  ['missing-key', 'BP205', null, 1, 1, 'Add "classification:" here.', 'missing required key "classification"'],
  ['unknown-release', 'BP206', null, 7, 18, 'Did you mean "mps-2021-09-28-zh-cambodia-video-meeting"?', 'no release with id "mps-2021-09-28-zh-cambodia-video-meting"'],
  ['paragraph-out-of-range', 'BP207', null, 8, 25, 'has 6 paragraphs', 'has no paragraph 7'],
  ['sentence-out-of-range', 'BP216', null, 9, 24, 'That paragraph has 4 sentences.', 'has no sentence 9'],
  ['unknown-fact', 'BP208', null, 7, 9, 'Did you mean "mps-2021-09-28-zh-cambodia-video-meeting/meeting-date"?', 'has no fact "meeting-dat"'],
  ['unknown-template', 'BP209', null, 4, 11, 'Templates: ', 'no template named "standrd"'],
  ['template-path', 'BP204', null, 4, 11, 'Change the value to the expected form.', 'not a path'],
  ['quote-not-found', 'BP213', null, 8, 16, 'Closest match: "中柬是鐵桿朋友".', 'does not contain the quote "中柬是鋼鐵朋友"'],
  ['quote-ambiguous', 'BP214', null, 8, 16, 'Add a prefix or suffix', 'occurs 6 times'],
  ['source-changed', 'BP215', null, 9, 15, 'briefpack pin --update', 'hash 0123456789ab, now'],
  ['duplicate-section-ids', 'BP212', null, 8, 9, 'unique id', 'section id "meeting" is already used'],
  ['include-escapes', 'BP211', null, 7, 14, 'inside the project', 'points outside the project'],
  ['include-missing', 'BP211', null, 5, 14, 'relative to the brief', 'does not exist'],
  ['include-broken-part', 'BP203', `${F}/parts/broken-part.yaml`, 2, 1, 'Did you mean "text"?', 'unknown key "txet"'],
  ['raw-html', 'BP217', null, 4, 10, 'Use Markdown only', 'raw HTML in Markdown'],
];

describe('every spec problem is reported at its line and column with a hint', () => {
  it.each(TABLE)('%s → %s', (fixture, code, file, line, column, hint, message) => {
    const diagnostics = diagnosticsOf(`${F}/${fixture}.yaml`);
    expect(diagnostics, JSON.stringify(diagnostics, null, 1)).toHaveLength(1);
    const d = diagnostics[0]!;
    expect(d).toMatchObject({ code, file: file ?? `${F}/${fixture}.yaml`, start: { line, column } });
    // Each row names what the message and the hint must say; an empty expectation would pass
    // for any text, so none is allowed.
    expect(hint.length * message.length).toBeGreaterThan(0);
    expect(d.hint).toContain(hint);
    expect(d.message).toContain(message);
  });

  it('reports all three mistakes of one file in one run', () => {
    const diagnostics = diagnosticsOf(`${F}/three-mistakes.yaml`);
    expect(diagnostics.map((d) => [d.code, d.start.line])).toEqual([
      ['BP204', 4],
      ['BP206', 8],
      ['BP207', 11],
    ]);
  });

  it('warns once, where a release is first cited, when it lacks its issuer or date (BP218)', () => {
    const project = tempProject();
    writeFileSync(path.join(project, 'releases', 'test-no-issuer.md'), ['---', 'id: test-no-issuer', 'lang: en', 'title: Untraced', 'source: test', '---', '', 'Someone said something.', ''].join('\n'));
    writeFileSync(
      path.join(project, 'briefs', 'cites-untraced.yaml'),
      ['title: T', 'date: 2021-09-30', 'classification: OFFICIAL', 'sections:', '  - heading: H', '    excerpts:', '      - release: test-no-issuer', '        paragraphs: 1', '      - release: test-no-issuer', '        paragraphs: 1', ''].join('\n'),
    );
    const found = diagnosticsOf('briefs/cites-untraced.yaml', project).filter((d) => d.code === 'BP218');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'warning', file: 'briefs/cites-untraced.yaml', start: { line: 7, column: 18 } });
    expect(found[0]!.message).toBe('cited release "test-no-issuer" has no issuer and no issued date: its citations cannot name them');
    expect(found[0]!.hint).toBe('Add "issuer:" and "issued: YYYY-MM-DD" to releases/test-no-issuer.md.');
  });

  it('handles a 5 MB spec and still points at the mistake near its end', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bp-big-spec-'));
    const filler = Array.from({ length: 9000 }, (_, i) => `  - heading: Section ${i}\n    text: ${'Long editor text. '.repeat(30)}`).join('\n');
    const text = `title: Big\ndate: 2021-09-30\nclassification: OFFICIAL\nsections:\n${filler}\n  - heading: Last\n    excerpts:\n      - release: nope\n        paragraphs: 1\n`;
    expect(text.length).toBeGreaterThan(5_000_000);
    const file = path.join(dir, 'big.yaml');
    writeFileSync(file, text);
    const diagnostics = diagnosticsOf(path.relative(PROJECT_ROOT, file));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'BP206', start: { line: text.split('\n').length - 2, column: 18 } });
  });
});
