/**
 * Reads one YAML spec file (a brief, or a file of shared sections it includes): YAML with
 * node ranges, validated against a schema, every problem reported at the line and column of
 * the offending node. All problems in the file are collected; nothing stops at the first.
 */
import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import type { z } from 'zod';
import type { Point } from '../model/model.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { parseYamlSource, startOf, toPlain, type YamlSource } from '../util/yaml-source.js';
import { closest } from '../util/suggest.js';
import { calendarDateProblem } from '../util/dates.js';
import { indentationSlips, tabSlips } from './indentation.js';

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
  if (result.diagnostics.length) {
    // The parser's words for an indentation slip point at the wrong place: name the slip.
    const tabs = tabSlips(text, file);
    const slips = tabs.length ? tabs : indentationSlips(text, file);
    if (slips.length) result.diagnostics = [...result.diagnostics.filter((d) => d.code !== 'BP201'), ...slips];
    result.diagnostics.sort(byPosition);
    return result;
  }

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
  const parsed = schema.safeParse(toPlain(source));
  if (parsed.success) result.value = parsed.data;
  else result.diagnostics.push(...oneDiagnosticPerSlip(parsed.error.issues.flatMap((issue) => issueToDiagnostics(issue, [], result, schema))));
  result.diagnostics.sort(byPosition);
  return result;
}

const byPosition = (a: Diagnostic, b: Diagnostic) => a.start.line - b.start.line || a.start.column - b.start.column;

/**
 * A misspelt required key is one slip, not two: the "unknown key" that suggests a missing
 * key stands for both, and says that the key is required.
 */
function oneDiagnosticPerSlip(list: Diagnostic[]): Diagnostic[] {
  const missing = new Map<string, Diagnostic>();
  for (const d of list) if (d.code === 'BP205' && d.expected) missing.set(d.expected, d);
  const covered = new Set<Diagnostic>();
  const out = list.map((d) => {
    const meant = d.code === 'BP203' ? d.expected : undefined;
    const gap = meant !== undefined ? missing.get(meant) : undefined;
    if (!gap || gap.file !== d.file) return d;
    covered.add(gap);
    return { ...d, message: `${d.message}: did you mean "${meant}"? (a required key)`, hint: `Rename "${d.actual}" to "${meant}".` };
  });
  return out.filter((d) => !covered.has(d));
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
    // A form whose very type is wrong (a string form for a mapping) fits worse than a form
    // with one wrong field: `{type: people}` is about the type's allowed values.
    const scored = issue.errors.map((branch) => ({
      branch,
      score: branch.reduce((n, i) => n + (i.code === 'unrecognized_keys' ? i.keys.length : i.code === 'invalid_type' && i.path.length === 0 ? 1.5 : 1), 0),
    }));
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
        ...(guess ? { expected: guess } : {}),
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
        expected: String(key),
      }),
    ];
  }
  if (issue.code === 'custom' && (issue.params as { code?: string } | undefined)?.code === 'BP220') {
    const value = String((node as { value?: unknown } | undefined)?.value ?? '');
    return [
      diagnostic({
        code: 'BP220',
        message: `${where || 'date'}: ${valueSeen(node) ?? JSON.stringify(value)} is not a calendar date: it ${calendarDateProblem(value) ?? 'is not a day of the calendar'}`,
        file: spec.file,
        start: spec.positionOf(path),
        actual: value,
      }),
    ];
  }
  const expected = 'expected' in issue ? String(issue.expected) : undefined;
  const seen = valueSeen(node);
  const options = issue.code === 'invalid_value' ? issue.values.map(String) : undefined;
  let detail = issue.code === 'invalid_type' ? `expected ${expected}${seen !== undefined ? `, found ${seen}` : ''}` : issue.message;
  let hint = options ? `Use one of: ${options.join(', ')}.` : undefined;
  if (options && seen !== undefined) {
    detail = `${seen} is not one of the allowed values`;
    const guess = closest(String((node as { value?: unknown }).value), options);
    hint = `${guess ? `Did you mean "${guess}"? ` : ''}Allowed: ${options.join(', ')}.`;
  } else if (issue.code === 'invalid_format' && seen !== undefined) {
    detail = `${seen} is not ${issue.message}`;
    hint = formatHint(String((node as { value?: unknown }).value), issue.message);
  }
  return [
    diagnostic({
      code: 'BP204',
      message: `${where || 'value'}: ${detail}`,
      file: spec.file,
      start: spec.positionOf(path),
      hint,
      expected: options?.join(' | ') ?? expected,
      ...(seen !== undefined ? { actual: String((node as { value?: unknown }).value) } : {}),
    }),
  ];
}

/** A scalar's value as the editor wrote it, quoted, for messages ("30/09/2021"). */
function valueSeen(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const source = (node as { source?: string }).source;
  return JSON.stringify(typeof source === 'string' ? source : String(node.value));
}

/** How to write a value of a pattern; for dates, the value seen in the right form when it can be read. */
function formatHint(value: string, message: string): string | undefined {
  if (!/YYYY-MM-DD/.test(message)) return undefined;
  const dmy = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(value.trim());
  const ymd = /^(\d{4})[./](\d{1,2})[./](\d{1,2})$/.exec(value.trim());
  const pad = (n: string) => n.padStart(2, '0');
  const iso = dmy && Number(dmy[2]) <= 12 ? `${dmy[3]}-${pad(dmy[2]!)}-${pad(dmy[1]!)}` : ymd ? `${ymd[1]}-${pad(ymd[2]!)}-${pad(ymd[3]!)}` : undefined;
  return iso ? `Write it as ${iso} (year-month-day, with leading zeros).` : 'Write the year, month and day with leading zeros, joined by "-", e.g. 2021-09-30.';
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
