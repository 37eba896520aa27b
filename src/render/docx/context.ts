/**
 * What every part of the DOCX writer needs to know while it walks one document: the
 * fonts, the meta data, the notes by id, the default font families and language tags of
 * the styles, the characters drawn in each face (for embedding subsets), and the
 * per-document counters. One context is made per render, so nothing (list instances,
 * collected problems, glyph usage) leaks from one document into the next.
 */
import type { DocumentMeta, DocumentModel, Lang, Position, SourceNote } from '../../model/model.js';
import { chainFor, hanChainFor, type FontFile, type FontRole, type FontSet } from '../../fonts/font-set.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { MissingGlyph } from '../../fonts/runs.js';
import { missingGlyphWhileRendering } from '../shared/check-glyphs.js';
import { textWidthTwips } from './geometry.js';

/** Word's language tag for Latin text. The corpus's English is British. */
export const LATIN_LANG = 'en-GB';

/** The faces a role's styles name: Word draws a run in them unless the run names others. */
export interface RoleFaces {
  /** First face of the role's latin chain: the styles' ascii/hAnsi/cs font. */
  latinFace: string;
  latinFamily: string;
  /** First face of the role's chain for the brief's Han script: the styles' eastAsia font. */
  hanFace: string;
  hanFamily: string;
}

/** Characters drawn in each face, per weight: what an embedded subset must contain. */
export type GlyphUsage = Map<string, { regular: Set<string>; bold: Set<string> }>;

export interface DocxContext {
  readonly fonts: FontSet;
  readonly meta: DocumentMeta;
  readonly notes: ReadonlyMap<number, SourceNote>;
  /** The default faces of body text (Normal and the styles based on it) and of headings
   * (Title, Heading 1–3, TOC Heading, TOC 1–3), from fonts.yaml `roles`. */
  readonly roles: Readonly<Record<FontRole, RoleFaces>>;
  /** `zh-TW` for a Traditional brief, `zh-CN` for a Simplified one. */
  readonly eastAsiaLang: string;
  /**
   * Language of text no block or inline tags, as in the PDF (src/render/pdf/context.ts): the
   * brief's Chinese script when its labels are Chinese (the prose is Chinese), else
   * undecided (Han characters still take the brief's script; shared punctuation such as
   * “ ” takes the shape of its neighbours).
   */
  readonly defaultLang: Lang;
  /** Width between the margins, in twips (tables are scaled to it). */
  readonly textWidth: number;
  /** A fresh numbering instance for each list, so each ordered list counts from 1. */
  nextListInstance(): number;
  /** Characters no configured face has (BP401), collected for the whole document. */
  readonly problems: Diagnostic[];
  reportMissing(missing: readonly MissingGlyph[], text: string, position: Position | undefined): void;
  /** Records that `text` is drawn in `face` (regular and/or bold). */
  useGlyphs(face: string, text: string, weights: { regular?: boolean; bold?: boolean }): void;
  readonly glyphUsage: GlyphUsage;
}

/**
 * Word's eastAsia language for text in `lang`: the brief's region when the text is in the
 * brief's script and the brief names one (`script: zh-Hant-HK` → `zh-HK`, `zh-Hans-SG` →
 * `zh-SG`), else Taiwan for Traditional and the mainland for Simplified.
 */
export function eastAsiaLangOf(lang: Lang, meta?: { lang: Lang; region?: string }): string {
  const script = lang === 'zh-Hans' ? 'zh-Hans' : 'zh-Hant';
  if (meta?.region && script === (meta.lang === 'zh-Hans' ? 'zh-Hans' : 'zh-Hant')) return `zh-${meta.region}`;
  return script === 'zh-Hans' ? 'zh-CN' : 'zh-TW';
}

export function createContext(model: DocumentModel, fonts: FontSet): DocxContext {
  const familyOf = (id: string): string => fonts.faces.get(id)!.regular.family;
  const roleFaces = (role: FontRole): RoleFaces => {
    const latinFace = chainFor(fonts, role, 'latin')[0]!;
    const hanFace = chainFor(fonts, role, hanChainFor(model.meta.lang))[0]!;
    return { latinFace, latinFamily: familyOf(latinFace), hanFace, hanFamily: familyOf(hanFace) };
  };
  let listInstance = 0;
  const problems: Diagnostic[] = [];
  const reported = new Set<string>();
  const glyphUsage: GlyphUsage = new Map();
  return {
    fonts,
    meta: model.meta,
    notes: new Map(model.notes.map((n) => [n.id, n])),
    roles: { body: roleFaces('body'), heading: roleFaces('heading') },
    eastAsiaLang: eastAsiaLangOf(model.meta.lang, model.meta),
    defaultLang: model.meta.labels === 'zh' ? model.meta.lang : 'und',
    textWidth: textWidthTwips(model.meta.paper),
    nextListInstance: () => ++listInstance,
    problems,
    reportMissing(missing, text, position) {
      for (const m of missing) {
        // The marking is written in several headers and footers: report each place once.
        const key = `${position?.file}:${position?.start.line}:${position?.start.column}:${text}:${m.offset}`;
        if (reported.has(key)) continue;
        reported.add(key);
        problems.push(missingGlyphWhileRendering(m, text, position));
      }
    },
    glyphUsage,
    useGlyphs(face, text, weights) {
      let used = glyphUsage.get(face);
      if (!used) glyphUsage.set(face, (used = { regular: new Set(), bold: new Set() }));
      for (const ch of text) {
        if (weights.regular) used.regular.add(ch);
        if (weights.bold) used.bold.add(ch);
      }
    },
  };
}


/** The font files the document's runs are drawn in so far (a face's bold file only when
 * bold text uses it). */
export function usedFontFiles(ctx: DocxContext): FontFile[] {
  const files: FontFile[] = [];
  for (const [id, used] of ctx.glyphUsage) {
    const face = ctx.fonts.faces.get(id);
    if (!face) continue;
    if (used.regular.size) files.push(face.regular);
    if (used.bold.size) files.push(face.bold);
  }
  return files;
}
