/** "Did you mean …" for ids and keys: the candidate with the smallest edit distance. */
export function closest(word: string, candidates: Iterable<string>, maxDistance = Math.max(2, Math.floor(word.length / 3))): string | undefined {
  let best: { d: number; c: string } | undefined;
  const list = [...candidates];
  // A unique candidate that starts with what was typed is what was meant ("…-cambodia").
  const extending = list.filter((c) => word.length >= 4 && c.startsWith(word));
  if (extending.length === 1) return extending[0];
  for (const c of list) {
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
