/**
 * Spec + corpus → the data a template sees: every selector in the spec resolved to text
 * with its citation, every problem reported at the spec node (in the right file, for
 * included sections) that caused it. All problems of a brief are collected in one pass.
 */
import { toPlain } from '../util/yaml-source.js';
import { findQuote } from '../corpus/address.js';
import type { Corpus } from '../corpus/corpus.js';
import type { Paragraph as ReleaseParagraph, Release, ReleaseLang } from '../corpus/release.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Point } from '../model/model.js';
import type { LoadedBrief, SectionOrigin } from '../brief/load-brief.js';
import type { SpecPath } from '../brief/parse-spec.js';
import { SCRIPT_TAGS, splitScriptTag, type BriefSpec, type ExcerptSpec, type FactSelector, type Priority } from '../brief/schema.js';
import { findDisallowedLinks, findRawHtml } from '../markup/markdown.js';
import { closest, closestWindow } from '../util/suggest.js';
import { segmentSentences } from '../corpus/segment.js';
import { Aligner, isEmpty, overlaps, partsOf, selectionOf, unionSelection, type Selection } from './bilingual.js';
import { nameIndex } from './anchors.js';
import { checkPinned } from './pinned-text.js';
import { convertStrings, traditionalToSimplified } from './chinese-script.js';
import { LABELS, ellipsisFor, formatDate, formatParagraphs, formatPassages, formatSentences, type Labels } from '../model/labels.js';
import { shortTitle, type CitableSource } from '../cite/items.js';
import type { CiteRequest, Locator } from '../cite/formatter.js';
import type { CitationStyle } from '../cite/styles.js';

/** A cited release: its citation data (src/cite) and what templates print of it. The id is
 * a link target and CSL key only: templates never print it. */
export interface SourceRef extends CitableSource {
  lang: ReleaseLang;
  date: string | null;
  dateText: string;
  translationOf: string | null;
}

export interface ResolvedExcerpt {
  release: SourceRef;
  lang: ReleaseLang;
  /** The text shown, paragraph by paragraph (whole paragraphs, chosen sentences or a quote). */
  paragraphs: { n: number; text: string }[];
  /** `¶2–3`, `¶2, sentences 1–2`, `第2段` …: the short locator a template may show. */
  locator: string;
  /** What `{{cite this}}` formats into a note (src/cite: full, short or ibid by position). */
  cite: CiteRequest;
  /** Editor comment (Markdown), or ''. */
  comment: string;
  /** The excerpt's first sentence, with an ellipsis when the excerpt is longer. */
  lead: string;
  /** The excerpt cut to its first sentence (what a page-limited template shows when it must
   * cut: src/template/fit.ts), or null when it is one sentence already. */
  short: ShortExcerpt | null;
  /** True once a page-limited template has cut it to `short` (paragraphs, locator and cite
   * are then the short ones). */
  shortened: boolean;
  /** Chinese beside English, when the release has a linked translation (or original). */
  pair: ExcerptPair | null;
  /** True when this excerpt's text is already shown in the pair of an earlier excerpt (it
   * quotes the original of a translation quoted there, or the other way round): a
   * bilingual template shows only its comment. */
  pairedAbove: boolean;
  /** Where the spec chose this excerpt (the preview shows it; `pin` writes its hash there). */
  chosenBy: { file: string; path: SpecPath; start: Point };
  /** The release paragraphs quoted, with their hashes and the sentence numbers shown. */
  quoted: QuotedParagraph[];
  /** The spec's `priority` (default normal): what a page-limited template cuts first. */
  priority: Priority;
  /** The section it stands in, and its number there (1-based), for messages. */
  section: { id: string; heading: string };
  number: number;
}

export interface ShortExcerpt {
  paragraphs: { n: number; text: string }[];
  locator: string;
  cite: CiteRequest;
}

export interface QuotedParagraph {
  n: number;
  hash: string;
  sentences: number[];
}

/** One side of a bilingual pair. */
export interface PairSide {
  release: SourceRef;
  lang: ReleaseLang;
  locator: string;
  cite: CiteRequest;
}

export interface ExcerptPair {
  zh: PairSide;
  en: PairSide;
  /** Aligned rows: the Chinese paragraph(s) or sentence(s) and the English that translates
   * them. Each item of a side is one paragraph (or the sentences shown of one paragraph). */
  rows: { zh: string[]; en: string[] }[];
  /** `paragraphs`: each row is a whole aligned group of paragraphs; `sentences`: rows are
   * aligned sentences; `given`: the spec's `translation:` chose the other side. */
  grain: 'paragraphs' | 'sentences' | 'given';
}

export interface ResolvedFact {
  id: string;
  type: string;
  label: string;
  value: string;
  lang: ReleaseLang;
  release: SourceRef;
  /** `¶2`, `第2段`, `headline` …: where the evidence stands. */
  locator: string;
  cite: CiteRequest;
  /** The spec's `priority` (default normal): what a page-limited template leaves out first. */
  priority: Priority;
  /** The section it stands in, and where the spec selects it. */
  section: { id: string; heading: string };
  chosenBy: { file: string; path: SpecPath; start: Point };
}

export interface ResolvedTerm {
  zh: string;
  en: string;
  kind: string;
}

export interface ResolvedSection {
  id: string;
  heading: string;
  /** Markdown, or ''. */
  text: string;
  excerpts: ResolvedExcerpt[];
  facts: ResolvedFact[];
  /** Glossary terms found in the brief's excerpts (`glossary: auto`), else []. */
  glossary: ResolvedTerm[];
  /** Markdown, or ''. */
  notes: string;
  /** Whether the section shows anything besides its facts. */
  hasBody: boolean;
  /** Where the section stands in the spec (for messages about it). */
  chosenBy: { file: string; path: SpecPath; start: Point };
}

export interface ResolvedBrief {
  meta: {
    title: string;
    subtitle: string;
    date: string;
    dateText: string;
    classification: string;
    author: string;
    organisation: string;
    audience: string;
    labels: 'en' | 'zh';
    /** The Chinese script of the brief (`script:` without its region). */
    script: 'zh-Hant' | 'zh-Hans';
    /** The region of `script:` (`HK` of `zh-Hant-HK`), or null: for the outputs' language tags. */
    region: string | null;
    paper: BriefSpec['paper'];
    template: string;
    formats: BriefSpec['formats'];
    embedFonts: boolean;
    /** The spec's typeface, if it names one (else the template's decides). */
    typeface: BriefSpec['typeface'];
    docxTocPageNumbers: boolean;
    /** The spec's `citation_style`, or null (the template's, else the labels' default). */
    citationStyle: CitationStyle | null;
    /** Language of editor-written text (summary, section text): the label language. */
    editorLang: 'en' | 'zh-Hant' | 'zh-Hans';
  };
  labels: Labels;
  /** Markdown, or ''. */
  summary: string;
  sections: ResolvedSection[];
  /** Every fact of the brief, once, in section order. */
  facts: ResolvedFact[];
  /** Every excerpt of the brief, in section order (for one-pagers). */
  excerpts: ResolvedExcerpt[];
  /** Every release the brief cites, in order of first citation. */
  sources: SourceRef[];
  /** `sources` plus the releases a bilingual template shows beside them. */
  allSources: SourceRef[];
  /** The whole glossary in the brief's script, for the `term` helper. */
  glossary: ResolvedTerm[];
}

export interface ResolveResult {
  brief?: ResolvedBrief;
  diagnostics: Diagnostic[];
  /** Releases the brief depends on (for cache keys and watch mode). */
  releaseIds: string[];
}

export function resolveBrief(loaded: LoadedBrief, corpus: Corpus): ResolveResult {
  // A spec with errors is still resolved as far as it goes (its valid sections, default
  // settings), so that one run reports every problem; its result is never rendered.
  const spec = loaded.spec ?? fallbackSpec(loaded);
  const result = new Resolver(loaded, spec, corpus).run();
  return loaded.spec ? result : { diagnostics: result.diagnostics, releaseIds: result.releaseIds };
}

function fallbackSpec(loaded: LoadedBrief): BriefSpec {
  const raw = toPlain(loaded.main.source) as Record<string, unknown> | null;
  const pick = <T extends string>(key: string, options: readonly T[], fallback: T): T =>
    options.includes(raw?.[key] as T) ? (raw?.[key] as T) : fallback;
  return {
    title: '',
    subtitle: '',
    date: '1970-01-01',
    classification: '',
    author: '',
    organisation: '',
    audience: '',
    labels: pick('labels', ['en', 'zh'] as const, 'en'),
    script: pick('script', SCRIPT_TAGS, 'zh-Hant'),
    template: 'standard',
    paper: 'A4',
    formats: ['pdf', 'docx'],
    embed_fonts: true,
    docx_toc_page_numbers: false,
    sections: [],
  };
}

class Resolver {
  private readonly diagnostics: Diagnostic[] = [];
  private readonly sources = new Map<string, SourceRef>();
  private readonly refs = new Map<string, SourceRef>();
  /** Releases shown only as the other language of a bilingual pair. */
  private readonly counterparts = new Map<string, SourceRef>();
  private readonly lang: 'en' | 'zh';
  private readonly labels: Labels;
  private readonly aligner: Aligner;

  constructor(
    private readonly loaded: LoadedBrief,
    private readonly spec: BriefSpec,
    private readonly corpus: Corpus,
  ) {
    this.lang = spec.labels;
    this.labels = LABELS[spec.labels];
    this.aligner = new Aligner(nameIndex(corpus.glossary.terms));
  }

  run(): ResolveResult {
    const { spec, loaded } = this;
    const main: SectionOrigin = { file: loaded.file, path: [], positionOf: loaded.main.positionOf };
    this.checkMarkdown(spec.summary, main, ['summary']);
    const usedIds = new Map<string, { origin: SectionOrigin; path: SpecPath }>();
    const drafts = loaded.sections.map(({ spec: section, origin }, si) => {
      const here = (...rest: (string | number)[]): SpecPath => [...origin.path, ...rest];
      let id = section.id ?? slug(section.heading, si);
      const clash = usedIds.get(id);
      if (clash && section.id) {
        this.report('BP212', `section id "${id}" is already used at ${clash.origin.file}:${clash.origin.positionOf(clash.path).line}`, origin, here('id'));
      }
      for (let n = 2; usedIds.has(id); n++) id = `${section.id ?? slug(section.heading, si)}-${n}`;
      usedIds.set(id, { origin, path: here('id') });
      this.checkMarkdown(section.text, origin, here('text'));
      this.checkMarkdown(section.notes, origin, here('notes'));
      const where = { id, heading: section.heading };
      const excerpts = (section.excerpts ?? []).flatMap((ex, ei) => this.excerpt(ex, origin, here('excerpts', ei), where, ei + 1) ?? []);
      return { id, section, origin, excerpts, where };
    });
    // Excerpts of an original and of its translation that overlap are one pair: shown once,
    // where the first of them stands.
    const merged = mergePairs(drafts.flatMap((d) => d.excerpts), this.aligner);
    const excerptsOf = drafts.map((d) => d.excerpts.map((x) => this.finish(x, merged)));
    // Facts by type and the glossary draw on every release the brief quotes, so they come
    // after all excerpts are resolved.
    const factsOf = this.allFacts(drafts.map((d) => ({ selectors: d.section.facts ?? [], origin: d.origin, where: d.where })));
    const sections: ResolvedSection[] = drafts.map((d, si) => {
      const excerpts = excerptsOf[si]!;
      const glossary = d.section.glossary === 'auto' ? this.glossary(excerptsOf.flat(), d.origin, [...d.origin.path, 'glossary']) : [];
      const text = d.section.text ?? '';
      const notes = d.section.notes ?? '';
      return {
        id: d.id,
        heading: d.section.heading,
        text,
        excerpts,
        facts: factsOf[si]!,
        glossary,
        notes,
        hasBody: Boolean(text || excerpts.length || glossary.length || notes),
        chosenBy: { file: d.origin.file, path: d.origin.path, start: d.origin.positionOf(d.origin.path) },
      };
    });

    const releaseIds = [...this.sources.keys()];
    if (this.diagnostics.some((d) => d.severity === 'error')) return { diagnostics: this.diagnostics, releaseIds };
    const { script, region } = splitScriptTag(spec.script);
    let brief: ResolvedBrief = {
      meta: {
        title: spec.title,
        subtitle: spec.subtitle,
        date: spec.date,
        dateText: formatDate(spec.date, this.lang),
        classification: spec.classification,
        author: spec.author,
        organisation: spec.organisation,
        audience: spec.audience,
        labels: this.lang,
        script,
        region,
        paper: spec.paper,
        template: spec.template,
        formats: spec.formats,
        embedFonts: spec.embed_fonts,
        typeface: spec.typeface,
        docxTocPageNumbers: spec.docx_toc_page_numbers,
        citationStyle: spec.citation_style ?? null,
        editorLang: this.lang === 'en' ? 'en' : script,
      },
      labels: this.labels,
      summary: spec.summary ?? '',
      sections,
      facts: sections.flatMap((s) => s.facts),
      excerpts: sections.flatMap((s) => s.excerpts),
      sources: [...this.sources.values()],
      allSources: [...new Map([...this.sources, ...this.counterparts]).values()],
      glossary: this.corpus.glossary.terms.map((t) => ({ zh: t['zh-Hant'], en: t.en ?? '', kind: t.kind })),
    };
    if (script === 'zh-Hans') {
      // Every string: text converted phrase by phrase, and language tags follow the script.
      brief = convertStrings(brief, (s) => (s === 'zh-Hant' ? 'zh-Hans' : traditionalToSimplified(s)));
    }
    return { diagnostics: this.diagnostics, releaseIds, brief };
  }

  private report(code: Parameters<typeof diagnostic>[0]['code'], message: string, origin: SectionOrigin, path: SpecPath, extra: { hint?: string; actual?: string; expected?: string } = {}): void {
    this.diagnostics.push(diagnostic({ code, message, file: origin.file, start: origin.positionOf(path), ...extra }));
  }

  /** Registers a release as cited by the brief (it appears in the sources list); the first
   * citation of a release without an issuer or a date is warned about where it stands. */
  private cite(release: Release, origin?: SectionOrigin, path?: SpecPath): SourceRef {
    const ref = this.refOf(release);
    if (!this.sources.has(release.id) && origin && path) {
      const missing = [!ref.issuer.zh && !ref.issuer.en ? 'issuer' : '', !release.date ? 'issued date' : ''].filter(Boolean);
      if (missing.length) {
        this.report('BP218', `cited release "${release.id}" has no ${missing.join(' and no ')}: its citations cannot name ${missing.length === 2 ? 'them' : 'it'}`, origin, path, {
          hint: `Add ${[!ref.issuer.zh && !ref.issuer.en ? '"issuer:"' : '', !release.date ? '"issued: YYYY-MM-DD"' : ''].filter(Boolean).join(' and ')} to ${release.file}.`,
        });
      }
    }
    this.sources.set(release.id, ref);
    return ref;
  }

  /** An issuer's names, the missing language taken from the glossary. */
  private issuerOf(release: Release): SourceRef['issuer'] {
    const named = release.issuer;
    if (!named) return { zh: null, en: null };
    const term = this.corpus.glossary.terms.find(
      (t) => t.kind === 'organisation' && (t['zh-Hant'] === named.zh || t['zh-Hans'] === named.zh || (named.en !== null && t.en === named.en)),
    );
    return { zh: named.zh ?? term?.['zh-Hant'] ?? null, en: named.en ?? term?.en ?? null };
  }

  /** The citation data of a release, without citing it (bilingual counterparts). */
  private refOf(release: Release): SourceRef {
    let ref = this.refs.get(release.id);
    if (!ref) {
      ref = {
        id: release.id,
        title: release.title,
        titleEn: release.titleEn,
        titleShort: release.titleShort ?? shortTitle(release.title, release.lang),
        issuer: this.issuerOf(release),
        issued: release.date,
        url: release.url,
        date: release.date,
        dateText: release.date ? formatDate(release.date, this.lang) : this.labels.undated,
        lang: release.lang,
        translationOf: release.translationOf,
      };
      this.refs.set(release.id, ref);
    }
    return ref;
  }

  private release(id: string, origin: SectionOrigin, path: SpecPath): Release | undefined {
    const release = this.corpus.releases.get(id);
    if (!release) {
      // A release file that claims the id but has errors: say so, not "did you mean" the same id.
      const owner = this.corpus.filesOf(id)[0];
      if (owner) {
        this.report('BP206', `release "${id}" cannot be used: ${owner} has errors (reported there)`, origin, path, { hint: `Fix the errors in ${owner} (briefpack check lists them).`, actual: id });
        return undefined;
      }
      const guess = closest(id, this.corpus.releases.keys());
      this.report('BP206', `no release with id "${id}"`, origin, path, { hint: guess ? `Did you mean "${guess}"?` : undefined, actual: id });
    }
    return release;
  }

  private excerpt(ex: ExcerptSpec, origin: SectionOrigin, at: SpecPath, section: { id: string; heading: string }, number: number): ExcerptDraft | undefined {
    const release = this.release(ex.release, origin, [...at, 'release']);
    if (!release) return undefined;
    this.checkMarkdown(ex.comment, origin, [...at, 'comment']);
    const count = release.paragraphs.length;
    const paragraphHint = `Release "${release.id}" has ${count} paragraph${count === 1 ? '' : 's'} (numbered from 1, headline excluded).`;
    const paragraph = (n: number, path: SpecPath) => {
      const p = release.paragraphs[n - 1];
      if (!p) this.report('BP207', `release "${release.id}" has no paragraph ${n}`, origin, path, { hint: paragraphHint, actual: String(n) });
      else this.checkSuspect(release, n, origin, path);
      return p;
    };
    const checkHash = (pinned: string | string[] | undefined, ps: ReleaseParagraph[]) => {
      for (const p of checkPinned({ release: release.id, pinned, paragraphs: ps, lock: this.loaded.lock, brief: this.loaded.file })) {
        this.report('BP215', p.message, origin, p.index === undefined ? [...at, 'hash'] : [...at, 'hash', p.index], { hint: p.hint, expected: p.expected, actual: p.actual });
      }
    };
    let quoted: QuotedParagraph[] = [];
    let shown: { n: number; text: string }[] = [];
    let locator = '';
    let where: Locator = { kind: 'none' };
    const joiner = release.lang === 'en' ? ' ' : '';
    // A number or a list of numbers, each with the spec path to blame.
    const numbers = (value: number | number[], key: string): { n: number; path: SpecPath }[] =>
      typeof value === 'number' ? [{ n: value, path: [...at, key] }] : value.map((n, i) => ({ n, path: [...at, key, i] }));
    switch (ex.kind) {
      case 'paragraphs': {
        const found = numbers(ex.paragraphs, 'paragraphs').flatMap(({ n, path }) => paragraph(n, path) ?? []);
        checkHash(ex.hash, found);
        shown = found.map((p) => ({ n: p.n, text: p.text }));
        quoted = found.map((p) => ({ n: p.n, hash: p.hash, sentences: p.sentences.map((x) => x.n) }));
        locator = formatParagraphs(found.map((p) => p.n), this.lang);
        where = { kind: 'paragraphs', paragraphs: found.map((p) => p.n) };
        break;
      }
      case 'sentences': {
        const p = paragraph(ex.paragraph, [...at, 'paragraph']);
        if (!p) return undefined;
        checkHash(ex.hash, [p]);
        const chosen = numbers(ex.sentences, 'sentences').flatMap(({ n, path }) => {
          const s = p.sentences[n - 1];
          if (!s) {
            this.report('BP216', `paragraph ${p.n} of "${release.id}" has no sentence ${n}`, origin, path, {
              hint: `That paragraph has ${p.sentences.length} sentence${p.sentences.length === 1 ? '' : 's'}.`,
            });
          }
          return s ?? [];
        });
        shown = [{ n: p.n, text: chosen.map((s) => s.text).join(joiner) }];
        quoted = [{ n: p.n, hash: p.hash, sentences: chosen.map((x) => x.n) }];
        locator = formatSentences(p.n, chosen.map((s) => s.n), this.lang);
        where = { kind: 'sentences', paragraph: p.n, sentences: chosen.map((s) => s.n) };
        break;
      }
      case 'quote': {
        const matches = findQuote(release, { exact: ex.quote, ...(ex.prefix ? { prefix: ex.prefix } : {}), ...(ex.suffix ? { suffix: ex.suffix } : {}) });
        if (matches.length === 0) {
          const near = closestInRelease(ex.quote, release);
          this.report('BP213', `"${release.id}" does not contain the quote "${ex.quote}"`, origin, [...at, 'quote'], { hint: near ? `Closest match: "${near}".` : undefined, expected: ex.quote });
          return undefined;
        }
        if (matches.length > 1) {
          this.report('BP214', `the quote "${ex.quote}" occurs ${matches.length} times in "${release.id}" (${matches.map((m) => `¶${m.paragraph.n}`).join(', ')})`, origin, [...at, 'quote']);
          return undefined;
        }
        const m = matches[0]!;
        this.checkSuspect(release, m.paragraph.n, origin, [...at, 'quote']);
        checkHash(ex.hash, [m.paragraph]);
        // The sentences shown: those around the quote, or all of them with context: paragraph.
        const sentences = ex.context === 'paragraph' ? m.paragraph.sentences : m.sentences;
        quoted = [{ n: m.paragraph.n, hash: m.paragraph.hash, sentences: sentences.map((x) => x.n) }];
        const text = ex.context === 'paragraph' ? m.paragraph.text : ex.context === 'sentence' ? m.sentences.map((s) => s.text).join(joiner) : ex.quote;
        shown = [{ n: m.paragraph.n, text }];
        locator = ex.context === 'sentence' ? formatSentences(m.paragraph.n, m.sentences.map((s) => s.n), this.lang) : formatParagraphs([m.paragraph.n], this.lang);
        where = ex.context === 'sentence' ? { kind: 'sentences', paragraph: m.paragraph.n, sentences: m.sentences.map((s) => s.n) } : { kind: 'paragraphs', paragraphs: [m.paragraph.n] };
        break;
      }
    }
    if (!shown.length || shown.every((s) => !s.text)) return undefined;
    const ref = this.cite(release, origin, [...at, 'release']);
    const cite: CiteRequest = { source: release.id, locator: where };
    return {
      release,
      ref,
      lang: release.lang,
      paragraphs: shown,
      locator,
      cite,
      quoted,
      comment: ex.comment ?? '',
      chosenBy: { file: origin.file, path: at, start: origin.positionOf(at) },
      priority: ex.priority ?? 'normal',
      section,
      number,
      pairing: this.pairing(release, quoted, ex, origin, at),
    };
  }

  /** The excerpt as templates see it, its pair laid out (merged with others: mergePairs). */
  private finish(draft: ExcerptDraft, merged: MergedPairs): ResolvedExcerpt {
    const pairing = merged.pairings.get(draft) ?? draft.pairing;
    const pairedAbove = merged.into.has(draft);
    const short = this.shortForm(draft);
    return {
      release: draft.ref,
      lang: draft.lang,
      paragraphs: draft.paragraphs,
      lead: short ? short.paragraphs[0]!.text : draft.paragraphs.map((p) => p.text).join(draft.lang === 'en' ? ' ' : ''),
      short,
      shortened: false,
      pair: pairedAbove || !pairing ? null : this.pairOf(pairing),
      pairedAbove,
      locator: draft.locator,
      cite: draft.cite,
      comment: draft.comment,
      chosenBy: draft.chosenBy,
      quoted: draft.quoted,
      priority: draft.priority,
      section: draft.section,
      number: draft.number,
    };
  }

  /** The excerpt's first sentence with an ellipsis, and the locator of exactly that sentence;
   * null when the excerpt shows one sentence or less (a quote) already. */
  private shortForm(draft: ExcerptDraft): ShortExcerpt | null {
    const first = draft.quoted[0];
    const n = first?.sentences[0];
    if (!first || n === undefined) return null;
    const sentence = draft.release.paragraphs[first.n - 1]!.sentences[n - 1];
    const whole = draft.paragraphs.map((p) => p.text).join('');
    if (!sentence || [...sentence.text].length >= [...whole].length) return null;
    return {
      // Chinese: 。…… (GB/T 15834 §4.11); English: a sentence's period, then a spaced ellipsis (Chicago 13.53).
      paragraphs: [{ n: first.n, text: draft.lang === 'en' ? `${sentence.text} ${ellipsisFor('en')}` : `${sentence.text}${ellipsisFor(draft.lang)}` }],
      locator: formatSentences(first.n, [n], this.lang),
      cite: { source: draft.release.id, locator: { kind: 'sentences', paragraph: first.n, sentences: [n] } },
    };
  }

  /**
   * What stands beside an excerpt in the other language: the spec's `translation:` (release
   * and paragraphs as given), else the release's linked translation (or original), aligned
   * paragraph by paragraph and, inside the aligned groups, sentence by sentence (bilingual.ts).
   */
  private pairing(release: Release, quoted: QuotedParagraph[], ex: ExcerptSpec, origin: SectionOrigin, at: SpecPath): Pairing | null {
    const override = ex.translation;
    let other: Release | undefined;
    if (override?.release) {
      other = this.release(override.release, origin, [...at, 'translation', 'release']);
      if (other && (other.lang === 'en') === (release.lang === 'en')) {
        this.report('BP227', `translation: release "${other.id}" is in ${other.lang}, the same language as the excerpt's release "${release.id}"`, origin, [...at, 'translation', 'release'], {
          hint: `Name a release in ${release.lang === 'en' ? 'Chinese' : 'English'} (its original or its translation), or remove "translation:" to use the linked one.`,
          actual: other.id,
        });
        return null;
      }
    } else if (release.translationOf) other = this.corpus.releases.get(release.translationOf);
    else other = this.corpus.translationsOf(release.id)[0];
    if (!other || (other.lang === 'en') === (release.lang === 'en')) return null;
    const mineIsZh = release.lang !== 'en';
    if (override?.paragraphs !== undefined) {
      const list = typeof override.paragraphs === 'number' ? [override.paragraphs] : override.paragraphs;
      for (const [i, n] of list.entries()) {
        if (!other.paragraphs[n - 1]) {
          this.report('BP207', `release "${other.id}" has no paragraph ${n}`, origin, [...at, 'translation', 'paragraphs', ...(typeof override.paragraphs === 'number' ? [] : [i])], {
            hint: `Release "${other.id}" has ${other.paragraphs.length} paragraphs.`,
          });
          return null;
        }
      }
      const mine = selectionOf(quoted);
      const theirs = selectionOf(list.map((n) => ({ n, sentences: other.paragraphs[n - 1]!.sentences.map((x) => x.n) })));
      return { kind: 'given', zh: mineIsZh ? release : other, en: mineIsZh ? other : release, zhChosen: mineIsZh ? mine : theirs, enChosen: mineIsZh ? theirs : mine };
    }
    const mine = selectionOf(quoted);
    return { kind: 'aligned', zh: mineIsZh ? release : other, en: mineIsZh ? other : release, zhChosen: mineIsZh ? mine : new Map(), enChosen: mineIsZh ? new Map() : mine };
  }

  private pairOf(pairing: Pairing): ExcerptPair | null {
    const layout = pairing.kind === 'aligned' ? this.aligner.layout(pairing.zh, pairing.en, pairing.zhChosen, pairing.enChosen) : givenLayout(pairing);
    if (isEmpty(layout.zhShown) || isEmpty(layout.enShown)) return null;
    const side = (release: Release, shown: Selection): PairSide => {
      const parts = partsOf(release, shown);
      const ref = this.sources.get(release.id) ?? this.refOf(release);
      if (!this.sources.has(release.id)) this.counterparts.set(release.id, ref);
      return { release: ref, lang: release.lang, locator: formatPassages(parts, this.lang), cite: { source: release.id, locator: locatorOfParts(parts) } };
    };
    return { zh: side(pairing.zh, layout.zhShown), en: side(pairing.en, layout.enShown), rows: layout.rows, grain: pairing.kind === 'given' ? 'given' : layout.grain };
  }

  private checkSuspect(release: Release, n: number, origin: SectionOrigin, path: SpecPath): void {
    const suspect = release.suspects.find((s) => s.paragraph === n && s.kind !== 'simplified-only');
    if (suspect) {
      this.report('BP210', `paragraph ${n} of "${release.id}" contains suspect text "${suspect.snippet}" (${release.file}:${suspect.line}:${suspect.column})`, origin, path, {
        actual: suspect.snippet,
      });
    }
  }

  /**
   * The facts of every section, each fact once in the document: a fact selected by id stands
   * where that selection is (the first, if selected twice); `{type: …}` adds the facts of its
   * type not selected anywhere else. Every fact kept out this way is an info (BP223).
   */
  private allFacts(sections: { selectors: FactSelector[]; origin: SectionOrigin; where: { id: string; heading: string } }[]): ResolvedFact[][] {
    type Claim = { si: number; fi: number; heading: string; at: string };
    const claims = new Map<string, Claim>();
    const explicit = sections.map(({ selectors, origin, where }, si) =>
      selectors.map((selector, fi) => {
        if (typeof selector !== 'string' && 'type' in selector) return undefined;
        const id = typeof selector === 'string' ? selector : selector.fact;
        const at: SpecPath = typeof selector === 'string' ? [...origin.path, 'facts', fi] : [...origin.path, 'facts', fi, 'fact'];
        const found = this.factById(id, origin, at);
        if (!found) return undefined;
        const key = `${found.release.id}/${found.fact.id}`;
        const first = claims.get(key);
        if (first) {
          this.report('BP223', `fact "${key}" is already selected in section "${first.heading}" (${first.at}): it is shown there only`, origin, at, {
            hint: 'Each fact is shown once per brief. Remove one of the two selections.',
          });
          return undefined;
        }
        claims.set(key, { si, fi, heading: where.heading, at: `${origin.file}:${origin.positionOf(at).line}` });
        return found;
      }),
    );
    return sections.map(({ selectors, origin, where }, si) =>
      selectors.flatMap((selector, fi) => {
        const priority = typeof selector === 'string' ? 'normal' : (selector.priority ?? 'normal');
        const at: SpecPath = [...origin.path, 'facts', fi];
        if (typeof selector === 'string' || 'fact' in selector) {
          const found = explicit[si]![fi];
          return found ? [this.fact(found.release, found.fact, origin, at, where, priority)] : [];
        }
        const out: ResolvedFact[] = [];
        const elsewhere: string[] = [];
        for (const id of [...this.sources.keys()]) {
          const release = this.corpus.releases.get(id)!;
          for (const fact of release.facts) {
            if (fact.type !== selector.type) continue;
            const key = `${release.id}/${fact.id}`;
            const first = claims.get(key);
            if (first) {
              elsewhere.push(`"${key}" (section "${first.heading}", ${first.at})`);
              continue;
            }
            claims.set(key, { si, fi, heading: where.heading, at: `${origin.file}:${origin.positionOf(at).line}` });
            out.push(this.fact(release, fact, origin, at, where, priority));
          }
        }
        if (elsewhere.length) {
          this.report('BP223', `{type: ${selector.type}} also matches ${elsewhere.length === 1 ? 'a fact' : `${elsewhere.length} facts`} selected elsewhere, shown there only: ${elsewhere.join(', ')}`, origin, at, {
            hint: 'Each fact is shown once per brief: where it is selected by id, else where its type is first selected.',
          });
        }
        return out;
      }),
    );
  }

  private factById(selector: string, origin: SectionOrigin, at: SpecPath): { release: Release; fact: Release['facts'][number] } | undefined {
    const [releaseId, factId] = selector.split('/') as [string, string];
    const release = this.release(releaseId, origin, at);
    if (!release) return undefined;
    const fact = release.facts.find((f) => f.id === factId);
    if (!fact) {
      const guess = closest(factId, release.facts.map((f) => f.id));
      this.report('BP208', `release "${release.id}" has no fact "${factId}"`, origin, at, {
        hint: guess ? `Did you mean "${releaseId}/${guess}"?` : `Its facts: ${release.facts.map((f) => f.id).join(', ') || 'none'}.`,
        actual: selector,
      });
      return undefined;
    }
    this.cite(release, origin, at);
    return { release, fact };
  }

  private fact(release: Release, fact: Release['facts'][number], origin: SectionOrigin, at: SpecPath, section: { id: string; heading: string }, priority: Priority): ResolvedFact {
    const ref = this.cite(release, origin, at);
    const locator = fact.paragraph === 0 ? this.labels.headline : formatParagraphs([fact.paragraph], this.lang);
    return {
      id: `${release.id}/${fact.id}`,
      type: fact.type,
      label: fact.label,
      value: fact.value,
      lang: release.lang,
      release: ref,
      locator,
      cite: { source: release.id, locator: fact.paragraph === 0 ? { kind: 'headline' } : { kind: 'paragraphs', paragraphs: [fact.paragraph] }, quote: fact.evidence },
      priority,
      section,
      chosenBy: { file: origin.file, path: at, start: origin.positionOf(at) },
    };
  }

  /** Glossary terms whose Chinese or English form occurs in the brief's excerpts or beside
   * them (the other side of a bilingual pair); none at all is a warning (BP226). */
  private glossary(excerpts: ResolvedExcerpt[], origin: SectionOrigin, at: SpecPath): ResolvedTerm[] {
    const text = excerpts
      .flatMap((e) => [...e.paragraphs.map((p) => p.text), ...(e.pair?.rows.flatMap((r) => [...r.zh, ...r.en]) ?? [])])
      .join('\n');
    const terms = this.corpus.glossary.terms
      .filter((t) => text.includes(t['zh-Hant']) || text.includes(t['zh-Hans']) || (t.en !== undefined && text.includes(t.en)))
      .map((t) => ({ zh: t['zh-Hant'], en: t.en ?? '', kind: t.kind }));
    if (!terms.length) {
      this.report('BP226', 'glossary: auto finds no glossary term in this brief\'s excerpts, so the section shows no glossary', origin, at, {
        hint: 'Add the names to releases/glossary.yaml, quote text that names them, or remove "glossary: auto".',
      });
    }
    return terms;
  }

  private checkMarkdown(source: string | undefined, origin: SectionOrigin, path: SpecPath): void {
    if (!source) return;
    const html = findRawHtml(source);
    if (html.length) {
      const tags = html.map((h) => h.snippet.slice(0, 40));
      this.report('BP217', `raw HTML in Markdown: ${tags.map((t) => `"${t}"`).join(', ')}`, origin, path, { actual: tags.join(' ') });
    }
    const links = findDisallowedLinks(source);
    if (links.length) {
      const shown = links.map((l) => JSON.stringify(l.slice(0, 60)));
      this.report('BP221', `link target ${shown.join(', ')} is not an http, https or mailto address: printed as text, not as a link`, origin, path, { actual: links.join(' ') });
    }
  }
}

function closestInRelease(needle: string, release: Release): string | undefined {
  return closestWindow(needle, release.paragraphs.map((p) => p.text), 0.5);
}

function slug(text: string, index: number): string {
  const s = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return s || `section-${index + 1}`;
}

/** An excerpt found and cited, before its pair is laid out and merged with others. */
interface ExcerptDraft {
  release: Release;
  ref: SourceRef;
  lang: ReleaseLang;
  paragraphs: { n: number; text: string }[];
  locator: string;
  cite: CiteRequest;
  quoted: QuotedParagraph[];
  comment: string;
  chosenBy: ResolvedExcerpt['chosenBy'];
  priority: Priority;
  section: { id: string; heading: string };
  number: number;
  pairing: Pairing | null;
}

/** A Chinese and an English release and what is chosen in each: `aligned` finds the other
 * side itself, `given` shows what the spec's `translation:` names. */
interface Pairing {
  kind: 'aligned' | 'given';
  zh: Release;
  en: Release;
  zhChosen: Selection;
  enChosen: Selection;
}

interface MergedPairs {
  /** The widened pairing of each excerpt others were merged into. */
  pairings: Map<ExcerptDraft, Pairing>;
  /** Excerpts shown in an earlier excerpt's pair. */
  into: Map<ExcerptDraft, ExcerptDraft>;
}

/**
 * Merges the pairs that would show the same text twice: an excerpt whose pair overlaps the
 * pair of an earlier one (same two releases, a sentence shown by both on either side) joins
 * it — both choices, laid out once — until no two pairs overlap.
 */
function mergePairs(drafts: readonly ExcerptDraft[], aligner: Aligner): MergedPairs {
  const pairings = new Map<ExcerptDraft, Pairing>();
  const into = new Map<ExcerptDraft, ExcerptDraft>();
  const current = (d: ExcerptDraft) => pairings.get(d) ?? d.pairing;
  const shownOf = (p: Pairing) => aligner.layout(p.zh, p.en, p.zhChosen, p.enChosen);
  for (let changed = true; changed; ) {
    changed = false;
    const open = drafts.filter((d) => !into.has(d) && current(d)?.kind === 'aligned');
    outer: for (let i = 1; i < open.length; i++) {
      const later = open[i]!;
      const b = current(later)!;
      const shownB = shownOf(b);
      for (let j = 0; j < i; j++) {
        const earlier = open[j]!;
        const a = current(earlier)!;
        if (a.zh.id !== b.zh.id || a.en.id !== b.en.id) continue;
        const shownA = shownOf(a);
        if (!overlaps(shownA.zhShown, shownB.zhShown) && !overlaps(shownA.enShown, shownB.enShown)) continue;
        pairings.set(earlier, { ...a, zhChosen: unionSelection(a.zhChosen, b.zhChosen), enChosen: unionSelection(a.enChosen, b.enChosen) });
        into.set(later, earlier);
        changed = true;
        break outer;
      }
    }
  }
  return { pairings, into };
}

/** The spec's `translation:`: one row, what the excerpt shows beside the paragraphs named. */
function givenLayout(p: Pairing): ReturnType<Aligner['layout']> {
  const texts = (release: Release, sel: Selection) =>
    [...sel.keys()].sort((a, b) => a - b).map((n) => {
      const chosen = sel.get(n)!;
      const para = release.paragraphs[n - 1]!;
      return para.sentences.filter((s) => chosen.has(s.n)).map((s) => s.text).join(release.lang === 'en' ? ' ' : '');
    });
  return { rows: [{ zh: texts(p.zh, p.zhChosen), en: texts(p.en, p.enChosen) }], zhShown: p.zhChosen, enShown: p.enChosen, grain: 'paragraphs' };
}

/** The citation locator of what a side shows. */
function locatorOfParts(parts: { paragraph: number; sentences: number[] | null }[]): Locator {
  if (parts.every((p) => p.sentences === null)) return { kind: 'paragraphs', paragraphs: parts.map((p) => p.paragraph) };
  if (parts.length === 1) return { kind: 'sentences', paragraph: parts[0]!.paragraph, sentences: parts[0]!.sentences! };
  return { kind: 'passages', parts };
}

export type { Point };
