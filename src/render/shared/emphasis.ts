/**
 * How emphasis (`*text*` in Markdown, `<em>` in markup) is drawn, decided once for both writers.
 *
 * Han text has no italics (DESIGN §5: never slant CJK glyphs), so emphasis in Chinese must be
 * bold. A brief mixes scripts within a sentence, and an italic English name beside a bold
 * Chinese one reads as two different marks; so emphasis is bold in every script, in the PDF
 * and in the DOCX alike. Strong importance is bold too: the two differ in the model (for
 * screen readers and future styles), not in ink.
 */
export interface EmphasisStyle {
  bold: boolean;
  italics: boolean;
}

export const EMPHASIS: EmphasisStyle = { bold: true, italics: false };
