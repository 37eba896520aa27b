/**
 * First pass of the markup reader: well-formedness. Turns the markup a template emitted into
 * a plain element tree, each element positioned at the template line that wrote it (see
 * line-markers.ts). Meaning is checked in the second pass (markup-to-model.ts).
 */
import { SaxesParser } from 'saxes';
import type { Position } from '../model/model.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { MARKER_TARGET, parseMarker } from './line-markers.js';

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
    const m = parseMarker(pi.body);
    marker = { file: m.file || file, start: { line: m.line, column: m.column } };
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
  // saxes reports a close tag that matches nothing after it has already closed the elements
  // still open (`</r>` with `<p>` open: close p, then the error). Remember the last closed
  // element, so the error can name the one that was never closed.
  let lastClosed: MarkupElement | undefined;
  parser.on('closetag', () => {
    lastClosed = stack.pop();
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
    // A close tag that does not match means the innermost open element was never closed:
    // point at where it was opened, not at the close tag that revealed it.
    const unclosed = /close tag|unclosed/i.test(message) ? lastClosed : undefined;
    const at = unclosed && unclosed !== root ? unclosed.position : here();
    failure = diagnostic({
      code: 'BP302',
      message: unclosed && unclosed !== root ? `<${unclosed.name}> is never closed` : `markup is not well formed: ${message}`,
      file: at.file ?? file,
      start: at.start,
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
