/**
 * Inlines → runs (w:r, w:hyperlink, footnote references).
 *
 * Text is split with fonts/runs.ts so each run has one face that covers all of it (see
 * fonts.ts for how that becomes w:rFonts / w:lang). Strong is bold. Emphasis is italic on
 * Latin text but bold on Han text: Han has no italics (DESIGN §5), and bold is what the PDF
 * renderer can draw too. Each citeRef becomes a footnote of its own holding its note's text,
 * even when two references cite the same note: a shared footnote garbles LibreOffice's
 * numbering (DESIGN §4b).
 *
 * Headings, the cover title and the contents title are in the `heading` font role
 * (fonts.yaml `roles`); everything else in `body`. Every run records the characters it draws
 * in its face and weight (context.ts), for the subsets that `embed_fonts` embeds. Heading
 * text is recorded in both weights: the contents lists it again, in regular type below
 * level 1.
 */
import { isAllowedLinkUrl } from '../../model/links.js';
import { ExternalHyperlink, FootnoteReferenceRun, Paragraph, TextRun, type ParagraphChild } from 'docx';
import type { Inline, Lang, Position } from '../../model/model.js';
import type { FontRole } from '../../fonts/font-set.js';
import { splitRuns } from '../../fonts/runs.js';
import { EMPHASIS } from '../shared/emphasis.js';
import type { DocxContext } from './context.js';
import { runFontOptions } from './fonts.js';
import { STYLE } from './styles.js';

interface InlineState {
  lang: Lang;
  bold: boolean;
  /** The paragraph style is bold (headings, title): glyphs must come from the bold files. */
  styleBold: boolean;
  emphasis: boolean;
  /** Character style of the enclosing element (Hyperlink). */
  charStyle?: string;
  /** Nearest position, for diagnostics about text without one. */
  position?: Position;
  /** Inside a footnote, header or footer: footnote references are not allowed there. */
  inNote: boolean;
  role: FontRole;
}

export interface InlineOptions {
  position?: Position;
  inNote?: boolean;
  /** The paragraph's style is bold, so coverage is checked against the bold faces. */
  styleBold?: boolean;
  /** Font role of the text; `heading` for headings, the cover title and the contents title. */
  role?: FontRole;
}

/** Runs for a sequence of inlines in a block whose language is `lang`. */
export function renderInlines(ctx: DocxContext, inlines: readonly Inline[], lang: Lang, options: InlineOptions = {}): ParagraphChild[] {
  const state: InlineState = {
    lang,
    bold: false,
    styleBold: options.styleBold ?? false,
    emphasis: false,
    inNote: options.inNote ?? false,
    role: options.role ?? 'body',
  };
  if (options.position) state.position = options.position;
  return inlines.flatMap((node) => renderInline(ctx, node, state));
}

function renderInline(ctx: DocxContext, node: Inline, state: InlineState): ParagraphChild[] {
  const here = node.position ? { ...state, position: node.position } : state;
  switch (node.type) {
    case 'text':
      return textRuns(ctx, node.value, node.lang ?? state.lang, here);
    case 'strong':
      return node.children.flatMap((c) => renderInline(ctx, c, { ...here, bold: true }));
    case 'emphasis':
      return node.children.flatMap((c) => renderInline(ctx, c, { ...here, emphasis: true }));
    case 'link':
      // A target the model would not make a link (model/links.ts) stays text, as in the PDF.
      if (!isAllowedLinkUrl(node.url)) return node.children.flatMap((c) => renderInline(ctx, c, here));
      return [
        new ExternalHyperlink({
          link: node.url,
          children: node.children.flatMap((c) => renderInline(ctx, c, { ...here, charStyle: STYLE.hyperlink })),
        }),
      ];
    case 'citeRef':
      return [footnoteFor(ctx, node.note, here)];
    case 'lineBreak':
      return [new TextRun({ break: 1 })];
  }
}

function textRuns(ctx: DocxContext, text: string, lang: Lang, state: InlineState): TextRun[] {
  const { runs, missing } = splitRuns(ctx.fonts, text, lang, ctx.meta.lang, state.bold || state.emphasis || state.styleBold, state.role);
  ctx.reportMissing(missing, text, state.position);
  return runs.map((run) => {
    const han = run.script === 'han';
    const bold = state.bold || (state.emphasis && EMPHASIS.bold);
    // Italics only for scripts that have them: never Han (DESIGN §5).
    const italics = state.emphasis && EMPHASIS.italics && !han;
    const heading = state.role === 'heading';
    ctx.useGlyphs(run.face, run.text, { regular: heading || !(bold || state.styleBold), bold: heading || bold || state.styleBold });
    return new TextRun({
      text: run.text,
      ...(state.charStyle ? { style: state.charStyle } : {}),
      ...(bold ? { bold: true } : {}),
      ...(italics ? { italics: true } : {}),
      ...runFontOptions(ctx, run, lang, state.role),
    });
  });
}

function footnoteFor(ctx: DocxContext, id: number, state: InlineState): ParagraphChild {
  const note = ctx.notes.get(id);
  if (!note) throw new Error(`document model: citeRef points at note ${id}, which model.notes does not have`);
  if (state.inNote) throw new Error(`document model: citeRef to note ${id} inside a note, header or footer`);
  const text = renderInlines(ctx, note.children, ctx.defaultLang, { inNote: true, ...(state.position ? { position: state.position } : {}) });
  // Word numbers the footnotes in document order; the model numbers its notes the same way
  // (one note per reference, markup-to-model.ts), so the marks match the PDF's numbers.
  return new FootnoteReferenceRun({ children: [new Paragraph({ style: STYLE.footnoteText, children: text })] });
}
