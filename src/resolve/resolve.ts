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
import type { BriefSpec, ExcerptSpec, FactSelector } from '../brief/schema.js';
import { findDisallowedLinks, findRawHtml } from '../markup/markdown.js';
import { closest, closestWindow } from '../util/suggest.js';
import { segmentSentences } from '../corpus/segment.js';
import { alignParagraphs } from './align.js';
import { checkPinned } from './pinned-text.js';
import { convertStrings, traditionalToSimplified } from './chinese-script.js';
import { LABELS, ellipsisFor, formatDate, formatParagraphs, formatSentences, quoteStyleFor, quoteText, type Labels } from '../model/labels.js';
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
  /** The excerpt's text, shortened to its first sentence when it is longer (one-pagers). */
  lead: string;
  /** Chinese beside English, when the release has a linked translation (or original). */
  pair: ExcerptPair | null;
  /** Where the spec chose this excerpt (the preview shows it; `pin` writes its hash there). */
  chosenBy: { file: string; path: SpecPath; start: Point };
  /** The release paragraphs quoted, with their hashes and the sentence numbers shown. */
  quoted: QuotedParagraph[];
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
  /** Aligned rows: the Chinese paragraph(s) and the English paragraph(s) that translate them. */
  rows: { zh: string[]; en: string[] }[];
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
  /** Whether the section shows anything besides its facts (which templates may gather). */
  hasBody: boolean;
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
    script: BriefSpec['script'];
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
    editorLang: 'en' | BriefSpec['script'];
  };
  labels: Labels;
  /** Markdown, or ''. */
  summary: string;
  sections: ResolvedSection[];
  /** Every fact of the brief, in section order (for key-facts tables). */
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
  if (!loaded.spec) delete result.brief;
  return result;
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
    script: pick('script', ['zh-Hant', 'zh-Hans'] as const, 'zh-Hant'),
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

  constructor(
    private readonly loaded: LoadedBrief,
    private readonly spec: BriefSpec,
    private readonly corpus: Corpus,
  ) {
    this.lang = spec.labels;
    this.labels = LABELS[spec.labels];
  }

  run(): ResolveResult {
    const { spec, loaded } = this;
    const main: SectionOrigin = { file: loaded.file, path: [], positionOf: loaded.main.positionOf };
    this.checkMarkdown(spec.summary, main, ['summary']);
    const usedIds = new Map<string, { origin: SectionOrigin; path: SpecPath }>();
    const sections: ResolvedSection[] = loaded.sections.map(({ spec: section, origin }, si) => {
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
      const excerpts = (section.excerpts ?? []).flatMap((ex, ei) => this.excerpt(ex, origin, here('excerpts', ei)) ?? []);
      return { id, heading: section.heading, text: section.text ?? '', excerpts, facts: [], glossary: [], notes: section.notes ?? '', hasBody: false };
    });
    // Facts by type and the glossary draw on every release the brief quotes, so they come
    // after all excerpts are resolved.
    loaded.sections.forEach(({ spec: section, origin }, si) => {
      const target = sections[si]!;
      target.facts = (section.facts ?? []).flatMap((sel, fi) => this.facts(sel, origin, [...origin.path, 'facts', fi]));
      if (section.glossary === 'auto') target.glossary = this.glossary(sections);
      target.hasBody = Boolean(target.text || target.excerpts.length || target.glossary.length || target.notes);
    });

    const releaseIds = [...this.sources.keys()];
    if (this.diagnostics.some((d) => d.severity === 'error')) return { diagnostics: this.diagnostics, releaseIds };
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
        script: spec.script,
        paper: spec.paper,
        template: spec.template,
        formats: spec.formats,
        embedFonts: spec.embed_fonts,
        typeface: spec.typeface,
        docxTocPageNumbers: spec.docx_toc_page_numbers,
        citationStyle: spec.citation_style ?? null,
        editorLang: this.lang === 'en' ? 'en' : spec.script,
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
    if (spec.script === 'zh-Hans') {
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

  private excerpt(ex: ExcerptSpec, origin: SectionOrigin, at: SpecPath): ResolvedExcerpt | undefined {
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
    if ('paragraphs' in ex) {
      const list = typeof ex.paragraphs === 'number' ? [ex.paragraphs] : ex.paragraphs;
      const found = list.flatMap((n, i) => paragraph(n, typeof ex.paragraphs === 'number' ? [...at, 'paragraphs'] : [...at, 'paragraphs', i]) ?? []);
      checkHash(ex.hash, found);
      shown = found.map((p) => ({ n: p.n, text: p.text }));
      quoted = found.map((p) => ({ n: p.n, hash: p.hash, sentences: p.sentences.map((x) => x.n) }));
      locator = formatParagraphs(found.map((p) => p.n), this.lang);
      where = { kind: 'paragraphs', paragraphs: found.map((p) => p.n) };
    } else if ('sentences' in ex) {
      const p = paragraph(ex.paragraph, [...at, 'paragraph']);
      if (!p) return undefined;
      checkHash(ex.hash, [p]);
      const list = typeof ex.sentences === 'number' ? [ex.sentences] : ex.sentences;
      const chosen = list.flatMap((n, i) => {
        const s = p.sentences[n - 1];
        if (!s) {
          this.report('BP216', `paragraph ${p.n} of "${release.id}" has no sentence ${n}`, origin, typeof ex.sentences === 'number' ? [...at, 'sentences'] : [...at, 'sentences', i], {
            hint: `That paragraph has ${p.sentences.length} sentence${p.sentences.length === 1 ? '' : 's'}.`,
          });
        }
        return s ?? [];
      });
      shown = [{ n: p.n, text: chosen.map((s) => s.text).join(joiner) }];
      quoted = [{ n: p.n, hash: p.hash, sentences: chosen.map((x) => x.n) }];
      locator = formatSentences(p.n, chosen.map((s) => s.n), this.lang);
      where = { kind: 'sentences', paragraph: p.n, sentences: chosen.map((s) => s.n) };
    } else {
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
      quoted = [{ n: m.paragraph.n, hash: m.paragraph.hash, sentences: m.sentences.map((x) => x.n) }];
      const text = ex.context === 'paragraph' ? m.paragraph.text : ex.context === 'sentence' ? m.sentences.map((s) => s.text).join(joiner) : ex.quote;
      shown = [{ n: m.paragraph.n, text }];
      locator = ex.context === 'sentence' ? formatSentences(m.paragraph.n, m.sentences.map((s) => s.n), this.lang) : formatParagraphs([m.paragraph.n], this.lang);
      where = ex.context === 'sentence' ? { kind: 'sentences', paragraph: m.paragraph.n, sentences: m.sentences.map((s) => s.n) } : { kind: 'paragraphs', paragraphs: [m.paragraph.n] };
    }
    if (!shown.length || shown.every((s) => !s.text)) return undefined;
    const ref = this.cite(release, origin, [...at, 'release']);
    const cite: CiteRequest = { source: release.id, locator: where };
    const firstSentence = shownFirstSentence(release, shown);
    return {
      release: ref,
      lang: release.lang,
      paragraphs: shown,
      lead: firstSentence,
      pair: this.pair(release, shown, { release: ref, lang: release.lang, locator, cite }, ex, origin, at),
      locator,
      cite,
      comment: ex.comment ?? '',
      chosenBy: { file: origin.file, path: at, start: origin.positionOf(at) },
      quoted,
    };
  }

  /**
   * The other-language side of an excerpt: from the spec's `translation`, else the release's
   * linked translation (or original), paragraphs aligned by length (align.ts).
   */
  private pair(release: Release, shown: { n: number; text: string }[], own: PairSide, ex: ExcerptSpec, origin: SectionOrigin, at: SpecPath): ExcerptPair | null {
    const override = ex.translation;
    let other: Release | undefined;
    if (override?.release) other = this.release(override.release, origin, [...at, 'translation', 'release']);
    else if (release.translationOf) other = this.corpus.releases.get(release.translationOf);
    else other = this.corpus.translationsOf(release.id)[0];
    if (!other || (other.lang === 'en') === (release.lang === 'en')) return null;
    const rows: { mine: string[]; theirs: number[] }[] = [];
    if (override?.paragraphs !== undefined) {
      const list = typeof override.paragraphs === 'number' ? [override.paragraphs] : override.paragraphs;
      for (const [i, n] of list.entries()) {
        if (!other.paragraphs[n - 1]) {
          this.report('BP207', `release "${other.id}" has no paragraph ${n}`, origin, typeof override.paragraphs === 'number' ? [...at, 'translation', 'paragraphs'] : [...at, 'translation', 'paragraphs', i], {
            hint: `Release "${other.id}" has ${other.paragraphs.length} paragraphs.`,
          });
          return null;
        }
      }
      rows.push({ mine: shown.map((p) => p.text), theirs: list });
    } else {
      const groups = alignParagraphs(release.paragraphs.map((p) => p.text), other.paragraphs.map((p) => p.text));
      for (const g of groups) {
        const mine = shown.filter((p) => g.source.includes(p.n));
        if (mine.length) rows.push({ mine: mine.map((p) => p.text), theirs: g.target });
      }
    }
    const theirNumbers = [...new Set(rows.flatMap((r) => r.theirs))].sort((a, b) => a - b);
    if (!theirNumbers.length) return null;
    const ref = this.refOf(other);
    this.counterparts.set(other.id, ref);
    const locator = formatParagraphs(theirNumbers, this.lang);
    const theirs: PairSide = { release: ref, lang: other.lang, locator, cite: { source: other.id, locator: { kind: 'paragraphs', paragraphs: theirNumbers } } };
    const textOf = (ns: number[]) => ns.map((n) => other.paragraphs[n - 1]!.text);
    const mineIsZh = release.lang !== 'en';
    return {
      zh: mineIsZh ? own : theirs,
      en: mineIsZh ? theirs : own,
      rows: rows.map((r) => (mineIsZh ? { zh: r.mine, en: textOf(r.theirs) } : { zh: textOf(r.theirs), en: r.mine })),
    };
  }

  private checkSuspect(release: Release, n: number, origin: SectionOrigin, path: SpecPath): void {
    const suspect = release.suspects.find((s) => s.paragraph === n && s.kind !== 'simplified-only');
    if (suspect) {
      this.report('BP210', `paragraph ${n} of "${release.id}" contains suspect text "${suspect.snippet}" (${release.file}:${suspect.line}:${suspect.column})`, origin, path, {
        actual: suspect.snippet,
      });
    }
  }

  private facts(selector: FactSelector, origin: SectionOrigin, at: SpecPath): ResolvedFact[] {
    if (typeof selector !== 'string') {
      const out: ResolvedFact[] = [];
      for (const id of this.sources.keys()) {
        const release = this.corpus.releases.get(id)!;
        for (const fact of release.facts) if (fact.type === selector.type) out.push(this.fact(release, fact, origin, at));
      }
      return out;
    }
    const [releaseId, factId] = selector.split('/') as [string, string];
    const release = this.release(releaseId, origin, at);
    if (!release) return [];
    const fact = release.facts.find((f) => f.id === factId);
    if (!fact) {
      const guess = closest(factId, release.facts.map((f) => f.id));
      this.report('BP208', `release "${release.id}" has no fact "${factId}"`, origin, at, {
        hint: guess ? `Did you mean "${releaseId}/${guess}"?` : `Its facts: ${release.facts.map((f) => f.id).join(', ') || 'none'}.`,
        actual: selector,
      });
      return [];
    }
    return [this.fact(release, fact, origin, at)];
  }

  private fact(release: Release, fact: Release['facts'][number], origin: SectionOrigin, at: SpecPath): ResolvedFact {
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
    };
  }

  /** Glossary terms whose Chinese or English form occurs in the brief's excerpts. */
  private glossary(sections: ResolvedSection[]): ResolvedTerm[] {
    const text = sections.flatMap((s) => s.excerpts.flatMap((e) => e.paragraphs.map((p) => p.text))).join('\n');
    return this.corpus.glossary.terms
      .filter((t) => text.includes(t['zh-Hant']) || text.includes(t['zh-Hans']) || (t.en !== undefined && text.includes(t.en)))
      .map((t) => ({ zh: t['zh-Hant'], en: t.en ?? '', kind: t.kind }));
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

/** The first sentence of what an excerpt shows, with an ellipsis when there is more. */
function shownFirstSentence(release: Release, shown: { n: number; text: string }[]): string {
  const first = shown[0];
  if (!first) return '';
  const sentences = segmentSentences(first.text, release.lang);
  const lead = sentences[0]?.text ?? first.text;
  return lead.length < shown.map((p) => p.text).join('').length ? `${lead}${ellipsisFor(release.lang)}` : lead;
}

/** A release's headline and paragraphs, to see which quotation marks it uses. */
function releaseText(release: Release): string {
  return [release.headline ?? '', ...release.paragraphs.map((p) => p.text)].join('\n');
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

export type { Point };
