/**
 * Issue 14's "done when", for what the brief assembles (in the document model, which both
 * renderers draw), over every sample brief and issue-14 fixture × every template:
 * - no Chinese sentence of 15 or more Han characters twice in one document's body;
 * - every section of the spec shown with its heading, every excerpt shown (in full, merged
 *   into a bilingual pair, or shortened with a warning naming it);
 * - no fact label twice in one facts table, and every fact once per document.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeDocument } from '../../src/pipeline/compose-document.js';
import { fitDocument } from '../../src/pipeline/fit-document.js';
import { listBriefs } from '../../src/cli/commands/build.js';
import { templateNames } from '../../src/template/template-names.js';
import type { Block, Inline } from '../../src/model/model.js';
import { PROJECT_ROOT, projectCorpus, projectFonts } from '../helpers/project.js';

const FIXTURES = ['bilingual-original-and-translation', 'bilingual-sentence-excerpts', 'one-pager-too-long', 'fact-selected-twice'].map((n) => `test/fixtures/briefs/${n}.yaml`);

function inlineText(inlines: readonly Inline[]): string {
  return inlines.map((i) => (i.type === 'text' ? i.value : i.type === 'lineBreak' ? '\n' : 'children' in i ? inlineText(i.children) : '')).join('');
}

function blockTexts(block: Block): string[] {
  switch (block.type) {
    case 'heading':
    case 'paragraph':
    case 'note':
      return [inlineText(block.children)];
    case 'excerpt':
      return block.children.map((p) => inlineText(p.children));
    case 'table':
      return block.rows.flatMap((r) => r.map((c) => inlineText(c.children)));
    case 'list':
      return block.items.flatMap((item) => item.flatMap(blockTexts));
    case 'cover':
      return [inlineText(block.title), inlineText(block.subtitle)];
    default:
      return [];
  }
}

/** Chinese sentences (split at 。！？ and line ends) with at least `min` Han characters. */
function chineseSentences(text: string, min: number): string[] {
  return text
    .split(/(?<=[。！？])|\n/)
    .map((s) => s.trim())
    .filter((s) => (s.match(/\p{Script=Han}/gu)?.length ?? 0) >= min);
}

describe('what the recipient reads', () => {
  const corpus = projectCorpus();
  const fonts = projectFonts();
  for (const template of templateNames(path.join(PROJECT_ROOT, 'templates'))) {
    for (const brief of [...listBriefs(PROJECT_ROOT), ...FIXTURES]) {
      const name = path.basename(brief).replace(/\.ya?ml$/, '');
      it(`${name} × ${template}`, async () => {
        const fitted = await fitDocument(composeDocument(brief, { projectRoot: PROJECT_ROOT, corpus, fonts, template }), { fonts });
        if (!fitted.ok) expect.fail(fitted.diagnostics.map((d) => d.message).join('\n'));
        const { model, brief: data, warnings } = fitted.document;
        // Body only: the source notes and the source list cite titles, not text.
        const body = model.blocks.filter((b) => !(b.type === 'list' && b.variant === 'sources'));
        const texts = body.flatMap(blockTexts);
        const all = texts.join('\n');

        const seen = new Map<string, number>();
        for (const s of texts.flatMap((t) => chineseSentences(t, 15))) seen.set(s, (seen.get(s) ?? 0) + 1);
        expect([...seen].filter(([, n]) => n > 1).map(([s]) => s)).toEqual([]);

        const headings = body.flatMap((b) => (b.type === 'heading' ? [inlineText(b.children)] : []));
        for (const section of data.sections) expect(headings).toContain(section.heading);

        for (const e of data.excerpts) {
          for (const p of e.paragraphs) expect(all.replace(/\n/g, '')).toContain(p.text.replace(/\n/g, ''));
          if (e.shortened) expect(warnings.some((d) => d.code === 'BP224' && d.start.line === e.chosenBy.start.line)).toBe(true);
        }

        for (const table of body) {
          if (table.type !== 'table' || table.variant !== 'facts') continue;
          const labels = table.rows.slice(table.headerRows).map((r) => inlineText(r[0]!.children));
          expect(labels).toEqual([...new Set(labels)]);
        }
        expect(data.facts.map((f) => f.id)).toEqual([...new Set(data.facts.map((f) => f.id))]);
      }, 120_000);
    }
  }
});
