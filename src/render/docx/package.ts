/**
 * Packs a docx Document into .docx bytes that are the same every time (DESIGN §4b).
 *
 * docx alone is not reproducible: docProps/core.xml says "now", zip entries are stamped
 * "now", hyperlink relationship ids come from Math.random (nanoid), and the TOC's heading
 * bookmarks (_TocN and their w:id) come from a counter shared by the whole process, so the
 * second brief rendered in a process gets different ids than the first. Here we:
 *   1. replace core.xml through Packer's overrides, with created/modified = meta.date;
 *   2. renumber the random relationship ids (rIdh1, rIdh2, … in part order) and the
 *      heading bookmarks (_Toc1 … and w:id 1 … in document order) in the packed parts;
 *   3. zip the parts (zip.ts): [Content_Types].xml, then _rels/.rels, then the other parts
 *      sorted by name, each stamped meta.date 00:00 (DOS time, which has no time zone).
 * Parts docx cannot write as we need them replace its own (`replace`: settings.xml, the font
 * table and embedded fonts, see settings.ts and font-table.ts), and `patch` edits the packed
 * XML text (the East Asian paragraph defaults in styles.xml). No node_modules file is
 * patched; nothing here reads the clock.
 */
import { Packer, type Document } from 'docx';
import { strFromU8, strToU8, unzipSync } from 'fflate';
import type { DocumentMeta } from '../../model/model.js';
import { zipParts } from './zip.js';

export interface PackOptions {
  /** Parts that take the place of docx's (or are added): name → XML text or bytes. Given as
   * a function, it is called after docx has packed (estimators have run by then). */
  replace?: () => Map<string, Uint8Array | string>;
  /** Edits of packed XML parts: name → edit. */
  patch?: Record<string, (xml: string) => string>;
}

export async function packDocument(document: Document, meta: DocumentMeta, options: PackOptions = {}): Promise<Uint8Array> {
  const parts = await packedParts(document, [{ path: 'docProps/core.xml', data: corePropertiesXml(meta) }]);
  const text = new Map<string, string>();
  for (const [name, bytes] of Object.entries(parts)) if (/\.(xml|rels)$/.test(name)) text.set(name, strFromU8(bytes));
  renumberRelationshipIds(text);
  renumberHeadingBookmarks(text);
  for (const [name, edit] of Object.entries(options.patch ?? {})) {
    const xml = text.get(name);
    if (xml === undefined) throw new Error(`docx wrote no ${name} to patch`);
    text.set(name, edit(xml));
  }
  for (const [name, xml] of text) parts[name] = strToU8(xml);
  for (const [name, data] of options.replace?.() ?? []) parts[name] = typeof data === 'string' ? strToU8(data) : new Uint8Array(data);
  return zipParts(orderedEntries(parts), { level: 6, mtime: dosDateOf(meta.date) });
}

type Override = { path: string; data: string };
interface Compiler {
  compile(document: Document, prettify: undefined, overrides: Override[]): Map<string, string | Uint8Array | ArrayBuffer>;
}

/**
 * docx's parts, uncompressed. `Packer.pack` compiles them, deflates them into a zip, and we
 * would unzip that only to zip the parts again in our order (a third of a DOCX's time for
 * nothing, issue 17); so the parts come from the compiler Packer.pack itself uses (its static
 * `compiler`, not in docx's types), with Packer.pack and unzip as the way if a docx version
 * has none. A part given twice keeps its last data, as docx's own zip does.
 */
async function packedParts(document: Document, overrides: Override[]): Promise<Record<string, Uint8Array>> {
  const compiler = (Packer as unknown as { compiler?: Partial<Compiler> }).compiler;
  if (typeof compiler?.compile !== 'function') return unzipSync(await Packer.pack(document, 'uint8array', false, overrides));
  const parts: Record<string, Uint8Array> = {};
  for (const [name, data] of (compiler as Compiler).compile(document, undefined, overrides)) {
    parts[name] = typeof data === 'string' ? strToU8(data) : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);
  }
  return parts;
}

/** `2021-09-30` → local midnight of that day: zip's DOS timestamps are local wall-clock
 * fields, so a local date gives the same bytes in every time zone. */
export function dosDateOf(isoDate: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!m) throw new Error(`document meta: date "${isoDate}" is not YYYY-MM-DD`);
  const year = Math.min(2107, Math.max(1980, Number(m[1])));
  return new Date(year, Number(m[2]) - 1, Number(m[3]), 0, 0, 0);
}

const escapeXml = (s: string): string =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** docProps/core.xml as docx writes it, but dated by the brief, not by the clock. */
export function corePropertiesXml(meta: DocumentMeta): string {
  const when = `${meta.date.slice(0, 10)}T00:00:00Z`;
  const el = (name: string, value: string) => (value ? `<${name}>${escapeXml(value)}</${name}>` : '');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    el('dc:title', meta.title) +
    el('dc:subject', meta.subject) +
    el('dc:creator', meta.author) +
    el('cp:keywords', meta.keywords.join(', ')) +
    el('dc:description', meta.subtitle) +
    el('cp:lastModifiedBy', meta.author) +
    '<cp:revision>1</cp:revision>' +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

/** Relationship ids that are not docx's own counted `rIdN` are random: rename them in the
 * order the .rels parts list them, and everywhere they are quoted. */
function renumberRelationshipIds(text: Map<string, string>): void {
  const renamed = new Map<string, string>();
  for (const name of [...text.keys()].filter((n) => n.endsWith('.rels')).sort()) {
    for (const m of text.get(name)!.matchAll(/\bId="([^"]+)"/g)) {
      const id = m[1]!;
      if (!/^rId\d+$/.test(id) && !renamed.has(id)) renamed.set(id, `rIdh${renamed.size + 1}`);
    }
  }
  if (renamed.size === 0) return;
  const pattern = new RegExp(`"(${[...renamed.keys()].map(escapeRegExp).join('|')})"`, 'g');
  for (const [name, xml] of text) text.set(name, xml.replace(pattern, (_, id: string) => `"${renamed.get(id)}"`));
}

/** Heading bookmarks: number them 1, 2, … in document order (w:id and the _TocN name the
 * TOC's hyperlinks and PAGEREF fields use). */
function renumberHeadingBookmarks(text: Map<string, string>): void {
  const name = 'word/document.xml';
  const xml = text.get(name);
  if (!xml) return;
  const ids = new Map<string, number>();
  const tocNames = new Map<string, string>();
  for (const m of xml.matchAll(/<w:bookmarkStart\b[^>]*?\bw:name="([^"]*)"[^>]*?\bw:id="(\d+)"/g)) {
    const [, bookmark, id] = m as unknown as [string, string, string];
    if (!ids.has(id)) ids.set(id, ids.size + 1);
    if (/^_Toc\d+$/.test(bookmark)) tocNames.set(bookmark, `_Toc${ids.get(id)}`);
  }
  const out = xml
    .replace(/(<w:bookmark(?:Start|End)\b[^>]*?\bw:id=")(\d+)"/g, (all, head: string, id: string) =>
      ids.has(id) ? `${head}${ids.get(id)}"` : all,
    )
    .replace(/(w:name="|w:anchor="|PAGEREF )(_Toc\d+)\b/g, (all, head: string, toc: string) =>
      tocNames.has(toc) ? `${head}${tocNames.get(toc)}` : all,
    );
  text.set(name, out);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function orderedEntries(parts: Record<string, Uint8Array>): [string, Uint8Array][] {
  const first = ['[Content_Types].xml', '_rels/.rels'];
  const names = [...first.filter((n) => n in parts), ...Object.keys(parts).filter((n) => !first.includes(n)).sort()];
  return names.map((n) => [n, parts[n]!]);
}
