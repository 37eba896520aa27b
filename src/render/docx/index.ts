/**
 * The DOCX renderer: document model → docx `Document` → reproducible .docx bytes.
 *
 * Split by concern like docx's own src/file and Pandoc's Writers/Docx: styles.ts and
 * table-styles.ts (word/styles.xml), numbering.ts (word/numbering.xml), settings.ts
 * (word/settings.xml), font-table.ts and embed-fonts.ts (word/fontTable.xml and the embedded
 * subsets), page.ts (section, header, footer), blocks.ts / tables.ts / inlines.ts / fonts.ts
 * (word/document.xml and the footnotes), page-numbers.ts (the contents' page numbers), and
 * package.ts (docProps/core.xml and the zip, made byte-for-byte reproducible).
 */
import { Document } from 'docx';
import type { Block, DocumentModel } from '../../model/model.js';
import { DiagnosticError } from '../../diagnostics/diagnostic.js';
import type { Renderer } from '../shared/types.js';
import { cover, renderBlocks } from './blocks.js';
import { createContext, eastAsiaLangOf, usedFontFiles, type DocxContext } from './context.js';
import { declaredFonts } from './embed-fonts.js';
import { fontsForTypeface } from '../../fonts/font-set.js';
import { fontTableParts } from './font-table.js';
import { buildNumbering } from './numbering.js';
import { packDocument } from './package.js';
import { headersAndFooters, pageProperties, withLastPageBookmark } from './page.js';
import { reliablePageNumbers, type PageNumberOutcome } from './page-numbers.js';
import { settingsXml, withEastAsianDefaults } from './settings.js';
import { buildStyles } from './styles.js';
import { withTableStyles } from './table-styles.js';
import { entryRunsXml, listedHeadings, withTocEntryFonts } from './toc-entries.js';

export { docxFontEmbeddingReport, formatFontEmbeddingReport, type FontEmbeddingReport } from './embed-fonts.js';

export const renderDocx: Renderer = async (model, options) => {
  const fonts = fontsForTypeface(options.fonts, options.typeface);
  const embedFonts = options.docx?.embedFonts ?? false;
  const ctx = createContext(model, fonts);
  const hasToc = model.blocks.some((b) => b.type === 'toc');
  const outcome: PageNumberOutcome = { written: 0 };
  // Laying the document out twice to find page numbers costs 0.3–1 s a brief, so it is an
  // opt-in (docx_toc_page_numbers); otherwise the entries are there and Word numbers them.
  const pageNumbers = hasToc && options.docx?.tocPageNumbers ? await reliablePageNumbers(() => usedFontFiles(ctx), outcome) : undefined;
  const document = buildDocument(ctx, model, pageNumbers ? { pageNumbers } : {});
  if (ctx.problems.length) throw new DiagnosticError(ctx.problems);
  const listed = hasToc ? listedHeadings(model) : [];
  const tocEntries = listed.map((h) => entryRunsXml(ctx, h));
  const fontsToDeclare = await declaredFonts(ctx, embedFonts);
  return packDocument(document, model.meta, {
    patch: {
      'word/styles.xml': (xml) => withTableStyles(withEastAsianDefaults(xml)),
      'word/document.xml': (xml) => withTocEntryFonts(xml, tocEntries),
    },
    replace: () =>
      new Map<string, Uint8Array | string>([
        [
          'word/settings.xml',
          settingsXml({
            eastAsiaLang: ctx.eastAsiaLang,
            // Word keeps custom line-breaking lists per script: zh-TW (Traditional) or zh-CN.
            kinsokuLang: eastAsiaLangOf(model.meta.lang),
            embedFonts: embedFonts,
            // Some entry of the contents has no number: Word fills them in on opening.
            updateFields: outcome.written < listed.length,
          }),
        ],
        ...fontTableParts(fontsToDeclare).parts,
      ]),
  });
};

export interface BuildOptions {
  /** Works out the contents' page numbers (page-numbers.ts); without it they are left blank. */
  pageNumbers?: ConstructorParameters<typeof Document>[0]['pageNumbers'];
}

/** The docx Document for a model (exported for tests and tools that inspect it). */
export function buildDocument(ctx: DocxContext, model: DocumentModel, options: BuildOptions = {}): Document {
  const { meta } = model;
  return new Document({
    title: meta.title,
    subject: meta.subject,
    creator: meta.author,
    lastModifiedBy: meta.author,
    keywords: meta.keywords.join(', '),
    description: meta.subtitle,
    revision: 1,
    styles: buildStyles(ctx),
    numbering: buildNumbering(ctx),
    sections: sections(ctx, model.blocks),
    ...(options.pageNumbers ? { pageNumbers: options.pageNumbers } : {}),
  });
}

/** A cover that opens the document gets a section of its own with a first-page header and
 * footer (titlePage), so it shows the marking but no page number; the body follows on a new
 * page in the second section, numbered from 1, with the default header and footer. */
function sections(ctx: DocxContext, blocks: readonly Block[]) {
  const [first, ...rest] = blocks;
  const afterCover = first?.type === 'cover';
  const body = (children: readonly Block[]) => {
    const { headers, footers } = headersAndFooters(ctx, afterCover);
    return {
      properties: pageProperties(ctx.meta, false, afterCover),
      headers: { default: headers.default },
      footers: { default: footers.default },
      children: afterCover ? withLastPageBookmark(renderBlocks(ctx, children)) : renderBlocks(ctx, children),
    };
  };
  if (first?.type !== 'cover') return [body(blocks)];
  return [{ properties: pageProperties(ctx.meta, true), ...headersAndFooters(ctx), children: cover(ctx, first) }, body(rest)];
}
