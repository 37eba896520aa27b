/**
 * Release text that no configured font can draw, found when the corpus is checked rather
 * than when a brief happens to quote it.
 */
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { FontSet } from '../fonts/font-set.js';
import { codePointLabel, splitRuns } from '../fonts/runs.js';
import type { Corpus } from './corpus.js';

export function checkCorpusGlyphs(corpus: Corpus, fonts: FontSet): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const release of corpus.releases.values()) {
    for (const p of release.paragraphs) {
      const seen = new Set<number>();
      for (const m of splitRuns(fonts, p.text, release.lang).missing) {
        if (seen.has(m.codePoint)) continue;
        seen.add(m.codePoint);
        const rawAt = Math.max(0, p.raw.indexOf(m.char));
        const before = p.raw.slice(0, rawAt).split('\n');
        out.push(
          diagnostic({
            code: 'BP111',
            message: `¶${p.n}: no configured font has "${m.char}" (${codePointLabel(m.codePoint)})`,
            file: release.file,
            start: { line: p.line + before.length - 1, column: before[before.length - 1]!.length + 1 },
            actual: codePointLabel(m.codePoint),
          }),
        );
      }
    }
  }
  return out;
}
