/**
 * word/settings.xml, written here rather than by docx: docx 9 cannot say the East Asian
 * settings a Chinese document needs, nor that its fonts are embedded subsets.
 *
 * - East Asian line breaking (W3C clreq, DESIGN §5): Word's "first and last characters" rule
 *   with our lists for the brief's language (w:noLineBreaksBefore: closing and pause
 *   punctuation never starts a line; w:noLineBreaksAfter: opening punctuation never ends
 *   one). The lists are line-breaking.ts's, the PDF renderer's rules; they also keep `……`
 *   and `——` in one piece. Paragraphs turn the rule on with w:kinsoku (styles, see
 *   EAST_ASIAN_PARAGRAPH); LibreOffice reads the lists as its forbidden characters.
 * - w:characterSpacingControl compressPunctuation: adjacent full-width punctuation is
 *   compressed (clreq §3.1.6: `”，` takes 1.5 em), as the PDF does with the faces' half-width
 *   forms (render/shared/cjk-punctuation.ts).
 * - w:themeFontLang: the languages Word assumes for theme fonts and new text.
 * - w:embedTrueTypeFonts + w:saveSubsetFonts when the brief embeds its fonts, so Word keeps
 *   them (as subsets) when the recipient saves the document again.
 * - w:updateFields only when the contents has a page number we could not compute reliably:
 *   Word then fills it in when the document is opened (page-numbers.ts).
 * Elements are in the order CT_Settings requires.
 */
import { NO_LINE_END, NO_LINE_START } from '../shared/cjk-line-breaks.js';
import { LATIN_LANG } from './context.js';

export interface SettingsOptions {
  /** The document's eastAsia language (`zh-TW`, `zh-HK`, `zh-CN`, `zh-SG`…). */
  eastAsiaLang: string;
  /** The language Word files the line-breaking lists under: `zh-TW` or `zh-CN`. */
  kinsokuLang?: string;
  embedFonts: boolean;
  updateFields: boolean;
}

/** Paragraph properties (CT_PPrBase order) turned on for every paragraph via the document
 * defaults: East Asian line-breaking rules, no breaking inside Latin words, no punctuation
 * hanging in the margin (the PDF ends justified lines at the measure, a line-end mark
 * included), and no automatic space between Han and Latin letters or digits: the
 * PDF sets `2021年9月28日` solid, so the DOCX must not add Word's quarter-em there (written
 * out, so no reader falls back to its own defaults). */
export const EAST_ASIAN_PARAGRAPH = '<w:kinsoku/><w:wordWrap/><w:overflowPunct w:val="0"/><w:topLinePunct w:val="0"/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>';

/** Widow and orphan control on every paragraph (at least two lines of a paragraph on each
 * side of a page break), the PDF's rule too (render/pdf/keep-lines.ts). Word's own Normal
 * template sets it; a styles.xml that does not leaves it off. Comes before w:kinsoku in
 * CT_PPrBase. */
export const WIDOW_CONTROL = '<w:widowControl/>';
const PARAGRAPH_DEFAULTS = WIDOW_CONTROL + EAST_ASIAN_PARAGRAPH;

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

export function settingsXml(options: SettingsOptions): string {
  const lang = options.eastAsiaLang;
  const kinsoku = options.kinsokuLang ?? lang;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' +
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    (options.embedFonts ? '<w:embedTrueTypeFonts/><w:saveSubsetFonts/>' : '') +
    '<w:defaultTabStop w:val="720"/>' +
    '<w:characterSpacingControl w:val="compressPunctuation"/>' +
    `<w:noLineBreaksAfter w:lang="${kinsoku}" w:val="${escape(NO_LINE_END)}"/>` +
    `<w:noLineBreaksBefore w:lang="${kinsoku}" w:val="${escape(NO_LINE_START)}"/>` +
    (options.updateFields ? '<w:updateFields w:val="true"/>' : '') +
    '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>' +
    `<w:themeFontLang w:val="${LATIN_LANG}" w:eastAsia="${lang}"/>` +
    '</w:settings>'
  );
}

/** Adds widow control and EAST_ASIAN_PARAGRAPH to the document defaults' paragraph properties in styles.xml
 * (before w:spacing, as CT_PPrBase orders them), and to the Normal style every paragraph
 * style is based on: LibreOffice reads autoSpaceDE/DN and overflowPunct from styles, not
 * from the document defaults (measured: without it, it adds its space in `24 日` and hangs
 * line-end commas in the margin). */
export function withEastAsianDefaults(stylesXml: string): string {
  const open = '<w:pPrDefault><w:pPr>';
  const bare = '<w:pPrDefault/>';
  let xml: string;
  if (stylesXml.includes(open)) xml = stylesXml.replace(open, open + PARAGRAPH_DEFAULTS);
  else if (stylesXml.includes(bare)) xml = stylesXml.replace(bare, `<w:pPrDefault><w:pPr>${PARAGRAPH_DEFAULTS}</w:pPr></w:pPrDefault>`);
  else throw new Error('docx wrote styles.xml without w:pPrDefault: cannot set the East Asian paragraph defaults');
  const normal = /(<w:style w:type="paragraph" w:styleId="Normal" w:default="1">(?:(?!<\/w:style>).)*?<w:qFormat\/>)(<\/w:style>)/;
  if (!normal.test(xml)) throw new Error('docx wrote styles.xml without a plain Normal style: cannot set the East Asian paragraph properties');
  return xml.replace(normal, `$1<w:pPr>${PARAGRAPH_DEFAULTS}</w:pPr>$2`);
}
