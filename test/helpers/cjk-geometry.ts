/**
 * Measures Chinese typesetting from a PDF's own glyph positions (issue 16; DESIGN §10).
 *
 * The glyphs come from MuPDF (`mutool draw -F stext`): each character's origin, its advance
 * box (the width the font's metrics give it) and its font size. From them:
 *
 * - lines: characters of one page on one baseline, cut where a gap is wider than 0.7 em
 *   (table columns); paragraphs: lines of the same left edge one line pitch apart, the pitch
 *   being the smallest baseline step from a line at that edge to the next line of its size
 *   (a step with space added is a new paragraph: the source notes are table rows 3 pt apart);
 * - full lines: in paragraphs whose text is mostly Han, the share of non-last lines whose
 *   right edge reaches the measure. The measure is the widest non-last line that starts at
 *   the same left edge and does not end in an adjustable mark (among lines at most 1.5 em
 *   wider than the paragraph's own). A mark set half width at a line end still reports its
 *   full advance box, and LibreOffice hangs line-end punctuation in the margin, so an edge
 *   up to an em past the measure counts as at it, and so does one up to 0.15 em before it
 *   (LibreOffice puts justification space after every Han character, the last one too,
 *   so its justified lines end about 1.5 pt short of the margin). A paragraph's line at the foot of a page
 *   is neither counted full nor short (its paragraph may go on overleaf);
 * - adjacent punctuation left uncompressed: two adjustable CJK marks in a row whose origins
 *   are both a full em apart from their successors (clreq §3.1.6 wants 1.5 em for the pair);
 * - narrow quotes: “ ” ‘ ’ between Han text (digits and punctuation skipped) drawn with an
 *   advance under 0.9 em, i.e. a Latin glyph;
 * - clreq violations: a line starting with a mark of NO_LINE_START or ending with one of
 *   NO_LINE_END, or `……`/`——` split over two lines.
 *
 * The same measure runs on the PDF that LibreOffice makes of our DOCX.
 */
import { execFileSync } from 'node:child_process';
import { NO_LINE_END, NO_LINE_START } from '../../src/render/shared/cjk-line-breaks.js';
import { isHalfWidthAdjustable } from '../../src/render/shared/cjk-punctuation.js';

export interface Glyph {
  c: string;
  x: number;
  /** Right edge of the advance box. */
  right: number;
  /** Baseline. */
  y: number;
  size: number;
  font: string;
}

export interface GlyphLine {
  page: number;
  glyphs: Glyph[];
  left: number;
  right: number;
  y: number;
  size: number;
}

export interface CjkFigures {
  /** Non-last lines of Han paragraphs (paragraph ends at a page foot not counted). */
  nonLastLines: number;
  fullLines: number;
  /** fullLines / nonLastLines, in percent (100 when there is nothing to count). */
  fullShare: number;
  adjacentPairs: number;
  uncompressedPairs: number;
  cjkQuotes: number;
  narrowQuotes: number;
  clreqViolations: number;
  /** A few examples of each fault, for failure messages. */
  examples: string[];
}

const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u;
const QUOTES = new Set(['“', '”', '‘', '’']);
const noStart = new Set(Array.from(NO_LINE_START));
const noEnd = new Set(Array.from(NO_LINE_END));

/** Every glyph of a PDF, page by page, from MuPDF's structured text. */
export function readGlyphs(pdf: string): Glyph[][] {
  const xml = execFileSync('mutool', ['draw', '-q', '-F', 'stext', '-o', '-', pdf], { encoding: 'utf8', maxBuffer: 256 << 20, stdio: ['ignore', 'pipe', 'ignore'] });
  const pages: Glyph[][] = [];
  let font = '';
  let size = 0;
  for (const m of xml.matchAll(/<page |<font name="([^"]*)" size="([^"]*)"|<char quad="([^"]*)" x="([^"]*)" y="([^"]*)"[^>]*? c="([^"]*)"/g)) {
    if (m[0] === '<page ') pages.push([]);
    else if (m[1] !== undefined) {
      font = m[1];
      size = Number(m[2]);
    } else {
      const quad = m[3]!.split(' ').map(Number);
      const c = m[6]!.replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16))).replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
      pages[pages.length - 1]!.push({ c, x: Number(m[4]), right: Math.max(quad[2]!, quad[6]!), y: Number(m[5]), size, font });
    }
  }
  return pages;
}

/** Characters of each page on one baseline, cut at gaps wider than `maxGap` em (0.7: wider
 * than a word space, narrower than a table's column gap). */
export function glyphLines(pages: Glyph[][], maxGap = 0.7): GlyphLine[] {
  const out: GlyphLine[] = [];
  pages.forEach((glyphs, p) => {
    const rows = new Map<number, Glyph[]>();
    for (const g of glyphs) {
      if (g.c.trim() === '') continue;
      const key = [...rows.keys()].find((y) => Math.abs(y - g.y) < 1.5) ?? g.y;
      rows.set(key, [...(rows.get(key) ?? []), g]);
    }
    for (const row of [...rows.values()]) {
      row.sort((a, b) => a.x - b.x);
      let current: Glyph[] = [];
      const flush = () => {
        if (current.length === 0) return;
        out.push({
          page: p + 1,
          glyphs: current,
          left: current[0]!.x,
          right: current[current.length - 1]!.right,
          y: current[0]!.y,
          size: Math.max(...current.map((g) => g.size)),
        });
        current = [];
      };
      for (const g of row) {
        const prev = current[current.length - 1];
        if (prev && g.x - prev.right > maxGap * Math.max(prev.size, g.size)) flush();
        current.push(g);
      }
      flush();
    }
  });
  return out.sort((a, b) => a.page - b.page || a.y - b.y || a.left - b.left);
}

const textOf = (line: GlyphLine) => line.glyphs.map((g) => g.c).join('');

function isHanText(text: string): boolean {
  const letters = Array.from(text).filter((c) => /\p{L}/u.test(c));
  return letters.length > 0 && letters.filter((c) => HAN.test(c)).length / letters.length >= 0.5;
}

/** The line pitch at each left edge and type size: the smallest baseline step from a line
 * starting there to the next line of that size below it in the same column, wherever that
 * one starts (a note's second line starts after its number). Steps within a paragraph are the pitch;
 * between paragraphs they add space (the source notes are table rows 3 pt apart). */
function linePitches(lines: GlyphLine[]): (line: GlyphLine) => number {
  const key = (line: GlyphLine) => `${Math.round(line.left)} ${Math.round(line.size * 10)}`;
  const pitches = new Map<string, number>();
  for (let i = 0; i < lines.length; i++) {
    const a = lines[i]!;
    const b = lines.slice(i + 1).find((l) => l.page === a.page && Math.abs(l.size - a.size) < 0.6 && l.y - a.y >= 0.8 * a.size && l.left < a.right && l.right > a.left);
    if (!b) continue;
    pitches.set(key(a), Math.min(pitches.get(key(a)) ?? Infinity, b.y - a.y));
  }
  return (line) => pitches.get(key(line)) ?? Infinity;
}

/** Lines grouped into paragraphs: same page and left edge, one line pitch apart. */
function paragraphs(lines: GlyphLine[]): GlyphLine[][] {
  const pitchAt = linePitches(lines);
  const out: GlyphLine[][] = [];
  const open: GlyphLine[][] = [];
  for (const line of lines) {
    // CJK and Latin faces give lines slightly different heights: up to 1.5 pt over the pitch.
    const para = open.find((p) => {
      const last = p[p.length - 1]!;
      const pitch = Math.min(1.8 * line.size, pitchAt(last) + 1.5);
      return last.page === line.page && Math.abs(last.left - line.left) < 1 && line.y - last.y > 0 && line.y - last.y <= pitch && Math.abs(last.size - line.size) < 0.6;
    });
    if (para) para.push(line);
    else {
      const p = [line];
      open.push(p);
      out.push(p);
    }
  }
  return out;
}

/** Whether a quote mark sits in Chinese text: the nearest letters on both sides (digits and
 * punctuation skipped; the line's edge counts as either) are Han. English text quoting
 * Chinese (`said “帕比” on`) keeps Latin quotes by design, so it does not count. */
function quoteInChinese(text: string[], i: number): boolean {
  const near = (step: number): boolean | undefined => {
    for (let j = i + step; j >= 0 && j < text.length; j += step) {
      const c = text[j]!;
      if (HAN.test(c)) return true;
      if (/\p{L}/u.test(c)) return false;
    }
    return undefined;
  };
  const before = near(-1);
  const after = near(1);
  return (before ?? after) === true && (after ?? before) === true;
}

export function measureCjk(pdf: string): CjkFigures {
  const lines = glyphLines(readGlyphs(pdf));
  const f: CjkFigures = { nonLastLines: 0, fullLines: 0, fullShare: 100, adjacentPairs: 0, uncompressedPairs: 0, cjkQuotes: 0, narrowQuotes: 0, clreqViolations: 0, examples: [] };
  const example = (what: string, line: GlyphLine) => {
    if (f.examples.length < 12) f.examples.push(`${what} (p. ${line.page}): ${textOf(line)}`);
  };

  const paras = paragraphs(lines);
  const nonLast = new Set(paras.flatMap((p) => p.slice(0, -1)));
  for (const para of paras) {
    const body = para.filter((l) => l.size <= 11);
    if (body.length < 2 || !isHanText(para.map(textOf).join(''))) continue;
    // The measure: the widest non-last line starting at this left edge whose last glyph is
    // not an adjustable mark (which may overhang: half width at our line ends, hanging
    // punctuation in LibreOffice), among lines at most 1.5 em wider than the paragraph's own
    // (wider ones belong to something else: a full-width block, a table row).
    const widest = Math.max(...body.map((l) => l.right));
    const sameLeft = lines.filter((l) => nonLast.has(l) && l.page === para[0]!.page && Math.abs(l.left - para[0]!.left) < 1 && l.size <= 11 && l.right <= widest + 1.5 * l.size);
    const solid = sameLeft.filter((l) => !isHalfWidthAdjustable(l.glyphs[l.glyphs.length - 1]!.c));
    const measure = solid.length ? Math.max(...solid.map((l) => l.right)) : Math.max(...sameLeft.map((l) => l.right - l.size / 2));
    para.slice(0, -1).forEach((line) => {
      if (line.size > 11) return;
      f.nonLastLines++;
      const em = line.size;
      // Up to an em past the margin, which may be 0.15 em past the measure (LibreOffice's
      // justified lines end that short of it, and it hangs a line-end comma beyond it).
      if (line.right >= measure - 0.15 * em && line.right <= measure + 1.15 * em + 0.6) f.fullLines++;
      else example(`short by ${(measure - line.right).toFixed(1)} pt`, line);
    });
  }
  f.fullShare = f.nonLastLines === 0 ? 100 : (100 * f.fullLines) / f.nonLastLines;

  for (let li = 0; li < lines.length; li++) {
    const line = lines[li]!;
    const g = line.glyphs;
    const chars = g.map((x) => x.c);
    for (let i = 0; i + 1 < g.length; i++) {
      const a = g[i]!;
      const b = g[i + 1]!;
      if (!isHalfWidthAdjustable(a.c) || !isHalfWidthAdjustable(b.c)) continue;
      if (!HAN.test(chars.join(''))) continue;
      f.adjacentPairs++;
      const em = a.size;
      const ab = b.x - a.x;
      const next = g[i + 2];
      const bc = next ? next.x - b.x : b.right - b.x;
      if (ab >= 0.9 * em && bc >= 0.9 * em) {
        f.uncompressedPairs++;
        example(`uncompressed ${a.c}${b.c}`, line);
      }
    }
    chars.forEach((c, i) => {
      if (!QUOTES.has(c) || !quoteInChinese(chars, i)) return;
      f.cjkQuotes++;
      if (g[i]!.right - g[i]!.x < 0.9 * g[i]!.size) {
        f.narrowQuotes++;
        example(`narrow ${c}`, line);
      }
    });
    if (!isHanText(chars.join(''))) continue;
    if (noStart.has(chars[0]!)) {
      f.clreqViolations++;
      example(`starts with ${chars[0]}`, line);
    }
    if (noEnd.has(chars[chars.length - 1]!)) {
      f.clreqViolations++;
      example(`ends with ${chars[chars.length - 1]}`, line);
    }
    const nextLine = lines[li + 1];
    const last = chars[chars.length - 1];
    if (nextLine && nextLine.page === line.page && (last === '…' || last === '—') && nextLine.glyphs[0]!.c === last && chars[chars.length - 2] !== last) {
      f.clreqViolations++;
      example(`${last}${last} split`, line);
    }
  }
  return f;
}
