/**
 * YAML parsing that keeps positions. Specs, release front matter, corrections and the font
 * configuration are all read through here, so every value can be traced back to
 * file:line:column for diagnostics.
 */
import { LineCounter, parseDocument, isMap, isSeq, isScalar, isPair, type Document, type Node, type Pair } from 'yaml';
import type { Point } from '../model/model.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';

export interface YamlSource {
  file: string;
  doc: Document.Parsed;
  lines: LineCounter;
  /** Line offset added to every position (for front matter that starts after line 1). */
  lineOffset: number;
  syntaxErrors: Diagnostic[];
}

export function parseYamlSource(text: string, file: string, lineOffset = 0): YamlSource {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const syntaxErrors = doc.errors.map((e) => {
    const p = lines.linePos(e.pos[0]);
    return diagnostic({
      code: 'BP201',
      message: `YAML: ${firstLine(e.message)}`,
      file,
      start: { line: p.line + lineOffset, column: p.col },
      hint: e.code === 'TAB_AS_INDENT' ? 'Indent with spaces, not tabs.' : undefined,
    });
  });
  return { file, doc, lines, lineOffset, syntaxErrors };
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
    const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
    return { key, keyNode, value: (pair.value as Node | null) ?? null, pair };
  });
}

export { isMap, isSeq, isScalar };
