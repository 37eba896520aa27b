/**
 * Aligns the paragraphs of a release with those of its translation, so a bilingual brief can
 * set each Chinese paragraph beside its English. Translators merge and split paragraphs (the
 * seed's first Chinese paragraph is the first two English ones), so this is a length-based
 * alignment in the manner of Gale and Church: dynamic programming over 1–1, 1–2, 2–1, 1–0 and
 * 0–1 steps, scoring how far each step's length ratio is from the two texts' overall ratio.
 */
export interface AlignedGroup {
  /** Paragraph numbers (1-based) on each side; one side may be empty. */
  source: number[];
  target: number[];
}

const STEPS: [number, number, number][] = [
  // [source paragraphs, target paragraphs, penalty]
  [1, 1, 0],
  [1, 2, 0.4],
  [2, 1, 0.4],
  [1, 0, 2.5],
  [0, 1, 2.5],
];

export function alignParagraphs(source: readonly string[], target: readonly string[]): AlignedGroup[] {
  const len = (s: string) => Math.max(1, [...s].length);
  const total = (xs: readonly string[]) => xs.reduce((n, s) => n + len(s), 0);
  const ratio = total(target) / Math.max(1, total(source));
  const n = source.length;
  const m = target.length;
  const cost: number[][] = Array.from({ length: n + 1 }, () => Array<number>(m + 1).fill(Infinity));
  const back: ([number, number] | undefined)[][] = Array.from({ length: n + 1 }, () => Array<[number, number] | undefined>(m + 1).fill(undefined));
  cost[0]![0] = 0;
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= m; j++) {
      const here = cost[i]![j]!;
      if (!Number.isFinite(here)) continue;
      for (const [di, dj, penalty] of STEPS) {
        if (i + di > n || j + dj > m) continue;
        const s = source.slice(i, i + di).reduce((k, p) => k + len(p), 0);
        const t = target.slice(j, j + dj).reduce((k, p) => k + len(p), 0);
        const mismatch = di && dj ? Math.abs(Math.log(t / (s * ratio))) : 0;
        const next = here + mismatch + penalty;
        if (next < cost[i + di]![j + dj]!) {
          cost[i + di]![j + dj] = next;
          back[i + di]![j + dj] = [di, dj];
        }
      }
    }
  }
  const groups: AlignedGroup[] = [];
  for (let i = n, j = m; i > 0 || j > 0; ) {
    const [di, dj] = back[i]![j]!;
    groups.unshift({ source: range(i - di + 1, di), target: range(j - dj + 1, dj) });
    i -= di;
    j -= dj;
  }
  return groups;
}

function range(from: number, count: number): number[] {
  return Array.from({ length: count }, (_, k) => from + k);
}
