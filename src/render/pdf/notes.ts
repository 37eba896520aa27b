/**
 * The source notes at the end of the document: a "Notes" / "註釋" heading and the notes
 * numbered with their own ids (so a reference and its note always show the same number, the
 * number the DOCX footnotes show).
 *
 * pdfmake has no footnotes, so the notes are linked both ways with named destinations:
 * - each superscript reference in the text (inlines.ts) links to `briefpack-note-N`, the
 *   destination of the note's number here;
 * - the note's number links back to the text that first refers to the note (the destination
 *   blocks.ts and tables.ts gave that text, recorded in `ctx.backLinks`).
 * A borderless two-column table keeps the numbers in their own column with the note text
 * hanging beside them; unlike a pdfmake list, its numbers can be links.
 */
import type { SourceNote } from '../../model/model.js';
import type { Content, CustomTableLayout, TableCell } from 'pdfmake/interfaces.js';
import { noteDestination, type PdfContext } from './context.js';
import { headingNode, type BlockState } from './blocks.js';
import { buildInlines, buildTextItems, type PdfInline } from './inlines.js';
import { pageLabels } from '../../model/labels.js';
import { COLOR, STYLE_NAMES } from './styles.js';

/** Anchor of the Notes heading (outside the namespace of the model's heading ids). */
export const SOURCES_ANCHOR = 'briefpack-sources';

export function buildSourceNotes(ctx: PdfContext, notes: readonly SourceNote[], state: BlockState): Content[] {
  if (notes.length === 0) return [];
  const { notesHeading: title, lang } = pageLabels(ctx.meta);
  const text = buildTextItems(ctx, title, lang, true, 'heading');
  const heading = headingNode({ text, outlineText: title, id: SOURCES_ANCHOR, level: 1 }, state);
  const body: TableCell[][] = notes.map((note) => {
    const text = buildInlines(ctx, note.children, { lang: ctx.defaultLang });
    // The number in the face of the note's first run, so both cells' first lines have the
    // same ascent and the number sits on the text's baseline (the CJK faces are taller).
    const face = text.find((item) => item.text.trim() !== '')?.font;
    const number: PdfInline = { text: `${note.id}.`, font: typeof face === 'string' && covers(ctx, face, `${note.id}.`) ? face : ctx.latinFace };
    const back = ctx.backLinks.get(note.id);
    if (back) Object.assign(number, { linkToDestination: back, color: COLOR.accent });
    return [{ text: [number], id: noteDestination(note.id), alignment: 'right' }, { text }];
  });
  return [heading, { table: { widths: ['auto', '*'], dontBreakRows: true, body }, layout: NOTES_LAYOUT, style: STYLE_NAMES.sourceNote }];
}

function covers(ctx: PdfContext, faceId: string, text: string): boolean {
  const face = ctx.fonts.faces.get(faceId);
  return !!face && Array.from(text).every((ch) => face.regular.covers(ch.codePointAt(0)!));
}

const NOTES_LAYOUT: CustomTableLayout = {
  hLineWidth: () => 0,
  vLineWidth: () => 0,
  paddingLeft: (i) => (i === 0 ? 0 : 4),
  paddingRight: () => 0,
  paddingTop: () => 0,
  paddingBottom: () => 3,
};
