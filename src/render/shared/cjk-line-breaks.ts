/**
 * The Chinese line-breaking rules both renderers apply (DESIGN §5, after W3C clreq and
 * GB/T 15834): which characters may not start a line and which may not end one. The PDF
 * writer enforces them itself (render/pdf/line-breaking.ts); the DOCX writer hands the same
 * lists to Word as its kinsoku settings (render/docx/settings.ts). One list, so the two
 * formats cannot disagree.
 */

/** A line never starts with these (closing and pause punctuation). */
export const NO_LINE_START = '，。、；：？！）」』】〕〉》”’…—·％';
/** A line never ends with these (opening punctuation). */
export const NO_LINE_END = '（「『【〔〈《“‘';
