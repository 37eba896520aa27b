/**
 * What every part of the PDF writer needs while it walks one document: the fonts, the meta
 * data, the language rules for text without a tag, and the characters no font has.
 *
 * Missing glyphs are collected for the whole document and thrown together at the end
 * (DESIGN §2: report every problem of a brief at once), so the renderer never draws tofu.
 * One context is made per render; nothing leaks from one document into the next.
 */
import type { DocumentMeta, DocumentModel, Lang, Position } from '../../model/model.js';
import type { FontSet } from '../../fonts/font-set.js';
import type { MissingGlyph } from '../../fonts/runs.js';
import { missingGlyphWhileRendering } from '../shared/check-glyphs.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';

export interface PdfContext {
  readonly fonts: FontSet;
  readonly meta: DocumentMeta;
  /** Face id of the first face of the latin chain: the default font of every text node. */
  readonly latinFace: string;
  /**
   * Language of text no block or inline tags: the brief's Chinese script when its labels are
   * Chinese (the prose is Chinese), else undecided (Han characters still take the brief's
   * script; shared punctuation such as “ ” takes the Latin shape).
   */
  readonly defaultLang: Lang;
  /** Characters no configured face has (BP401), collected for the whole document. */
  readonly problems: Diagnostic[];
  reportMissing(missing: readonly MissingGlyph[], text: string, position: Position | undefined): void;
  /**
   * For each source note, the destination of the first text that refers to it: the target
   * of the link back from the note's number (filled while the blocks are built, read when
   * the notes are).
   */
  readonly backLinks: Map<number, string>;
}

/** Destination name of a source note, the target of its citeRefs. Renderer-made names
 * start with "briefpack-", so they cannot clash with the model's heading ids. */
export function noteDestination(note: number): string {
  return `briefpack-note-${note}`;
}

/** Destination name of the text that first refers to a note (when it has no id of its own). */
export function referenceDestination(note: number): string {
  return `briefpack-ref-${note}`;
}

export function createContext(model: DocumentModel, fonts: FontSet): PdfContext {
  const problems: Diagnostic[] = [];
  return {
    fonts,
    meta: model.meta,
    latinFace: fonts.chains.latin[0]!,
    defaultLang: model.meta.labels === 'zh' ? model.meta.lang : 'und',
    problems,
    backLinks: new Map(),
    reportMissing(missing, text, position) {
      for (const m of missing) {
        problems.push(missingGlyphWhileRendering(m, text, position));
      }
    },
  };
}

