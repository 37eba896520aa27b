/**
 * resolveBrief (src/resolve/resolve.ts) on small specs against the sample corpus: the other
 * language of an excerpt at the grain of the excerpt, pairs of an original and its
 * translation merged so no text is shown twice, facts once per brief where the editor put
 * them, and every `glossary:` / `translation:` choice honoured or refused where it stands.
 */
import { describe, expect, it } from 'vitest';
import { loadBrief } from '../../src/brief/load-brief.js';
import { resolveBrief, type ResolvedBrief } from '../../src/resolve/resolve.js';
import { PROJECT_ROOT, projectCorpus } from '../helpers/project.js';

const corpus = projectCorpus();
const ZH = 'mps-2021-09-24-zh-sco-pabbi-antiterror-letter';
const EN = 'mps-2021-09-24-en-sco-pabbi-antiterror-letter';
const KH = 'mps-2021-09-28-zh-cambodia-video-meeting';

function resolve(sections: string, extra = '') {
  const text = `title: T\ndate: 2021-09-30\nclassification: OFFICIAL\ntemplate: bilingual\n${extra}sections:\n${sections}`;
  const loaded = loadBrief(PROJECT_ROOT, 'briefs/test.yaml', text);
  const resolved = resolveBrief(loaded, corpus);
  return { ...resolved, diagnostics: [...loaded.diagnostics, ...resolved.diagnostics] };
}

function brief(sections: string, extra = ''): ResolvedBrief {
  const r = resolve(sections, extra);
  if (!r.brief) throw new Error(r.diagnostics.map((d) => `${d.code} ${d.message}`).join('\n'));
  return r.brief;
}

describe('the other language, at the grain of the excerpt', () => {
  it('a whole paragraph gets its aligned group: Chinese ¶1 beside English ¶¶1–2', () => {
    const [e] = brief(`  - heading: H\n    excerpts:\n      - { release: ${ZH}, paragraphs: 1 }\n`).excerpts;
    expect(e!.pair!.grain).toBe('paragraphs');
    expect(e!.pair!.zh.locator).toBe('¶1');
    expect(e!.pair!.en.locator).toBe('¶¶1–2');
    expect(e!.pair!.en.cite.locator).toEqual({ kind: 'paragraphs', paragraphs: [1, 2] });
    expect(e!.pair!.rows).toHaveLength(1);
    expect(e!.pair!.rows[0]!.en).toHaveLength(2);
  });
  it('a one-sentence English paragraph gets the Chinese sentences aligned with it, not the whole Chinese paragraph', () => {
    const [e] = brief(`  - heading: H\n    excerpts:\n      - { release: ${EN}, paragraphs: 1 }\n`).excerpts;
    expect(e!.pair!.grain).toBe('sentences');
    expect(e!.pair!.en.locator).toBe('¶1');
    expect(e!.pair!.zh.locator).toMatch(/^¶1, sentences? 1/);
    const zhText = e!.pair!.rows.flatMap((r) => r.zh).join('');
    expect(zhText).toContain('預祝上海合作組織成員國主管機關');
    expect(zhText).not.toContain('上合組織地區反恐怖機構作為負責協調');
  });
  it('a sentence gets its aligned sentence(s)', () => {
    const [a, b] = brief(`  - heading: H\n    excerpts:\n      - { release: ${EN}, paragraph: 2, sentences: 1 }\n      - { release: ${ZH}, paragraph: 2, sentences: 3 }\n`).excerpts;
    expect(a!.pair!.zh.locator).toBe('¶1, sentence 3');
    expect(a!.pair!.en.locator).toBe('¶2, sentence 1');
    expect(b!.pair!.zh.locator).toBe('¶2, sentence 3');
    expect(b!.pair!.en.locator).toBe('¶3, sentences 3–4');
    expect(b!.pair!.en.cite.locator).toEqual({ kind: 'sentences', paragraph: 3, sentences: [3, 4] });
    expect(b!.pair!.rows).toEqual([{ zh: [expect.stringMatching(/^在地區反恐怖機構執委會的協調下/)], en: [expect.stringMatching(/^Under the coordination .* The exercise will promote/)] }]);
  });
  it('a quote gets the sentence around it in both languages', () => {
    const [e] = brief(`  - heading: H\n    excerpts:\n      - { release: ${ZH}, quote: 上海精神 }\n`).excerpts;
    expect(e!.paragraphs[0]!.text).toBe('上海精神');
    expect(e!.pair!.zh.locator).toBe('¶2, sentence 4');
    expect(e!.pair!.en.locator).toBe('¶3, sentences 5–6');
    expect(e!.pair!.rows[0]!.zh[0]).toMatch(/^中方將繼續秉承“上海精神”/);
    expect(e!.pair!.rows[0]!.en[0]).toMatch(/^China will continue to uphold the "Shanghai spirit"/);
  });
  it('names several paragraphs and sentences exactly in one locator', () => {
    const [e] = brief(`  - heading: H\n    excerpts:\n      - { release: ${ZH}, paragraph: 1, sentences: [3, 4] }\n`).excerpts;
    expect(e!.pair!.en.locator).toBe('¶2');
    const [f] = brief(`  - heading: H\n    excerpts:\n      - { release: ${EN}, paragraph: 2, sentences: [2, 3] }\n      - { release: ${EN}, paragraphs: 3 }\n`).excerpts;
    expect(f!.pair!.zh.locator).toBe('¶1, sentence 4');
  });
});

describe('an original and its translation quoted in one brief', () => {
  const b = brief(
    `  - heading: A\n    excerpts:\n      - { release: ${ZH}, paragraphs: 1 }\n      - { release: ${EN}, paragraphs: 1, comment: "The English leaves out a sentence." }\n` +
      `  - heading: B\n    excerpts:\n      - { release: ${EN}, paragraph: 2, sentences: 1 }\n      - { release: ${ZH}, paragraphs: 2 }\n      - { release: ${EN}, paragraphs: 3 }\n`,
  );
  it('merges the overlapping excerpts into the first one: each text once', () => {
    const [a1, a2, b1, b2, b3] = b.excerpts;
    expect(a1!.pair!.zh.locator).toBe('¶1');
    expect(a1!.pair!.en.locator).toBe('¶¶1–2');
    expect([a2, b1, b3].map((e) => [e!.pairedAbove, e!.pair])).toEqual([
      [true, null],
      [true, null],
      [true, null],
    ]);
    expect(b2!.pair!.en.locator).toBe('¶3');
    // Every Chinese and English sentence of both releases, each exactly once.
    const shown = b.excerpts.flatMap((e) => e.pair?.rows.flatMap((r) => [...r.zh, ...r.en]) ?? []).join('\\n');
    for (const s of [...corpus.releases.get(ZH)!.paragraphs, ...corpus.releases.get(EN)!.paragraphs].flatMap((p) => p.sentences)) {
      expect(shown.split(s.text).length - 1).toBe(1);
    }
  });
  it('keeps the merged excerpts for templates that show each language apart (and for pin)', () => {
    expect(b.sections.map((s) => s.excerpts.length)).toEqual([2, 3]);
    expect(b.excerpts[1]!.comment).toBe('The English leaves out a sentence.');
  });
  it('does not merge excerpts that do not overlap', () => {
    const c = brief(`  - heading: A\n    excerpts:\n      - { release: ${ZH}, paragraphs: 2 }\n      - { release: ${EN}, paragraph: 2, sentences: 1 }\n`);
    expect(c.excerpts.map((e) => e.pairedAbove)).toEqual([false, false]);
  });
});

describe('facts where the editor put them', () => {
  it('each section keeps its own facts, in spec order', () => {
    const b = brief(`  - heading: A\n    facts: [${KH}/sar-kheng, ${KH}/meeting-date]\n  - heading: B\n    facts: [${KH}/work-plan-signed]\n`);
    expect(b.sections.map((s) => s.facts.map((f) => f.id.split('/')[1]))).toEqual([['sar-kheng', 'meeting-date'], ['work-plan-signed']]);
  });
  it('a fact selected by id and again by type, or twice by id, is shown once (where selected by id) with an info', () => {
    const r = resolve(`  - heading: A\n    facts:\n      - type: person\n      - ${KH}/zhao-kezhi\n  - heading: B\n    facts:\n      - ${KH}/zhao-kezhi\n`);
    expect(r.brief!.sections.map((s) => s.facts.map((f) => f.id.split('/')[1]))).toEqual([['sar-kheng', 'zhao-kezhi'], []]);
    const infos = r.diagnostics.filter((d) => d.code === 'BP223');
    expect(infos.map((d) => [d.severity, d.start.line])).toEqual([
      ['info', 12],
      ['info', 8],
    ]);
    expect(infos[0]!.message).toContain('already selected in section "A" (briefs/test.yaml:9)');
    expect(infos[1]!.message).toContain('{type: person} also matches a fact selected elsewhere');
    expect(r.brief!.facts.map((f) => f.id)).toEqual([...new Set(r.brief!.facts.map((f) => f.id))]);
  });
  it('a section with only facts is a section (hasBody is about anything besides facts)', () => {
    const b = brief(`  - heading: Only facts\n    facts: [${KH}/meeting-date]\n`);
    expect(b.sections[0]!.heading).toBe('Only facts');
    expect(b.sections[0]!.facts).toHaveLength(1);
  });
  it('takes a priority for page-limited templates', () => {
    const b = brief(`  - heading: A\n    facts:\n      - { fact: ${KH}/meeting-date, priority: low }\n      - { type: person, priority: high }\n`);
    expect(b.facts.map((f) => f.priority)).toEqual(['low', 'high', 'high']);
  });
});

describe('glossary and translation choices', () => {
  it('glossary: auto looks at both languages of a pair', () => {
    const b = brief(`  - heading: A\n    excerpts:\n      - { release: ${ZH}, quote: 上海精神 }\n    glossary: auto\n`);
    expect(b.sections[0]!.glossary.map((t) => t.zh)).toContain('上合組織');
  });
  it('glossary: auto that finds nothing is a warning at the key', () => {
    const r = resolve(`  - heading: A\n    text: No excerpts.\n    glossary: auto\n`);
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.start.line, d.start.column])).toEqual([['BP226', 'warning', 8, 15]]);
  });
  it('any other glossary value is refused where it stands', () => {
    const r = resolve(`  - heading: A\n    glossary: all\n`);
    expect(r.diagnostics.map((d) => [d.code, d.start.line])).toEqual([['BP204', 7]]);
  });
  it('translation: naming a release in the same language is an error at that line', () => {
    const r = resolve(`  - heading: A\n    excerpts:\n      - release: ${ZH}\n        paragraphs: 1\n        translation: { release: ${KH} }\n`);
    expect(r.brief).toBeUndefined();
    expect(r.diagnostics.map((d) => [d.code, d.start.line])).toEqual([['BP227', 10]]);
  });
  it('translation: with paragraphs shows what it names', () => {
    const [e] = brief(`  - heading: A\n    excerpts:\n      - release: ${ZH}\n        paragraphs: 2\n        translation: { paragraphs: [3] }\n`).excerpts;
    expect(e!.pair!.grain).toBe('given');
    expect(e!.pair!.en.locator).toBe('¶3');
  });
});

describe('excerpt kinds are decided when the spec is read', () => {
  it('every excerpt carries its kind, and resolve switches on it', () => {
    const text = `title: T\ndate: 2021-09-30\nclassification: OFFICIAL\nsections:\n  - heading: A\n    excerpts:\n      - { release: ${KH}, paragraphs: 1 }\n      - { release: ${KH}, paragraph: 2, sentences: [1] }\n      - { release: ${KH}, quote: 柬方願與中方一道 }\n`;
    const loaded = loadBrief(PROJECT_ROOT, 'briefs/test.yaml', text);
    const section = loaded.spec!.sections[0]!;
    expect('excerpts' in section && section.excerpts!.map((e) => e.kind)).toEqual(['paragraphs', 'sentences', 'quote']);
  });
});

describe('the result is built, never changed afterwards', () => {
  it('a spec with errors gives no brief and no half-made one', () => {
    const r = resolve(`  - heading: A\n    excerpts:\n      - { release: nope, paragraphs: 1 }\n`);
    expect(r).not.toHaveProperty('brief');
    expect(r.diagnostics[0]!.code).toBe('BP206');
  });
});
