/**
 * The fitting policy of page-limited templates (src/template/fit.ts, pipeline/fit-document.ts):
 * cuts in the documented order, each a warning naming the section and the item, the locator
 * of a shortened excerpt naming exactly what is shown, BP403 naming what to remove when even
 * every cut does not fit — all measured with the real PDF renderer.
 */
import { describe, expect, it } from 'vitest';
import { composeDocument } from '../../src/pipeline/compose-document.js';
import { fitDocument } from '../../src/pipeline/fit-document.js';
import { loadBrief } from '../../src/brief/load-brief.js';
import { resolveBrief } from '../../src/resolve/resolve.js';
import { applyCuts, fitPlan } from '../../src/template/fit.js';
import { pdfPageCount } from '../../src/render/shared/page-count.js';
import { PROJECT_ROOT, projectCorpus, projectFonts } from '../helpers/project.js';
import { tempProject } from '../helpers/temp-project.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { tryRenderOutputs } from '../../src/pipeline/render-outputs.js';
import { docxParts, pdfText, toolsAvailable } from '../helpers/readers.js';
import path from 'node:path';

const corpus = projectCorpus();
const fonts = projectFonts();
const KH = 'mps-2021-09-28-zh-cambodia-video-meeting';

describe('the cut order', () => {
  const text = [
    'title: T\ndate: 2021-09-30\nclassification: OFFICIAL\ntemplate: one-pager\nsections:',
    `  - heading: A\n    facts:\n      - ${KH}/meeting-date\n      - { fact: ${KH}/work-plan-signed, priority: low }\n    excerpts:\n      - { release: ${KH}, paragraphs: [2, 3], priority: high }\n      - { release: ${KH}, paragraphs: 4 }`,
    `  - heading: B\n    excerpts:\n      - { release: ${KH}, paragraphs: 5 }\n      - { release: ${KH}, paragraphs: 1, priority: low }\n    glossary: auto`,
  ].join('\n');
  const brief = resolveBrief(loadBrief(PROJECT_ROOT, 'briefs/t.yaml', text), corpus).brief!;
  it('is low, then normal (glossary tables after excerpts), then high; facts after excerpts; from the end of the brief', () => {
    const plan = fitPlan(brief).map((c) => (c.kind === 'shorten' ? `shorten ${c.excerpt.section.heading}${c.excerpt.number}` : c.kind === 'leave-out' ? `leave out ${c.fact.label}` : `glossary ${c.section.heading}`));
    // B1 (¶1) and A2 (¶4) are one sentence each, B1 (¶5) too: nothing to shorten there.
    expect(plan).toEqual(['leave out 簽署文件', 'glossary B', 'leave out 視頻會晤日期', 'shorten A1']);
  });
  it('a shortened excerpt shows its first sentence with an ellipsis, and says so in its locator and note', () => {
    const cut = applyCuts(brief, fitPlan(brief));
    const a1 = cut.sections[0]!.excerpts[0]!;
    expect(a1.shortened).toBe(true);
    expect(a1.paragraphs).toEqual([{ n: 2, text: '趙克志指出，中柬是鐵桿朋友和命運共同體。……' }]);
    expect(a1.locator).toBe('¶2, sentence 1');
    expect(a1.cite.locator).toEqual({ kind: 'sentences', paragraph: 2, sentences: [1] });
    expect(cut.facts).toEqual([]);
    expect(cut.sections[1]!.glossary).toEqual([]);
    // The brief it was cut from is unchanged.
    expect(brief.sections[0]!.excerpts[0]!.locator).toBe('¶¶2–3');
    expect(brief.facts).toHaveLength(2);
  });
});

describe('an over-long one-pager', () => {
  it('fits on one page, every cut a warning at the spec line that chose what was cut', async () => {
    const composed = composeDocument('test/fixtures/briefs/one-pager-too-long.yaml', { projectRoot: PROJECT_ROOT, corpus, fonts });
    const fitted = await fitDocument(composed, { fonts });
    expect(fitted.ok).toBe(true);
    if (!fitted.ok) return;
    expect(pdfPageCount(fitted.pdf!)).toBe(1);
    const cuts = fitted.document.warnings.filter((d) => d.code === 'BP224' || d.code === 'BP225');
    expect(cuts.length).toBeGreaterThan(0);
    for (const d of cuts) {
      expect(d.severity).toBe('warning');
      expect(d.file).toBe('test/fixtures/briefs/one-pager-too-long.yaml');
      expect(d.message).toMatch(/^section "[^"]+": (excerpt \d+ \(.+\) is shortened to its first sentence \(¶\d+, sentence 1\)|fact ".+" \(.+\) is left out) to fit the "one-pager" template's 1 page$/);
    }
    // Low priority goes first: the {type: person} facts and the ¶5–6 excerpt.
    expect(cuts[0]!.start.line).toBe(27);
    // Every excerpt of the spec is shown, in full or shortened with a warning.
    const shown = fitted.document.brief.excerpts;
    expect(shown).toHaveLength(6);
    const shortened = shown.filter((e) => e.shortened);
    expect(shortened.map((e) => `${e.section.heading} ${e.number}`).sort()).toEqual(
      cuts.filter((d) => d.code === 'BP224').map((d) => /^section "([^"]+)": excerpt (\d+)/.exec(d.message)!.slice(1).join(' ')).sort(),
    );
    // The model says what the locator says.
    const citations = JSON.stringify(fitted.document.model.blocks.filter((b) => b.type === 'excerpt').map((b) => (b.type === 'excerpt' ? b.citation : [])));
    for (const e of shortened) expect(citations).toContain(e.locator);
  }, 120_000);

  it.skipIf(!toolsAvailable('pdftotext'))('the DOCX shows what the fitted PDF shows', async () => {
    const composed = composeDocument('test/fixtures/briefs/one-pager-too-long.yaml', { projectRoot: PROJECT_ROOT, corpus, fonts });
    const rendered = await tryRenderOutputs(composed, { fonts, formats: ['pdf', 'docx'] });
    expect(rendered.ok).toBe(true);
    if (!rendered.ok) return;
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'bp-fit-')), 'one.pdf');
    writeFileSync(file, rendered.outputs.get('pdf')!);
    const pdf = pdfText(file).replace(/\s+/g, '');
    const docx = docxParts(rendered.outputs.get('docx')!)['word/document.xml']!.replace(/<[^>]+>/g, '').replace(/\s+/g, '');
    // The ¶5–6 excerpt (priority low) is cut to its first sentence in both; its second paragraph is in neither.
    for (const text of [pdf, docx]) {
      expect(text).toContain('¶5,sentence1');
      expect(text).not.toContain('西索達');
    }
  }, 120_000);

  it('a brief that fits is not cut at all', async () => {
    const text = `title: T\ndate: 2021-09-30\nclassification: OFFICIAL\ntemplate: one-pager\nsections:\n  - heading: A\n    excerpts:\n      - { release: ${KH}, paragraphs: [2, 3] }\n`;
    const project = tempProject();
    writeFileSync(path.join(project, 'briefs', 'short.yaml'), text);
    const fitted = await fitDocument(composeDocument('briefs/short.yaml', { projectRoot: project, corpus, fonts }), { fonts });
    expect(fitted.ok && fitted.document.warnings).toEqual([]);
    expect(fitted.ok && fitted.document.brief.excerpts[0]!.locator).toBe('¶¶2–3');
  }, 60_000);

  it('when even every cut does not fit, BP403 names the excerpts to remove', async () => {
    const many = Array.from({ length: 7 }, (_, i) => `      - { release: ${KH}, paragraph: ${(i % 6) + 1}, sentences: 1 }`).join('\n');
    const text = `title: T\ndate: 2021-09-30\nclassification: OFFICIAL\ntemplate: one-pager\nsummary: ${'A long summary that goes on. '.repeat(40)}\nsections:\n  - heading: A\n    excerpts:\n${many}\n  - heading: B\n    excerpts:\n${many}\n`;
    const project = tempProject();
    writeFileSync(path.join(project, 'briefs', 'long.yaml'), text);
    const fitted = await fitDocument(composeDocument('briefs/long.yaml', { projectRoot: project, corpus, fonts }), { fonts });
    expect(fitted.ok).toBe(false);
    if (fitted.ok) return;
    const [d] = fitted.diagnostics;
    expect(d!.code).toBe('BP403');
    expect(d!.message).toMatch(/needs \d+ even with every excerpt shortened .*; remove excerpt 7 of section "B" \(briefs\/long\.yaml:\d+\)(, excerpt \d+ of section "[AB]" \(briefs\/long\.yaml:\d+\))* to fit$/);
    // It points at the first excerpt to remove: the last of the brief.
    expect(d!.start.line).toBe(text.split('\n').length - 1);
  }, 120_000);
});
