/**
 * Run fonts and language tags (w:rFonts, w:lang) for the runs that fonts/runs.ts splits.
 *
 * Word does not fall back per character: it picks a slot per character (Han and CJK
 * punctuation → eastAsia, most Latin → ascii/hAnsi, shared punctuation such as “ ” → hAnsi
 * unless w:hint="eastAsia") and draws it in that slot's font. So a run keeps the styles'
 * defaults only when Word's choice would already be the face splitRuns picked; otherwise it
 * names that face in every slot (object form, never a single name) so whatever slot Word
 * picks, the glyph comes from a face that has it. A Han run drawn with a Simplified face in a
 * Traditional brief (纯, 帧 from the SC fallback) is also tagged w:lang eastAsia="zh-CN", so
 * readers draw Simplified shapes for it, and vice versa.
 *
 * "The styles' defaults" are those of the run's font role: heading styles (Title, Heading
 * 1–3, TOC Heading, TOC 1–3) name the heading role's faces, all other styles the body's.
 */
import type { IRunOptions } from 'docx';
import type { Lang } from '../../model/model.js';
import { chainFor, type FontRole } from '../../fonts/font-set.js';
import type { FontRun } from '../../fonts/runs.js';
import { eastAsiaLangOf, type DocxContext } from './context.js';

type RunFontOptions = Pick<IRunOptions, 'font' | 'language'>;

/** Characters Word always draws from the eastAsia slot (Han, CJK punctuation, full-width forms). */
const ALWAYS_EAST_ASIAN = /^[\u2e80-\u2fdf\u3000-\u30ff\u3100-\u312f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u{20000}-\u{3ffff}\s]*$/u;

export function runFontOptions(ctx: DocxContext, run: FontRun, textLang: Lang, role: FontRole = 'body'): RunFontOptions {
  const out: { font?: RunFontOptions['font']; language?: RunFontOptions['language'] } = {};
  const family = ctx.fonts.faces.get(run.face)!.regular.family;
  const defaults = ctx.roles[role];
  if (run.script === 'han') {
    const wordPicksDefault = run.face === defaults.hanFace && ALWAYS_EAST_ASIAN.test(run.text);
    if (!wordPicksDefault) out.font = { ascii: family, hAnsi: family, cs: family, eastAsia: family, hint: 'eastAsia' };
    const lang = eastAsiaLangOfFace(ctx, run.face, textLang, role);
    if (lang !== ctx.eastAsiaLang) out.language = { eastAsia: lang };
  } else if (run.face !== defaults.latinFace) {
    out.font = { ascii: family, hAnsi: family, cs: family, eastAsia: family };
  }
  return out;
}

/** The script a face is made for decides the tag: the first face of the zh-Hans chain draws
 * Simplified shapes, the first of zh-Hant Traditional ones; any other face follows the text. */
function eastAsiaLangOfFace(ctx: DocxContext, face: string, textLang: Lang, role: FontRole): string {
  const hans = chainFor(ctx.fonts, role, 'zh-Hans')[0];
  const hant = chainFor(ctx.fonts, role, 'zh-Hant')[0];
  if (face === hans && face !== hant) return eastAsiaLangOf('zh-Hans', ctx.meta);
  if (face === hant && face !== hans) return eastAsiaLangOf('zh-Hant', ctx.meta);
  if (textLang === 'zh-Hans' || textLang === 'zh-Hant') return eastAsiaLangOf(textLang, ctx.meta);
  return ctx.eastAsiaLang;
}
