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

  it('has an example for every key of the spec language', () => {
    // Every property the JSON Schema (generated from the zod schema) knows, at any depth,
    // must be used by at least one example: a new key without an example fails here.
    const schema = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'schema', 'brief.schema.json'), 'utf8'));
    const keys = new Set<string>();
    const walk = (node: unknown): void => {
      if (!node || typeof node !== 'object') return;
      const props = (node as { properties?: Record<string, unknown> }).properties;
      if (props) for (const k of Object.keys(props)) keys.add(k);
      for (const v of Object.values(node)) walk(v);
    };
    walk(schema);
    expect(keys.size).toBeGreaterThan(20);
    const all = examples.map(([, yaml]) => yaml).join('\n');
    const missing = [...keys].filter((k) => !new RegExp(`^\\s*(- )?${k}:`, 'm').test(all));
    expect(missing, 'keys with no example in docs/specs.md').toEqual([]);
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
