/**
 * Reading an input file that a user controls (a brief, an include, a release, the corrections,
 * the glossary, fonts.yaml, a template) without trusting it: only a regular file is read (a
 * folder, a device such as /dev/zero, a FIFO or a socket is refused before any byte is read),
 * only up to a bound, its UTF-8 byte order mark is dropped, and the characters no text should
 * hold are found with their line and column, so they are reported in the input itself, never
 * later in a template or a renderer.
 */
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import type { Point } from '../position.js';

/** Inputs larger than this are refused (a release of 20,000 words is about 150 KB). */
export const MAX_INPUT_BYTES = 32 * 1024 * 1024;

export type InputProblem =
  | { kind: 'missing' }
  | { kind: 'folder' }
  | { kind: 'not-a-file'; what: string }
  | { kind: 'too-large'; bytes: number }
  | { kind: 'unreadable'; reason: string };

export type InputRead = { ok: true; text: string } | ({ ok: false } & InputProblem);

/**
 * What kind of thing is at `abs` (following symlinks), or null for a regular file of at most
 * `maxBytes` (fonts, which may be larger than any text input, pass Infinity).
 */
export function inputProblemOf(abs: string, maxBytes = MAX_INPUT_BYTES): InputProblem | null {
  let stat;
  try {
    stat = statSync(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? { kind: 'missing' } : { kind: 'unreadable', reason: code ?? String(e) };
  }
  if (stat.isDirectory()) return { kind: 'folder' };
  if (!stat.isFile()) return { kind: 'not-a-file', what: stat.isCharacterDevice() || stat.isBlockDevice() ? 'a device' : stat.isFIFO() ? 'a named pipe' : stat.isSocket() ? 'a socket' : 'not a regular file' };
  if (stat.size > maxBytes) return { kind: 'too-large', bytes: stat.size };
  return null;
}

/**
 * Reads a regular file as UTF-8 text, without its byte order mark. Never reads more than
 * MAX_INPUT_BYTES + 1 bytes, even if the file grows while it is read.
 */
export function readInputText(abs: string): InputRead {
  const problem = inputProblemOf(abs);
  if (problem) return { ok: false, ...problem };
  let fd: number | undefined;
  try {
    fd = openSync(abs, 'r');
    // The file may have been replaced between stat and open: check what was opened.
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { ok: false, kind: 'not-a-file', what: 'not a regular file' };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(1 << 20, MAX_INPUT_BYTES + 1 - total));
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      chunks.push(buf.subarray(0, n));
      total += n;
      if (total > MAX_INPUT_BYTES) return { ok: false, kind: 'too-large', bytes: total };
    }
    return { ok: true, text: stripBom(Buffer.concat(chunks, total).toString('utf8')) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') return { ok: false, kind: 'folder' };
    return { ok: false, kind: 'unreadable', reason: code ?? String((e as Error).message ?? e) };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** An input's text as read by readInputText, or throws (for callers that checked the file first). */
export function readInputTextOrThrow(abs: string): string {
  const read = readInputText(abs);
  if (read.ok) return read.text;
  throw new Error(`${abs}: ${describeInputProblem(read)}`);
}

/** "is a folder", "is a device" …, for messages: `"${file}" ${describe…}`. */
export function describeInputProblem(p: InputProblem): string {
  switch (p.kind) {
    case 'missing':
      return 'does not exist';
    case 'folder':
      return 'is a folder, not a file';
    case 'not-a-file':
      return `is ${p.what}, not a regular file`;
    case 'too-large':
      return `is too large (${Math.round(p.bytes / 1024 / 1024)} MB or more; the limit is ${MAX_INPUT_BYTES / 1024 / 1024} MB)`;
    case 'unreadable':
      return `cannot be read (${p.reason})`;
  }
}

/** The text without a leading UTF-8 byte order mark (editors on Windows write one). */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export type BadCharacterKind = 'control' | 'noncharacter' | 'surrogate' | 'bidi';

export interface BadCharacter {
  /** UTF-16 offset in the text. */
  offset: number;
  codePoint: number;
  kind: BadCharacterKind;
}

/**
 * Characters no brief or release text should hold: C0 and C1 controls (tab, line feed and
 * carriage return excepted) and DEL; Unicode non-characters (U+FDD0–U+FDEF and the last two
 * code points of every plane); lone surrogates (only reachable through YAML escapes such as
 * "\uD800"); and the bidirectional embedding, override and isolate controls U+202A–U+202E and
 * U+2066–U+2069, which reorder what a reader sees (the "Trojan Source" trick) and which PDF
 * and DOCX readers do not draw alike.
 */
export function badCharacterKind(cp: number): BadCharacterKind | null {
  if (cp < 0x20) return cp === 0x09 || cp === 0x0a || cp === 0x0d ? null : 'control';
  if (cp < 0x7f) return null;
  if (cp <= 0x9f) return 'control';
  if (cp < 0x202a) return null;
  if (cp <= 0x202e) return 'bidi';
  if (cp >= 0x2066 && cp <= 0x2069) return 'bidi';
  if (cp >= 0xd800 && cp <= 0xdfff) return 'surrogate';
  if (cp >= 0xfdd0 && cp <= 0xfdef) return 'noncharacter';
  if ((cp & 0xfffe) === 0xfffe) return 'noncharacter';
  return null;
}

// A quick test that lets clean text (nearly all of it) through in one native pass.
const ANY_BAD = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|\p{Noncharacter_Code_Point}|\p{Cs}/u;

/** What a scan found: the first `keep` bad characters, in order, and how many there are in all. */
export interface BadCharacterScan {
  found: BadCharacter[];
  total: number;
}

/**
 * The bad characters of `text` (one pass; nothing for clean text). Only the first `keep` are
 * kept as objects and the rest only counted: a UTF-16 file read as UTF-8 has a NUL in every
 * other unit, and a report names a few and says how many more, so a million finding objects
 * would only be garbage to collect (their collection made this scan superlinear in CI).
 */
export function findBadCharacters(text: string, keep = Infinity): BadCharacterScan {
  if (!ANY_BAD.test(text)) return { found: [], total: 0 };
  const found: BadCharacter[] = [];
  let total = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    let cp = unit;
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) cp = 0x10000 + ((unit - 0xd800) << 10) + (next - 0xdc00);
    }
    const kind = badCharacterKind(cp);
    if (kind && total++ < keep) found.push({ offset: i, codePoint: cp, kind });
    if (cp > 0xffff) i++;
  }
  return { found, total };
}

const KIND_WORDS: Record<BadCharacterKind, string> = {
  control: 'a control character',
  noncharacter: 'a Unicode non-character',
  surrogate: 'a lone surrogate (half of a character)',
  bidi: 'a bidirectional control, which reorders how the text is shown',
};

const NAMES: Record<number, string> = { 0: 'NUL', 0x7f: 'DEL', 0x0c: 'form feed', 0x0b: 'vertical tab', 0x1b: 'ESC', 0x08: 'backspace' };

/** "U+0000 (NUL), a control character". */
export function describeBadCharacter(c: BadCharacter): string {
  const label = `U+${c.codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
  const name = NAMES[c.codePoint];
  return `${label}${name ? ` (${name})` : ''}, ${KIND_WORDS[c.kind]}`;
}

/**
 * Line and column (1-based; columns count characters as editors do, so a character outside
 * the BMP is one column) of each offset, in one pass over the text however many offsets.
 */
export function pointsOf(text: string, offsets: readonly number[], lineOffset = 0): Point[] {
  const points: Point[] = new Array(offsets.length);
  // Offsets usually come in order (findBadCharacters gives them so): then no sort, which made
  // this n log n, and no pair per offset.
  let inOrder = true;
  for (let i = 1; i < offsets.length && inOrder; i++) inOrder = offsets[i - 1]! <= offsets[i]!;
  const order = inOrder ? null : offsets.map((_, i) => i).sort((a, b) => offsets[a]! - offsets[b]! || a - b);
  let line = 1;
  let column = 1;
  let at = 0;
  for (let k = 0; k < offsets.length; k++) {
    const index = order ? order[k]! : k;
    const offset = offsets[index]!;
    for (; at < offset && at < text.length; at++) {
      const u = text.charCodeAt(at);
      if (u === 0x0a) {
        line++;
        column = 1;
      } else if (!(u >= 0xdc00 && u <= 0xdfff && at > 0 && text.charCodeAt(at - 1) >= 0xd800 && text.charCodeAt(at - 1) <= 0xdbff)) column++;
    }
    points[index] = { line: line + lineOffset, column };
  }
  return points;
}
