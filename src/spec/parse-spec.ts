/**
 * Reads a brief spec: YAML with node ranges, validated against the schema, every problem
 * reported at the line and column of the offending node. All problems in the file are
 * collected; nothing stops at the first.
 */
import { isMap, isPair, type Node } from 'yaml';
import type { z } from 'zod';
import type { Point } from '../doc/model.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { parseYamlSource, startOf, type YamlSource } from '../util/yaml-source.js';
import { closest } from '../util/suggest.js';
import { BriefSpec } from './schema.js';

export type SpecPath = readonly (string | number)[];

export interface ParsedSpec {
  file: string;
  spec?: BriefSpec;
  source: YamlSource;
  diagnostics: Diagnostic[];
  /** Position of the node at a path (or of its nearest existing parent). */
  positionOf(path: SpecPath): Point;
}

export function parseSpec(text: string, file: string): ParsedSpec {
  const source = parseYamlSource(text, file);
  const positionOf = (path: SpecPath): Point => {
    for (let n = path.length; n >= 0; n--) {
      const node = source.doc.getIn(path.slice(0, n), true) as Node | undefined;
      if (node && typeof node === 'object') return startOf(source, node);
    }
    return startOf(source, source.doc.contents);
  };
  const result: ParsedSpec = { file, source, diagnostics: [...source.syntaxErrors], positionOf };
  if (result.diagnostics.length) return result;

  const contents = source.doc.contents;
  if (!isMap(contents)) {
    const what = contents === null ? 'empty' : contentsKind(contents);
    result.diagnostics.push(
      diagnostic({
        code: 'BP202',
        message: `a brief spec must be a mapping of keys (title, date, sections …), but this file is ${what}`,
        file,
        start: positionOf([]),
      }),
    );
    return result;
  }
  const parsed = BriefSpec.safeParse(source.doc.toJS());
  if (parsed.success) result.spec = parsed.data;
  else for (const issue of parsed.error.issues) result.diagnostics.push(...issueToDiagnostics(issue, result));
  return result;
}

function contentsKind(node: Node): string {
  if ('items' in node) return 'a list';
  return 'a single value';
}

function issueToDiagnostics(issue: z.core.$ZodIssue, spec: ParsedSpec): Diagnostic[] {
  const path = issue.path as (string | number)[];
  const where = dotted(path);
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const map = spec.source.doc.getIn(path, true);
      const pair = isMap(map) ? map.items.find((p) => isPair(p) && String((p.key as { value?: unknown })?.value) === key) : undefined;
      const known = knownKeysAt(path);
      const guess = closest(key, known);
      return diagnostic({
        code: 'BP203',
        message: `unknown key "${key}"${where ? ` in ${where}` : ''}`,
        file: spec.file,
        start: pair ? startOf(spec.source, pair) : spec.positionOf(path),
        hint: guess ? `Did you mean "${guess}"?` : `Known keys here: ${known.join(', ')}.`,
        actual: key,
      });
    });
  }
  const node = spec.source.doc.getIn(path, true);
  if (issue.code === 'invalid_type' && node === undefined) {
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
function knownKeysAt(path: (string | number)[]): string[] {
  let schema: z.core.$ZodType | undefined = BriefSpec;
  for (const step of path) schema = schema && childSchema(schema, step);
  schema = schema && unwrap(schema);
  return schema && schema._zod.def.type === 'object' ? Object.keys((schema as z.ZodObject).shape) : [];
}

function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
  let s = schema;
  while (s._zod.def.type === 'optional' || s._zod.def.type === 'default') s = (s._zod.def as unknown as { innerType: z.core.$ZodType }).innerType;
  return s;
}

function childSchema(schema: z.core.$ZodType, step: string | number): z.core.$ZodType | undefined {
  const s = unwrap(schema);
  const def = s._zod.def;
  if (def.type === 'object' && typeof step === 'string') return (s as z.ZodObject).shape[step];
  if (def.type === 'array' && typeof step === 'number') return (def as unknown as { element: z.core.$ZodType }).element;
  return undefined;
}

function dotted(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${p}` : p)).join('');
}
