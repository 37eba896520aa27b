/**
 * Spec + corpus → the data a template sees: every selector in the spec resolved to text
 * with its citation, every problem reported at the spec node that caused it.
 */
import type { Corpus } from '../corpus/corpus.js';
import type { Release, ReleaseLang } from '../corpus/release.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { ParsedSpec } from '../spec/parse-spec.js';
import type { BriefSpec } from '../spec/schema.js';
import { closest } from '../util/suggest.js';
import { LABELS, formatDate, formatParagraphs, type Labels } from './labels.js';

export interface SourceRef {
  id: string;
  title: string;
  date: string | null;
  dateText: string;
  lang: ReleaseLang;
}

export interface ResolvedExcerpt {
  release: SourceRef;
  lang: ReleaseLang;
  paragraphs: { n: number; text: string }[];
  /** `¶2–3` or `第2–3段`. */
  locator: string;
  /** Short visible citation: title, date, locator. */
  citation: string;
  /** Full source note: title, release id, date, locator. */
  note: string;
}

export interface ResolvedFact {
  id: string;
  type: string;
  label: string;
  value: string;
  lang: ReleaseLang;
  release: SourceRef;
  citation: string;
  note: string;
}

export interface ResolvedSection {
  id: string;
  heading: string;
  text: string;
  excerpts: ResolvedExcerpt[];
  facts: ResolvedFact[];
}

export interface ResolvedBrief {
  meta: {
    title: string;
    subtitle: string;
    date: string;
    dateText: string;
    classification: string;
    author: string;
    labels: 'en' | 'zh';
    script: BriefSpec['script'];
    paper: BriefSpec['paper'];
    template: string;
    /** Language of editor-written text (summary, section text): the label language. */
    editorLang: 'en' | BriefSpec['script'];
  };
  labels: Labels;
  summary: string;
  sections: ResolvedSection[];
  /** Every fact of the brief, in section order (for key-facts tables). */
  facts: ResolvedFact[];
  /** Every release the brief cites, in order of first citation. */
  sources: SourceRef[];
}

export interface ResolveResult {
  brief?: ResolvedBrief;
  diagnostics: Diagnostic[];
  /** Releases the brief depends on (for cache keys and watch mode). */
  releaseIds: string[];
}

export function resolveBrief(parsed: ParsedSpec, corpus: Corpus): ResolveResult {
  const spec = parsed.spec;
  if (!spec) return { diagnostics: [], releaseIds: [] };
  const diagnostics: Diagnostic[] = [];
  const lang = spec.labels;
  const labels = LABELS[lang];
  const sources = new Map<string, SourceRef>();
  const cite = (release: Release): SourceRef => {
    let ref = sources.get(release.id);
    if (!ref) {
      ref = { id: release.id, title: release.title, date: release.date, dateText: release.date ? formatDate(release.date, lang) : labels.undated, lang: release.lang };
      sources.set(release.id, ref);
    }
    return ref;
  };
  const findRelease = (id: string, path: (string | number)[]): Release | undefined => {
    const release = corpus.releases.get(id);
    if (!release) {
      const guess = closest(id, corpus.releases.keys());
      diagnostics.push(
        diagnostic({
          code: 'BP206',
          message: `no release with id "${id}"`,
          file: parsed.file,
          start: parsed.positionOf(path),
          hint: guess ? `Did you mean "${guess}"?` : undefined,
          actual: id,
        }),
      );
    }
    return release;
  };

  const usedIds = new Set<string>();
  const sections: ResolvedSection[] = spec.sections.map((section, si) => {
    const id = uniqueId(section.id ?? slug(section.heading, si), usedIds);
    const excerpts: ResolvedExcerpt[] = [];
    (section.excerpts ?? []).forEach((ex, ei) => {
      const base = ['sections', si, 'excerpts', ei];
      const release = findRelease(ex.release, [...base, 'release']);
      if (!release) return;
      const wanted = typeof ex.paragraphs === 'number' ? [ex.paragraphs] : ex.paragraphs;
      const paragraphs: { n: number; text: string }[] = [];
      wanted.forEach((n, pi) => {
        const p = release.paragraphs[n - 1];
        if (!p) {
          diagnostics.push(
            diagnostic({
              code: 'BP207',
              message: `release "${release.id}" has no paragraph ${n}`,
              file: parsed.file,
              start: parsed.positionOf(typeof ex.paragraphs === 'number' ? [...base, 'paragraphs'] : [...base, 'paragraphs', pi]),
              hint: `Release "${release.id}" has ${release.paragraphs.length} paragraph${release.paragraphs.length === 1 ? '' : 's'} (numbered from 1, headline excluded).`,
              actual: String(n),
            }),
          );
        } else {
          const suspect = release.suspects.find((s) => s.paragraph === n && s.kind !== 'simplified-only');
          if (suspect) {
            diagnostics.push(
              diagnostic({
                code: 'BP210',
                message: `paragraph ${n} of "${release.id}" contains suspect text "${suspect.snippet}" (${release.file}:${suspect.line}:${suspect.column})`,
                file: parsed.file,
                start: parsed.positionOf(typeof ex.paragraphs === 'number' ? [...base, 'paragraphs'] : [...base, 'paragraphs', pi]),
                actual: suspect.snippet,
              }),
            );
          }
          paragraphs.push({ n, text: p.text });
        }
      });
      if (!paragraphs.length) return;
      const ref = cite(release);
      const locator = formatParagraphs(paragraphs.map((p) => p.n), lang);
      excerpts.push({
        release: ref,
        lang: release.lang,
        paragraphs,
        locator,
        citation: `${ref.title}, ${ref.dateText}, ${locator}`,
        note: `${ref.title} (${ref.id}), ${ref.dateText}, ${locator}`,
      });
    });
    const facts: ResolvedFact[] = [];
    (section.facts ?? []).forEach((factRef, fi) => {
      const path = ['sections', si, 'facts', fi];
      const [releaseId, factId] = factRef.split('/') as [string, string];
      const release = findRelease(releaseId, path);
      if (!release) return;
      const fact = release.facts.find((f) => f.id === factId);
      if (!fact) {
        const guess = closest(factId, release.facts.map((f) => f.id));
        diagnostics.push(
          diagnostic({
            code: 'BP208',
            message: `release "${release.id}" has no fact "${factId}"`,
            file: parsed.file,
            start: parsed.positionOf(path),
            hint: guess ? `Did you mean "${releaseId}/${guess}"?` : `Its facts: ${release.facts.map((f) => f.id).join(', ') || 'none'}.`,
            actual: factRef,
          }),
        );
        return;
      }
      const ref = cite(release);
      const locator = fact.paragraph === 0 ? (lang === 'zh' ? '標題' : 'headline') : formatParagraphs([fact.paragraph], lang);
      facts.push({
        id: `${release.id}/${fact.id}`,
        type: fact.type,
        label: fact.label,
        value: fact.value,
        lang: release.lang,
        release: ref,
        citation: `${ref.title}, ${ref.dateText}, ${locator}`,
        note: `${ref.title} (${ref.id}), ${ref.dateText}, ${locator}: “${fact.evidence}”`,
      });
    });
    return { id, heading: section.heading, text: section.text ?? '', excerpts, facts };
  });

  const releaseIds = [...sources.keys()];
  if (diagnostics.length) return { diagnostics, releaseIds };
  return {
    diagnostics,
    releaseIds,
    brief: {
      meta: {
        title: spec.title,
        subtitle: spec.subtitle,
        date: spec.date,
        dateText: formatDate(spec.date, lang),
        classification: spec.classification,
        author: spec.author,
        labels: lang,
        script: spec.script,
        paper: spec.paper,
        template: spec.template,
        editorLang: lang === 'en' ? 'en' : spec.script,
      },
      labels,
      summary: spec.summary ?? '',
      sections,
      facts: sections.flatMap((s) => s.facts),
      sources: [...sources.values()],
    },
  };
}

function slug(text: string, index: number): string {
  const s = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return s || `section-${index + 1}`;
}

function uniqueId(id: string, used: Set<string>): string {
  let candidate = id;
  for (let i = 2; used.has(candidate); i++) candidate = `${id}-${i}`;
  used.add(candidate);
  return candidate;
}
