/**
 * Build-time check that every character of a document has a face in the font chains
 * (DESIGN §4): a missing glyph is an error naming the section and the character, never an
 * empty box in the output.
 */
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Block, DocumentModel, Inline, Lang } from '../doc/model.js';
import type { FontSet } from '../fonts/font-set.js';
import { codePointLabel, splitRuns } from '../fonts/runs.js';

export function checkGlyphs(model: DocumentModel, fonts: FontSet, file: string): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const seen = new Set<string>();
  let section = '(before the first heading)';
  const checkText = (text: string, lang: Lang, bold: boolean, at: Block) => {
    for (const m of splitRuns(fonts, text, lang, model.meta.lang, bold).missing) {
      const key = `${section}\0${m.codePoint}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const context = text.slice(Math.max(0, m.offset - 8), m.offset + 9);
      problems.push(
        diagnostic({
          code: 'BP401',
          message: `no configured font has "${m.char}" (${codePointLabel(m.codePoint)}) in section "${section}": …${context}…`,
          file: at.position?.file ?? file,
          start: at.position?.start ?? { line: 1, column: 1 },
          actual: codePointLabel(m.codePoint),
        }),
      );
    }
  };
  const walkInlines = (inlines: Inline[], lang: Lang, bold: boolean, at: Block) => {
    for (const i of inlines) {
      if (i.type === 'text') checkText(i.value, i.lang ?? lang, bold, at);
      else if (i.type === 'strong') walkInlines(i.children, lang, true, at);
      else if (i.type === 'emphasis' || i.type === 'link') walkInlines(i.children, lang, bold, at);
    }
  };
  const walkBlocks = (blocks: Block[], lang: Lang) => {
    for (const b of blocks) {
      switch (b.type) {
        case 'cover':
          walkInlines([...b.title, ...b.subtitle, ...b.date], lang, true, b);
          checkText(b.classification, lang, true, b);
          break;
        case 'heading':
          section = b.children.map((c) => (c.type === 'text' ? c.value : '')).join('');
          walkInlines(b.children, lang, true, b);
          break;
        case 'toc':
        case 'note':
          walkInlines(b.type === 'toc' ? b.title : b.children, lang, false, b);
          break;
        case 'paragraph':
          walkInlines(b.children, b.lang ?? lang, false, b);
          break;
        case 'excerpt':
          walkBlocks(b.children, b.lang);
          walkInlines(b.citation, lang, false, b);
          break;
        case 'list':
          for (const item of b.items) walkBlocks(item, lang);
          break;
        case 'table':
          b.rows.forEach((row, r) => row.forEach((cell) => walkInlines(cell.children, cell.lang ?? lang, r < b.headerRows, b)));
          break;
        case 'pageBreak':
          break;
      }
    }
  };
  walkBlocks(model.blocks, model.meta.lang);
  section = 'source notes';
  const notesAt: Block = { type: 'pageBreak' };
  for (const note of model.notes) walkInlines(note.children, model.meta.lang, false, notesAt);
  return problems;
}
