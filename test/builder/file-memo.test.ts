/**
 * Facts about input files remembered between builds by their stat (src/builder/file-memo.ts):
 * big files' digests and release files' index keys, reused only while size, times, inode and
 * device are all unchanged, and only for files that had settled before they were read (the
 * racy case).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KeyContext } from '../../src/builder/cache.js';
import { FileMemo, MIN_BYTES } from '../../src/builder/file-memo.js';
import { FileStore } from '../../src/builder/file-store.js';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

function bigFile(dir: string, name: string, fill: number): string {
  const file = path.join(dir, name);
  writeFileSync(file, Buffer.alloc(MIN_BYTES + 10, fill));
  return file;
}

/** Replaces one remembered fact in the memo file, the way only a memo that is used could
 * make a store return it. */
function plant(memoFile: string, file: string, facts: object): void {
  const data = JSON.parse(readFileSync(memoFile, 'utf8'));
  data.files[file].facts = { ...data.files[file].facts, ...facts };
  writeFileSync(memoFile, JSON.stringify(data));
}

describe('FileMemo', () => {
  it('gives a remembered digest while the file is as it was, and hashes a changed one again', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bp-memo-'));
    const memoFile = path.join(dir, 'cache', 'files.json');
    const file = bigFile(dir, 'font.ttf', 1);
    const memo = new FileMemo(memoFile, 0);
    expect(new FileStore(memo).hash(file)).toBe(sha(readFileSync(file)));
    // Nothing is on disk until it is saved (with the build cache).
    expect(existsSync(memoFile)).toBe(false);
    memo.save();
    // The remembered digest is used, not the bytes: plant another one for the file's exact
    // stat; a store that read the file would not return it.
    plant(memoFile, file, { sha256: 'f'.repeat(64) });
    expect(new FileStore(new FileMemo(memoFile, 0)).hash(file)).toBe('f'.repeat(64));
    // Same size, new bytes: the times differ, so it is hashed again.
    writeFileSync(file, Buffer.alloc(MIN_BYTES + 10, 2));
    expect(new FileStore(new FileMemo(memoFile, 0)).hash(file)).toBe(sha(readFileSync(file)));
  });

  it('does not remember what it read within the racy window of the last change', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bp-memo-'));
    const memoFile = path.join(dir, 'files.json');
    const file = bigFile(dir, 'font.ttf', 3);
    const memo = new FileMemo(memoFile); // the real window: the file was written just now
    new FileStore(memo).hash(file);
    memo.save();
    expect(existsSync(memoFile)).toBe(false);
  });

  it('reads a damaged memo as empty, and remembers small files and outputs too', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bp-memo-'));
    const memoFile = path.join(dir, 'files.json');
    writeFileSync(memoFile, '{"schema":1,"files":{"x":{"stat":1}}} trailing');
    const small = path.join(dir, 'spec.yaml');
    writeFileSync(small, 'title: x\n');
    const output = path.join(dir, 'brief.pdf');
    writeFileSync(output, '%PDF-1.7\n');
    const memo = new FileMemo(memoFile, 0);
    const store = new FileStore(memo);
    expect(store.hash(small)).toBe(sha(readFileSync(small)));
    expect(store.outputDigest(output)).toBe(sha(readFileSync(output)));
    expect(store.outputDigest(path.join(dir, 'gone.pdf'))).toBeNull();
    memo.save();
    plant(memoFile, small, { sha256: 'a'.repeat(64) });
    plant(memoFile, output, { sha256: 'b'.repeat(64) });
    const again = new FileStore(new FileMemo(memoFile, 0));
    expect(again.hash(small)).toBe('a'.repeat(64));
    expect(again.outputDigest(output)).toBe('b'.repeat(64));
  });

  it("remembers release files' index keys, and reads a release again when it changes", () => {
    const project = mkdtempSync(path.join(os.tmpdir(), 'bp-memo-'));
    mkdirSync(path.join(project, 'releases'));
    const release = path.join(project, 'releases', 'a.md');
    writeFileSync(release, '---\nid: a-2021\ntranslation_of: b-2021\n---\n\nText.\n');
    const memoFile = path.join(project, 'files.json');
    const index = () => {
      const memo = new FileMemo(memoFile, 0);
      const entries = new KeyContext(project, new FileStore(memo), { emitModel: false }).index();
      memo.save();
      return entries;
    };
    expect(index()).toEqual([{ file: 'releases/a.md', id: 'a-2021', translationOf: 'b-2021' }]);
    plant(memoFile, release, { index: { id: 'planted', translationOf: null } });
    expect(index()[0]!.id).toBe('planted');
    writeFileSync(release, '---\nid: a-2022\n---\n\nText.\n');
    expect(index()).toEqual([{ file: 'releases/a.md', id: 'a-2022', translationOf: null }]);
  });
});
