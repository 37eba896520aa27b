/** "Did you mean …" for ids and keys: the candidate with the smallest edit distance. */
export function closest(word: string, candidates: Iterable<string>, maxDistance = Math.max(2, Math.floor(word.length / 3))): string | undefined {
  let best: { d: number; c: string } | undefined;
  const list = [...candidates];
  // A unique candidate that starts with what was typed is what was meant ("…-cambodia").
  const extending = list.filter((c) => word.length >= 4 && c.startsWith(word));
  if (extending.length === 1) return extending[0];
  for (const c of list) {
    // Lengths further apart than the distance allowed cannot be within it: skip the work.
    if (Math.abs(c.length - word.length) > maxDistance) continue;
    const d = editDistance(word, c);
    if (d <= maxDistance && (!best || d < best.d)) best = { d, c };
  }
  return best?.c;
}

export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** How many characters of a needle `closestWindow` compares: its cost stays linear in the text. */
const PROBE = 48;

/**
 * The stretch of `texts`, as long as `needle`, that agrees with it in the most places, to show
 * editors what they probably meant ("closest match"). Only the first PROBE characters of the
 * needle are compared at each place, so a long needle in a long text costs PROBE × the text's
 * length, not the product of both lengths. Returns nothing when the best stretch agrees in
 * fewer than `minShare` (a fraction) of the characters compared, or in none.
 */
export function closestWindow(needle: string, texts: readonly string[], minShare = 0): string | undefined {
  const full = [...needle];
  const probe = full.slice(0, PROBE);
  if (!probe.length) return undefined;
  let best: { score: number; chars: string[]; at: number } | undefined;
  for (const text of texts) {
    const chars = [...text];
    for (let i = 0; i + full.length <= chars.length; i++) {
      let same = 0;
      for (let j = 0; j < probe.length; j++) if (chars[i + j] === probe[j]) same++;
      if (!best || same > best.score) best = { score: same, chars, at: i };
    }
  }
  if (!best || best.score === 0 || best.score < minShare * probe.length) return undefined;
  return best.chars.slice(best.at, best.at + full.length).join('');
}
