/**
 * Paragraph alignment by language: Chinese paragraphs are justified (w:jc both), as the PDF
 * sets them (clreq §3.8: every line but the last ends at the measure); English stays ragged
 * right, as in the PDF (no hyphenation to even its spaces).
 */
import { AlignmentType, type IParagraphOptions } from 'docx';
import type { Lang } from '../../model/model.js';

export function cjkJustified(lang: Lang): Pick<IParagraphOptions, 'alignment'> {
  return lang === 'zh-Hant' || lang === 'zh-Hans' ? { alignment: AlignmentType.BOTH } : {};
}
