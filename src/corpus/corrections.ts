/**
 * Editor-owned corrections (`releases/corrections.yaml`) for what no machine can repair,
 * such as the seed's mojibake run. A correction replaces an exact snippet of a release's
 * text as it stands in the release file; the build applies it before cleaning, records it,
 * and fails if the snippet no longer occurs (the source changed and the fix may be stale).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Point } from '../model/model.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { closest } from '../util/suggest.js';
import { parseYamlSource, mapEntries, startOf, isSeq, scalarText } from '../util/yaml-source.js';
import { describeInputProblem, readInputText } from '../util/input-text.js';

export interface Correction {
  release: string;
  find: string;
  replace: string;
  note: string;
  /** Where the entry is, for diagnostics. */
  file: string;
  position: Point;
}

export interface AppliedCorrection {
  correction: Correction;
  /** 0 = headline, else paragraph number. */
  paragraph: number;
  /** Offset in the raw paragraph text. */
  offset: number;
}

export interface CorrectionsFile {
  corrections: Correction[];
  diagnostics: Diagnostic[];
}

export function loadCorrections(projectRoot: string, file = path.join(projectRoot, 'releases', 'corrections.yaml')): CorrectionsFile {
  const rel = path.relative(projectRoot, file);
  if (!existsSync(file)) return { corrections: [], diagnostics: [] };
  const read = readInputText(file);
  if (!read.ok) {
    const code = read.kind === 'too-large' ? 'BP511' : 'BP510';
    return { corrections: [], diagnostics: [diagnostic({ code, message: `the corrections file "${rel}" ${describeInputProblem(read)}`, file: rel, hint: 'releases/corrections.yaml must be a YAML file: corrections: [ {release, find, replace, note} … ].' })] };
  }
  const src = parseYamlSource(read.text, rel, 0, { characterCode: 'BP113' });
  const diagnostics = [...src.syntaxErrors];
  const corrections: Correction[] = [];
  const listNode = mapEntries(src.doc.contents).find((e) => e.key === 'corrections')?.value;
  if (!diagnostics.length && listNode && !isSeq(listNode)) {
    diagnostics.push(diagnostic({ code: 'BP108', message: '"corrections" must be a list', file: rel, start: startOf(src, listNode) }));
  }
  if (!diagnostics.length && src.doc.contents !== null && !mapEntries(src.doc.contents).length) {
    diagnostics.push(diagnostic({ code: 'BP108', message: 'the corrections file must be a mapping with a "corrections" list', file: rel, start: startOf(src, src.doc.contents), hint: 'Write "corrections:" followed by a list of {release, find, replace, note}, or "corrections: []".' }));
  }
  const items = diagnostics.length ? [] : isSeq(listNode) ? listNode.items : [];
  for (const item of items) {
    const entries = mapEntries(item as never);
    const fields = new Map(entries.map((e) => [e.key, scalarText(e.value)]));
    const missing = ['release', 'find', 'replace', 'note'].filter((k) => fields.get(k) === undefined);
    const at = startOf(src, item as never);
    if (missing.length) {
      diagnostics.push(
        diagnostic({ code: 'BP108', message: `correction is missing ${missing.map((m) => `"${m}"`).join(', ')}`, file: rel, start: at, hint: 'A correction has release, find (exact text), replace and note.' }),
      );
      continue;
    }
    // An empty find occurs everywhere: applying it would never end.
    if (fields.get('find') === '') {
      const node = entries.find((e) => e.key === 'find')!;
      diagnostics.push(
        diagnostic({
          code: 'BP108',
          message: 'correction has an empty "find": it must name the exact text to replace',
          file: rel,
          start: startOf(src, node.value ?? node.keyNode),
          hint: 'Copy the wrong text from the release file into "find" (at least one character), or remove this correction.',
        }),
      );
      continue;
    }
    corrections.push({ release: fields.get('release')!, find: fields.get('find')!, replace: fields.get('replace')!, note: fields.get('note')!, file: rel, position: at });
  }
  return { corrections, diagnostics };
}

/** BP108 for each correction that names a release id the corpus does not have. */
export function correctionsForUnknownReleases(corrections: readonly Correction[], ids: Iterable<string>): Diagnostic[] {
  const known = [...ids];
  return corrections
    .filter((c) => !known.includes(c.release))
    .map((c) => {
      const guess = closest(c.release, known);
      return diagnostic({
        code: 'BP108',
        message: `correction names release "${c.release}", which does not exist`,
        file: c.file,
        start: c.position,
        hint: guess ? `Did you mean "${guess}"?` : undefined,
      });
    });
}

/** Applies every correction to `raw` (all occurrences); returns the text and what it did. */
export function applyCorrections(raw: string, corrections: readonly Correction[], paragraph: number): { text: string; applied: AppliedCorrection[] } {
  let text = raw;
  const applied: AppliedCorrection[] = [];
  for (const correction of corrections) {
    // loadCorrections refuses an empty find; never loop on one that slipped through.
    if (!correction.find) continue;
    // One pass: the pieces between occurrences are collected and joined once (offsets are in
    // the text as it stands after the replacements before them, as `beforeCorrections` expects).
    const parts: string[] = [];
    let from = 0;
    let shift = 0;
    for (let at = text.indexOf(correction.find); at >= 0; at = text.indexOf(correction.find, from)) {
      applied.push({ correction, paragraph, offset: at + shift });
      parts.push(text.slice(from, at), correction.replace);
      from = at + correction.find.length;
      shift += correction.replace.length - correction.find.length;
    }
    if (parts.length) text = parts.join('') + text.slice(from);
  }
  return { text, applied };
}
