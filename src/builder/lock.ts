/**
 * One build at a time per output folder: `<out>/.briefpack.lock`.
 *
 * Taking it: the owner record (pid, host, boot id, pid namespace, process start time, a
 * random token, the command) is written completely to a temporary file first and then
 * hard-linked to the lock name. link(2) fails if the name exists, so creating the lock is
 * atomic and a lock file never exists half-written. (Where hard links are not supported the
 * lock is created with O_EXCL and written at once.) While a build holds it, the lock's
 * mtime is touched every HEARTBEAT_MS: its heartbeat.
 *
 * A lock that is there already is judged:
 *   - empty, unreadable, not JSON, `null`, or without a pid: no build wrote it (a full disk,
 *     a crash of another tool) → free;
 *   - same host, same boot, same pid namespace: its pid is asked. Gone, or now another
 *     process (its start time differs: the pid was reused, e.g. pid 1 in a new container)
 *     → free; the same process (another session in this process) or alive → held;
 *   - another host, another pid namespace, pid 1 that is not provably alive, or no way to
 *     tell (no /proc): held while its heartbeat is fresh, free once it is older than STALE_MS;
 *   - another boot of this machine → free (every process of that boot is gone).
 * A lock judged free is broken under a second, short-lived lock (`.briefpack.lock.break`)
 * and only if it still holds the bytes that were judged, so two builds that find the same
 * dead lock at the same moment never both take it: one takes it, the other finds the new
 * owner alive. Taking over says so (BP504, info).
 *
 * Why not proper-lockfile: it judges a lock by its mtime alone (a lock of a build killed a
 * second ago blocks for its whole stale period, 10 s by default), keeps no owner to name in
 * the message, locks with a folder beside the file, and on a lost lock calls a handler that
 * by default throws from a timer. Builds here need a dead owner found at once by its pid,
 * and the owner named when the lock is held.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fstatSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  readlinkSync,
  rmSync,
  statSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { diagnostic, DiagnosticError, type Diagnostic } from '../diagnostics/diagnostic.js';
import { LockedError, type LockOwner } from './errors.js';
import { tempName } from './temp-files.js';

export type { LockOwner } from './errors.js';

export { LockedError } from './errors.js';

export const LOCK_FILE = '.briefpack.lock';
const BREAK_FILE = `${LOCK_FILE}.break`;
/** How often a build holding the lock touches it. */
export const HEARTBEAT_MS = 5_000;
/** A lock whose owner cannot be asked is free once its heartbeat is this old. */
export const STALE_MS = 60_000;
/** The break lock is held for microseconds; one this old was left by a process that died. */
const BREAK_STALE_MS = 10_000;
/** A lock file bigger than this was not written by briefpack. */
const MAX_LOCK_BYTES = 64 * 1024;

export interface OutputLock {
  file: string;
  /** Set when the lock was taken over from a build that is gone: what to tell the user. */
  takenOver?: Diagnostic;
  release(): void;
}

/** What this process is, as a lock records it. */
interface Identity {
  pid: number;
  host: string;
  boot?: string;
  pidns?: string;
  start?: string;
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** Start time of a process in clock ticks since boot (Linux), or undefined. */
function startTime(pid: number): string | undefined {
  const stat = readText(`/proc/${pid}/stat`);
  if (!stat) return undefined;
  // The command name (field 2) may hold spaces and parentheses: fields count from the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields[19];
}

function pidNamespace(): string | undefined {
  try {
    return readlinkSync('/proc/self/ns/pid');
  } catch {
    return undefined;
  }
}

let self: Identity | undefined;
function identity(): Identity {
  self ??= {
    pid: process.pid,
    host: os.hostname(),
    boot: readText('/proc/sys/kernel/random/boot_id'),
    pidns: pidNamespace(),
    start: startTime(process.pid),
  };
  return self;
}

/** Tokens of the locks this process holds (any session, any output folder). */
const held = new Set<string>();

type Verdict = { held: true } | { held: false; why: string };

function aliveSignal(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The lock file's bytes, or a reason it cannot be a lock briefpack wrote. */
function readLock(file: string): { bytes: Buffer; mtimeMs: number } | { problem: string; missing?: boolean } {
  let st;
  try {
    st = lstatSync(file);
  } catch (e) {
    return { problem: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'gone' : `unreadable (${(e as NodeJS.ErrnoException).code})`, missing: (e as NodeJS.ErrnoException).code === 'ENOENT' };
  }
  if (st.isDirectory()) throw lockIsFolder(file);
  // Never open a FIFO, a socket or a device: reading one could block for ever.
  if (!st.isFile()) return { problem: 'not a regular file' };
  if (st.size > MAX_LOCK_BYTES) return { problem: `${st.size} bytes, far more than a lock holds` };
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    return { problem: `unreadable (${(e as NodeJS.ErrnoException).code})`, missing: (e as NodeJS.ErrnoException).code === 'ENOENT' };
  }
  try {
    const buf = Buffer.alloc(MAX_LOCK_BYTES + 1);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return { bytes: buf.subarray(0, n), mtimeMs: fstatSync(fd).mtimeMs };
  } catch (e) {
    return { problem: `unreadable (${(e as NodeJS.ErrnoException).code})` };
  } finally {
    closeSync(fd);
  }
}

/** The owner a lock's bytes name, or undefined when they are not a lock record. */
export function parseOwner(bytes: Buffer | string): LockOwner | undefined {
  let v: unknown;
  try {
    v = JSON.parse(bytes.toString());
  } catch {
    return undefined;
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const o = v as Record<string, unknown>;
  if (!Number.isSafeInteger(o.pid) || (o.pid as number) < 1) return undefined;
  const str = (x: unknown) => (typeof x === 'string' ? x.slice(0, 500) : undefined);
  return {
    pid: o.pid as number,
    host: str(o.host) ?? '?',
    command: str(o.command) ?? '?',
    started: str(o.started) ?? '?',
    ...(str(o.token) ? { token: str(o.token) } : {}),
    ...(str(o.boot) ? { boot: str(o.boot) } : {}),
    ...(str(o.pidns) ? { pidns: str(o.pidns) } : {}),
    ...(str(o.start) ? { start: str(o.start) } : {}),
  };
}

/** Is the build that wrote this lock still running? */
function judge(owner: LockOwner | undefined, mtimeMs: number, now: number): Verdict {
  if (!owner) return { held: false, why: 'it holds no owner record (empty or not written by briefpack)' };
  const me = identity();
  const beat = now - mtimeMs;
  const byHeartbeat = (what: string): Verdict =>
    beat > STALE_MS ? { held: false, why: `${what}, and its heartbeat is ${Math.round(beat / 1000)} s old` } : { held: true };
  if (owner.host !== me.host) return byHeartbeat(`its build ran on another host (${owner.host})`);
  if (owner.boot && me.boot && owner.boot !== me.boot) return { held: false, why: 'its build ran before this machine last started' };
  if (owner.pidns && me.pidns && owner.pidns !== me.pidns) return byHeartbeat('its build ran in another pid namespace (a container)');
  if (owner.pid === me.pid) {
    if (owner.token && held.has(owner.token)) return { held: true };
    if (owner.start && me.start) {
      // Same process (another thread's copy of this module), or an earlier process that had our pid.
      return owner.start === me.start ? { held: true } : { held: false, why: `its build (pid ${owner.pid}) is gone; the pid is now this process's` };
    }
    return byHeartbeat(`its pid ${owner.pid} is this process's`);
  }
  if (!aliveSignal(owner.pid)) return { held: false, why: `its build (pid ${owner.pid}) is no longer running` };
  if (owner.start) {
    const now_ = startTime(owner.pid);
    if (now_ !== undefined) return now_ === owner.start ? { held: true } : { held: false, why: `its build (pid ${owner.pid}) is gone; the pid belongs to another process now` };
  }
  // Alive, but no start time to be sure it is the same process: pid 1 (a container's init,
  // always alive) or a lock from a version that did not record it.
  if (owner.pid === 1) return byHeartbeat('its pid is 1 (init, or a container\'s first process)');
  return { held: true };
}

function lockIsFolder(file: string): DiagnosticError {
  return new DiagnosticError([
    diagnostic({
      code: 'BP505',
      message: `${file} is a folder, not briefpack's lock file`,
      file,
      hint: 'Remove or rename that folder; briefpack keeps its lock file under this name.',
    }),
  ]);
}

/** The output folder cannot be used: not a folder, or not writable. */
export function outputFolderError(outDir: string, e: NodeJS.ErrnoException | string, shown = outDir): DiagnosticError {
  const why =
    typeof e === 'string'
      ? e
      : e.code === 'EEXIST' || e.code === 'ENOTDIR'
        ? 'it is a file, not a folder (or a path through a file)'
        : e.code === 'EACCES' || e.code === 'EPERM'
          ? 'permission denied'
          : e.code === 'EROFS'
            ? 'the file system is read-only'
            : e.code === 'ENOSPC' || e.code === 'EDQUOT'
              ? 'the disk is full'
              : `${e.code ?? 'error'}: ${e.message}`;
  return new DiagnosticError([diagnostic({ code: 'BP505', message: `cannot write to the output folder ${shown}: ${why}`, file: shown })]);
}

/** Creates the lock with the whole record in it, or returns false when a lock is there. */
function create(file: string, record: string): boolean {
  const dir = path.dirname(file);
  const tmp = path.join(dir, tempName());
  try {
    writeFileSync(tmp, record, { flag: 'wx' });
    try {
      linkSync(tmp, file);
      return true;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return false;
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EXDEV' && code !== 'EMLINK') throw e;
    }
  } finally {
    rmSync(tmp, { force: true });
  }
  // No hard links here: O_EXCL, then the record in one write.
  let fd: number;
  try {
    fd = openSync(file, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    writeSync(fd, record);
  } catch (e) {
    closeSync(fd);
    rmSync(file, { force: true });
    throw e;
  }
  closeSync(fd);
  return true;
}

/**
 * Removes a lock judged free, if it still holds exactly `bytes` (else someone took it over
 * meanwhile). Returns false when another process is breaking it right now.
 */
function breakLock(file: string, bytes: Buffer | undefined, now: number): boolean {
  const guard = path.join(path.dirname(file), BREAK_FILE);
  if (!create(guard, `${process.pid}\n`)) {
    try {
      if (now - statSync(guard).mtimeMs > BREAK_STALE_MS) rmSync(guard, { force: true });
    } catch {
      // gone meanwhile
    }
    return false;
  }
  try {
    const current = readLock(file);
    const same = 'bytes' in current ? bytes !== undefined && current.bytes.equals(bytes) : bytes === undefined && !current.missing;
    if (same) {
      try {
        unlinkSync(file);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
    }
  } finally {
    rmSync(guard, { force: true });
  }
  return true;
}

/**
 * Takes the lock on an output folder or throws LockedError (held) or a BP505 DiagnosticError
 * (the folder cannot be used). `shownAs` is the folder as the user should read it.
 */
export function acquireLock(outDir: string, command: string, now: () => Date = () => new Date(), shownAs: string = outDir): OutputLock {
  try {
    mkdirSync(outDir, { recursive: true });
  } catch (e) {
    throw outputFolderError(outDir, e as NodeJS.ErrnoException, shownAs);
  }
  if (!statSync(outDir).isDirectory()) throw outputFolderError(outDir, 'it is a file, not a folder', shownAs);
  const file = path.join(outDir, LOCK_FILE);
  const me = identity();
  const token = randomBytes(12).toString('hex');
  const owner: LockOwner = { pid: me.pid, host: me.host, command, started: now().toISOString(), token, ...(me.boot ? { boot: me.boot } : {}), ...(me.pidns ? { pidns: me.pidns } : {}), ...(me.start ? { start: me.start } : {}) };
  const record = `${JSON.stringify(owner)}\n`;
  let takenOver: Diagnostic | undefined;
  let lastOwner: LockOwner | undefined;
  for (let attempt = 0; attempt < 20; attempt++) {
    let created: boolean;
    try {
      created = create(file, record);
    } catch (e) {
      throw outputFolderError(outDir, e as NodeJS.ErrnoException, shownAs);
    }
    if (created) {
      held.add(token);
      return ownLock(file, owner, record, takenOver);
    }
    const found = readLock(file);
    if ('problem' in found && found.missing) continue; // released meanwhile: try again
    const bytes = 'bytes' in found ? found.bytes : undefined;
    lastOwner = bytes ? parseOwner(bytes) : undefined;
    const verdict: Verdict = 'problem' in found ? { held: false, why: `it is ${found.problem}` } : judge(lastOwner, found.mtimeMs, Date.now());
    if (verdict.held) throw new LockedError(file, lastOwner);
    let broke: boolean;
    try {
      broke = breakLock(file, bytes, Date.now());
    } catch (e) {
      throw outputFolderError(outDir, e as NodeJS.ErrnoException, shownAs);
    }
    if (broke) {
      takenOver = diagnostic({
        code: 'BP504',
        message: `took over the lock ${path.join(shownAs, LOCK_FILE)}: ${verdict.why}`,
        file: path.join(shownAs, LOCK_FILE),
      });
    } else {
      // Another build is breaking the same lock this instant: give it a moment.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2);
    }
  }
  throw new LockedError(file, lastOwner);
}

function ownLock(file: string, owner: LockOwner, record: string, takenOver: Diagnostic | undefined): OutputLock {
  const beat = setInterval(() => {
    try {
      const t = new Date();
      utimesSync(file, t, t);
    } catch {
      // The lock is gone or unwritable: release() will find out; nothing to do here.
    }
  }, HEARTBEAT_MS);
  beat.unref();
  let released = false;
  return {
    file,
    takenOver,
    release() {
      if (released) return;
      released = true;
      clearInterval(beat);
      held.delete(owner.token!);
      // Only remove the lock if it is still ours.
      let current;
      try {
        current = readLock(file);
      } catch {
        return;
      }
      if ('bytes' in current && current.bytes.toString() === record) rmSync(file, { force: true });
    },
  };
}
