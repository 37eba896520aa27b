/**
 * The one diagnostic shape (DESIGN §2), modelled on vfile-message: every problem found in
 * any input carries where it is, what is wrong and what to do about it.
 */
import type { Point } from '../position.js';
import { CATALOGUE, type DiagnosticCode } from './catalogue.js';

import type { DiagnosticSource, Severity } from './catalogue.js';

export type { DiagnosticSource, Severity } from './catalogue.js';

export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  hint?: string;
  /** Path relative to the project root where possible. */
  file: string;
  start: Point;
  end?: Point;
  source: DiagnosticSource;
  expected?: string;
  actual?: string;
}

export interface DiagnosticInit {
  code: DiagnosticCode;
  message: string;
  file: string;
  start?: Point;
  end?: Point;
  severity?: Severity;
  hint?: string;
  expected?: string;
  actual?: string;
}

/** Builds a diagnostic, taking severity, source and a default hint from the catalogue. */
export function diagnostic(init: DiagnosticInit): Diagnostic {
  const entry = CATALOGUE[init.code];
  const d: Diagnostic = {
    code: init.code,
    severity: init.severity ?? entry.severity,
    message: init.message,
    file: init.file,
    start: init.start ?? { line: 1, column: 1 },
    source: entry.source,
  };
  if (init.end) d.end = init.end;
  const hint = init.hint ?? entry.hint;
  if (hint) d.hint = hint;
  if (init.expected !== undefined) d.expected = init.expected;
  if (init.actual !== undefined) d.actual = init.actual;
  return d;
}

/**
 * Thrown when a stage cannot go on. Carries every diagnostic collected so far, so that
 * the CLI reports all problems of a brief at once. Only the CLI catches it.
 */
export class DiagnosticError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
    this.name = 'DiagnosticError';
    this.diagnostics = diagnostics;
  }
}

/** Two reports of the same problem (the same code, message and place). */
export function sameDiagnostic(a: Diagnostic, b: Diagnostic): boolean {
  return a.code === b.code && a.file === b.file && a.message === b.message && a.start.line === b.start.line && a.start.column === b.start.column;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** `file:line:column: error BP0101: message` plus an indented hint line. */
export function formatDiagnostic(d: Diagnostic): string {
  const head = `${d.file}:${d.start.line}:${d.start.column}: ${d.severity} ${d.code}: ${d.message}`;
  return d.hint ? `${head}\n  hint: ${d.hint}` : head;
}
