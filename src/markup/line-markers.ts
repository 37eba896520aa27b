/**
 * Lets markup errors point at the template line that wrote the element. Before compiling, we
 * walk the Handlebars AST and put a processing instruction `<?bp-at FILE LINE COL?>` in front of
 * every tag that the template's literal text opens (the file, for partials, and the position). The markup reader takes each element's
 * position from the marker before it, so "unknown element <tabel>" names the .hbs line,
 * not a line of generated output nobody has seen.
 */
import 'handlebars';

type Program = hbs.AST.Program;
type ContentStatement = hbs.AST.ContentStatement;

export const MARKER_TARGET = 'bp-at';
const TAG_START = /<(?=[A-Za-z])/g;

/** `file` (relative to the project) names the template file, partials included. */
export function addLineMarkers(program: Program, file: string): Program {
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as { type?: string; body?: unknown[]; program?: unknown; inverse?: unknown };
    if (n.type === 'ContentStatement') return markContent(node as ContentStatement, encodeURIComponent(file));
    if (Array.isArray(n.body)) n.body.forEach(visit);
    if (n.program) visit(n.program);
    if (n.inverse) visit(n.inverse);
  };
  visit(program);
  return program;
}

/** Reads a marker's body back: the file and the position in it. */
export function parseMarker(body: string): { file: string; line: number; column: number } {
  const [file, line, column] = body.split(' ');
  return { file: decodeURIComponent(file ?? ''), line: Number(line), column: Number(column) };
}

function markContent(content: ContentStatement, file: string): void {
  // The typings declare `original` as StripFlags; at run time it is the unstripped source text.
  const original = (content as unknown as { original: string }).original;
  const value = content.value;
  // Handlebars strips standalone whitespace from `value`; positions are counted in `original`.
  const shift = Math.max(0, original.indexOf(value));
  const start = content.loc.start;
  content.value = value.replace(TAG_START, (_m: string, offset: number) => {
    const before = original.slice(0, shift + offset);
    const newlines = before.split('\n');
    const line = start.line + newlines.length - 1;
    const column = newlines.length === 1 ? start.column + before.length + 1 : newlines[newlines.length - 1]!.length + 1;
    return `<?${MARKER_TARGET} ${file} ${line} ${column}?><`;
  });
}
