/**
 * Puts a brief's files into the output folder all-or-nothing: each file is written under a
 * temporary name first and renamed into place only when every file of the brief is
 * complete. A failure leaves the previous good output exactly as it was. A rename within one
 * folder is atomic, so a reader sees the old file or the new one, never half of one.
 */
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface WrittenFile {
  path: string;
  bytes: number;
}

/** `.<name>.<ext>.<pid>.tmp`: what a build that was killed half-way may leave behind. */
const TEMP = /^\..+\.\d+\.tmp$/;

export function writeOutputs(outDir: string, name: string, files: Map<string, Uint8Array>): WrittenFile[] {
  mkdirSync(outDir, { recursive: true });
  const staged: { tmp: string; final: string; bytes: number }[] = [];
  try {
    for (const [ext, bytes] of files) {
      const final = path.join(outDir, `${name}.${ext}`);
      const tmp = path.join(outDir, `.${name}.${ext}.${process.pid}.tmp`);
      staged.push({ tmp, final, bytes: bytes.byteLength });
      writeFileSync(tmp, bytes);
    }
  } catch (e) {
    for (const s of staged) rmSync(s.tmp, { force: true });
    throw e;
  }
  for (const s of staged) renameSync(s.tmp, s.final);
  return staged.map((s) => ({ path: s.final, bytes: s.bytes }));
}

/** Removes temporary files of interrupted builds (call with the output lock held). */
export function removeStaleTemps(outDir: string): void {
  let names: string[];
  try {
    names = readdirSync(outDir);
  } catch {
    return;
  }
  for (const n of names) if (TEMP.test(n)) rmSync(path.join(outDir, n), { force: true });
}
