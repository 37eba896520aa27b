/**
 * Temporary files: every file briefpack writes is written under a temporary name first and
 * renamed into place when complete. Their names are only ever `.briefpack-<pid>-<random>.tmp`,
 * and only files with such a name are ever removed as leftovers: a user's `.important.2024.tmp`
 * beside the outputs is never touched.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';

const PATTERN = /^\.briefpack-(\d+)-([0-9a-f]{16})\.tmp$/;

/** A fresh temporary file name (no folder). */
export function tempName(): string {
  return `.briefpack-${process.pid}-${randomBytes(8).toString('hex')}.tmp`;
}

export function isTempName(name: string): boolean {
  return PATTERN.test(name);
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes briefpack's temporary files left in a folder by builds that were killed half-way:
 * those whose process is gone. (A live process's may be in use: a build about to take the
 * lock writes its record under a temporary name too.)
 */
export function removeStaleTemps(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const n of names) {
    const m = PATTERN.exec(n);
    if (!m) continue;
    if (alive(Number(m[1]))) continue;
    try {
      rmSync(path.join(dir, n), { force: true });
    } catch {
      // Read-only folder: the leftover stays; it is never mistaken for an output.
    }
  }
}
