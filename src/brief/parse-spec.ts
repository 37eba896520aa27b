/**
 * Reads one YAML spec file (a brief, or a file of shared sections it includes): YAML with
 * node ranges, validated against a schema, every problem reported at the line and column of
 * the offending node. All problems in the file are collected; nothing stops at the first.
 */
import { isMap, isPair, isSeq, type Node } from 'yaml';
import type { z } from 'zod';
import type { Point } from '../model/model.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { parseYamlSource, startOf, type YamlSource } from '../util/yaml-source.js';
import { closest } from '../util/suggest.js';

export type SpecPath = readonly (string | number)[];

export interface ParsedFile<T> {
  file: string;
  value?: T;
  source: YamlSource;
  diagnostics: Diagnostic[];
  /** Position of the node at a path (or of its nearest existing parent). */
  positionOf(path: SpecPath): Point;
}

export interface ParseOptions {
  /** What the file must hold at the top: a mapping, or a mapping or a list. */
  shape: 'map' | 'map-or-list';
  /** Said in the "must be a mapping" error, e.g. "a brief spec". */
  what: string;
}

export function parseSpecFile<S extends z.ZodType>(text: string, file: string, schema: S, options: ParseOptions): ParsedFile<z.output<S>> {
  const source = parseYamlSource(text, file);
  const positionOf = (path: SpecPath): Point => {
    for (let n = path.length; n >= 0; n--) {
      const node = source.doc.getIn(path.slice(0, n), true) as Node | undefined;
      if (node && typeof node === 'object') return startOf(source, node);
    }
    return startOf(source, source.doc.contents);
  };
  const result: ParsedFile<z.output<S>> = { file, source, diagnostics: [...source.syntaxErrors], positionOf };
  if (result.diagnostics.length) return result;

  const contents = source.doc.contents;
  if (!isMap(contents) && !(options.shape === 'map-or-list' && isSeq(contents))) {
    const what = contents === null ? 'empty' : isSeq(contents) ? 'a list' : 'a single value';
    result.diagnostics.push(
      diagnostic({
        code: 'BP202',
        message: `${options.what} must be a mapping of keys${options.shape === 'map-or-list' ? ' (or a list of them)' : ' (title, date, sections …)'}, but this file is ${what}`,
        file,
        start: positionOf([]),
      }),
    );
    return result;
  }
  const parsed = schema.safeParse(source.doc.toJS());
  if (parsed.success) result.value = parsed.data;
  else for (const issue of parsed.error.issues) result.diagnostics.push(...issueToDiagnostics(issue, [], result, schema));
  return result;
}

type Issue = z.core.$ZodIssue;

/**
 * One diagnostic per problem. A value that fits none of a union's forms is reported
 * through the form it comes closest to (fewest problems), so an editor reads "unknown key
 * comennt" rather than "does not match any form".
 */
function issueToDiagnostics(issue: Issue, prefix: SpecPath, spec: ParsedFile<unknown>, root: z.ZodType): Diagnostic[] {
  const path = [...prefix, ...(issue.path as (string | number)[])];
  const where = dotted(path);
  if (issue.code === 'invalid_union' && issue.errors.length) {
    const scored = issue.errors.map((branch) => ({ branch, score: branch.reduce((n, i) => n + (i.code === 'unrecognized_keys' ? i.keys.length : 1), 0) }));
    const best = scored.reduce((a, b) => (b.score < a.score ? b : a)).branch;
    const descends = best.some((i) => i.path.length > 0 || i.code === 'unrecognized_keys');
    if (descends) return best.flatMap((i) => issueToDiagnostics(i, path, spec, root));
    return [diagnostic({ code: 'BP204', message: `${where || 'value'}: ${issue.message}`, file: spec.file, start: spec.positionOf(path) })];
  }
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const map = spec.source.doc.getIn(path, true);
      const pair = isMap(map) ? map.items.find((p) => isPair(p) && String((p.key as { value?: unknown })?.value) === key) : undefined;
      const known = knownKeysAt(root, path);
      const guess = closest(key, known);
      return diagnostic({
        code: 'BP203',
        message: `unknown key "${key}"${where ? ` in ${where}` : ''}`,
        file: spec.file,
        start: pair ? startOf(spec.source, pair) : spec.positionOf(path),
        hint: guess ? `Did you mean "${guess}"?` : known.length ? `Known keys here: ${known.join(', ')}.` : undefined,
        actual: key,
      });
    });
  }
  const node = spec.source.doc.getIn(path, true);
  if (issue.code === 'invalid_type' && node === undefined && path.length) {
    const key = path[path.length - 1];
    return [
      diagnostic({
        code: 'BP205',
        message: `missing required key "${String(key)}"${path.length > 1 ? ` in ${dotted(path.slice(0, -1))}` : ''}`,
        file: spec.file,
        start: spec.positionOf(path.slice(0, -1)),
        hint: `Add "${String(key)}:" here.`,
      }),
    ];
  }
  const expected = 'expected' in issue ? String(issue.expected) : undefined;
  const detail = issue.code === 'invalid_type' ? `expected ${expected}` : issue.message;
  const options = issue.code === 'invalid_value' ? issue.values.map(String) : undefined;
  return [
    diagnostic({
      code: 'BP204',
      message: `${where || 'value'}: ${detail}`,
      file: spec.file,
      start: spec.positionOf(path),
      hint: options ? `Use one of: ${options.join(', ')}.` : undefined,
      expected: options?.join(' | ') ?? expected,
    }),
  ];
}

/** The keys the schema allows for the object at `path`, read from the schema itself. */
function knownKeysAt(root: z.ZodType, path: SpecPath): string[] {
  const keys = new Set<string>();
  const visit = (schema: z.core.$ZodType, rest: SpecPath) => {
    const s = unwrap(schema);
    const def = s._zod.def;
    if (def.type === 'union') {
      for (const option of (def as unknown as { options: z.core.$ZodType[] }).options) visit(option, rest);
      return;
    }
    if (rest.length === 0) {
      if (def.type === 'object') for (const k of Object.keys((s as z.ZodObject).shape)) keys.add(k);
      return;
    }
    const [step, ...more] = rest;
    if (def.type === 'object' && typeof step === 'string') {
      const child = (s as z.ZodObject).shape[step];
      if (child) visit(child, more);
    } else if (def.type === 'array' && typeof step === 'number') visit((def as unknown as { element: z.core.$ZodType }).element, more);
  };
  visit(root, path);
  return [...keys];
}

function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
  let s = schema;
  while (['optional', 'default', 'prefault', 'nullable'].includes(s._zod.def.type)) s = (s._zod.def as unknown as { innerType: z.core.$ZodType }).innerType;
  return s;
}

export function dotted(path: SpecPath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${p}` : p)).join('');
}
