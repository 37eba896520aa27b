/**
 * Paragraph alignment: Chinese paragraphs are justified (w:jc both), as the PDF sets them;
 * which ones is render/shared/cjk-justify.ts's rule, the same for both formats.
 */
import { AlignmentType, type IParagraphOptions } from 'docx';
import type { Inline, Lang } from '../../model/model.js';
import { isJustifiedAsChinese } from '../shared/cjk-justify.js';

export function cjkJustified(lang: Lang, inlines: readonly Inline[]): Pick<IParagraphOptions, 'alignment'> {
  return isJustifiedAsChinese(lang, inlines) ? { alignment: AlignmentType.BOTH } : {};
}
