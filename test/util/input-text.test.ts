/**
 * The safe reader of user-controlled files, the bad-character scan and calendar dates
 * (issue 12, item 3), unit by unit; test/cli/untrusted-inputs.test.ts runs them end to end.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findBadCharacters, pointsOf, readInputText, stripBom } from '../../src/util/input-text.js';
import { calendarDateProblem, isCalendarDate } from '../../src/util/dates.js';

describe('readInputText', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bp-input-'));
  it('reads a regular file without its byte order mark', () => {
    writeFileSync(path.join(dir, 'a.yaml'), '\ufefftitle: x\n');
    expect(readInputText(path.join(dir, 'a.yaml'))).toEqual({ ok: true, text: 'title: x\n' });
  });
  it('refuses folders, devices and named pipes without reading them', () => {
    expect(readInputText(dir)).toMatchObject({ ok: false, kind: 'folder' });
    expect(readInputText('/dev/zero')).toMatchObject({ ok: false, kind: 'not-a-file', what: 'a device' });
    execFileSync('mkfifo', [path.join(dir, 'pipe.yaml')]);
    expect(readInputText(path.join(dir, 'pipe.yaml'))).toMatchObject({ ok: false, kind: 'not-a-file', what: 'a named pipe' });
    expect(readInputText(path.join(dir, 'none.yaml'))).toMatchObject({ ok: false, kind: 'missing' });
  });
  it('strips only a leading BOM', () => {
    expect(stripBom('a\ufeffb')).toBe('a\ufeffb');
  });
});

describe('findBadCharacters', () => {
  it('finds controls, non-characters, lone surrogates and bidi controls, and nothing in clean text', () => {
    const text = 'ok\t中文\r\n𠀀 “quotes” \u0000 \u0085 \u202a \u2069 \ufdd0 \u{1fffe} \ud800 \udc00';
    expect(findBadCharacters(text).found.map((c) => [c.codePoint.toString(16), c.kind])).toEqual([
      ['0', 'control'], ['85', 'control'], ['202a', 'bidi'], ['2069', 'bidi'], ['fdd0', 'noncharacter'], ['1fffe', 'noncharacter'], ['d800', 'surrogate'], ['dc00', 'surrogate'],
    ]);
    expect(findBadCharacters('趙克志指出，中柬是鐵桿朋友。𠀀 Zhao Kezhi — “ok”\n')).toEqual({ found: [], total: 0 });
  });
  it('keeps the first few findings and counts the rest (a UTF-16 file has a NUL in every other unit)', () => {
    const text = 'a\u0000'.repeat(1000) + '\u202e';
    const scan = findBadCharacters(text, 3);
    expect(scan.total).toBe(1001);
    expect(scan.found.map((c) => c.offset)).toEqual([1, 3, 5]);
    expect(findBadCharacters(text).found).toHaveLength(1001);
  });
  it('gives columns in characters, counting a character outside the BMP once', () => {
    const text = 'ab\n𠀀x\u0000';
    expect(pointsOf(text, [text.indexOf('\u0000'), 0], 1)).toEqual([{ line: 3, column: 3 }, { line: 2, column: 1 }]);
  });

  it('gives each offset the line and column a walk from the start gives, in order or not', () => {
    // The reference: count from the start for every offset on its own.
    const naive = (text: string, offset: number) => {
      let line = 1;
      let column = 1;
      for (let at = 0; at < offset && at < text.length; at++) {
        const u = text.charCodeAt(at);
        if (u === 0x0a) [line, column] = [line + 1, 1];
        else if (!(u >= 0xdc00 && u <= 0xdfff && at > 0 && text.charCodeAt(at - 1) >= 0xd800 && text.charCodeAt(at - 1) <= 0xdbff)) column++;
      }
      return { line, column };
    };
    const text = fc.array(fc.constantFrom('a', '\n', '字', '😀', '\u0000'), { maxLength: 40 }).map((xs) => xs.join(''));
    fc.assert(
      fc.property(text, fc.array(fc.nat(45), { maxLength: 12 }), fc.boolean(), (t, offsets, sorted) => {
        const list = sorted ? [...offsets].sort((a, b) => a - b) : offsets;
        expect(pointsOf(t, list)).toEqual(list.map((o) => naive(t, o)));
      }),
      { numRuns: 500, seed: 17 },
    );
  });
});

describe('calendar dates', () => {
  it.each([['2021-02-30', 'has day 30, but 2021-02 has 28 days'], ['2021-13-01', 'has month 13'], ['0000-00-00', 'has year 0000'], ['2021-04-31', 'has day 31'], ['2100-02-29', 'has day 29']])('%s is refused', (date, why) => {
    expect(calendarDateProblem(date)).toContain(why);
  });
  it('takes real days, leap days included', () => {
    expect(['2024-02-29', '2000-02-29', '2021-12-31', '0001-01-01'].every(isCalendarDate)).toBe(true);
  });
});
