/**
 * The source notes at the end of the document: a "Notes" / "註釋" heading and the
 * notes numbered 1..n. Each note is a named destination (`source-note-N`) so that the
 * superscript numbers in the text (inlines.ts) link to it. The list numbers come from the
 * notes' own ids, so a reference and its note always show the same number.
 */
import type { SourceNote } from '../../doc/model.js';
import type { Content, OrderedListElement } from 'pdfmake/interfaces.js';
import { noteDestination, type PdfContext } from './context.js';
import { headingNode, type BlockState } from './blocks.js';
import { buildInlines, buildTextItems } from './inlines.js';
import { labelLang, labels } from './labels.js';
import { STYLE_NAMES } from './styles.js';

/** Anchor of the Sources heading (outside the namespace of the model's heading ids). */
export const SOURCES_ANCHOR = 'briefpack-sources';

export function buildSourceNotes(ctx: PdfContext, notes: readonly SourceNote[], state: BlockState): Content[] {
  if (notes.length === 0) return [];
  const title = labels(ctx.meta).notes;
  const text = buildTextItems(ctx, title, labelLang(ctx.meta), true);
  const heading = headingNode({ text, outlineText: title, id: SOURCES_ANCHOR, level: 1 }, state);
  const items: OrderedListElement[] = notes.map((note) => ({
    text: buildInlines(ctx, note.children, { lang: ctx.defaultLang }),
    id: noteDestination(note.id),
    counter: note.id,
    margin: [0, 0, 0, 3],
  }));
  return [heading, { ol: items, style: STYLE_NAMES.sourceNote }];
}
