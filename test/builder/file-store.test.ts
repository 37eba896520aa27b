/**
 * The build's file store: a text is hashed as it is read, so a key is of the bytes the build
 * used; only the last TEXTS_KEPT texts are kept; and a file saved after it was hashed is
 * known to be (mayDifferSince), though the store still answers with the digest it had.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileStore, sha256, TEXTS_KEPT } from '../../src/builder/file-store.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function folder(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'bp-store-'));
  dirs.push(d);
  return d;
}
const later = () => new Promise((r) => setTimeout(r, 30));

describe('FileStore', () => {
  it('hashes a text as it reads it: the digest is of the bytes the text is of', async () => {
    const f = path.join(folder(), 'a.md');
    writeFileSync(f, '第一版');
    const store = new FileStore();
    const since = Date.now();
    expect(store.text(f)).toBe('第一版');
    expect(store.mayDifferSince(f, since)).toBe(false);
    await later();
    writeFileSync(f, '第二版，更長');
    // The key still names what was read; the store knows the file moved since.
    expect(store.hash(f)).toBe(sha256(Buffer.from('第一版')));
    expect(store.mayDifferSince(f, since)).toBe(true);
    // Saved back as it was: the same bytes again, so nothing differs.
    writeFileSync(f, '第一版');
    expect(store.mayDifferSince(f, since)).toBe(false);
  });

  it(`keeps the last ${TEXTS_KEPT} texts; one dropped is read again, and a change meanwhile is seen`, async () => {
    const dir = folder();
    const files = Array.from({ length: TEXTS_KEPT + 1 }, (_, i) => path.join(dir, `r${i}.md`));
    files.forEach((f, i) => writeFileSync(f, `release ${i}`));
    const store = new FileStore();
    const since = Date.now();
    for (const f of files) store.text(f);
    const first = files[0]!;
    await later();
    writeFileSync(first, 'release 0, corrected');
    expect(store.text(first)).toBe('release 0, corrected');
    expect(store.mayDifferSince(first, since)).toBe(true);
    // The one asked for last is still kept: the same text, though the file changed.
    const last = files.at(-1)!;
    writeFileSync(last, 'changed, not read');
    expect(store.text(last)).toBe(`release ${TEXTS_KEPT}`);
  });

  it('touched, not changed: the same bytes, nothing differs', async () => {
    const f = path.join(folder(), 'b.yaml');
    writeFileSync(f, 'title: x\n');
    const store = new FileStore();
    const since = Date.now();
    store.hash(f);
    await later();
    writeFileSync(f, 'title: x\n');
    expect(store.mayDifferSince(f, since)).toBe(false);
  });

  it('hashes a file it keeps nothing of (a font) piece by piece: the digest of all its bytes', () => {
    const dir = folder();
    const f = path.join(dir, 'face.ttf');
    // Three and a half pieces of the megabyte it reads at a time, each piece different.
    const bytes = Buffer.alloc(3.5 * (1 << 20));
    for (let i = 0; i < bytes.length; i += 4096) bytes.writeUInt32LE(i, i);
    writeFileSync(f, bytes);
    const store = new FileStore();
    expect(store.hash(f)).toBe(sha256(bytes));
    expect(store.outputDigest(f)).toBe(sha256(bytes));
    expect(store.hash(path.join(dir, 'none.ttf'))).toBe('missing');
  });

  it.skipIf(process.platform === 'win32')('reads a FIFO in place of a file as missing, without waiting for a writer', () => {
    const fifo = path.join(folder(), 'face.ttf');
    execFileSync('mkfifo', [fifo]);
    const store = new FileStore();
    // Opening a FIFO to read blocks until something writes to it: this would never return.
    expect(store.hash(fifo)).toBe('missing');
    expect(store.outputDigest(fifo)).toBeNull();
  });
});
