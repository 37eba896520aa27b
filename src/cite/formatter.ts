/**
 * Notes and the source list of one document, formatted by citeproc-js with a CSL style.
 *
 * A formatter is made per document and given its notes in document order; it says what each
 * note reads once the document has given them all (`noteTexts`), because a note's form depends
 * on every source the document cites: a short note that would read the same as another
 * source's gets the style's longer form (the date, the full title), in every note of that
 * source, also in those before the other source is first cited. The engine works out each
 * note's position (first, subsequent, ibid., ibid. with locator), so the first note of a
 * source is the style's full form and later ones its short form, ibid. where the style uses
 * it. The same formatter gives the source list, in the style's order.
 *
 * Locators are paragraphs or sentences of a release. Chicago has words for a paragraph
 * locator (`para. 2`, `paras. 2–3`), so it gets the numbers and the `paragraph` label, with
 * sentences as a suffix; GB/T 7714's note style prints only page locators, as bare numbers,
 * so it gets the Chinese words (`第2段`) as the locator text. Where a style prints no locator
 * at all (GB/T's first note of an online document), the locator follows the entry after the
 * style's own locator delimiter (`: `), so that every first note still says where the text
 * is (a later one may drop it by the style's rule: ibid. means the same place).
 */
import CSL, { type CitationItem, type Engine } from 'citeproc';
import { cslItem, type CitableSource, type CslItem } from './items.js';
import { loadLocale, loadStyle, type CitationStyle } from './styles.js';

/** Where in a release a citation points. */
export type Locator =
  | { kind: 'paragraphs'; paragraphs: number[] }
  | { kind: 'sentences'; paragraph: number; sentences: number[] }
  /** Several paragraphs, each whole (`sentences: null`) or by chosen sentences. */
  | { kind: 'passages'; parts: { paragraph: number; sentences: number[] | null }[] }
  | { kind: 'headline' }
  | { kind: 'none' };

/** One citation of one release, as an excerpt or fact asks for it. */
export interface CiteRequest {
  /** Release id (the CSL item id; never printed). */
  source: string;
  locator: Locator;
  /** Evidence quoted after the locator (facts), or absent. */
  quote?: string;
}

export interface CitationFormatter {
  readonly style: CitationStyle;
  /** Takes the document's next note; returns its number (1, 2, 3…). */
  note(request: CiteRequest): number;
  /** What each note taken so far reads, in order, in the style's form for its position. A
   * note's text is fixed when it is first asked for (here, or by a source list): ask once the
   * document has given every note. */
  noteTexts(): string[];
  /** The source list: one entry per source (all, or those given), in the style's order,
   * without list numbers (the list numbers itself). Of every source before any note; after
   * notes, of the sources cited. */
  bibliography(only?: readonly string[]): string[];
}

export interface FormatterOptions {
  style: CitationStyle;
  /** The brief's label language (issuer names, locator words). */
  labels: 'en' | 'zh';
  /** Script of the brief's Chinese text, for the words we write ourselves (標題 / 标题). */
  script?: 'zh-Hant' | 'zh-Hans';
  /** Every source the document may cite, in order of first citation. */
  sources: readonly CitableSource[];
  /** Who works out the notes: `ours` (the default: the sources the document cites registered
   * at once, then each note rendered once, its position from NotePositions) or `citeproc`,
   * processCitationCluster note by note, each note's text the last one citeproc gave it (it
   * gives again the earlier notes a new one changes, as a word processor shows them). It
   * costs quadratically in the number of notes; the tests check that both give the same. */
  positions?: 'ours' | 'citeproc';
  /** Reuse the notes an earlier document with the same sources got for the same calls
   * (default true; see `replaying`). */
  reuse?: boolean;
}

/** Styles whose locator text we write in words (the style has none for paragraphs), given
 * as a `page` locator: the one kind every style prints bare. Chinese labels always do. */
const OWN_LOCATOR_WORDS: ReadonlySet<CitationStyle> = new Set(['china-national-standard-gb-t-7714-2015-note']);

/** A compiled engine per style and label language: building one compiles the style (tens of
 * milliseconds), so documents share it; each document resets its state and items. */
interface SharedEngine {
  engine: Engine;
  items: Map<string, CslItem>;
}
const engines = new Map<string, SharedEngine>();

function engineFor(style: CitationStyle, labels: 'en' | 'zh'): SharedEngine {
  const key = `${style}\0${labels}`;
  let shared = engines.get(key);
  if (!shared) {
    const csl = loadStyle(style);
    const items = new Map<string, CslItem>();
    const lang = csl.attrs['default-locale'] ?? (labels === 'en' ? 'en-US' : 'zh-TW');
    const engine = new CSL.Engine({ retrieveLocale: loadLocale, retrieveItem: (id) => items.get(id) }, csl, lang);
    // Plain text, and URLs as they are (no markup around them).
    engine.setOutputFormat('text');
    engine.opt.development_extensions.wrap_url_and_doi = false;
    shared = { engine, items };
    engines.set(key, shared);
  }
  return shared;
}

export function createCitationFormatter(options: FormatterOptions): CitationFormatter {
  if (options.reuse === false || options.positions === 'citeproc') return engineFormatter(options);
  return replaying(options);
}

/** One call a document made of its formatter: a note's request or a source list's argument
 * (as JSON; '' for a list of every source), with a source list's answer. */
type Call = { note: string } | { bibliography: string; entries: string[] };

/** A document's calls, and its note texts when they were last asked for (after `textsAt` calls). */
interface Transcript {
  calls: Call[];
  texts?: string[];
  textsAt?: number;
}

/** The calls of the last document made with each set of sources, style and labels. */
const transcripts = new Map<string, Transcript>();
const MAX_TRANSCRIPTS = 16;

/**
 * A formatter that answers from the last document with the same style, labels and sources
 * (the same CSL items, so the same release metadata) while this document asks what that one
 * asked, in the same order, and hands over to the engine at the first answer it cannot take
 * from it (a source list after other calls; the notes of other calls), replaying the calls so
 * far into it first.
 *
 * Why: citeproc-js is most of building a brief's model (40 of 60 ms for the 3-page sample,
 * warm), and watch mode rebuilds the same brief on every save with the same citations. A
 * source list depends only on the calls before it, and the note texts on all the calls, so
 * the same calls get the same answers; test/cite/positions.test.ts checks against a fresh
 * engine.
 */
function replaying(options: FormatterOptions): CitationFormatter {
  const labels = options.labels;
  const cslItems = options.sources.map((s) => cslItem(s, { labels }));
  const key = JSON.stringify([options.style, labels, options.script ?? null, cslItems]);
  const sourceIds = new Set(options.sources.map((s) => s.id));
  const earlier = transcripts.get(key);
  const mine: Transcript = { calls: [] };
  const calls = mine.calls;
  let engine: CitationFormatter | undefined;
  const remember = () => {
    transcripts.delete(key);
    transcripts.set(key, mine);
    if (transcripts.size > MAX_TRANSCRIPTS) transcripts.delete(transcripts.keys().next().value!);
  };
  if (!earlier) remember();
  /** Still the earlier document's calls, so far. */
  let same = earlier !== undefined;
  const live = (): CitationFormatter => {
    if (!engine) {
      engine = engineFormatter(options, cslItems);
      for (const c of calls) {
        if ('note' in c) engine.note(JSON.parse(c.note) as CiteRequest);
        else engine.bibliography(c.bibliography === '' ? undefined : (JSON.parse(c.bibliography) as string[]));
      }
      // This document's calls are now the ones to answer from.
      if (earlier) remember();
    }
    return engine;
  };
  const notes = () => calls.filter((c) => 'note' in c).length;
  return {
    style: options.style,
    note(request) {
      if (!sourceIds.has(request.source)) throw new Error(`cite: "${request.source}" is not among the document's sources`);
      const asked = JSON.stringify(request);
      const known = same ? earlier!.calls[calls.length] : undefined;
      if (!(known && 'note' in known && known.note === asked)) same = false;
      engine?.note(request);
      calls.push({ note: asked });
      return notes();
    },
    noteTexts() {
      const texts = (same && earlier!.textsAt === calls.length ? earlier!.texts : undefined) ?? live().noteTexts();
      mine.texts = texts;
      mine.textsAt = calls.length;
      return [...texts];
    },
    bibliography(only) {
      const asked = only === undefined ? '' : JSON.stringify(only);
      const known = same ? earlier!.calls[calls.length] : undefined;
      if (!(known && 'bibliography' in known && known.bibliography === asked)) same = false;
      const entries = same && known && 'bibliography' in known ? known.entries : live().bibliography(only);
      calls.push({ bibliography: asked, entries });
      return [...entries];
    },
  };
}

/** A formatter on the shared engine for the style and labels, reset for this document;
 * `cslItems`: the sources' CSL items, when the caller has made them already. */
function engineFormatter(options: FormatterOptions, cslItems?: readonly CslItem[]): CitationFormatter {
  const { engine, items } = engineFor(options.style, options.labels);
  // A fresh document: no citations yet, and this document's items (re-read, since a
  // release may have changed since the last document, as in watch mode).
  engine.restoreProcessorState([]);
  engine.updateItems([]);
  items.clear();
  options.sources.forEach((s, i) => items.set(s.id, cslItems?.[i] ?? cslItem(s, { labels: options.labels })));
  const ownWords = OWN_LOCATOR_WORDS.has(options.style) || options.labels === 'zh';
  const headline = !ownWords ? 'headline' : options.script === 'zh-Hans' ? '标题' : '標題';
  const requests: CiteRequest[] = [];
  /** The texts of the first notes, fixed. */
  const texts: string[] = [];
  /** The sources cited, in order of first citation. */
  const cited = new Set<string>();
  /** The ids the registry holds, in order, joined. */
  let registered = '';
  /** Registers exactly these sources, in this order: disambiguation is among them, and the
   * source list's repeated-author dashes refer to the entry before. */
  const register = (ids: string[]) => {
    const k = ids.join('\0');
    if (k === registered) return;
    engine.updateItems(ids);
    // The items an update marks as changed are taken as seen, as processCitationCluster
    // does once it has re-rendered their citations.
    engine.tmp.taintedItemIDs = {};
    registered = k;
  };
  const request = (r: CiteRequest) => {
    if (!items.has(r.source)) throw new Error(`cite: "${r.source}" is not among the document's sources`);
    const fields = locatorFields(r.locator, ownWords, headline);
    // Sentences and a fact's quoted evidence have no CSL variable: they are the item's
    // suffix, which the style punctuates (Ibid., sentences 1–2 / para. 1: “…”).
    const suffix = `${fields.after ?? ''}${r.quote ? `: “${r.quote}”` : ''}`;
    const item: CitationItem = { id: r.source, ...(fields.locator ? { locator: fields.locator, label: fields.label } : {}), ...(suffix ? { suffix } : {}) };
    return { item, locator: fields.locator, suffix };
  };
  /** A note as the engine gave it, finished: a locator the style dropped from a first note
   * goes where the locator would stand (before the suffix, else before the final period). */
  const finished = (text: string, first: boolean, locator: string | undefined, suffix: string) => {
    if (first && locator && !text.includes(locator)) {
      const at = suffix ? text.lastIndexOf(suffix.slice(0, 3)) : -1;
      const end = at >= 0 ? at : /\.$/.test(text) ? text.length - 1 : text.length;
      text = `${text.slice(0, end)}: ${locator}${text.slice(end)}`;
    }
    return latinMarksOutsideChineseQuotes(text);
  };

  if (options.positions === 'citeproc') return citeprocNotes(engine, items, register, request, finished, options.style);

  const positions = new NotePositions(nearNoteDistance(engine));
  const rendered = new Set<string>();
  /** Fixes the texts of the notes not yet fixed, disambiguated among every source cited so far. */
  const render = () => {
    if (texts.length === requests.length) return;
    register([...cited]);
    for (const r of requests.slice(texts.length)) {
      const { item, locator, suffix } = request(r);
      const text = engine.makeCitationCluster([{ ...item, ...positions.next(item) }]);
      texts.push(finished(text, !rendered.has(r.source), locator, suffix));
      rendered.add(r.source);
    }
  };
  return {
    style: options.style,
    note(r) {
      request(r);
      requests.push(r);
      cited.add(r.source);
      return requests.length;
    },
    noteTexts() {
      render();
      return [...texts];
    },
    bibliography(only) {
      render();
      register(cited.size ? [...cited] : [...items.keys()]);
      return sourceList(engine, only);
    },
  };
}

/**
 * The reference the tests hold ours to: processCitationCluster for each note as it comes
 * (citeproc registers the sources as they are cited and works out positions itself), each
 * note's text the last one citeproc gave it.
 */
function citeprocNotes(
  engine: Engine,
  items: Map<string, CslItem>,
  register: (ids: string[]) => void,
  request: (r: CiteRequest) => { item: CitationItem; locator: string | undefined; suffix: string },
  finished: (text: string, first: boolean, locator: string | undefined, suffix: string) => string,
  style: CitationStyle,
): CitationFormatter {
  const made: { text: string; first: boolean; locator: string | undefined; suffix: string }[] = [];
  const cited = new Set<string>();
  return {
    style,
    note(r) {
      const { item, locator, suffix } = request(r);
      made.push({ text: '', first: !cited.has(r.source), locator, suffix });
      cited.add(r.source);
      for (const [index, text] of engine.appendCitationCluster({ citationItems: [item], properties: { noteIndex: made.length } })) made[index]!.text = text;
      return made.length;
    },
    noteTexts: () => made.map((m) => finished(m.text, m.first, m.locator, m.suffix)),
    bibliography(only) {
      if (!cited.size) register([...items.keys()]);
      const entries = sourceList(engine, only);
      if (!cited.size) register([]);
      return entries;
    },
  };
}

/** The registry's source list (all, or the entries of the ids given), without list numbers. */
function sourceList(engine: Engine, only: readonly string[] | undefined): string[] {
  const made = engine.makeBibliography();
  if (!made) return [];
  const keep = only ? new Set(only) : undefined;
  return made[1]
    .filter((_, i) => !keep || made[0].entry_ids[i]!.some((id) => keep.has(id)))
    .map((entry) => latinMarksOutsideChineseQuotes(entry.trim().replace(/^\[\d+\]\s*/, '')));
}

/** What CSL's position conditions test, for one item in a note of its own. */
type PositionFields = Pick<CitationItem, 'position' | 'near-note' | 'first-reference-note-number'>;

function nearNoteDistance(engine: Engine): number {
  const n = Number(engine.citation.opt['near-note-distance']);
  return Number.isFinite(n) ? n : 5;
}

/**
 * The position of each note's citation, as citeproc-js's processCitationCluster works it out
 * for a document whose notes each cite one item, numbered 1, 2, 3…: first; ibid. when the
 * previous note cites the same item (with locator when the locators differ or only this one
 * has one; subsequent when only the previous one has one); otherwise subsequent; near-note
 * within the style's near-note-distance of the item's last note.
 *
 * Why not processCitationCluster itself: it re-checks every earlier citation of the
 * document on each call, so a brief's notes cost quadratically (issue 17: 60 % of building a
 * 10-page brief's model). Each note is rendered once here, with makeCitationCluster, which
 * uses the same registry (disambiguation) and the same rendering. test/cite checks the notes
 * of every style against processCitationCluster's.
 */
export class NotePositions {
  private noteIndex = 0;
  private previous: { id: string; locator: string | undefined } | undefined;
  private readonly firstNote = new Map<string, number>();
  private readonly lastNote = new Map<string, number>();

  constructor(private readonly nearNoteDistance = 5) {}

  next(item: Pick<CitationItem, 'id' | 'locator' | 'label'>): PositionFields {
    const note = ++this.noteIndex;
    // citeproc compares locator and label together (a locator with no label is "locator").
    const locator = item.locator ? `${item.locator}${item.label ?? ''}` : undefined;
    const previous = this.previous;
    this.previous = { id: item.id, locator };
    const first = this.firstNote.get(item.id);
    const last = this.lastNote.get(item.id);
    this.lastNote.set(item.id, note);
    if (first === undefined) {
      this.firstNote.set(item.id, note);
      return { position: 0 };
    }
    let position: 1 | 2 | 3 = 1;
    if (previous?.id === item.id) {
      if (!previous.locator) position = locator ? 3 : 2;
      else if (locator) position = locator === previous.locator ? 2 : 3;
    }
    return { position, 'first-reference-note-number': first, ...(note - last! <= this.nearNoteDistance ? { 'near-note': true } : {}) };
  }
}

/** A comma or period before a closing quote, where the quoted text ends in Chinese: its last
 * Han character followed by no Latin word (digits, dashes, an ellipsis that cut a short title
 * may follow; inner quotes may have closed). A bracketed English translation ends in English. */
const LATIN_MARK_BEFORE_CLOSING_QUOTE = /(?<=[\p{Script=Han}\u3000-\u303f\uff00-\uffef][^“”‘’\p{L}\]]*[”’]*)([.,])([”’])/gu;

/**
 * citeproc follows the American rule and sets a comma or period inside the closing quote
 * (`“趙克志致函吉約索夫,”`). After Chinese text that leaves a Latin mark between the last Han
 * character and the quote, so the closing quote is drawn as a narrow Latin mark facing a
 * full-width opening one (DESIGN §10). Quoting another script, the mark goes outside:
 * `“趙克志致函吉約索夫”,`. English quoted text keeps the style's rule.
 */
export function latinMarksOutsideChineseQuotes(text: string): string {
  for (;;) {
    const next = text.replace(LATIN_MARK_BEFORE_CLOSING_QUOTE, '$2$1');
    if (next === text) return text;
    text = next;
  }
}

/**
 * The CSL locator (with its label) for a release locator, in the style's words or ours, and
 * what follows it that CSL has no label for (sentences). A headline is a `page` locator:
 * the one kind every style prints bare, in the words we give it.
 */
function locatorFields(locator: Locator, ownWords: boolean, headline: string): { locator?: string; label?: string; after?: string } {
  switch (locator.kind) {
    case 'none':
      return {};
    case 'headline':
      return { locator: headline, label: 'page' };
    case 'paragraphs': {
      const ranges = numberRanges(locator.paragraphs);
      return ownWords ? { locator: `第${ranges.replace(/, /g, '、')}段`, label: 'page' } : { locator: ranges, label: 'paragraph' };
    }
    case 'sentences': {
      const ranges = numberRanges(locator.sentences);
      if (ownWords) return { locator: `第${locator.paragraph}段第${ranges.replace(/, /g, '、')}句`, label: 'page' };
      return { locator: String(locator.paragraph), label: 'paragraph', after: `, sentence${locator.sentences.length === 1 ? '' : 's'} ${ranges}` };
    }
    case 'passages': {
      const sentences = (ss: number[] | null) => (ss === null ? '' : `, sentence${ss.length === 1 ? '' : 's'} ${numberRanges(ss)}`);
      if (ownWords) {
        const words = locator.parts.map((p) => (p.sentences === null ? `第${p.paragraph}段` : `第${p.paragraph}段第${numberRanges(p.sentences).replace(/, /g, '、')}句`));
        return { locator: words.join('；'), label: 'page' };
      }
      const [first, ...rest] = locator.parts;
      if (!first) return {};
      const after = `${sentences(first.sentences)}${rest.map((p) => `; para. ${p.paragraph}${sentences(p.sentences)}`).join('')}`;
      return { locator: String(first.paragraph), label: 'paragraph', ...(after ? { after } : {}) };
    }
  }
}

/** [1, 2, 3, 5] → `1–3, 5`. */
function numberRanges(ns: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < ns.length; ) {
    let j = i;
    while (j + 1 < ns.length && ns[j + 1] === ns[j]! + 1) j++;
    parts.push(j > i ? `${ns[i]}–${ns[j]}` : `${ns[i]}`);
    i = j + 1;
  }
  return parts.join(', ');
}
