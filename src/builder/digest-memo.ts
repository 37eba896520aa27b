/**
 * Remembered SHA-256 digests of big input files (the font files), by what `stat` says about
 * them, kept in .briefpack-cache/digests.json between builds.
 *
 * Why: the cache keys on content, and the default font configuration names 12 files, about
 * 100 MB. Reading and hashing them was a third of a cold one-brief build (issue 17), though
 * they almost never change. Like git's index, a digest is reused only while the file's size,
 * modification and change times (nanoseconds), inode and device are all as they were when it
 * was hashed; anything else about the file changing means it is hashed again.
 *
 * The racy case (git calls it that too): a file rewritten within the file system's time
 * granularity of being hashed could keep its times. So a digest is trusted only when the
 * file's last change was at least RACY_MS before it was hashed; one hashed sooner is hashed
 * again next time (and then trusted).
 *
 * Only files of at least MIN_BYTES go through here: small inputs (specs, releases,
 * templates) are read anyway, and hashing them costs nothing worth remembering.
 */
import { readFileSync, statSync, type BigIntStats } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from './write-outputs.js';
import { removeStaleTemps } from './temp-files.js';

export const MIN_BYTES = 1 << 20;
const RACY_MS = 2000;
const SCHEMA = 1;

interface Remembered {
  /** size:mtimeNs:ctimeNs:ino:dev */
  stat: string;
  sha256: string;
  /** Hashed long enough after its last change to be trusted next time. */
  settled: boolean;
}

function statKey(s: BigIntStats): string {
  return `${s.size}:${s.mtimeNs}:${s.ctimeNs}:${s.ino}:${s.dev}`;
}

export class DigestMemo {
  private readonly entries = new Map<string, Remembered>();
  private changed = false;

  /** `racyMs`: how long after its last change a file's digest is trusted (tests shorten it). */
  constructor(
    private readonly file: string,
    private readonly racyMs = RACY_MS,
  ) {
    try {
      const data = JSON.parse(readFileSync(file, 'utf8')) as { schema?: unknown; files?: Record<string, Partial<Remembered>> };
      if (data?.schema !== SCHEMA || !data.files || typeof data.files !== 'object') return;
      for (const [abs, e] of Object.entries(data.files)) {
        if (typeof e?.stat === 'string' && typeof e.sha256 === 'string' && /^[0-9a-f]{64}$/.test(e.sha256) && e.settled === true) {
          this.entries.set(abs, { stat: e.stat, sha256: e.sha256, settled: true });
        }
      }
    } catch {
      // No memo yet, or one we cannot read: everything is hashed, as without one.
    }
  }

  /** The remembered digest of `abs` if the file is exactly as it was when hashed. */
  lookup(abs: string): string | undefined {
    const e = this.entries.get(abs);
    if (!e?.settled) return undefined;
    try {
      return statKey(statSync(abs, { bigint: true })) === e.stat ? e.sha256 : undefined;
    } catch {
      return undefined;
    }
  }

  /** Remembers a digest just computed from the file's bytes; `before` is its stat taken
   * before it was read (a file changed while being read is not remembered). */
  remember(abs: string, before: BigIntStats, sha256: string): void {
    let after: BigIntStats;
    try {
      after = statSync(abs, { bigint: true });
    } catch {
      return;
    }
    const stat = statKey(before);
    if (statKey(after) !== stat) return;
    const lastChange = Number((before.mtimeNs > before.ctimeNs ? before.mtimeNs : before.ctimeNs) / 1_000_000n);
    this.entries.set(abs, { stat, sha256, settled: Date.now() - lastChange >= this.racyMs });
    this.changed = true;
  }

  /** Writes the memo if it learnt something (atomically; a failure only costs hashing again). */
  save(): void {
    if (!this.changed) return;
    const files: Record<string, Remembered> = {};
    for (const [abs, e] of [...this.entries].sort(([a], [b]) => (a < b ? -1 : 1))) if (e.settled) files[abs] = e;
    try {
      removeStaleTemps(path.dirname(this.file));
      writeFileAtomic(this.file, JSON.stringify({ schema: SCHEMA, files }));
      this.changed = false;
    } catch {
      // The cache folder is not writable: the build cache reports that (BP506).
    }
  }
}
