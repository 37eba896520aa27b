/**
 * The fitting policy of page-limited templates (`max_pages:` in template.yaml, as in
 * `one-pager`): what is cut, in which order, when a brief does not fit — decided here, on
 * the brief data, before the template runs, so a template shows whatever it is given and the
 * locator of every excerpt names exactly what is shown. The pipeline (pipeline/fit-document.ts)
 * measures each candidate with the real PDF renderer.
 *
 * The order (docs/templates.md, "Page limits"), by priority level — `low`, then `normal`,
 * then `high` (the spec's `priority:`); within a level, from the end of the brief backwards:
 * 1. excerpts are shortened to their first sentence, with an ellipsis (`¶2, sentence 1`);
 * 2. (at the `normal` level) glossary tables (`glossary: auto`) are left out;
 * 3. facts are left out.
 * Every cut is a warning (BP224, BP225) at the spec line that chose the item, so `--strict`
 * fails. When everything is cut and it still does not fit, nothing is dropped silently: the
 * build fails with BP403, naming the excerpts whose removal would make it fit.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/diagnostic.js';
import type { ResolvedBrief, ResolvedExcerpt, ResolvedFact, ResolvedSection } from '../resolve/resolve.js';

export type Cut =
  | { kind: 'shorten'; excerpt: ResolvedExcerpt }
  | { kind: 'leave-out'; fact: ResolvedFact }
  | { kind: 'leave-out-glossary'; section: ResolvedSection };

const LEVELS = ['low', 'normal', 'high'] as const;

/** Every cut the policy may make, in the order it makes them. */
export function fitPlan(brief: ResolvedBrief): Cut[] {
  const excerpts = brief.sections.flatMap((s) => s.excerpts).reverse();
  const facts = brief.sections.flatMap((s) => s.facts).reverse();
  const glossaries = brief.sections.filter((s) => s.glossary.length).reverse();
  return LEVELS.flatMap((level) => [
    ...excerpts.filter((e) => e.priority === level && e.short).map((excerpt): Cut => ({ kind: 'shorten', excerpt })),
    ...(level === 'normal' ? glossaries.map((section): Cut => ({ kind: 'leave-out-glossary', section })) : []),
    ...facts.filter((f) => f.priority === level).map((fact): Cut => ({ kind: 'leave-out', fact })),
  ]);
}

/** The excerpts to name in BP403, in the order their removal would be suggested. */
export function removalOrder(brief: ResolvedBrief): ResolvedExcerpt[] {
  const excerpts = brief.sections.flatMap((s) => s.excerpts).reverse();
  return LEVELS.flatMap((level) => excerpts.filter((e) => e.priority === level));
}

/** A new brief with these cuts made (and these excerpts removed, when trying what BP403
 * should suggest); the given brief is not changed. */
export function applyCuts(brief: ResolvedBrief, cuts: readonly Cut[], removed: readonly ResolvedExcerpt[] = []): ResolvedBrief {
  const shorten = new Set(cuts.flatMap((c) => (c.kind === 'shorten' ? [c.excerpt] : [])));
  const leaveOut = new Set(cuts.flatMap((c) => (c.kind === 'leave-out' ? [c.fact] : [])));
  const noGlossary = new Set(cuts.flatMap((c) => (c.kind === 'leave-out-glossary' ? [c.section.id] : [])));
  const gone = new Set(removed);
  const cutExcerpt = (e: ResolvedExcerpt): ResolvedExcerpt =>
    shorten.has(e) && e.short ? { ...e, paragraphs: e.short.paragraphs, locator: e.short.locator, cite: e.short.cite, shortened: true } : e;
  const sections: ResolvedSection[] = brief.sections.map((s) => {
    const excerpts = s.excerpts.filter((e) => !gone.has(e)).map(cutExcerpt);
    return { ...s, excerpts, facts: s.facts.filter((f) => !leaveOut.has(f)), glossary: noGlossary.has(s.id) ? [] : s.glossary };
  });
  // The sources line lists only what is still cited.
  const cited = new Set([...sections.flatMap((s) => s.excerpts.map((e) => e.release.id)), ...sections.flatMap((s) => s.facts.map((f) => f.release.id))]);
  return {
    ...brief,
    sections,
    facts: sections.flatMap((s) => s.facts),
    excerpts: sections.flatMap((s) => s.excerpts),
    sources: brief.sources.filter((s) => cited.has(s.id)),
    allSources: brief.allSources.filter((s) => cited.has(s.id)),
  };
}

/** One warning per cut, at the spec line that chose the excerpt or fact. */
export function cutWarnings(cuts: readonly Cut[], template: string, maxPages: number): Diagnostic[] {
  const limit = `the "${template}" template's ${maxPages} page${maxPages === 1 ? '' : 's'}`;
  return cuts.map((cut) => {
    if (cut.kind === 'shorten') {
      const e = cut.excerpt;
      return diagnostic({
        code: 'BP224',
        message: `section "${e.section.heading}": excerpt ${e.number} (${e.release.titleShort}, ${e.locator}) is shortened to its first sentence (${e.short!.locator}) to fit ${limit}`,
        file: e.chosenBy.file,
        start: e.chosenBy.start,
        expected: e.locator,
        actual: e.short!.locator,
      });
    }
    if (cut.kind === 'leave-out-glossary') {
      const s = cut.section;
      return diagnostic({
        code: 'BP225',
        message: `section "${s.heading}": the glossary table (${s.glossary.length} term${s.glossary.length === 1 ? '' : 's'}) is left out to fit ${limit}`,
        file: s.chosenBy.file,
        start: s.chosenBy.start,
      });
    }
    const f = cut.fact;
    return diagnostic({
      code: 'BP225',
      message: `section "${f.section.heading}": fact "${f.label}" (${f.id}) is left out to fit ${limit}`,
      file: f.chosenBy.file,
      start: f.chosenBy.start,
      actual: f.id,
    });
  });
}

/** What BP403 says when even every cut does not fit. */
export function cannotFit(options: {
  template: string;
  maxPages: number;
  pages: number;
  remove: readonly ResolvedExcerpt[] | null;
  specFile: string;
  specPosition: { line: number; column: number };
}): Diagnostic {
  const { template, maxPages, pages, remove } = options;
  const limit = `${maxPages} page${maxPages === 1 ? '' : 's'}`;
  const start = remove?.[0]?.chosenBy;
  const named = remove?.map((e) => `excerpt ${e.number} of section "${e.section.heading}" (${e.chosenBy.file}:${e.chosenBy.start.line})`);
  return diagnostic({
    code: 'BP403',
    message:
      `the "${template}" template allows ${limit}, but this brief needs ${pages} even with every excerpt shortened to its first sentence and every fact and glossary left out; ` +
      (named?.length
        ? `remove ${named.join(', ')} to fit`
        : 'even without excerpts it does not fit: shorten the summary, the section texts and notes, or use fewer sections'),
    file: start?.file ?? options.specFile,
    start: start?.start ?? options.specPosition,
    expected: String(maxPages),
    actual: String(pages),
    hint: `Remove what the message names (or give it \`priority: low\` and shorten others), or choose a template without a page limit.`,
  });
}
