/**
 * An import plan file: an editor's corrections to the releases `briefpack import --plan`
 * proposed for one dump, kept beside it so a re-import gives the same split.
 *
 * ```yaml
 * split_at: [42, 88]   # start a release at these dump lines
 * join: [57]           # no release starts here (the importer proposed one)
 * ```
 *
 * Every problem is located in the plan file (BP514).
 */
import { diagnostic, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { isScalar, isSeq, mapEntries, parseYamlSource, startOf } from '../../util/yaml-source.js';

export interface ImportPlan {
  splitAt: number[];
  join: number[];
  diagnostics: Diagnostic[];
}

const KEYS = { split_at: 'splitAt', join: 'join' } as const;

/** `text` null: the file does not exist. */
export function readPlanFile(text: string | null, file: string): ImportPlan {
  const plan: ImportPlan = { splitAt: [], join: [], diagnostics: [] };
  const problem = (message: string, start = { line: 1, column: 1 }) => plan.diagnostics.push(diagnostic({ code: 'BP514', message, file, start }));
  if (text === null) {
    problem(`plan file not found: ${file}`);
    return plan;
  }
  const src = parseYamlSource(text, file);
  if (src.syntaxErrors.length) {
    for (const e of src.syntaxErrors) problem(e.message, e.start);
    return plan;
  }
  if (src.doc.contents === null) return plan;
  const entries = mapEntries(src.doc.contents);
  if (!entries.length && !(isScalar(src.doc.contents) && src.doc.contents.value === null)) {
    problem('a plan file is a map with "split_at" and "join" lists', startOf(src, src.doc.contents));
    return plan;
  }
  for (const entry of entries) {
    const key = KEYS[entry.key as keyof typeof KEYS];
    if (!key) {
      problem(`unknown key "${entry.key}" (known: split_at, join)`, startOf(src, entry.keyNode));
      continue;
    }
    const items = isSeq(entry.value) ? entry.value.items : entry.value === null ? [] : [entry.value];
    for (const item of items) {
      const v = isScalar(item) ? item.value : undefined;
      if (typeof v === 'number' && Number.isInteger(v) && v >= 1) plan[key].push(v);
      else problem(`"${entry.key}" must list dump line numbers (1 or more), not ${JSON.stringify(v ?? null)}`, startOf(src, item as never));
    }
  }
  return plan;
}
