/**
 * The zip writer DOCX packages are made with (src/render/docx/zip.ts), checked with Info-ZIP's
 * own reader: every part comes back byte for byte, in the order given, with the stamped date
 * and a valid CRC; and the same parts give the same bytes.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import zlib from 'node:zlib';
import { tableCrc32, zipParts } from '../../src/render/docx/zip.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'bp-zip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MTIME = new Date(2021, 8, 28, 0, 0, 0);
const text = (s: string) => new TextEncoder().encode(s);
const noise = (n: number, seed: number) => {
  const out = new Uint8Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    // xorshift32: bytes deflate cannot shrink
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x >>> 24;
  }
  return out;
};

const PARTS: [string, Uint8Array][] = [
  ['[Content_Types].xml', text('<?xml version="1.0"?><Types/>'.repeat(50))],
  ['_rels/.rels', text('<Relationships/>')],
  ['word/document.xml', text('<w:p>中柬執法合作</w:p>'.repeat(2000))],
  ['word/fonts/font1.odttf', noise(40_000, 7)],
  ['word/empty.xml', new Uint8Array(0)],
];

describe('DOCX zip writer', () => {
  it('is read back by Info-ZIP part for part, in order, dated and with valid CRCs', () => {
    const file = path.join(dir, 'parts.zip');
    writeFileSync(file, zipParts(PARTS, { mtime: MTIME }));
    // -t checks every CRC; exits non-zero on any error.
    expect(execFileSync('unzip', ['-t', file], { encoding: 'utf8' })).toMatch(/No errors detected/);
    const listing = execFileSync('zipinfo', ['-T', file], { encoding: 'utf8' });
    const rows = listing.split('\n').filter((l) => /^-/.test(l));
    expect(rows.map((r) => r.split(/\s+/).slice(7).join(' '))).toEqual(PARTS.map(([n]) => n));
    expect(rows.every((r) => r.includes('20210928.000000'))).toBe(true);
    // Deflated where that is smaller, stored where not (the empty part, the noise).
    expect(rows.find((r) => r.endsWith('word/document.xml'))).toMatch(/ defN /);
    expect(rows.find((r) => r.endsWith('font1.odttf'))).toMatch(/ stor /);
    const out = path.join(dir, 'x');
    execFileSync('unzip', ['-q', '-o', file, '-d', out]);
    for (const [name, data] of PARTS) expect(new Uint8Array(readFileSync(path.join(out, name)))).toEqual(data);
  });

  it('round-trips any parts and gives the same bytes for the same parts', () => {
    const part = fc.tuple(fc.stringMatching(/^[a-z][a-z0-9/._-]{0,20}$/), fc.uint8Array({ maxLength: 3000 }), fc.boolean());
    fc.assert(
      fc.property(fc.uniqueArray(part, { selector: (p) => p[0], maxLength: 8 }), fc.integer({ min: 0, max: 9 }), (parts, level) => {
        const entries = parts.map(([n, d, repeat]) => [n, repeat ? new Uint8Array(d.length * 4).map((_, i) => d[i % Math.max(1, d.length)] ?? 0) : d] as [string, Uint8Array]);
        const zipped = zipParts(entries, { mtime: MTIME, level });
        expect(zipParts(entries, { mtime: MTIME, level })).toEqual(zipped);
        const back = unzipSync(zipped);
        expect(Object.keys(back)).toEqual(entries.map(([n]) => n));
        expect(unzipSync(zipParts([...entries.filter(([n]) => n !== '媒體/說明.txt'), ['媒體/說明.txt', text('名稱是 UTF-8')]], { mtime: MTIME }))['媒體/說明.txt']).toEqual(text('名稱是 UTF-8'));
        for (const [n, d] of entries) expect(back[n]).toEqual(d);
      }),
      { numRuns: 200, seed: 17 },
    );
  });

  it('computes CRC-32 by table as zlib does (for Node without zlib.crc32)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (data) => {
        expect(tableCrc32(data)).toBe(zlib.crc32(data));
      }),
      { numRuns: 300, seed: 17 },
    );
  });

  it('refuses a part given twice', () => {
    expect(() => zipParts([['a', text('1')], ['a', text('2')]], { mtime: MTIME })).toThrow(/"a" is given twice/);
  });
});
