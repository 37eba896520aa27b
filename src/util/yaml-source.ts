/**
 * YAML parsing that keeps positions. Specs, release front matter, corrections and the font
 * configuration are all read through here, so every value can be traced back to
 * file:line:column for diagnostics.
 */
import { LineCounter, parseDocument, isMap, isSeq, isScalar, isPair, isAlias, visit, type Document, type Node, type Pair } from 'yaml';
import type { Point } from '../model/model.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { DiagnosticCode } from '../diagnostics/catalogue.js';
import { describeBadCharacter, findBadCharacters, pointsOf, stripBom } from './input-text.js';

/**
 * Aliases may repeat a node at most this many times in all (the yaml library's own guard
 * against "billion laughs" documents, which grow exponentially when expanded).
 */
export const MAX_ALIAS_COUNT = 100;
/** At most this many bad characters are reported per file (then a count of the rest). */
const MAX_CHARACTER_REPORTS = 10;

export interface YamlSourceOptions {
  /** Code for a bad character (control, non-character, lone surrogate, bidi control): BP219 in specs, BP113 elsewhere. */
  characterCode?: Extract<DiagnosticCode, 'BP113' | 'BP219'>;
  /** The caller has already checked the raw text for bad characters (a release file, whole). */
  rawTextChecked?: boolean;
}

export interface YamlSource {
  file: string;
  doc: Document.Parsed;
  lines: LineCounter;
  /** Line offset added to every position (for front matter that starts after line 1). */
  lineOffset: number;
  syntaxErrors: Diagnostic[];
}

export function parseYamlSource(input: string, file: string, lineOffset = 0, options: YamlSourceOptions = {}): YamlSource {
  // A byte order mark is not part of the text (positions count from after it).
  const text = stripBom(input);
  const lines = new LineCounter();
  // logLevel 'error': the library's warnings (an unknown tag such as !!js/function) become
  // diagnostics below instead of lines that Node prints on stderr.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
  const problems = [...doc.errors, ...doc.warnings.filter((w) => w.code === 'TAG_RESOLVE_FAILED')];
  const syntaxErrors: Diagnostic[] = problems.map((e) => {
    const p = lines.linePos(e.pos[0]);
    return diagnostic({
      code: 'BP201',
      message: `YAML: ${firstLine(e.message)}`,
      file,
      start: { line: p.line + lineOffset, column: p.col },
      hint: e.code === 'TAB_AS_INDENT' ? 'Indent with spaces, not tabs.' : e.code === 'TAG_RESOLVE_FAILED' ? 'Remove the tag (the "!!…" or "!…" before the value): briefpack reads plain YAML values only.' : undefined,
    });
  });
  const code = options.characterCode ?? 'BP219';
  if (!options.rawTextChecked) syntaxErrors.push(...badCharacterDiagnostics(text, file, code, lineOffset));
  const source: YamlSource = { file, doc, lines, lineOffset, syntaxErrors };
  if (!syntaxErrors.length) syntaxErrors.push(...escapedBadCharacters(source, code));
  syntaxErrors.push(...aliasProblems(source));
  return source;
}

/** One diagnostic per bad character in raw text (the first few, then how many more). */
export function badCharacterDiagnostics(text: string, file: string, code: Extract<DiagnosticCode, 'BP113' | 'BP219'>, lineOffset = 0): Diagnostic[] {
  const { found: shown, total } = findBadCharacters(text, MAX_CHARACTER_REPORTS);
  if (!total) return [];
  const points = pointsOf(text, shown.map((c) => c.offset), lineOffset);
  const out = shown.map((c, i) =>
    diagnostic({
      code,
      message: `${describeBadCharacter(c)}${total > shown.length && i === shown.length - 1 ? ` (and ${total - shown.length} more in this file)` : ''}`,
      file,
      start: points[i]!,
      actual: `U+${c.codePoint.toString(16).toUpperCase().padStart(4, '0')}`,
    }),
  );
  return out;
}

/**
 * Bad characters that only exist once YAML escapes are read ("\0", "\uD800", "\u202E"):
 * reported at the scalar that holds them.
 */
function escapedBadCharacters(src: YamlSource, code: Extract<DiagnosticCode, 'BP113' | 'BP219'>): Diagnostic[] {
  const out: Diagnostic[] = [];
  visit(src.doc, {
    Scalar(_key, node) {
      if (out.length >= MAX_CHARACTER_REPORTS || typeof node.value !== 'string') return;
      const { found } = findBadCharacters(node.value, 1);
      if (!found.length) return;
      out.push(
        diagnostic({
          code,
          message: `${describeBadCharacter(found[0]!)}, written as an escape in this value`,
          file: src.file,
          start: startOf(src, node),
          actual: `U+${found[0]!.codePoint.toString(16).toUpperCase().padStart(4, '0')}`,
        }),
      );
    },
  });
  return out;
}

/** Aliases that would expand the document beyond MAX_ALIAS_COUNT repeats (an alias bomb). */
function aliasProblems(src: YamlSource): Diagnostic[] {
  let first: Node | undefined;
  const unresolved: Diagnostic[] = [];
  visit(src.doc, {
    Alias(_key, node) {
      first ??= node;
      let target: unknown;
      try {
        target = node.resolve(src.doc);
      } catch {
        target = undefined;
      }
      if (!target) {
        unresolved.push(
          diagnostic({
            code: 'BP201',
            message: `YAML: alias *${node.source} names no anchor &${node.source} before it`,
            file: src.file,
            start: startOf(src, node),
            hint: `Define "&${node.source}" on a value above, or write the value here instead of the alias.`,
          }),
        );
      }
    },
  });
  if (unresolved.length) return unresolved;
  if (!first) return [];
  try {
    src.doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    return [];
  } catch (e) {
    // With syntax errors (already reported) an alias may not resolve at all: nothing to add.
    if (!(e instanceof ReferenceError) || !/excessive alias/i.test(e.message)) {
      if (src.syntaxErrors.length) return [];
      throw e;
    }
    return [
      diagnostic({
        code: 'BP222',
        message: `aliases (*name) repeat their anchors more than ${MAX_ALIAS_COUNT} times in all: this file would grow exponentially when read`,
        file: src.file,
        start: startOf(src, first),
        hint: 'Write the values out, or use fewer aliases of aliases; briefpack refuses documents that expand like this ("billion laughs").',
      }),
    ];
  }
}

/** The document as plain data (aliases expanded, within MAX_ALIAS_COUNT; null for an alias bomb). */
export function toPlain(src: YamlSource): unknown {
  // An alias bomb (already reported as BP222) reads as nothing.
  if (src.syntaxErrors.some((d) => d.code === 'BP222')) return null;
  try {
    return src.doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    // A document with syntax errors may still hold aliases that cannot be resolved.
    if (src.syntaxErrors.length) return null;
    throw e;
  }
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.trim();
}

/** Start of a node (or of the document, when the node has no range). */
export function startOf(src: YamlSource, node: Node | Pair | null | undefined): Point {
  const offset = rangeStart(node);
  if (offset === undefined) return { line: 1 + src.lineOffset, column: 1 };
  const p = src.lines.linePos(offset);
  return { line: p.line + src.lineOffset, column: p.col };
}

export function endOf(src: YamlSource, node: Node | null | undefined): Point | undefined {
  const offset = node?.range?.[1];
  if (offset === undefined) return undefined;
  const p = src.lines.linePos(offset);
  return { line: p.line + src.lineOffset, column: p.col };
}

function rangeStart(node: Node | Pair | null | undefined): number | undefined {
  if (!node) return undefined;
  if (isPair(node)) return rangeStart(node.key as Node);
  return (node as Node).range?.[0];
}

/** Pairs of a map node with plain-string keys, for walking a spec with positions. */
export function mapEntries(node: Node | null | undefined): { key: string; keyNode: Node; value: Node | null; pair: Pair }[] {
  if (!isMap(node)) return [];
  return node.items.map((pair) => {
    const keyNode = pair.key as Node;
    const key = isScalar(keyNode) ? (scalarText(keyNode) ?? String(keyNode.value)) : String(keyNode);
    return { key, keyNode, value: (pair.value as Node | null) ?? null, pair };
  });
}

/**
 * A scalar's text as the editor wrote it: strings as read, other scalars (numbers, booleans,
 * `.nan`, `1e999`) in their source form, so messages say ".nan", not "NaN", and "1e999", not
 * "Infinity". Undefined for a null or a node that is not a scalar.
 */
export function scalarText(node: unknown): string | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
  if (typeof node.value === 'string') return node.value;
  const source = (node as { source?: unknown }).source;
  return typeof source === 'string' && source !== '' ? source : String(node.value);
}

export { isMap, isSeq, isScalar, isAlias };
