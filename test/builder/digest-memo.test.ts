/**
 * Digests of big input files (fonts) remembered between builds by their stat
 * (src/builder/digest-memo.ts): reused only while size, times, inode and device are all
 * unchanged, and only for files that had settled before they were hashed (the racy case).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DigestMemo, MIN_BYTES } from '../../src/builder/digest-memo.js';
import { FileStore } from '../../src/builder/file-store.js';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

function bigFile(dir: string, name: string, fill: number): string {
  const file = path.join(dir, name);
  writeFileSync(file, Buffer.alloc(MIN_BYTES + 10, fill));
  return file;
}

describe('DigestMemo', () => {
  it('gives a remembered digest while the file is as it was, and hashes a changed one again', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bp-digests-'));
    const memoFile = path.join(dir, 'cache', 'digests.json');
    const file = bigFile(dir, 'font.ttf', 1);
    const first = new FileStore(new DigestMemo(memoFile, 0));
    expect(first.hash(file)).toBe(sha(readFileSync(file)));
    const saved = new DigestMemo(memoFile, 0);
    // Saving happens with the build cache: nothing is on disk before.
    expect(saved.lookup(file)).toBeUndefined();

    const memo = new DigestMemo(memoFile, 0);
    const store = new FileStore(memo);
    store.hash(file);
    memo.save();
    // Proof that the remembered digest is used, not the bytes: plant a different one for the
    // file's exact stat; a store that read the file would not return it.
    const data = JSON.parse(readFileSync(memoFile, 'utf8'));
    data.files[file].sha256 = 'f'.repeat(64);
    writeFileSync(memoFile, JSON.stringify(data));
    expect(new FileStore(new DigestMemo(memoFile, 0)).hash(file)).toBe('f'.repeat(64));

    // Same size, new bytes: the times differ, so it is hashed again.
    writeFileSync(file, Buffer.alloc(MIN_BYTES + 10, 2));
    expect(new FileStore(new DigestMemo(memoFile, 0)).hash(file)).toBe(sha(readFileSync(file)));
  });

  it('does not trust a digest taken within the racy window of the last change', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bp-digests-'));
    const memoFile = path.join(dir, 'digests.json');
    const file = bigFile(dir, 'font.ttf', 3);
    const memo = new DigestMemo(memoFile); // the real window: the file was written just now
    new FileStore(memo).hash(file);
    memo.save();
    const data = JSON.parse(readFileSync(memoFile, 'utf8'));
    data.files[file] = { ...(data.files[file] ?? {}), sha256: 'f'.repeat(64) };
    writeFileSync(memoFile, JSON.stringify(data));
    expect(new FileStore(new DigestMemo(memoFile)).hash(file)).toBe(sha(readFileSync(file)));
  });

  it('leaves small files to the store and reads a damaged memo as empty', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bp-digests-'));
    const memoFile = path.join(dir, 'digests.json');
    const damaged = '{"schema":1,"files":{"x":{"stat":1}}} trailing';
    writeFileSync(memoFile, damaged);
    const small = path.join(dir, 'spec.yaml');
    writeFileSync(small, 'title: x\n');
    const memo = new DigestMemo(memoFile, 0);
    expect(new FileStore(memo).hash(small)).toBe(sha(readFileSync(small)));
    memo.save();
    // Nothing learnt (a small file is not remembered), so nothing is written.
    expect(readFileSync(memoFile, 'utf8')).toBe(damaged);
  });
});
