/**
 * First pass of the markup reader: well-formedness. Turns the markup a template emitted into
 * a plain element tree, each element positioned at the template line that wrote it (see
 * template/line-markers.ts). Meaning is checked in the second pass (markup-to-model.ts).
 */
import { SaxesParser } from 'saxes';
import type { Position } from './model.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { MARKER_TARGET } from '../template/line-markers.js';

export interface MarkupElement {
  kind: 'element';
  name: string;
  attrs: Record<string, string>;
  children: MarkupNode[];
  position: Position;
}

export interface MarkupText {
  kind: 'text';
  value: string;
}

export type MarkupNode = MarkupElement | MarkupText;

const ROOT = 'briefpack-markup';

/**
 * Parses `markup` (a sequence of block elements, no root needed). `file` is the template the
 * markup came from; positions fall back to the markup's own lines when no marker precedes.
 */
export function parseMarkupTree(markup: string, file: string): { root?: MarkupElement; diagnostics: Diagnostic[] } {
  const parser = new SaxesParser({ position: true });
  const root: MarkupElement = { kind: 'element', name: ROOT, attrs: {}, children: [], position: { file, start: { line: 1, column: 1 } } };
  const stack: MarkupElement[] = [];
  let marker: Position | undefined;
  let failure: Diagnostic | undefined;
  const here = (): Position => marker ?? { file, start: { line: parser.line, column: parser.column } };

  parser.on('processinginstruction', (pi) => {
    if (pi.target !== MARKER_TARGET) return;
    const [line, column] = pi.body.split(' ').map(Number) as [number, number];
    marker = { file, start: { line, column } };
  });
  parser.on('opentag', (tag) => {
    const el: MarkupElement = {
      kind: 'element',
      name: tag.name,
      attrs: { ...(tag.attributes as Record<string, string>) },
      children: [],
      position: here(),
    };
    if (tag.name === ROOT && stack.length === 0) {
      stack.push(root);
      return;
    }
    stack[stack.length - 1]?.children.push(el);
    stack.push(el);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.on('text', (value) => {
    const parent = stack[stack.length - 1];
    if (!parent) return;
    const last = parent.children[parent.children.length - 1];
    if (last?.kind === 'text') last.value += value;
    else parent.children.push({ kind: 'text', value });
  });
  parser.on('error', (err) => {
    // Later errors are almost always echoes of the first; one message per mistake.
    if (failure) return;
    const message = err.message.replace(/^\d+:\d+: /, '');
    failure = diagnostic({
      code: 'BP302',
      message: `markup is not well formed: ${message}`,
      file,
      start: here().start,
      hint: friendlyHint(message),
    });
  });
  // No newline after the root tag, so markup line n stays line n.
  parser.write(`<${ROOT}>`);
  parser.write(markup);
  parser.write(`</${ROOT}>`);
  parser.close();
  return failure ? { diagnostics: [failure] } : { root, diagnostics: [] };
}

function friendlyHint(message: string): string | undefined {
  if (/unexpected close tag|unclosed tag/i.test(message)) return 'An element opened here is not closed (or is closed in the wrong order).';
  if (/entity/i.test(message)) return 'Write a literal "&" as {{"&"}} through a variable (escaped), or as &amp;.';
  return undefined;
}
