/**
 * word/styles.xml: real Word styles, so the DOCX behaves like a normal Word document
 * (the navigation pane, the TOC, "Update style" all work) instead of direct formatting.
 *
 * - Default run fonts use the object form {ascii, hAnsi, cs, eastAsia} (DESIGN §4): the
 *   latin chain's first family for the Latin slots, the brief's Han chain's first family for
 *   eastAsia. A single name would fill all four slots.
 * - Default language tags Latin text en-GB and East Asian text zh-TW or zh-CN: the tag
 *   changes which glyph shapes a reader draws (戶 vs 户 in the same font).
 * - Headings set outlineLevel themselves: docx's built-in heading styles carry none, and
 *   without it the navigation pane and the TOC stay empty.
 * - Every line spacing says lineRule AUTO, or LibreOffice treats it as an exact height.
 * - Style ids and names follow Word's built-in ones (Heading1 / "heading 1", TOC1 / "toc 1")
 *   so Word maps them onto its own.
 * - Heading styles (Title, Heading 1–3, TOC Heading, TOC 1–3) name the faces of the
 *   `heading` font role, all others inherit the `body` role's from the defaults
 *   (fonts.yaml `roles`; inlines.ts names other faces on the runs that need them).
 * - Tables take real table styles (Brief Table, Fact Table, Glossary Table: table-styles.ts).
 */
import { AlignmentType, BorderStyle, LineRuleType, ShadingType, type IParagraphStyleOptions, type IStylesOptions } from 'docx';
import type { DocxContext, RoleFaces } from './context.js';
import { LATIN_LANG } from './context.js';

/** Style ids used by the block and inline writers. */
export const STYLE = {
  normal: 'Normal',
  title: 'Title',
  subtitle: 'Subtitle',
  coverDate: 'CoverDate',
  coverDetail: 'CoverDetail',
  classification: 'Classification',
  heading: ['Heading1', 'Heading2', 'Heading3'] as const,
  tocHeading: 'TOCHeading',
  excerpt: 'Excerpt',
  citation: 'Citation',
  note: 'Note',
  tableText: 'TableText',
  tableHeading: 'TableHeading',
  footer: 'Footer',
  footnoteText: 'FootnoteText',
  bibliography: 'Bibliography',
  hyperlink: 'Hyperlink',
} as const;

/** Half-points. */
const SIZE = { body: 21, small: 18, note: 19, h1: 32, h2: 26, h3: 23, title: 52, subtitle: 28, date: 24 };
/** 240 = single line; AUTO makes it a multiple of the font's own line height. */
const LINE = { body: 264, tight: 240 };
const ACCENT = '1F3864';
const GREY = '595959';

const auto = (line: number, before = 0, after = 0) => ({ line, lineRule: LineRuleType.AUTO, before, after });

/** The object form of a role's faces: never a single name, which would fill all four slots. */
export function fontsOf(faces: RoleFaces) {
  return { ascii: faces.latinFamily, hAnsi: faces.latinFamily, cs: faces.latinFamily, eastAsia: faces.hanFamily };
}

function heading(level: 1 | 2 | 3, size: number, before: number, font: ReturnType<typeof fontsOf>): IParagraphStyleOptions {
  return {
    id: `Heading${level}`,
    name: `heading ${level}`,
    basedOn: STYLE.normal,
    next: STYLE.normal,
    quickFormat: true,
    uiPriority: 9,
    run: { font, size, bold: true, color: ACCENT },
    paragraph: { outlineLevel: level - 1, keepNext: true, keepLines: true, spacing: auto(LINE.tight, before, 120) },
  };
}

function toc(level: 1 | 2 | 3, font: ReturnType<typeof fontsOf>): IParagraphStyleOptions {
  return {
    id: `TOC${level}`,
    name: `toc ${level}`,
    basedOn: STYLE.normal,
    next: STYLE.normal,
    uiPriority: 39,
    paragraph: { indent: { left: (level - 1) * 360 }, spacing: auto(LINE.body, 0, 60) },
    run: level === 1 ? { font, bold: true } : { font },
  };
}

export function buildStyles(ctx: DocxContext): IStylesOptions {
  const font = fontsOf(ctx.roles.body);
  const headingFont = fontsOf(ctx.roles.heading);
  const rule = { style: BorderStyle.SINGLE, size: 12, color: 'A6A6A6', space: 8 };
  return {
    default: {
      document: {
        run: { font, size: SIZE.body, language: { value: LATIN_LANG, eastAsia: ctx.eastAsiaLang } },
        paragraph: { spacing: auto(LINE.body, 0, 120) },
      },
      title: {
        name: 'Title',
        basedOn: STYLE.normal,
        next: STYLE.normal,
        run: { font: headingFont, size: SIZE.title, bold: true, color: ACCENT },
        paragraph: { spacing: auto(LINE.tight, 2400, 240), keepNext: true },
      },
      heading1: heading(1, SIZE.h1, 360, headingFont),
      heading2: heading(2, SIZE.h2, 240, headingFont),
      heading3: heading(3, SIZE.h3, 200, headingFont),
      hyperlink: { name: 'Hyperlink', run: { color: '0563C1', underline: {} } },
      footnoteText: {
        name: 'footnote text',
        basedOn: STYLE.normal,
        run: { size: SIZE.small },
        paragraph: { spacing: auto(LINE.tight, 0, 0) },
      },
    },
    paragraphStyles: [
      {
        id: STYLE.subtitle,
        name: 'Subtitle',
        basedOn: STYLE.normal,
        next: STYLE.normal,
        quickFormat: true,
        run: { size: SIZE.subtitle, color: GREY },
        paragraph: { spacing: auto(LINE.body, 0, 480), keepNext: true },
      },
      {
        id: STYLE.coverDate,
        name: 'Cover Date',
        basedOn: STYLE.normal,
        run: { size: SIZE.date },
        paragraph: { spacing: auto(LINE.body, 0, 240) },
      },
      {
        // Who prepared the brief and who it is for, under the date (the PDF's coverDetail).
        id: STYLE.coverDetail,
        name: 'Cover Detail',
        basedOn: STYLE.normal,
        run: { size: SIZE.body, color: GREY },
        paragraph: { spacing: auto(LINE.body, 0, 80) },
      },
      {
        id: STYLE.classification,
        name: 'Classification',
        basedOn: STYLE.normal,
        quickFormat: true,
        run: { bold: true, size: SIZE.body },
        paragraph: { alignment: AlignmentType.CENTER, spacing: auto(LINE.tight, 0, 0) },
      },
      {
        id: STYLE.tocHeading,
        name: 'TOC Heading',
        basedOn: STYLE.normal,
        next: STYLE.normal,
        run: { font: headingFont, size: SIZE.h1, bold: true, color: ACCENT },
        paragraph: { keepNext: true, spacing: auto(LINE.tight, 360, 240) },
      },
      toc(1, headingFont),
      toc(2, headingFont),
      toc(3, headingFont),
      {
        id: STYLE.excerpt,
        name: 'Excerpt',
        basedOn: STYLE.normal,
        next: STYLE.citation,
        quickFormat: true,
        paragraph: {
          indent: { left: 567, right: 567 },
          keepNext: true,
          border: { left: rule },
          spacing: auto(LINE.body, 120, 60),
        },
      },
      {
        id: STYLE.citation,
        name: 'Citation',
        basedOn: STYLE.normal,
        next: STYLE.normal,
        quickFormat: true,
        run: { size: SIZE.small, color: GREY },
        paragraph: { indent: { left: 567, right: 567 }, keepLines: true, spacing: auto(LINE.tight, 0, 240) },
      },
      {
        id: STYLE.note,
        name: 'Note',
        basedOn: STYLE.normal,
        run: { size: SIZE.note },
        paragraph: {
          shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'F2F2F2' },
          spacing: auto(LINE.body, 120, 240),
        },
      },
      {
        // Word's own name for the paragraphs of a source list, so its tools know them.
        id: STYLE.bibliography,
        name: 'Bibliography',
        basedOn: STYLE.normal,
        next: STYLE.bibliography,
        run: { size: SIZE.note },
        paragraph: { spacing: auto(LINE.body, 0, 80) },
      },
      {
        id: STYLE.tableText,
        name: 'Table Text',
        basedOn: STYLE.normal,
        paragraph: { spacing: auto(LINE.tight, 0, 0) },
      },
      {
        id: STYLE.tableHeading,
        name: 'Table Heading',
        basedOn: STYLE.tableText,
        run: { bold: true },
        paragraph: { keepNext: true },
      },
      {
        id: STYLE.footer,
        name: 'footer',
        basedOn: STYLE.normal,
        run: { size: SIZE.small },
        paragraph: { spacing: auto(LINE.tight, 0, 0) },
      },
    ],
  };
}
