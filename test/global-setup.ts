/**
 * Every test's temporary folders (projects, locks, outputs, LibreOffice profiles) go under one
 * folder made for the run and removed after it: the tests make hundreds, and left in the
 * system's temporary folder they piled up by thousands a day. `os.tmpdir()` reads TMPDIR, and
 * vitest's workers and the processes tests start inherit it. Set BRIEFPACK_KEEP_TEST_TMP=1 to
 * keep the folder (its path is printed) when a failure needs its files.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export default function setup(): () => void {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'briefpack-tests-'));
  process.env.TMPDIR = dir;
  return () => {
    if (process.env.BRIEFPACK_KEEP_TEST_TMP) process.stderr.write(`test temporary files kept in ${dir}\n`);
    else rmSync(dir, { recursive: true, force: true });
  };
}
