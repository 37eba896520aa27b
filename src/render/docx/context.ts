/**
 * What every part of the DOCX writer needs to know while it walks one document: the
 * fonts, the meta data, the notes by id, the default font families and language tags of
 * the styles, and the per-document counters. One context is made per render, so nothing
 * (list instances, collected problems) leaks from one document into the next.
 */
import type { DocumentMeta, DocumentModel, Lang, Position, SourceNote } from '../../doc/model.js';
import { hanChainFor, type FontSet } from '../../fonts/font-set.js';
import { diagnostic, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { codePointLabel, type MissingGlyph } from '../../fonts/runs.js';
import { textWidthTwips } from './page.js';

/** Word's language tag for Latin text. The corpus's English is British. */
export const LATIN_LANG = 'en-GB';

export interface DocxContext {
  readonly fonts: FontSet;
  readonly meta: DocumentMeta;
  readonly notes: ReadonlyMap<number, SourceNote>;
  /** Family of the first face of the latin chain: the styles' ascii/hAnsi/cs font. */
  readonly latinFace: string;
  readonly latinFamily: string;
  /** Family of the first face of the brief's Han chain: the styles' eastAsia font. */
  readonly hanFace: string;
  readonly hanFamily: string;
  /** `zh-TW` for a Traditional brief, `zh-CN` for a Simplified one. */
  readonly eastAsiaLang: string;
  /** Width between the margins, in twips (tables are scaled to it). */
  readonly textWidth: number;
  /** A fresh numbering instance for each list, so each ordered list counts from 1. */
  nextListInstance(): number;
  /** Characters no configured face has (BP401), collected for the whole document. */
  readonly problems: Diagnostic[];
  reportMissing(missing: readonly MissingGlyph[], text: string, position: Position | undefined): void;
}

export function eastAsiaLangOf(lang: Lang): 'zh-TW' | 'zh-CN' {
  return lang === 'zh-Hans' ? 'zh-CN' : 'zh-TW';
}

export function createContext(model: DocumentModel, fonts: FontSet): DocxContext {
  const latinFace = fonts.chains.latin[0]!;
  const hanFace = fonts.chains[hanChainFor(model.meta.lang)][0]!;
  const familyOf = (id: string): string => fonts.faces.get(id)!.regular.family;
  let listInstance = 0;
  const problems: Diagnostic[] = [];
  const reported = new Set<string>();
  return {
    fonts,
    meta: model.meta,
    notes: new Map(model.notes.map((n) => [n.id, n])),
    latinFace,
    latinFamily: familyOf(latinFace),
    hanFace,
    hanFamily: familyOf(hanFace),
    eastAsiaLang: eastAsiaLangOf(model.meta.lang),
    textWidth: textWidthTwips(model.meta.paper),
    nextListInstance: () => ++listInstance,
    problems,
    reportMissing(missing, text, position) {
      for (const m of missing) {
        // The marking is written in several headers and footers: report each place once.
        const key = `${position?.file}:${position?.start.line}:${position?.start.column}:${text}:${m.offset}`;
        if (reported.has(key)) continue;
        reported.add(key);
        problems.push(
          diagnostic({
            code: 'BP401',
            message: `no configured font has ${JSON.stringify(m.char)} (${codePointLabel(m.codePoint)}) in "${excerptAround(text, m.offset)}"`,
            file: position?.file ?? '<document model>',
            start: position?.start ?? { line: 1, column: 1 },
            actual: m.char,
          }),
        );
      }
    },
  };
}

function excerptAround(text: string, offset: number): string {
  return text.slice(Math.max(0, offset - 8), offset + 9);
}
