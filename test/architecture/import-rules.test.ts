/**
 * The import rules (docs/architecture.md, .dependency-cruiser.cjs) hold for every file in src/,
 * checked by dependency-cruiser: no cycles between modules or folders, renderers that know only
 * the model and shared render code, a model that knows no stage, diagnostics as a leaf, and a CLI
 * nothing else imports. A fixture tree that breaks every rule shows that each rule can fail.
 */
import path from 'node:path';
import { createRequire } from 'node:module';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ruleSet = createRequire(import.meta.url)(path.join(ROOT, '.dependency-cruiser.cjs'));

async function cruiseTree(baseDir: string): Promise<{ violations: string[]; modules: number; unresolved: string[] }> {
  const { options } = ruleSet;
  const result = await cruise(['src'], {
    ...options,
    baseDir,
    ruleSet: { forbidden: ruleSet.forbidden },
    validate: true,
    tsConfig: undefined,
  });
  const output = result.output as ICruiseResult;
  const unresolved = output.modules.flatMap((m) => m.dependencies.filter((d) => d.couldNotResolve && d.module.startsWith(".")).map((d) => `${m.source} → ${d.module}`));
  return { violations: output.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`), modules: output.summary.totalCruised, unresolved };
}

describe('import rules', () => {
  it('hold for every file in src/', async () => {
    const tree = await cruiseTree(ROOT);
    // Every import of our own code resolved (an unresolved one would escape the rules).
    expect(tree.unresolved).toEqual([]);
    expect(tree.modules).toBeGreaterThan(100);
    expect(tree.violations).toEqual([]);
  });

  it('each rule catches what it forbids (a fixture tree that breaks them all)', async () => {
    const found = (await cruiseTree(path.join(ROOT, 'test/fixtures/import-rules/broken'))).violations;
    const rules = new Set(found.map((v) => v.split(':')[0]));
    for (const rule of ruleSet.forbidden as { name: string }[]) expect(rules, `rule ${rule.name} never fired`).toContain(rule.name);
    expect(found).toContain('renderers-know-only-the-model: src/render/pdf/p.ts → src/corpus/a.ts');
    expect(found).toContain('only-the-cli-imports-the-cli: src/builder/s.ts → src/cli/main.ts');
    expect(found).toContain('diagnostics-are-a-leaf: src/diagnostics/x.ts → src/model/m.ts');
    expect(found.some((v) => v.startsWith('no-folder-cycles: '))).toBe(true);
  });
});
