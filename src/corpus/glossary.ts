/**
 * The glossary (`releases/glossary.yaml`): names in Traditional and Simplified script and,
 * where the text establishes one, in English. Used to pair translations with their
 * originals, to list glossary terms a brief's excerpts contain, and to suggest facts.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Point } from '../model/model.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { parseYamlSource, mapEntries, startOf, isSeq, scalarText } from '../util/yaml-source.js';
import { describeInputProblem, readInputText } from '../util/input-text.js';

export const TERM_KINDS = ['person', 'organisation', 'place', 'event'] as const;
export type TermKind = (typeof TERM_KINDS)[number];

export interface GlossaryTerm {
  'zh-Hant': string;
  'zh-Hans': string;
  /** Absent where no romanisation is established. */
  en?: string;
  kind: TermKind;
  position: Point;
}

export interface Glossary {
  file: string;
  terms: GlossaryTerm[];
  diagnostics: Diagnostic[];
}

export function loadGlossary(projectRoot: string, file = path.join(projectRoot, 'releases', 'glossary.yaml')): Glossary {
  const rel = path.relative(projectRoot, file);
  if (!existsSync(file)) return { file: rel, terms: [], diagnostics: [] };
  const read = readInputText(file);
  if (!read.ok) {
    const code = read.kind === 'too-large' ? 'BP511' : 'BP510';
    return { file: rel, terms: [], diagnostics: [diagnostic({ code, message: `the glossary "${rel}" ${describeInputProblem(read)}`, file: rel, hint: 'releases/glossary.yaml must be a YAML file: terms: [ {zh-Hant, zh-Hans, en, kind} … ].' })] };
  }
  const src = parseYamlSource(read.text, rel, 0, { characterCode: 'BP113' });
  const diagnostics = [...src.syntaxErrors];
  const terms: GlossaryTerm[] = [];
  const list = mapEntries(src.doc.contents).find((e) => e.key === 'terms')?.value;
  if (!diagnostics.length && !isSeq(list)) {
    diagnostics.push(diagnostic({ code: 'BP107', message: 'the glossary needs a "terms" list', file: rel, start: startOf(src, src.doc.contents) }));
  }
  for (const item of diagnostics.length ? [] : isSeq(list) ? list.items : []) {
    const fields = new Map(mapEntries(item as never).map((e) => [e.key, scalarText(e.value)]));
    const at = startOf(src, item as never);
    const missing = ['zh-Hant', 'zh-Hans', 'kind'].filter((k) => !fields.get(k));
    const kind = fields.get('kind');
    if (missing.length) {
      diagnostics.push(diagnostic({ code: 'BP107', message: `glossary term is missing ${missing.join(', ')}`, file: rel, start: at }));
      continue;
    }
    if (!(TERM_KINDS as readonly string[]).includes(kind!)) {
      diagnostics.push(diagnostic({ code: 'BP107', message: `glossary kind "${kind}" is not one of ${TERM_KINDS.join(', ')}`, file: rel, start: at }));
      continue;
    }
    const term: GlossaryTerm = { 'zh-Hant': fields.get('zh-Hant')!, 'zh-Hans': fields.get('zh-Hans')!, kind: kind as TermKind, position: at };
    const en = fields.get('en');
    if (en) term.en = en;
    terms.push(term);
  }
  return { file: rel, terms, diagnostics };
}
