/**
 * Which paragraphs are set justified, in both formats (clreq §3.8): Chinese ones, and text of
 * no decided language that is mostly Han (a citation line of an English brief quoting a
 * Chinese title, a mixed note). English stays ragged right: without hyphenation, justified
 * English opens wide gaps between words.
 */
import type { Inline, Lang } from '../../model/model.js';

const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{3ffff}]/u;

function textOf(inlines: readonly Inline[]): string {
  return inlines
    .map((node) => (node.type === 'text' ? node.value : node.type === 'strong' || node.type === 'emphasis' || node.type === 'link' ? textOf(node.children) : ''))
    .join('');
}

/** `lang` is the paragraph's language with the document's default already applied. */
export function isJustifiedAsChinese(lang: Lang, inlines: readonly Inline[]): boolean {
  if (lang === 'zh-Hant' || lang === 'zh-Hans') return true;
  if (lang !== 'und') return false;
  const letters = Array.from(textOf(inlines)).filter((c) => /\p{L}/u.test(c));
  return letters.length > 0 && letters.filter((c) => HAN.test(c)).length * 2 >= letters.length;
}
