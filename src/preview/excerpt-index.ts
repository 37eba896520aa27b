/**
 * What the preview says about each excerpt when it is clicked: the release it quotes, the
 * paragraph and sentence numbers (¶N.S, as `briefpack releases --text` prints them), and
 * the spec lines that chose it. Made from the resolved brief (resolve/resolve.ts carries
 * where each excerpt was chosen), so it is the same data the build used.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadBrief } from '../brief/load-brief.js';
import { openCorpus } from '../corpus/corpus.js';
import { resolveBrief } from '../resolve/resolve.js';

export interface ExcerptInfo {
  release: { id: string; title: string; date: string | null; lang: string };
  /** The text the brief shows, paragraph by paragraph. */
  paragraphs: string[];
  /** Short citation for the editor: short title, date and locator ("Title, 24 September 2021, ¶3"). */
  citation: string;
  locator: string;
  /** Per quoted paragraph: its number, hash and the sentences shown as ¶N.S. */
  quoted: { n: number; hash: string; sentences: string[] }[];
  chosenBy: { file: string; line: number; column: number; lines: string[] };
}

/** The excerpts of a brief, or [] when it does not resolve (the build reports why). */
export function excerptIndex(projectRoot: string, brief: string): ExcerptInfo[] {
  const loaded = loadBrief(projectRoot, brief);
  const resolved = resolveBrief(loaded, openCorpus(projectRoot));
  if (!resolved.brief) return [];
  const texts = new Map<string, string[]>();
  const linesOf = (file: string) => {
    let lines = texts.get(file);
    if (!lines) {
      lines = readFileSync(path.resolve(projectRoot, file), 'utf8').split(/\r?\n/);
      texts.set(file, lines);
    }
    return lines;
  };
  return resolved.brief.sections.flatMap((s) =>
    s.excerpts.map((ex) => {
      const { file, start } = ex.chosenBy;
      return {
        release: { id: ex.release.id, title: ex.release.title, date: ex.release.date, lang: ex.release.lang },
        paragraphs: ex.paragraphs.map((p) => p.text),
        citation: [ex.release.titleShort, ex.release.dateText, ex.locator].join(resolved.brief!.labels.separator),
        locator: ex.locator,
        quoted: ex.quoted.map((q) => ({ n: q.n, hash: q.hash, sentences: q.sentences.map((n) => `¶${q.n}.${n}`) })),
        chosenBy: { file, line: start.line, column: start.column, lines: mappingLines(linesOf(file), start.line, start.column) },
      };
    }),
  );
}

/** The lines of the YAML mapping that starts at line:column (its keys, up to 8 lines). */
function mappingLines(lines: string[], line: number, column: number): string[] {
  const out = [lines[line - 1] ?? ''];
  for (let i = line; i < lines.length && out.length < 8; i++) {
    const l = lines[i]!;
    if (!l.trim()) break;
    const indent = l.length - l.trimStart().length;
    if (indent < column - 1) break;
    out.push(l);
  }
  return out;
}
