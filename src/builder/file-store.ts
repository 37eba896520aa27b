/**
 * Reads and hashes input files for a build (or, in watch mode, until they change).
 *
 * The build cache keys on file contents (SHA-256 of the bytes), never on modification times.
 * Hundreds of briefs share a corpus, templates and fonts, so each file's digest is worked out
 * once, only when a key needs it, and forgotten when watch mode sees it change; the texts
 * last read are kept (TEXTS_KEPT), not every one. A file is hashed only when its stat differs
 * from when an earlier build hashed it (file-memo.ts). What a key was made of can be asked
 * again after the build (mayDifferSince): a file saved meanwhile is not taken as built.
 */
import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readFileSync, readSync, statSync, type BigIntStats } from 'node:fs';
import path from 'node:path';
import { inputProblemOf, readInputTextOrThrow } from '../util/input-text.js';
import { statKey, type FileMemo } from './file-memo.js';

const MISSING = 'missing';

/** A regular file's stat, or undefined (missing, or a folder, a FIFO, a device). */
function statOf(abs: string): BigIntStats | undefined {
  try {
    const s = statSync(abs, { bigint: true });
    return s.isFile() ? s : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Only regular files are read: a FIFO or a device (an output replaced by one, a link to
 * /dev/zero) could block for ever or never end. It reads as missing here (null), and its
 * reader reports it (BP510).
 */
function readRegularFile(abs: string): Buffer | null {
  try {
    return inputProblemOf(abs, Infinity) ? null : readFileSync(abs);
  } catch {
    return null;
  }
}

/** One buffer the files hashed without being kept are read through, a piece at a time. */
const HASH_BUFFER = Buffer.allocUnsafe(1 << 20);

/**
 * SHA-256 of a regular file's bytes, or null (missing, or not a regular file: see
 * readRegularFile). Read a megabyte at a time into one buffer: the fonts (84 MB for the
 * default faces) read whole each took fresh memory, 400–600 ms to read and hash against
 * 65–80 ms this way.
 */
function digestOfFile(abs: string): string | null {
  let fd: number | undefined;
  try {
    // Non-blocking, and checked on what was opened: a FIFO or a device could block for ever
    // (opening a FIFO waits for a writer) or never end.
    fd = openSync(abs, constants.O_RDONLY | constants.O_NONBLOCK);
    if (!fstatSync(fd).isFile()) return null;
    const hash = createHash('sha256');
    for (let n; (n = readSync(fd, HASH_BUFFER, 0, HASH_BUFFER.length, null)) > 0; ) hash.update(HASH_BUFFER.subarray(0, n));
    return hash.digest('hex');
  } catch {
    return null;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Texts a store keeps (the last asked for): the corpus keeps as many releases parsed. Kept
 * all, a 100-brief build from 3,000 releases held every release it read, twice (bytes, text). */
export const TEXTS_KEPT = 256;

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export class FileStore {
  private readonly bytes = new Map<string, Buffer | null>();
  private readonly hashes = new Map<string, string>();
  private readonly texts = new Map<string, string>();
  /** Each hashed file's stat when it was hashed ('' when missing), and when (Date.now()). */
  private readonly hashedAs = new Map<string, { stat: string; at: number }>();

  /** `memo`: what earlier builds learnt about files (their digests). */
  constructor(readonly memo?: FileMemo) {}

  /** The file's bytes, or null when it does not exist (or is not a readable file). */
  read(abs: string): Buffer | null {
    let b = this.bytes.get(abs);
    if (b === undefined) {
      b = readRegularFile(abs);
      this.bytes.set(abs, b);
    }
    return b;
  }

  /**
   * The file as UTF-8 text; throws like readFileSync when it does not exist. Hashed as it is
   * read (if it was not yet), so the key is of the bytes the text is of. The last TEXTS_KEPT
   * texts are kept; one asked for again after that is read again (if it changed meanwhile,
   * mayDifferSince says so).
   */
  text(abs: string): string {
    let t = this.texts.get(abs);
    if (t !== undefined) {
      this.texts.delete(abs);
    } else {
      const at = Date.now();
      const before = statOf(abs);
      const b = this.bytes.get(abs) ?? readRegularFile(abs);
      if (b === null) return readInputTextOrThrow(abs);
      if (!this.hashes.has(abs)) this.learnt(abs, this.digestAndRemember(abs, b, this.memo ? before : undefined), before, at);
      this.bytes.delete(abs);
      t = b.toString('utf8');
      if (this.texts.size >= TEXTS_KEPT) this.texts.delete(this.texts.keys().next().value!);
    }
    this.texts.set(abs, t);
    return t;
  }

  /** The text of a file without keeping it (unless it is kept already); "" when missing. */
  peekText(abs: string): string {
    const t = this.texts.get(abs);
    if (t !== undefined) return t;
    const b = this.bytes.get(abs);
    if (b) return b.toString('utf8');
    try {
      return inputProblemOf(abs, Infinity) ? '' : readFileSync(abs, 'utf8');
    } catch {
      return '';
    }
  }

  /** SHA-256 of the bytes (hex), or "missing". Remembered from an earlier build while the
   * file's stat is unchanged (file-memo.ts), else read and hashed (and remembered). */
  hash(abs: string): string {
    let h = this.hashes.get(abs);
    if (h === undefined) {
      const at = Date.now();
      const before = statOf(abs);
      h = (!this.bytes.has(abs) && before && this.memo?.factFor(abs, before, 'sha256')) || this.hashNow(abs, this.memo ? before : undefined);
      this.learnt(abs, h, before, at);
    }
    return h;
  }

  private learnt(abs: string, hash: string, before: BigIntStats | undefined, at: number): void {
    this.hashes.set(abs, hash);
    this.hashedAs.set(abs, { stat: before ? statKey(before) : '', at });
  }

  /**
   * A build that read the file since `since` (a wall-clock time, ms) may have read other bytes
   * than its hash here is of: the file holds other bytes now (its stat moved, and it reads
   * differently: a touch is not a change), or it was first hashed after `since` and changed
   * after `since` too (the builder, which reads files itself, may have read it before the
   * change the hash saw). File times come from a clock that lags the wall clock by up to a
   * scheduler tick (1–10 ms), so a change in the first tick after `since` can pass for one
   * before it; a file written just before `since` (a checkout, then a build) never counts.
   * A file never hashed here is unknown: true.
   */
  mayDifferSince(abs: string, since: number): boolean {
    const was = this.hashedAs.get(abs);
    if (!was) return true;
    const now = statOf(abs);
    if ((now ? statKey(now) : '') !== was.stat) return this.digestNow(abs) !== this.hashes.get(abs);
    return now !== undefined && was.at >= since && Number(now.ctimeNs / 1_000_000n) > since;
  }

  /** The file's digest as hash() gives it, read now, nothing kept or remembered. */
  private digestNow(abs: string): string {
    return digestOfFile(abs) ?? MISSING;
  }

  /** Reads the file to hash it, keeping nothing: most hashed files (fonts, the releases of a
   * build with nothing to do) are never needed as text, and one that is, is read then. */
  private hashNow(abs: string, before: BigIntStats | undefined): string {
    const b = this.bytes.get(abs);
    if (b) return this.digestAndRemember(abs, b, before);
    const h = digestOfFile(abs);
    return h === null ? MISSING : this.rememberDigest(abs, before, h);
  }

  /** SHA-256 of bytes just read from `abs`, remembered under the stat taken before reading. */
  private digestAndRemember(abs: string, bytes: Uint8Array, before: BigIntStats | undefined): string {
    return this.rememberDigest(abs, before, sha256(bytes));
  }

  /** A digest of `abs` just worked out, remembered under the stat taken before reading. */
  private rememberDigest(abs: string, before: BigIntStats | undefined, digest: string): string {
    if (before) this.memo!.remember(abs, before, 'sha256', digest);
    return digest;
  }

  /** The stat the memo keys on, for a regular file, when there is a memo. */
  statForMemo(abs: string): BigIntStats | undefined {
    return this.memo ? statOf(abs) : undefined;
  }

  /**
   * SHA-256 of a file briefpack wrote (an output), or null when it is not there: remembered
   * while its stat is unchanged, else read and hashed. Not kept here: a no-change build
   * checks a hundred outputs of 100–200 KB each and needs none of them again.
   */
  outputDigest(abs: string): string | null {
    const remembered = this.memo?.lookup(abs, 'sha256');
    if (remembered) return remembered;
    const before = this.statForMemo(abs);
    const h = digestOfFile(abs);
    return h === null ? null : this.rememberDigest(abs, before, h);
  }

  /** Forget files, and everything below a folder (watch mode: they changed on disk). */
  invalidate(files: Iterable<string>): void {
    for (const f of files) {
      const below = f.endsWith(path.sep) ? f : f + path.sep;
      for (const map of [this.bytes, this.hashes, this.texts, this.hashedAs] as Map<string, unknown>[]) {
        map.delete(f);
        for (const k of map.keys()) if (k.startsWith(below)) map.delete(k);
      }
    }
  }

  clear(): void {
    this.bytes.clear();
    this.hashes.clear();
    this.texts.clear();
    this.hashedAs.clear();
  }
}
