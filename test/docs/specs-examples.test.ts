/**
 * docs/specs.md teaches by example: every ```yaml block in it is a complete brief, and each
 * must build to a document model against the sample corpus without errors or warnings.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { composeDocument } from '../../src/pipeline/compose-document.js';
import { DiagnosticError, formatDiagnostic } from '../../src/diagnostics/diagnostic.js';
import { PROJECT_ROOT, projectCorpus, projectFonts } from '../helpers/project.js';

const doc = readFileSync(path.join(PROJECT_ROOT, 'docs', 'specs.md'), 'utf8');
const examples = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m, i) => [i + 1, m[1]!] as const);

describe('docs/specs.md examples', () => {
  // Examples live where a brief lives, so that `include: parts/…` resolves as documented.
  const dir = mkdtempSync(path.join(PROJECT_ROOT, 'briefs', '.docs-examples-'));
  cpSync(path.join(PROJECT_ROOT, 'briefs', 'parts'), path.join(dir, 'parts'), { recursive: true });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('has an example for every feature', () => {
    expect(examples.length).toBeGreaterThanOrEqual(12);
  });

  it.each(examples)('example %i builds cleanly', (n, yaml) => {
    const file = path.join(dir, `example-${n}.yaml`);
    writeFileSync(file, yaml);
    try {
      const { warnings } = composeDocument(path.relative(PROJECT_ROOT, file), { projectRoot: PROJECT_ROOT, corpus: projectCorpus(), fonts: projectFonts() });
      expect(warnings.map(formatDiagnostic)).toEqual([]);
    } catch (e) {
      if (e instanceof DiagnosticError) expect.fail(e.diagnostics.map(formatDiagnostic).join('\n'));
      throw e;
    }
  });
});
