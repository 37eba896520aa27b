/**
 * The DOCX renderer: document model → docx `Document` → reproducible .docx bytes.
 *
 * Split by concern like docx's own src/file and Pandoc's Writers/Docx: styles.ts
 * (word/styles.xml), numbering.ts (word/numbering.xml), page.ts (section, header, footer),
 * blocks.ts / tables.ts / inlines.ts / fonts.ts (word/document.xml and the footnotes), and
 * package.ts (docProps/core.xml and the zip, made byte-for-byte reproducible).
 */
import { Document } from 'docx';
import type { Block, DocumentModel } from '../../doc/model.js';
import { DiagnosticError } from '../../diagnostics/diagnostic.js';
import type { Renderer } from '../types.js';
import { cover, renderBlocks } from './blocks.js';
import { createContext, type DocxContext } from './context.js';
import { buildNumbering } from './numbering.js';
import { packDocument } from './package.js';
import { headersAndFooters, pageProperties } from './page.js';
import { buildStyles } from './styles.js';

export const renderDocx: Renderer = async (model, { fonts }) => {
  const ctx = createContext(model, fonts);
  const document = buildDocument(ctx, model);
  if (ctx.problems.length) throw new DiagnosticError(ctx.problems);
  return packDocument(document, model.meta);
};

/** The docx Document for a model (exported for tests and tools that inspect it). */
export function buildDocument(ctx: DocxContext, model: DocumentModel): Document {
  const { meta } = model;
  return new Document({
    title: meta.title,
    subject: meta.subject,
    creator: meta.author,
    lastModifiedBy: meta.author,
    keywords: meta.keywords.join(', '),
    description: meta.subtitle,
    revision: 1,
    // TOC page numbers are left blank rather than estimated (docx/layout gives up on fonts
    // Office also ships, such as Noto Sans); Word fills them in when it opens the file.
    features: { updateFields: true },
    styles: buildStyles(ctx),
    numbering: buildNumbering(),
    sections: sections(ctx, model.blocks),
  });
}

/** A cover that opens the document gets a section of its own with a first-page header and
 * footer (titlePage), so it shows the marking but no page number; the body follows on a new
 * page in the second section, with the default header and footer. */
function sections(ctx: DocxContext, blocks: readonly Block[]) {
  const [first, ...rest] = blocks;
  const furniture = () => headersAndFooters(ctx);
  const body = (children: readonly Block[]) => {
    const { headers, footers } = furniture();
    return {
      properties: pageProperties(ctx.meta, false),
      headers: { default: headers.default },
      footers: { default: footers.default },
      children: renderBlocks(ctx, children),
    };
  };
  if (first?.type !== 'cover') return [body(blocks)];
  return [{ properties: pageProperties(ctx.meta, true), ...furniture(), children: cover(ctx, first) }, body(rest)];
}
