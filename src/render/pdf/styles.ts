/**
 * Named pdfmake styles: the one place for sizes, colours and spacing of the PDF.
 *
 * The values follow the DOCX writer's styles (src/render/docx/styles.ts) so that both
 * formats look like the same brief: body 10.5 pt, headings 16/13/11.5 pt in the accent
 * colour, small text 9 pt in grey. Fonts are not set here: every text item carries the face
 * its characters need (inlines.ts), and the default font is the first Latin face.
 */
import type { StyleDictionary } from 'pdfmake/interfaces.js';

export const COLOR = {
  accent: '#1F3864',
  grey: '#595959',
  rule: '#A6A6A6',
  link: '#0563C1',
  noteFill: '#F2F2F2',
  headerFill: '#E7EAF0',
  stripeFill: '#F7F7F7',
} as const;

export const SIZE = { body: 10.5, small: 9, note: 9.5, h1: 16, h2: 13, h3: 11.5, title: 26, subtitle: 14, date: 12 } as const;

/** Line height as a multiple of the fonts' own (DOCX: 264/240). */
export const LINE_HEIGHT = 1.1;

/** Left indent of excerpts and their citation lines (1 cm, as in the DOCX). */
export const QUOTE_INDENT = 28.35;

export const STYLE_NAMES = {
  body: 'body',
  heading: ['h1', 'h2', 'h3'] as const,
  coverTitle: 'coverTitle',
  coverSubtitle: 'coverSubtitle',
  coverDate: 'coverDate',
  coverDetail: 'coverDetail',
  classification: 'classification',
  tocTitle: 'tocTitle',
  tocEntry: ['toc1', 'toc2', 'toc3'] as const,
  excerpt: 'excerpt',
  citation: 'citation',
  note: 'note',
  tableText: 'tableText',
  tableHeader: 'tableHeader',
  sourceNote: 'sourceNote',
  furniture: 'furniture',
} as const;

export const STYLES: StyleDictionary = {
  body: { margin: [0, 0, 0, 6] },
  h1: { fontSize: SIZE.h1, bold: true, color: COLOR.accent, margin: [0, 18, 0, 6], lineHeight: 1 },
  h2: { fontSize: SIZE.h2, bold: true, color: COLOR.accent, margin: [0, 12, 0, 6], lineHeight: 1 },
  h3: { fontSize: SIZE.h3, bold: true, color: COLOR.accent, margin: [0, 10, 0, 6], lineHeight: 1 },
  coverTitle: { fontSize: SIZE.title, bold: true, color: COLOR.accent, margin: [0, 0, 0, 12], lineHeight: 1 },
  coverSubtitle: { fontSize: SIZE.subtitle, color: COLOR.grey, margin: [0, 0, 0, 24] },
  coverDate: { fontSize: SIZE.date, margin: [0, 0, 0, 12] },
  coverDetail: { fontSize: SIZE.body, color: COLOR.grey, margin: [0, 0, 0, 4] },
  classification: { fontSize: SIZE.body, bold: true, alignment: 'center' },
  tocTitle: { fontSize: SIZE.h1, bold: true, color: COLOR.accent, margin: [0, 18, 0, 12], lineHeight: 1 },
  toc1: { bold: true },
  toc2: {},
  toc3: {},
  excerpt: {},
  citation: { fontSize: SIZE.small, color: COLOR.grey, lineHeight: 1 },
  note: { fontSize: SIZE.note },
  tableText: { lineHeight: 1 },
  tableHeader: { bold: true, lineHeight: 1 },
  sourceNote: { fontSize: SIZE.small, lineHeight: 1 },
  furniture: { fontSize: SIZE.small, lineHeight: 1 },
};
