/**
 * The pin lock file, `briefs/<name>.lock.yaml`: the text of every paragraph a brief quotes,
 * as it stood when `briefpack pin` pinned its hash into the spec. A hash alone can say only
 * *that* a source changed; with the old text kept here the build can show *what* changed,
 * sentence by sentence. Written by `pin`, read by the build, meant to be committed beside
 * the brief. Plain data, so a reviewer can read a pin in a diff.
 */
import path from 'node:path';
import { stringify } from 'yaml';
import { z } from 'zod';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { parseSpecFile } from './parse-spec.js';

export interface PinnedParagraph {
  release: string;
  /** 1-based paragraph number in the release when pinned. */
  paragraph: number;
  hash: string;
  /** The paragraph's sentences when pinned, in order (their join is the paragraph). */
  sentences: string[];
}

export interface PinLock {
  /** Path relative to the project root. */
  file: string;
  paragraphs: PinnedParagraph[];
}

const LOCK_VERSION = 1;

const LockSchema = z.strictObject({
  version: z.literal(LOCK_VERSION),
  brief: z.string(),
  paragraphs: z
    .array(
      z.strictObject({
        release: z.string().min(1),
        paragraph: z.number().int().positive(),
        hash: z.preprocess((v) => (typeof v === 'number' ? String(v).padStart(12, '0') : v), z.string().regex(/^[0-9a-f]{12}$/)),
        sentences: z.array(z.string()),
      }),
    )
    .default([]),
});

/** `briefs/x.yaml` → `briefs/x.lock.yaml`. */
export function lockFileOf(specFile: string): string {
  return path.join(path.dirname(specFile), `${path.basename(specFile).replace(/\.ya?ml$/, '')}.lock.yaml`);
}


export function readLock(text: string, file: string): { lock?: PinLock; diagnostics: Diagnostic[] } {
  const parsed = parseSpecFile(text, file, LockSchema, { shape: 'map', what: 'a pin lock file' });
  // Every problem in a lock file is the pin's, not the brief's: say how to make a new one.
  const diagnostics = parsed.diagnostics.map((d) => ({ ...d, code: 'BP231' as const, severity: 'warning' as const, hint: `Run \`briefpack pin --update\` on the brief to write ${file} again.` }));
  return { lock: parsed.value ? { file, paragraphs: parsed.value.paragraphs } : undefined, diagnostics };
}

/** The pinned text of one paragraph, by release and hash (the hash the spec holds). */
export function pinnedText(lock: PinLock | undefined, release: string, hash: string): PinnedParagraph | undefined {
  return lock?.paragraphs.find((p) => p.release === release && p.hash === hash);
}

/** The lock file's text: stable order (release, paragraph, hash), so re-pinning is a small diff. */
export function writeLock(brief: string, paragraphs: readonly PinnedParagraph[]): string {
  const unique = new Map(paragraphs.map((p) => [`${p.release}\0${p.hash}`, p]));
  const sorted = [...unique.values()].sort((a, b) => (a.release < b.release ? -1 : a.release > b.release ? 1 : a.paragraph - b.paragraph || (a.hash < b.hash ? -1 : 1)));
  const header = [
    '# Written by `briefpack pin`: the text of every paragraph this brief pins (the `hash:` of',
    '# its excerpts), as it stood when pinned. The build compares it with the releases and shows',
    '# the sentences that changed. Commit it beside the brief; `briefpack pin --update` renews it.',
  ].join('\n');
  const body = stringify(
    { version: LOCK_VERSION, brief: brief.split(path.sep).join('/'), paragraphs: sorted.map((p) => ({ release: p.release, paragraph: p.paragraph, hash: p.hash, sentences: p.sentences })) },
    { lineWidth: 0, defaultStringType: 'PLAIN', defaultKeyType: 'PLAIN' },
  );
  return `${header}\n${body}`;
}
