/**
 * Indentation slips in a YAML spec, said in an editor's words. The yaml library reports
 * them in its own terms and often at the wrong place: a key indented too little gives "All
 * mapping items must start at the same column" at column 1; a key indented too much blames
 * the line before ("Nested mappings are not allowed in compact mappings"); a tab cascades
 * into several errors. When the parser found syntax errors, this reads the lines again and
 * names the slip: which key, at which column, aligned with which key above, and the fix.
 * One diagnostic per slip; nothing when it finds no slip (the parser's errors then stand).
 */
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';

interface Level {
  /** 1-based column of the key (or of the dash, for a list item). */
  col: number;
  kind: 'key' | 'dash';
  key: string;
  line: number;
}

/** `key:` with what follows, after any `- ` list dashes. */
const KEY_LINE = /^( *)((?:- +)*)([^\s#'"{[\]}:,&*!|>%@`-][^:#]*?|"[^"]*"|'[^']*'):(?:\s+(.*))?$/;

export function tabSlips(text: string, file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const lead = /^[ \t]*/.exec(line)![0];
    const tab = lead.indexOf('\t');
    if (tab < 0 || !line.trim()) return;
    const key = KEY_LINE.exec(line.replace(/\t/g, '  '))?.[3];
    out.push(
      diagnostic({
        code: 'BP201',
        message: `line ${i + 1} is indented with a tab${key ? ` (before "${key}")` : ''}: YAML indents with spaces only`,
        file,
        start: { line: i + 1, column: tab + 1 },
        hint: `Replace the tab with spaces, so that the key lines up with the keys it belongs with (set your editor to insert spaces for Tab in YAML files).`,
        actual: '\\t',
      }),
    );
  });
  return out;
}

export function indentationSlips(text: string, file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const stack: Level[] = [];
  let blockScalarAt: number | null = null;
  let previousKey: (Level & { inlineValue: boolean }) | null = null;
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const lineNo = i + 1;
    if (!raw.trim() || /^\s*#/.test(raw) || raw.startsWith('---')) return;
    const indent = raw.length - raw.trimStart().length;
    if (blockScalarAt !== null) {
      if (indent + 1 > blockScalarAt) return; // folded or literal text
      blockScalarAt = null;
    }
    const m = KEY_LINE.exec(raw);
    if (!m) return;
    const dashes = m[2]!;
    const key = m[3]!.replace(/^["']|["']$/g, '');
    const value = (m[4] ?? '').replace(/\s+#.*$/, '');
    let col = indent + 1;
    // Each `- ` opens a list item; the key itself stands after the dashes.
    for (const d of dashes.match(/- +/g) ?? []) {
      while (stack.length && stack[stack.length - 1]!.col > col) stack.pop();
      if (!(stack.length && stack[stack.length - 1]!.col === col && stack[stack.length - 1]!.kind === 'dash')) stack.push({ col, kind: 'dash', key, line: lineNo });
      col += d.length;
    }
    const popped: Level[] = [];
    while (stack.length && stack[stack.length - 1]!.col > col) popped.push(stack.pop()!);
    const top = stack[stack.length - 1];
    const slip = (message: string, hint: string, alignCol: number) =>
      out.push(diagnostic({ code: 'BP201', message, file, start: { line: lineNo, column: col }, hint, expected: `column ${alignCol}`, actual: `column ${col}` }));
    if (!dashes && popped.length && !(top && top.col === col && top.kind === 'key')) {
      // Between two levels: it meant to join the nearest key further right, or the one left.
      const right = popped.reverse().find((l) => l.kind === 'key') ?? popped[0]!;
      const n = right.col - col;
      slip(
        `"${key}" is indented ${col - 1} space${col === 2 ? '' : 's'}, which lines it up with no key above it`,
        `Align it with "${right.key}" (line ${right.line}, column ${right.col}): add ${n} space${n === 1 ? '' : 's'} before "${key}".`,
        right.col,
      );
      stack.push({ col, kind: 'key', key, line: lineNo });
    } else if (!dashes && previousKey && previousKey.inlineValue && col > previousKey.col && top?.line === previousKey.line && top.col === previousKey.col) {
      const n = col - previousKey.col;
      slip(
        `"${key}" is indented further than "${previousKey.key}" on line ${previousKey.line}, which already has a value, so it cannot hold "${key}"`,
        `Align it with "${previousKey.key}" (column ${previousKey.col}): remove ${n} space${n === 1 ? '' : 's'} before "${key}".`,
        previousKey.col,
      );
      return; // keep the levels as they were: the next lines are measured against the real ones
    } else if (!(top && top.col === col && top.kind === 'key')) {
      stack.push({ col, kind: 'key', key, line: lineNo });
    } else {
      stack[stack.length - 1] = { col, kind: 'key', key, line: lineNo };
    }
    const inlineValue = value !== '' && !/^[|>][-+0-9]*$/.test(value) && !/^&\S+$/.test(value);
    if (/^[|>][-+0-9]*$/.test(value)) blockScalarAt = col;
    previousKey = { col, kind: 'key', key, line: lineNo, inlineValue };
  });
  return out;
}
