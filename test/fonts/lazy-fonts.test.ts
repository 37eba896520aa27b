/**
 * Font files are checked from their header when the configuration is read and read in full
 * only when a document first draws text in them (issue 17: the default configuration names
 * 12 files, about 100 MB; a brief uses three or four). A file that passes the check but
 * cannot be parsed is still a located BP402 when it is first read, never a crash.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { ThreadBuilder } from '../../src/builder/thread-builder.js';
import { loadFontSet, sniffFont } from '../../src/fonts/font-set.js';
import { splitRuns } from '../../src/fonts/runs.js';
import { PROJECT_ROOT } from '../helpers/project.js';
import { runCli, tempProject } from '../helpers/temp-project.js';

const ROBOTO = path.join(PROJECT_ROOT, 'node_modules', 'pdfmake', 'fonts', 'Roboto', 'Roboto-Regular.ttf');

const loadedFiles = (fonts: ReturnType<typeof loadFontSet>) =>
  [...fonts.faces.values()].flatMap((f) => [
    ...(f.regular.loaded ? [`${f.id} regular`] : []),
    ...(f.bold.loaded ? [`${f.id} bold`] : []),
  ]);

/** A copy of Roboto with one table's bytes overwritten (its directory entry intact). */
function withDamagedTable(file: string, tag: string): void {
  const bytes = Buffer.from(readFileSync(ROBOTO));
  const count = bytes.readUInt16BE(4);
  for (let i = 0; i < count; i++) {
    const at = 12 + i * 16;
    if (bytes.toString('latin1', at, at + 4) !== tag) continue;
    const offset = bytes.readUInt32BE(at + 8);
    bytes.fill(0xff, offset, offset + bytes.readUInt32BE(at + 12));
  }
  writeFileSync(file, bytes);
}

/** The 1-based line of the first line containing `text`. */
const lineOf = (source: string, text: string) => source.split('\n').findIndex((l) => l.includes(text)) + 1;

/** The diagnostics among --json output lines (events carry no code). */
function diagnosticsOf(stdout: string): { code: string; message: string; file?: string; start?: unknown }[] {
  const lines = stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
  const found = lines.flatMap((e) => (Array.isArray(e.diagnostics) ? e.diagnostics : typeof e.code === 'string' ? [e] : []));
  return found as { code: string; message: string }[];
}

describe('font files read when first used', () => {
  it('reads no font file to load the configuration, and only the faces a text is drawn in', () => {
    const project = tempProject({ briefs: false });
    const fonts = loadFontSet(project);
    expect(loadedFiles(fonts)).toEqual([]);
    const { runs } = splitRuns(fonts, 'Minister 趙克志 met', 'en', 'zh-Hant');
    expect(runs.map((r) => r.face)).toEqual(['noto-sans', 'noto-sans-tc', 'noto-sans']);
    expect(loadedFiles(fonts)).toEqual(['noto-sans regular', 'noto-sans-tc regular']);
  });

  it('builds a brief to PDF and DOCX reading only the faces its text uses', async () => {
    const project = tempProject();
    const builder = new ThreadBuilder(project);
    const r = await builder.build({ brief: 'briefs/cambodia-law-enforcement-meeting.yaml', emitModel: false });
    expect(r.ok).toBe(true);
    const loaded = loadedFiles(loadFontSet(project));
    // The sans typeface, Simplified Chinese with Latin: no serif file, and not all twelve.
    expect(loaded.length).toBeGreaterThan(0);
    expect(loaded.length).toBeLessThan(12);
    expect(loaded.filter((f) => f.startsWith('noto-serif'))).toEqual([]);
  });

  it('takes the line height from the header, as fontkit computes it, for every configured file', () => {
    const fonts = loadFontSet(PROJECT_ROOT);
    const files = [...fonts.faces.values()].flatMap((f) => [f.regular, f.bold]);
    for (const file of [...files.map((f) => f.path), ROBOTO]) {
      const font = fontkit.create(readFileSync(file)) as fontkit.Font;
      expect(sniffFont(file).lineHeight, file).toBeCloseTo((font.ascent - font.descent) / font.unitsPerEm, 12);
    }
  });

  it('rejects a font file cut short where fonts.yaml names it, without reading all of it', async () => {
    const project = tempProject({ briefs: false });
    const bytes = readFileSync(ROBOTO);
    writeFileSync(path.join(project, 'fonts', 'Cut.ttf'), bytes.subarray(0, bytes.length >> 1));
    const config = readFileSync(path.join(project, 'fonts', 'fonts.yaml'), 'utf8').replace(/^faces:\n/m, 'faces:\n  cut:\n    regular: Cut.ttf\n    bold: Cut.ttf\n');
    writeFileSync(path.join(project, 'fonts', 'fonts.yaml'), config);
    const r = await runCli(['check', '--json'], project);
    const d = diagnosticsOf(r.stdout).find((x) => x.code === 'BP402');
    expect(d, r.stdout + r.stderr).toMatchObject({ file: 'fonts/fonts.yaml', start: { line: lineOf(config, 'regular: Cut.ttf'), column: 14 } });
    expect(d!.message).toMatch(/^font file "Cut\.ttf" for face "cut" \(regular\) cannot be used: its "\w+ ?" table runs past the end of the file/);
  });

  it('reports a damaged table found when a document first reads the file as BP402 at its line, exit 1', async () => {
    const project = tempProject();
    withDamagedTable(path.join(project, 'fonts', 'Damaged.ttf'), 'cmap');
    copyFileSync(ROBOTO, path.join(project, 'fonts', 'Fine.ttf'));
    const config = readFileSync(path.join(project, 'fonts', 'fonts.yaml'), 'utf8')
      .replace(/^faces:\n/m, 'faces:\n  damaged:\n    regular: Damaged.ttf\n    bold: Fine.ttf\n')
      .replace(/^(  body:\n    latin: \[)/m, '$1damaged, ');
    writeFileSync(path.join(project, 'fonts', 'fonts.yaml'), config);
    const r = await runCli(['build', 'briefs/cambodia-law-enforcement-meeting.yaml', '--json'], project);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    const d = diagnosticsOf(r.stdout).find((x) => x.code === 'BP402');
    expect(d).toMatchObject({ file: 'fonts/fonts.yaml', start: { line: lineOf(config, 'regular: Damaged.ttf'), column: 14 } });
    expect(d!.message).toMatch(/^font file "Damaged\.ttf" for face "damaged" \(regular\) cannot be used: /);
  });
});
