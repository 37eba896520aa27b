/**
 * What briefpack learnt about input files in earlier builds, by what `stat` says about them,
 * kept in .briefpack-cache/files.json: the SHA-256 of input files (fonts, specs, templates,
 * releases) and of the outputs it wrote, and the index keys (id, translation_of) of release
 * files.
 *
 * Why: the cache keys on content. The default font configuration names 12 files, about
 * 100 MB, and a corpus has thousands of releases whose front matter is parsed to index them;
 * hashing the one and parsing the other were a third of a cold one-brief build and most of a
 * no-change rebuild (issue 17), though they seldom change; so was reading every input a
 * brief depends on and every output, to hash them, in a build with nothing to do. Like git's index, a fact is reused
 * only while the file's size, modification and change times (nanoseconds), inode and device
 * are all as they were when it was learnt; anything else about the file changing means it is
 * read again.
 *
 * The racy case (git calls it that too): a file rewritten within the file system's time
 * granularity of being read could keep its times. So a fact is trusted only when the file's
 * last change was at least RACY_MS before it was read; one read sooner is read again next
 * time (and then trusted). A file that changed while it was read is not remembered.
 */
import { readFileSync, statSync, type BigIntStats } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from './write-outputs.js';
import { removeStaleTemps } from './temp-files.js';

/** The size of a big input (a font file): the memo pays off most for these; its tests make files this big. */
export const MIN_BYTES = 1 << 20;
const RACY_MS = 2000;
const SCHEMA = 1;

/** The facts kept per file, by kind. */
export interface FileFacts {
  sha256?: string;
  index?: { id: string | null; translationOf: string | null };
}

interface Remembered {
  /** size:mtimeNs:ctimeNs:ino:dev */
  stat: string;
  facts: FileFacts;
}

export function statKey(s: BigIntStats): string {
  return `${s.size}:${s.mtimeNs}:${s.ctimeNs}:${s.ino}:${s.dev}`;
}

const validFacts = (f: unknown): f is FileFacts => {
  if (!f || typeof f !== 'object') return false;
  const { sha256, index } = f as FileFacts;
  if (sha256 !== undefined && !(typeof sha256 === 'string' && /^[0-9a-f]{64}$/.test(sha256))) return false;
  const nullableString = (v: unknown) => v === null || typeof v === 'string';
  return index === undefined || (typeof index === 'object' && index !== null && nullableString(index.id) && nullableString(index.translationOf));
};

export class FileMemo {
  private readonly entries = new Map<string, Remembered>();
  private changed = false;

  /** `racyMs`: how long after its last change a file's facts are trusted (tests shorten it). */
  constructor(
    private readonly file: string,
    private readonly racyMs = RACY_MS,
  ) {
    try {
      const data = JSON.parse(readFileSync(file, 'utf8')) as { schema?: unknown; files?: Record<string, Partial<Remembered>> };
      if (data?.schema !== SCHEMA || !data.files || typeof data.files !== 'object') return;
      for (const [abs, e] of Object.entries(data.files)) {
        if (typeof e?.stat === 'string' && validFacts(e.facts)) this.entries.set(abs, { stat: e.stat, facts: e.facts });
      }
    } catch {
      // No memo yet, or one we cannot read: everything is read, as without one.
    }
  }

  /** A fact about `abs` if the file is exactly as it was when it was learnt. */
  lookup<K extends keyof FileFacts>(abs: string, kind: K): FileFacts[K] | undefined {
    if (this.entries.get(abs)?.facts[kind] === undefined) return undefined;
    try {
      return this.factFor(abs, statSync(abs, { bigint: true }), kind);
    } catch {
      return undefined;
    }
  }

  /** …the same, for a stat of the file the caller has just taken. */
  factFor<K extends keyof FileFacts>(abs: string, stat: BigIntStats, kind: K): FileFacts[K] | undefined {
    const e = this.entries.get(abs);
    return e && statKey(stat) === e.stat ? e.facts[kind] : undefined;
  }

  /** Remembers a fact just learnt from the file's bytes; `before` is its stat taken before
   * they were read. */
  remember<K extends keyof FileFacts>(abs: string, before: BigIntStats, kind: K, value: NonNullable<FileFacts[K]>): void {
    let after: BigIntStats;
    try {
      after = statSync(abs, { bigint: true });
    } catch {
      return;
    }
    const stat = statKey(before);
    if (statKey(after) !== stat) return;
    const lastChange = Number((before.mtimeNs > before.ctimeNs ? before.mtimeNs : before.ctimeNs) / 1_000_000n);
    if (Date.now() - lastChange < this.racyMs) return;
    const e = this.entries.get(abs);
    const facts = e?.stat === stat ? e.facts : {};
    if (e?.stat === stat && JSON.stringify(facts[kind]) === JSON.stringify(value)) return;
    this.entries.set(abs, { stat, facts: { ...facts, [kind]: value } });
    this.changed = true;
  }

  /** Writes the memo if it learnt something (atomically; a failure only costs reading again). */
  save(): void {
    if (!this.changed) return;
    const files: Record<string, Remembered> = {};
    for (const [abs, e] of [...this.entries].sort(([a], [b]) => (a < b ? -1 : 1))) files[abs] = e;
    try {
      removeStaleTemps(path.dirname(this.file));
      writeFileAtomic(this.file, JSON.stringify({ schema: SCHEMA, files }));
      this.changed = false;
    } catch {
      // The cache folder is not writable: the build cache reports that (BP506).
    }
  }
}
