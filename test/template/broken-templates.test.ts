/**
 * Broken templates (test/fixtures/templates/<mistake>/brief.hbs): each mistake is one
 * diagnostic naming the template file and the line of the mistake, never a silent drop.
 */
import { cpSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeDocument } from '../../src/pipeline/compose-document.js';
import { openCorpus } from '../../src/corpus/corpus.js';
import { DiagnosticError, type Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { PROJECT_ROOT, projectFonts } from '../helpers/project.js';
import { tempProject } from '../helpers/temp-project.js';

const project = tempProject();
cpSync(path.join(PROJECT_ROOT, 'test/fixtures/templates'), path.join(project, 'templates'), { recursive: true });
const corpus = openCorpus(project);

function problemsWith(template: string): Diagnostic[] {
  try {
    composeDocument('briefs/cambodia-law-enforcement-meeting.yaml', { projectRoot: project, corpus, fonts: projectFonts(), template });
    return [];
  } catch (e) {
    if (e instanceof DiagnosticError) return e.diagnostics;
    throw e;
  }
}

describe('a broken template gives one diagnostic with its file and line', () => {
  it.each([
    ['unclosed-tag', 'BP302', 3],
    ['unknown-element', 'BP303', 3],
    ['unknown-helper', 'BP301', 3],
    ['missing-variable', 'BP301', 4],
    ['unclosed-block', 'BP301', 3],
  ])('%s → %s at line %i', (template, code, line) => {
    const problems = problemsWith(template);
    expect(problems, JSON.stringify(problems)).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code, file: `templates/${template}/brief.hbs`, start: { line } });
    expect(problems[0]!.hint ?? problems[0]!.message).toBeTruthy();
  });

  it('names the variable that strict mode refused', () => {
    expect(problemsWith('missing-variable')[0]!.message).toBe('"titel" is not defined (no such variable or helper)');
    expect(problemsWith('unknown-helper')[0]!.message).toBe('"shout" is not defined (no such variable or helper)');
  });

  it('points into a partial when the mistake is there', () => {
    const p = tempProject();
    cpSync(path.join(PROJECT_ROOT, 'templates/standard'), path.join(p, 'templates/partial-bug'), { recursive: true });
    const partial = path.join(p, 'templates/partial-bug/partials/excerpt.hbs');
    const { readFileSync, writeFileSync } = require('node:fs') as typeof import('node:fs');
    writeFileSync(partial, readFileSync(partial, 'utf8').replace('<citation>', '<citaton>').replace('</citation>', '</citaton>'));
    let problems: Diagnostic[] = [];
    try {
      composeDocument('briefs/cambodia-law-enforcement-meeting.yaml', { projectRoot: p, corpus: openCorpus(p), fonts: projectFonts(), template: 'partial-bug' });
    } catch (e) {
      problems = (e as DiagnosticError).diagnostics;
    }
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatchObject({ code: 'BP303', file: 'templates/partial-bug/partials/excerpt.hbs', start: { line: 6 } });
  });
});
