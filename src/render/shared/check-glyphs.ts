/**
 * Build-time check that every character of a document has a face in the font chains
 * (DESIGN §4): a missing glyph is an error naming the brief, the section and the character
 * with its code point, never an empty box in the output.
 *
 * The document model knows template positions, not spec positions, so the diagnostic is
 * filed against the brief (the spec file) and points at the best line it can find: given the
 * spec's text, the first place the character occurs in it (text the editor wrote), else the
 * line that declares the section (`id: <section id>`: the character came from a release the
 * section quotes), else line 1. The renderers check again as they draw (BP401 from
 * src/render/pdf and src/render/docx), for models that did not come through a brief.
 */
import { diagnostic, type Diagnostic } from '../../diagnostics/diagnostic.js';
import type { Block, DocumentModel, Inline, Lang, Point, Position } from '../../model/model.js';
import type { FontRole, FontSet } from '../../fonts/font-set.js';
import { codePointLabel, splitRuns, type MissingGlyph } from '../../fonts/runs.js';

export interface CheckGlyphsOptions {
  /** The text of the brief's spec file, to point the diagnostic at a line of it. */
  specText?: string;
}

/** `file`: the brief's spec file (relative to the project), named in every diagnostic. */
export function checkGlyphs(model: DocumentModel, fonts: FontSet, file: string, options: CheckGlyphsOptions = {}): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const seen = new Set<string>();
  let section = { title: '', id: '' };
  const checkText = (text: string, lang: Lang, bold: boolean, where: string, role: FontRole = 'body') => {
    const weights = role === 'heading' ? [true, false] : [bold];
    for (const weight of weights) {
      for (const m of splitRuns(fonts, text, lang, model.meta.lang, weight, role).missing) {
        const key = `${section.id}\0${section.title}\0${m.codePoint}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const context = text.slice(Math.max(0, m.offset - 8), m.offset + 9);
        const inSection = section.title ? `section "${section.title}"` : 'the cover and contents';
        problems.push(
          diagnostic({
            code: 'BP401',
            message: `no configured font has "${m.char}" (${codePointLabel(m.codePoint)}), in ${where} of ${inSection}: …${context}…`,
            file,
            start: locate(options.specText, m.char, section.id),
            actual: codePointLabel(m.codePoint),
          }),
        );
      }
    }
  };
  const walkInlines = (inlines: Inline[], lang: Lang, bold: boolean, where: string, role: FontRole = 'body') => {
    for (const i of inlines) {
      if (i.type === 'text') checkText(i.value, i.lang ?? lang, bold, where, role);
      else if (i.type === 'strong' || i.type === 'emphasis') walkInlines(i.children, lang, true, where, role);
      else if (i.type === 'link') walkInlines(i.children, lang, bold, where, role);
    }
  };
  const walkBlocks = (blocks: Block[], lang: Lang, where?: string) => {
    for (const b of blocks) {
      switch (b.type) {
        case 'cover':
          walkInlines(b.title, lang, true, 'the title', 'heading');
          walkInlines([...b.subtitle, ...b.date], lang, false, 'the cover');
          checkText(b.classification, lang, true, 'the classification marking');
          break;
        case 'heading':
          section = { title: plain(b.children), id: b.id };
          walkInlines(b.children, lang, true, 'the heading', 'heading');
          break;
        case 'toc':
          walkInlines(b.title, lang, true, 'the contents title', 'heading');
          break;
        case 'note':
          walkInlines(b.children, lang, false, where ?? 'a note');
          break;
        case 'paragraph':
          walkInlines(b.children, b.lang ?? lang, false, where ?? 'the text');
          break;
        case 'excerpt':
          walkBlocks(b.children, b.lang, 'an excerpt');
          walkInlines(b.citation, lang, false, 'a citation');
          break;
        case 'list':
          for (const item of b.items) walkBlocks(item, lang, where ?? 'a list');
          break;
        case 'table':
          b.rows.forEach((row, r) => row.forEach((cell) => walkInlines(cell.children, cell.lang ?? lang, r < b.headerRows, 'a table')));
          break;
        case 'pageBreak':
          break;
      }
    }
  };
  walkBlocks(model.blocks, model.meta.lang);
  section = { title: 'source notes', id: '' };
  for (const note of model.notes) walkInlines(note.children, model.meta.lang, false, 'a source note');
  return problems;
}

function plain(inlines: readonly Inline[]): string {
  return inlines.map((i) => (i.type === 'text' ? i.value : i.type === 'lineBreak' || i.type === 'citeRef' ? '' : plain(i.children))).join('');
}

/** Where in the spec to point: the character itself, else the section's `id:` line. */
function locate(specText: string | undefined, char: string, sectionId: string): Point {
  if (!specText) return { line: 1, column: 1 };
  const at = (offset: number): Point => {
    const before = specText.slice(0, offset).split('\n');
    return { line: before.length, column: before[before.length - 1]!.length + 1 };
  };
  const direct = specText.indexOf(char);
  if (direct >= 0) return at(direct);
  if (sectionId) {
    const escaped = sectionId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const decl = new RegExp(`^([ \\t-]*)id:[ \\t]*["']?${escaped}["']?[ \\t]*(#.*)?$`, 'm').exec(specText);
    if (decl) return at(decl.index + decl[1]!.length);
  }
  return { line: 1, column: 1 };
}

/**
 * The error a renderer raises when, while drawing, it meets a character no face has (the
 * build normally stops before, at checkGlyphs; this is the renderers' own safety net).
 */
export function missingGlyphWhileRendering(m: MissingGlyph, text: string, position: Position | undefined): Diagnostic {
  return diagnostic({
    code: 'BP401',
    message: `no configured font has ${JSON.stringify(m.char)} (${codePointLabel(m.codePoint)}) in "${text.slice(Math.max(0, m.offset - 8), m.offset + 9)}"`,
    file: position?.file ?? '<document model>',
    start: position?.start ?? { line: 1, column: 1 },
    actual: m.char,
  });
}
