/**
 * Pinned quotes: an excerpt's `hash:` says which text of a paragraph the brief was written
 * against. When the release changed since, the build warns (BP215) and, when the brief's
 * lock file (brief/lock-file.ts) kept the pinned text, shows the sentences that changed: the
 * old and the new wording side by side, numbered ¶N.S as `briefpack releases --text` shows.
 */
import type { Paragraph } from '../corpus/release.js';
import { pinnedText, type PinLock } from '../brief/lock-file.js';

export interface PinProblem {
  message: string;
  hint: string;
  expected: string;
  actual: string;
  /** Index into a `hash:` list, when the spec pins a list. */
  index?: number;
}

export interface PinCheck {
  release: string;
  /** The spec's `hash:` (one, or one per quoted paragraph). */
  pinned: string | readonly string[] | undefined;
  /** The paragraphs the excerpt quotes, as the release has them now. */
  paragraphs: readonly Paragraph[];
  lock: PinLock | undefined;
  /** The brief's spec file, for the hint. */
  brief: string;
}

export function checkPinned(check: PinCheck): PinProblem[] {
  const { pinned, paragraphs } = check;
  if (pinned === undefined || !paragraphs.length) return [];
  const accept = `Re-read the excerpt against the release; if it still says what the brief needs, run \`briefpack pin --update ${check.brief}\` to accept the new text.`;
  if (typeof pinned === 'string') {
    // One hash for several paragraphs (written by hand): it pins whichever of them it names.
    if (paragraphs.some((p) => p.hash === pinned)) return [];
    const p = paragraphs.length === 1 ? paragraphs[0]! : undefined;
    return [problem(check, pinned, p ?? paragraphs[0]!, accept, undefined, p === undefined)];
  }
  if (pinned.length !== paragraphs.length) {
    return [
      {
        message: `the excerpt of "${check.release}" pins ${pinned.length} paragraph hash${pinned.length === 1 ? '' : 'es'} but quotes ${paragraphs.length} paragraph${paragraphs.length === 1 ? '' : 's'} (${paragraphs.map((p) => `¶${p.n}`).join(', ')})`,
        hint: `Give one hash per quoted paragraph, in order; \`briefpack pin --update ${check.brief}\` writes them.`,
        expected: String(paragraphs.length),
        actual: String(pinned.length),
      },
    ];
  }
  return pinned.flatMap((hash, i) => (paragraphs[i]!.hash === hash ? [] : [problem(check, hash, paragraphs[i]!, accept, i, false)]));
}

function problem(check: PinCheck, hash: string, now: Paragraph, hint: string, index: number | undefined, several: boolean): PinProblem {
  const head = several
    ? `the quoted text of "${check.release}" has changed since it was pinned (hash ${hash}, now ${check.paragraphs.map((p) => p.hash).join(', ')})`
    : `the quoted text of "${check.release}" ¶${now.n} has changed since it was pinned (hash ${hash}, now ${now.hash})`;
  const old = pinnedText(check.lock, check.release, hash);
  let detail: string;
  if (several) detail = '';
  else if (!old) detail = `\n  (its pinned text is not in ${check.lock?.file ?? 'a lock file'}, so the change cannot be shown: \`briefpack pin\` keeps it from now on)`;
  else detail = changedSentences(old.sentences, now.sentences.map((s) => s.text), now.n).map((l) => `\n  ${l}`).join('');
  return { message: head + detail, hint, expected: hash, actual: several ? check.paragraphs.map((p) => p.hash).join(', ') : now.hash, ...(index !== undefined ? { index } : {}) };
}

/**
 * The sentences that differ between two versions of a paragraph, as `¶N.S was: …` and
 * `¶N.S now: …` lines: what stays the same at the start and at the end is left out, so an
 * edit in one sentence shows that sentence alone even when sentences were added or removed.
 */
export function changedSentences(before: readonly string[], after: readonly string[], paragraph: number): string[] {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore--;
    endAfter--;
  }
  const lines: string[] = [];
  for (let i = start; i < endBefore; i++) lines.push(`¶${paragraph}.${i + 1} was: ${before[i]}`);
  if (endAfter === start) lines.push(`(removed; ¶${paragraph} now has ${after.length} sentence${after.length === 1 ? '' : 's'})`);
  for (let i = start; i < endAfter; i++) lines.push(`¶${paragraph}.${i + 1} now: ${after[i]}`);
  if (endBefore === start && endAfter > start) lines.unshift(`(added after ¶${paragraph}.${start})`);
  return lines;
}
