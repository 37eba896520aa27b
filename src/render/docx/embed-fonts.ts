/**
 * Which faces the DOCX declares, and with `embed_fonts: true` the subsets it embeds, so the
 * document renders right on a machine with no CJK fonts (DESIGN §4b).
 *
 * Each face that draws any text is declared in the font table (font-table.ts). With
 * embedding, its regular and bold files are cut down (HarfBuzz's hb-subset,
 * each file loaded into it once per process: font-subsetter.ts) to the characters the document draws in that face and weight (context.ts
 * records them run by run), plus what Word draws without a run of ours: page, note and list
 * numbers, the contents' dot leaders (bullets are recorded by numbering.ts). A whole CJK file is 7–10 MB; a brief's subset
 * is 100–250 KB.
 *
 * `docxFontEmbeddingReport` reads the cost back from the finished DOCX (the zip's entries),
 * so callers can print it without the renderer returning anything but bytes.
 */
import { inflateSync } from 'fflate';
import { subsetForEmbedding } from './font-subsetter.js';
import type { DocxContext } from './context.js';
import type { DeclaredFont } from './font-table.js';
import { FIELD_GLYPHS } from './page.js';

/** Glyphs of fields (page and note numbers, list numbers, dot leaders) every Latin face gets. */
const LATIN_EXTRAS = FIELD_GLYPHS;

/** The faces to declare, in the configuration's order, with their subsets when `embed`. */
export async function declaredFonts(ctx: DocxContext, embed: boolean): Promise<DeclaredFont[]> {
  for (const role of [ctx.roles.body, ctx.roles.heading]) {
    ctx.useGlyphs(role.latinFace, LATIN_EXTRAS, { regular: true, bold: true });
    // The styles name it for East Asian text: declared even when no run draws in it.
    ctx.useGlyphs(role.hanFace, '', {});
  }
  const out: DeclaredFont[] = [];
  const families = new Set<string>();
  for (const [id, face] of ctx.fonts.faces) {
    const used = ctx.glyphUsage.get(id);
    if (!used || families.has(face.regular.family)) continue;
    families.add(face.regular.family);
    const declared: DeclaredFont = { file: face.regular };
    if (embed) {
      const regular = textOf(used.regular);
      const bold = textOf(used.bold);
      if (regular) declared.embedRegular = await subsetForEmbedding(face.regular.bytes, face.regular.key, regular);
      if (bold) declared.embedBold = await subsetForEmbedding(face.bold.bytes, face.bold.key, bold);
    }
    out.push(declared);
  }
  return out;
}

function textOf(chars: ReadonlySet<string>): string {
  return [...chars].sort().join('');
}

export interface EmbeddedFontEntry {
  family: string;
  weight: 'regular' | 'bold';
  /** Part name in the package (word/fonts/fontN.odttf). */
  part: string;
  /** Size of the subset font. */
  fontBytes: number;
  /** What it takes in the zip (compressed data, local and central headers). */
  zipBytes: number;
}

export interface FontEmbeddingReport {
  fonts: EmbeddedFontEntry[];
  /** What the embedded fonts add to the DOCX: their zip entries and the font table's relationships. */
  addedBytes: number;
  /** Size of the whole DOCX. */
  totalBytes: number;
}

/**
 * The size cost of the fonts embedded in a DOCX, read from its zip directory and font
 * table; undefined when it embeds none. For the build's summary line, e.g.
 * `formatFontEmbeddingReport(docxFontEmbeddingReport(bytes)!)`.
 */
export function docxFontEmbeddingReport(docx: Uint8Array): FontEmbeddingReport | undefined {
  const entries = zipDirectory(docx);
  const fontEntries = entries.filter((e) => /^word\/fonts\/[^/]+\.odttf$/.test(e.name));
  if (fontEntries.length === 0) return undefined;
  const table = entries.find((e) => e.name === 'word/fontTable.xml');
  const rels = entries.find((e) => e.name === 'word/_rels/fontTable.xml.rels');
  const tableXml = table ? readEntry(docx, table) : '';
  const relsXml = rels ? readEntry(docx, rels) : '';
  const targetOf = new Map([...relsXml.matchAll(/<Relationship\b[^>]*\bId="([^"]+)"[^>]*\bTarget="([^"]+)"/g)].map((m) => [`word/${m[2]}`, m[1]!]));
  const owner = new Map<string, { family: string; weight: 'regular' | 'bold' }>();
  for (const font of tableXml.matchAll(/<w:font w:name="([^"]*)">([\s\S]*?)<\/w:font>/g)) {
    for (const embed of font[2]!.matchAll(/<w:embed(Regular|Bold) r:id="([^"]+)"/g)) {
      owner.set(embed[2]!, { family: unescapeXml(font[1]!), weight: embed[1] === 'Bold' ? 'bold' : 'regular' });
    }
  }
  const fonts = fontEntries.map((e) => {
    const who = owner.get(targetOf.get(e.name) ?? '') ?? { family: '?', weight: 'regular' as const };
    return { ...who, part: e.name, fontBytes: e.size, zipBytes: e.footprint };
  });
  const addedBytes = fonts.reduce((n, f) => n + f.zipBytes, 0) + (rels?.footprint ?? 0);
  return { fonts, addedBytes, totalBytes: docx.byteLength };
}

/** "embedded fonts +412 KB of 431 KB: Noto Sans regular 14 KB, bold 14 KB; Noto Sans TC regular 120 KB, …" */
export function formatFontEmbeddingReport(report: FontEmbeddingReport): string {
  const kb = (n: number) => `${Math.max(1, Math.round(n / 1024))} KB`;
  const byFamily = new Map<string, string[]>();
  for (const f of report.fonts) byFamily.set(f.family, [...(byFamily.get(f.family) ?? []), `${f.weight} ${kb(f.zipBytes)}`]);
  const faces = [...byFamily].map(([family, weights]) => `${family} ${weights.join(', ')}`).join('; ');
  return `embedded fonts +${kb(report.addedBytes)} of ${kb(report.totalBytes)}: ${faces}`;
}

interface ZipEntry {
  name: string;
  method: number;
  size: number;
  compressedSize: number;
  localOffset: number;
  /** Bytes the entry takes: local header, data, central directory record. */
  footprint: number;
}

function zipDirectory(zip: Uint8Array): ZipEntry[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = zip.length - 22;
  while (eocd >= 0 && view.getUint32(eocd, true) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip file (no end of central directory)');
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const out: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new Error('zip central directory is damaged');
    const method = view.getUint16(at + 10, true);
    const compressedSize = view.getUint32(at + 20, true);
    const size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extra = view.getUint16(at + 30, true);
    const comment = view.getUint16(at + 32, true);
    const localOffset = view.getUint32(at + 42, true);
    const name = new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength));
    const localExtra = view.getUint16(localOffset + 28, true);
    const localName = view.getUint16(localOffset + 26, true);
    const central = 46 + nameLength + extra + comment;
    out.push({ name, method, size, compressedSize, localOffset, footprint: 30 + localName + localExtra + compressedSize + central });
    at += central;
  }
  return out;
}

function readEntry(zip: Uint8Array, entry: ZipEntry): string {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const start = entry.localOffset + 30 + view.getUint16(entry.localOffset + 26, true) + view.getUint16(entry.localOffset + 28, true);
  const data = zip.subarray(start, start + entry.compressedSize);
  const raw = entry.method === 0 ? data : inflateSync(data);
  return new TextDecoder().decode(raw);
}

function unescapeXml(s: string): string {
  return s.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
