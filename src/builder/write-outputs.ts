/**
 * Puts a brief's files into the output folder all-or-nothing: each file is written under a
 * temporary name first (temp-files.ts) and renamed into place only when every file of the
 * brief is complete. A failure leaves the previous good output exactly as it was, and removes
 * the temporary files it made; if renaming one of a brief's files fails, those already renamed
 * are put back. A rename within one folder is atomic, so a reader (or a build
 * killed at any point) sees the old file or the new one, never half of one.
 */
import { linkSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempName } from './temp-files.js';

export interface WrittenFile {
  path: string;
  bytes: number;
}

export function writeOutputs(outDir: string, name: string, files: Map<string, Uint8Array>): WrittenFile[] {
  mkdirSync(outDir, { recursive: true });
  const staged: { tmp: string; final: string; bytes: number; backup?: string }[] = [];
  let renamed = 0;
  try {
    for (const [ext, bytes] of files) {
      const final = path.join(outDir, `${name}.${ext}`);
      const tmp = path.join(outDir, tempName());
      staged.push({ tmp, final, bytes: bytes.byteLength });
      writeFileSync(tmp, bytes, { flag: 'wx' });
    }
    // Every file is complete. Keep a second name for each previous output (a hard link, no
    // copy), so that if one rename fails the ones already done can be put back.
    for (const s of staged) {
      const backup = path.join(outDir, tempName());
      try {
        linkSync(s.final, backup);
        s.backup = backup;
      } catch {
        // no previous output, or no hard links here: nothing to put back
      }
    }
    for (const s of staged) {
      renameSync(s.tmp, s.final);
      renamed++;
    }
  } catch (e) {
    for (const s of staged.slice(0, renamed)) {
      try {
        if (s.backup) renameSync(s.backup, s.final);
        else rmSync(s.final, { force: true });
      } catch {
        // the folder refuses every change: what was renamed stays
      }
    }
    for (const s of staged) {
      removeQuietly(s.tmp);
      if (s.backup) removeQuietly(s.backup);
    }
    throw e;
  }
  for (const s of staged) if (s.backup) removeQuietly(s.backup);
  return staged.map((s) => ({ path: s.final, bytes: s.bytes }));
}

/** Writes one file atomically (temporary name, then rename), creating its folder. */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = path.join(path.dirname(file), tempName());
  try {
    writeFileSync(tmp, data, { flag: 'wx' });
    renameSync(tmp, file);
  } catch (e) {
    removeQuietly(tmp);
    throw e;
  }
}

/** Removes a temporary file, or leaves it (read-only folder): it never looks like an output. */
function removeQuietly(file: string): void {
  try {
    rmSync(file, { force: true });
  } catch {
    // left for removeStaleTemps
  }
}
