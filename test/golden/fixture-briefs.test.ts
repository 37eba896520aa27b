/**
 * Golden document models for the briefs that pin down issue 14's cases (test/fixtures/briefs):
 * a brief quoting an original and its translation, sentence-level bilingual excerpts, an
 * over-long one-pager (the fitted model) and a fact selected twice. The diagnostics each one
 * gives are part of its golden file. UPDATE_GOLDEN=1 to accept a change, then review the diff.
 */
import { describe, expect, it } from 'vitest';
import { composeDocument } from '../../src/pipeline/compose-document.js';
import { fitDocument } from '../../src/pipeline/fit-document.js';
import { expectGolden } from '../helpers/golden.js';
import { PROJECT_ROOT, projectCorpus, projectFonts } from '../helpers/project.js';

const CASES = ['bilingual-original-and-translation', 'bilingual-sentence-excerpts', 'one-pager-too-long', 'fact-selected-twice'];

describe('document models of the issue-14 fixture briefs', () => {
  const corpus = projectCorpus();
  const fonts = projectFonts();
  for (const name of CASES) {
    it(name, async () => {
      const composed = composeDocument(`test/fixtures/briefs/${name}.yaml`, { projectRoot: PROJECT_ROOT, corpus, fonts });
      const fitted = await fitDocument(composed, { fonts });
      if (!fitted.ok) expect.fail(fitted.diagnostics.map((d) => d.message).join('\n'));
      const diagnostics = fitted.document.warnings.map((d) => `${d.file}:${d.start.line}:${d.start.column}: ${d.severity} ${d.code}: ${d.message}`);
      expectGolden(`model/fixtures/${name}.json`, { diagnostics, model: fitted.document.model });
    }, 60_000);
  }
});
