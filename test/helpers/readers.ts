/**
 * Real readers for what we produce: poppler for PDF, LibreOffice for DOCX, fflate for the
 * DOCX zip. A test that needs a missing tool fails under CI (CI=true) and is skipped, with the
 * reason, on a developer machine without it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import type { FontSet } from '../../src/fonts/font-set.js';

export function hasTool(tool: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
}

/** `describe.skipIf(!toolsAvailable(...))`, except that under CI a missing tool is an error. */
export function toolsAvailable(...tools: string[]): boolean {
  const missing = tools.filter((t) => !hasTool(t));
  if (missing.length && process.env.CI) throw new Error(`CI needs ${missing.join(', ')} (installed by .ci/run)`);
  return missing.length === 0;
}

/**
 * Text of a PDF. `raw`: in content order, with no de-hyphenation (pdftotext's reading mode
 * turns "anti-" + "terrorism" at a line end into "antiterrorism"); `reading`: pdftotext's
 * default reading order; `layout`: as laid out on the page, line by line.
 */
export function pdfText(file: string, mode: 'raw' | 'reading' | 'layout' = 'raw'): string {
  const flags = mode === 'raw' ? ['-raw'] : mode === 'layout' ? ['-layout'] : [];
  return execFileSync('pdftotext', [...flags, '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

export interface PdfFontRow {
  name: string;
  type: string;
  embedded: boolean;
  subset: boolean;
}

export function pdfFonts(file: string): PdfFontRow[] {
  const out = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
  return out.map((line) => {
    const cols = line.trim().split(/\s+/);
    // name type [type2] encoding emb sub uni object ID
    const n = cols.length;
    return { name: cols[0]!, type: cols.slice(1, n - 6).join(' '), embedded: cols[n - 5] === 'yes', subset: cols[n - 4] === 'yes' };
  });
}

export function pdfInfo(file: string): Record<string, string> {
  const out = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Object.fromEntries(out.split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]));
}

export function docxParts(bytes: Uint8Array): Record<string, string> {
  const files = unzipSync(bytes);
  return Object.fromEntries(Object.entries(files).map(([name, data]) => [name, strFromU8(data)]));
}

/** Text content of a DOCX part: tabs as spaces, tags dropped, XML entities decoded. */
export function xmlText(xml: string): string {
  return xml
    .replace(/<w:tab\/>/g, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/**
 * Converts a DOCX with LibreOffice and returns the converted PDF's path. LibreOffice gets a
 * private profile, and (with `fontDirs`) a fontconfig file that adds those folders, so the
 * converted PDF shows which face drew each glyph even on a machine with no CJK fonts.
 */
export function sofficeToPdf(docx: string, outDir: string, fontDirs: readonly string[] = []): string {
  const work = mkdtempSync(path.join(os.tmpdir(), 'bp-lo-'));
  const conf = path.join(work, 'fonts.conf');
  writeFileSync(
    conf,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n` +
      `<include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n` +
      fontDirs.map((d) => `<dir>${d}</dir>\n`).join('') +
      `<cachedir>${path.join(work, 'fc-cache')}</cachedir>\n</fontconfig>\n`,
  );
  try {
    execFileSync('soffice', [`-env:UserInstallation=file://${path.join(work, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', outDir, docx], {
      env: { ...process.env, FONTCONFIG_FILE: conf },
      stdio: 'pipe',
      timeout: 120_000,
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return path.join(outDir, path.basename(docx).replace(/\.docx$/, '.pdf'));
}

/** Folders holding the configured font files, for `sofficeToPdf`. */
export function fontDirsOf(fonts: FontSet): string[] {
  return [...new Set([...fonts.faces.values()].flatMap((f) => [path.dirname(f.regular.path), path.dirname(f.bold.path)]))];
}

/** Text with all whitespace removed: PDF extraction breaks lines wherever layout did. */
export function squash(text: string): string {
  return text.replace(/[\s\u2060\u200b]+/g, '');
}

/** Removes running headers and footers (classification line, "Page X of Y" and its Chinese
 * forms), which text extraction puts wherever a page break falls, even inside a paragraph. */
export function withoutPageFurniture(text: string, classification: string): string {
  return text
    .replace(/Page\s*\d+\s*of\s*\d+/g, '')
    .replace(/第\s*\d+\s*[頁页]\s*，\s*共\s*\d+\s*[頁页]/g, '')
    .split(classification)
    .join('');
}

export function readBytes(file: string): Buffer {
  return readFileSync(file);
}

/**
 * Converts several documents with one LibreOffice start (it takes a second or two to start)
 * and returns the converted files' paths, in order. `format` is LibreOffice's filter name
 * (`pdf`, `fodt`, …). `fontDirs` as for `sofficeToPdf`; `systemFonts: false` gives
 * LibreOffice a fontconfig without the system's fonts.conf (then only `fontDirs` and fonts
 * the documents embed exist for it). LibreOffice runs headless with the svp plugin and a
 * private profile.
 */
export function sofficeConvert(
  files: readonly string[],
  format: string,
  outDir: string,
  options: { fontDirs?: readonly string[]; systemFonts?: boolean } = {},
): string[] {
  const work = mkdtempSync(path.join(os.tmpdir(), 'bp-lo-'));
  const conf = path.join(work, 'fonts.conf');
  writeFileSync(conf, fontconfigFor(work, options.fontDirs ?? [], options.systemFonts ?? true));
  try {
    execFileSync(
      'soffice',
      [`-env:UserInstallation=file://${path.join(work, 'profile')}`, '--headless', '--convert-to', format, '--outdir', outDir, ...files],
      { env: { ...process.env, FONTCONFIG_FILE: conf, SAL_USE_VCLPLUGIN: 'svp' }, stdio: 'pipe', timeout: 300_000 },
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return files.map((f) => path.join(outDir, path.basename(f).replace(/\.[^.]+$/, `.${format}`)));
}

function fontconfigFor(work: string, fontDirs: readonly string[], systemFonts: boolean): string {
  return (
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n` +
    (systemFonts ? `<include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n` : '') +
    fontDirs.map((d) => `<dir>${d}</dir>\n`).join('') +
    `<cachedir>${path.join(work, 'fc-cache')}</cachedir>\n</fontconfig>\n`
  );
}

/** Families fontconfig lists for a language (`fc-list :lang=zh`) under the same fontconfig
 * `sofficeConvert` would give LibreOffice. */
export function fontFamiliesFor(lang: string, options: { fontDirs?: readonly string[]; systemFonts?: boolean } = {}): string[] {
  const work = mkdtempSync(path.join(os.tmpdir(), 'bp-fc-'));
  const conf = path.join(work, 'fonts.conf');
  writeFileSync(conf, fontconfigFor(work, options.fontDirs ?? [], options.systemFonts ?? true));
  try {
    const out = execFileSync('fc-list', [`:lang=${lang}`, 'family'], { env: { ...process.env, FONTCONFIG_FILE: conf }, encoding: 'utf8' });
    return [...new Set(out.split('\n').map((l) => l.trim()).filter(Boolean))].sort();
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
