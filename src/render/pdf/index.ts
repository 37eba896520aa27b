/**
 * The PDF renderer: document model → pdfmake document definition → PDF bytes.
 *
 * Split by concern like Pandoc's writers: inlines.ts (font runs, bold, links, note
 * references, line-breaking glue), blocks.ts and tables.ts (block content), notes.ts (the
 * numbered source notes, linked both ways with their references), page.ts (paper,
 * margins, header, footer), fonts.ts (the pdfmake font dictionary), metadata.ts (info,
 * language, XMP, and how the output stays byte-identical), outline.ts (bookmarks that land
 * on their headings).
 *
 * A character no configured face has is an error (BP401), thrown before anything is drawn:
 * the renderer never prints empty boxes.
 */
import type { Renderer } from '../shared/types.js';
import { DiagnosticError } from '../../diagnostics/diagnostic.js';
import { buildDocDefinition } from './document.js';
import { pdfmakeFonts } from './fonts.js';
import { pdfmake } from './pdfmake.js';
import { fontsForTypeface } from '../../fonts/font-set.js';
import { completeXmpMetadata } from './metadata.js';
import { pointOutlineAtHeadings } from './outline.js';
import { writePageLabels } from './page-numbers.js';
import { coverPages } from './blocks.js';
import { pageLabels } from '../../model/labels.js';

export { buildDocDefinition } from './document.js';
export { prepareCjkLineBreaks } from './line-breaking.js';

export const renderPdf: Renderer = async (model, options) => {
  const fonts = fontsForTypeface(options.fonts, options.typeface);
  const { definition, problems, outlineIds } = buildDocDefinition(model, fonts);
  if (problems.length > 0) throw new DiagnosticError(problems);
  // setFonts and createPdf run back to back: the printer keeps this document's dictionary.
  pdfmake.setFonts(pdfmakeFonts(fonts));
  const output = pdfmake.createPdf(definition);
  // pdfkit's document after layout, before it is ended: the last touches (metadata.ts, outline.ts).
  const pdfkitDocument = await output.getStream();
  completeXmpMetadata(pdfkitDocument, String(definition.language));
  pointOutlineAtHeadings(pdfkitDocument, outlineIds);
  writePageLabels(pdfkitDocument, coverPages(model.blocks), pageLabels(model.meta).cover);
  const buffer = await output.getBuffer();
  // The buffer comes when pdfkit's document, a Readable stream, emits 'end', which Node does
  // from a process.nextTick callback; whatever our callers do next in the same microtask
  // checkpoint (the DOCX, writing the files) runs above that callback's frame, and the frame
  // still holds the stream: the whole laid-out document (pages, lines, glyph runs) stayed
  // alive until the brief was done. Returning from a fresh macrotask lets it go: a 5 MB spec
  // held 473 MB (after a full collection) when its DOCX began, 95 MB so; peak RSS 1,045 → 877 MB.
  await new Promise((resolve) => setImmediate(resolve));
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
};
