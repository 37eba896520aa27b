/**
 * The one reader of a release file's front matter boundaries and of the keys the corpus index
 * needs (`id`, `translation_of`). The index (corpus.ts) and the full reader (release-file.ts)
 * both go through here, so a file is always found under the id its YAML says: the index never
 * disagrees with the release it points at (a quoted id, `id: "x"`, is the same id as `id: x`).
 */
import { parse } from 'yaml';
import type { Point } from '../position.js';
import { stripBom } from '../util/input-text.js';

export interface FrontMatterSplit {
  /** The file's lines (line endings normalised). */
  lines: string[];
  /** Index of the closing `---` line. */
  close: number;
}

export type FrontMatterProblem = 'no-opening' | 'not-closed';

/** Finds the front matter: `---` on the first line, up to the next `---` line. */
export function splitFrontMatter(text: string): FrontMatterSplit | FrontMatterProblem {
  // A byte order mark before the opening "---" is not part of the text.
  const lines = stripBom(text).replace(/\r\n?/g, '\n').split('\n');
  if (lines[0] !== '---') return 'no-opening';
  const close = lines.indexOf('---', 1);
  if (close < 0) return 'not-closed';
  return { lines, close };
}

export interface IndexKeys {
  id: string | null;
  translationOf: string | null;
}

/** The keys the index needs, read with the same YAML parser as the release itself. */
export function scanIndexKeys(text: string): IndexKeys {
  const split = splitFrontMatter(text);
  if (typeof split === 'string') return { id: null, translationOf: null };
  let data: unknown;
  try {
    data = parse(split.lines.slice(1, split.close).join('\n'), { maxAliasCount: 0, logLevel: 'silent' });
  } catch {
    return { id: null, translationOf: null };
  }
  const field = (key: string) => {
    const v = data && typeof data === 'object' ? (data as Record<string, unknown>)[key] : undefined;
    return typeof v === 'string' && v !== '' ? v : null;
  };
  return { id: field('id'), translationOf: field('translation_of') };
}

/** Where a front-matter key's value stands in a release file's text (line 2 when absent). */
export function frontMatterKeyPosition(text: string, key: string): Point {
  const lines = stripBom(text).split(/\r?\n/);
  for (let i = 1; i < lines.length && lines[i] !== '---'; i++) {
    const m = new RegExp(`^${key}:\\s*`).exec(lines[i]!);
    if (m) return { line: i + 1, column: m[0].length + 1 };
  }
  return { line: 2, column: 1 };
}
