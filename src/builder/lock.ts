/**
 * One build at a time per output folder. `output/.briefpack.lock` is created exclusively
 * (O_EXCL) and holds who made it; a second build finds it and stops with a message naming the
 * first, instead of interleaving files with it. A lock left by a build that no longer runs
 * (its process is gone, same host) is taken over; one from another host is not guessed at.
 */
import { mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LockedError, type LockOwner } from './errors.js';

export type { LockOwner } from './errors.js';

export { LockedError } from './errors.js';

export const LOCK_FILE = '.briefpack.lock';


export interface OutputLock {
  file: string;
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(file: string): LockOwner | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LockOwner;
  } catch {
    return undefined;
  }
}

/** Takes the lock on an output folder or throws LockedError. `now` is only for the record. */
export function acquireLock(outDir: string, command: string, now: () => Date = () => new Date()): OutputLock {
  mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, 'wx');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const owner = readOwner(file);
      const stale = owner !== undefined && owner.host === os.hostname() && owner.pid !== process.pid && !alive(owner.pid);
      if (stale && attempt === 0) {
        rmSync(file, { force: true });
        continue;
      }
      throw new LockedError(file, owner);
    }
    const owner: LockOwner = { pid: process.pid, host: os.hostname(), command, started: now().toISOString() };
    writeSync(fd, `${JSON.stringify(owner)}\n`);
    closeSync(fd);
    let released = false;
    return {
      file,
      release() {
        if (released) return;
        released = true;
        // Only remove the lock if it is still ours.
        const current = readOwner(file);
        if (current && current.pid === owner.pid && current.started === owner.started && current.host === owner.host) rmSync(file, { force: true });
      },
    };
  }
  throw new LockedError(file, readOwner(file));
}
