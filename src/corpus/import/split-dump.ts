/**
 * Splits a raw dump (several press releases run together, as scraped) into release drafts,
 * so `briefpack import` can write one release file per release. Pure: text in, drafts out.
 * Paragraph text stays raw (the loader cleans it); cleaning is used only to decide.
 *
 * How, none of it tied to one dump or one issuer:
 * 1. Lines are classified by cue family (cues.ts): end marks, trailers, page furniture, date
 *    lines, bylines, text.
 * 2. Paragraphs are found block by block, so the layout is decided where it changes: a
 *    blank-line block whose lines mostly end sentences is one paragraph per line; a block of
 *    even lines that run on is one hard-wrapped paragraph.
 * 3. Between two body paragraphs lies a gap (possibly empty) of trailers, furniture, date
 *    lines and headline-shaped lines. Each gap is scored from several cues (an end mark or
 *    trailer before it, a date line, a headline, navigation, a change of language or script,
 *    a dateline or lead opening the next paragraph, a change of topic); a score of
 *    `BOUNDARY_SCORE` or more starts a release there. A short line alone (a sub-heading, an
 *    intro ending in `：`) does not.
 * 4. Each release takes its metadata from its own lines (metadata.ts); trailers, date lines,
 *    bylines and furniture never become paragraphs.
 */
import path from 'node:path';
import { cleanText } from '../cleaning.js';
import { chineseScriptOf, type ChineseScript } from '../script-characters.js';
import type { ReleaseLang } from '../release.js';
import { classifyLine, END_MARK_AT_END, INLINE_TRAILER, findDateline, isHeadlineShaped, isLeadShaped, SUBHEADING_SHAPE, width, type LineKind, type DumpUnit as Unit } from './cues.js';
import { releaseMetadata, type ReleaseMetadata } from './metadata.js';
import { signatureLength } from './signature.js';

export { findFullDate } from './dates.js';

export interface BoundaryCue {
  /** Cue family: end-mark, trailer, nav, date-line, headline, byline, language, script, dateline, lead, topic, list, sub-heading, forced. */
  cue: string;
  /** 1-based dump line the cue was read from. */
  line: number;
  weight: number;
}

export interface ReleaseDraft {
  lang: ReleaseLang;
  /** The headline as in the dump (raw; two headline lines joined), or null when the release has none. */
  headline: string | null;
  /** Body paragraphs as in the dump (raw); a hard-wrapped paragraph keeps its line breaks. */
  paragraphs: string[];
  /** Dump line of each paragraph's first line. */
  paragraphLines: number[];
  /** First and last line of the release in the dump, 1-based. */
  lineRange: [number, number];
  /** YYYY-MM-DD when the text states a full date, else null (same as metadata.issued). */
  date: string | null;
  metadata: ReleaseMetadata;
  proposedId: string;
  proposedTitle: string;
  /** `<rawPath>#L<first>-L<last>`, the value for the `source` key. */
  source: string;
  /** Why the release starts where it does (empty for the first release of the dump). */
  cues: BoundaryCue[];
  /** How sure the start is, in [0, 1]; 1 for the first release and for an editor's --split-at. */
  confidence: number;
  /** Lines dropped from the text: trailers, date lines, bylines, page furniture. */
  dropped: { line: number; kind: LineKind; text: string }[];
}

/** A place where a release could have started but the cues fell short (shown by --plan). */
export interface NearBoundary {
  line: number;
  score: number;
  cues: BoundaryCue[];
}

/** A release already in the target folder: its id and the source it names. */
export interface ExistingRelease {
  id: string;
  source: string | null;
}

export interface SplitDumpOptions {
  /** The dump's path as release files cite it, e.g. `raw/000_49f9c83db72c5203.txt`. */
  rawPath: string;
  /** Releases already in the target folder. A proposed id they use is a clash unless that
   * release names the same source (then it is this release's earlier import). */
  existing?: readonly ExistingRelease[];
  /** Dump lines where a release must start (an editor's correction). */
  splitAt?: readonly number[];
  /** Dump lines where the importer proposed a start that is wrong: the release goes on. */
  join?: readonly number[];
}

export interface SplitResult {
  drafts: ReleaseDraft[];
  near: NearBoundary[];
  /** Problems with splitAt / join: the line and what is wrong. */
  planProblems: { line: number; kind: 'blank' | 'outside' | 'not-a-start' | 'both'; starts: number[] }[];
  lineCount: number;
}

/** Score at which a gap starts a release, and the confidence of a start with that score. */
export const BOUNDARY_SCORE = 2.5;
/** Starts with less confidence than this are warnings (BP115). */
export const LOW_CONFIDENCE = 0.6;

export function splitDump(text: string, options: SplitDumpOptions): ReleaseDraft[] {
  return splitDumpWithPlan(text, options).drafts;
}

type Language = 'zh' | 'en';

export function splitDumpWithPlan(text: string, options: SplitDumpOptions): SplitResult {
  const lines = text.replace(/^\ufeff/, '').split(/\r\n?|\n/);
  // A final line break ends the last line; it does not open another.
  if (lines.length > 1 && lines.at(-1) === '') lines.pop();
  const planProblems: SplitResult['planProblems'] = [];
  const splitLines = new Set<number>();
  for (const line of options.splitAt ?? []) {
    if (line < 1 || line > lines.length) planProblems.push({ line, kind: 'outside', starts: [] });
    else if (BLANK.test(lines[line - 1]!)) planProblems.push({ line, kind: 'blank', starts: [] });
    else splitLines.add(line);
  }
  const units = unitsOf(lines, splitLines);
  const { starts, near } = findStarts(units);

  // An editor's corrections: --join removes a proposed start, --split-at adds one.
  const firstStart = Math.min(...starts.keys());
  const proposedStarts = [...starts.keys()].filter((i) => i !== firstStart).sort((a, b) => a - b).map((i) => units[i]!.first);
  for (const line of options.join ?? []) {
    if ((options.splitAt ?? []).includes(line)) {
      planProblems.push({ line, kind: 'both', starts: proposedStarts });
      continue;
    }
    const i = [...starts.keys()].find((s) => s !== firstStart && units[s]!.first <= line && line <= units[s]!.last);
    if (i === undefined) planProblems.push({ line, kind: line < 1 || line > lines.length ? 'outside' : 'not-a-start', starts: proposedStarts });
    else starts.delete(i);
  }
  for (const line of splitLines) {
    const i = units.findIndex((u) => u.first === line);
    if (i < 0) continue;
    // The editor's start replaces an automatic one in the same gap.
    for (const s of [...starts.keys()]) if (s !== i && s !== firstStart && sameGap(units, s, i)) starts.delete(s);
    starts.set(i, { cues: [{ cue: 'forced', line, weight: 10 }], score: 10 });
  }

  const order = [...starts.keys()].sort((a, b) => a - b);
  const taken = new Set((options.existing ?? []).map((e) => e.id));
  const sameSource = new Map((options.existing ?? []).map((e) => [e.id, e.source]));
  const drafts: ReleaseDraft[] = [];
  for (const [n, start] of order.entries()) {
    const end = (order[n + 1] ?? units.length) - 1;
    const group = units.slice(start, end + 1);
    // Navigation belongs to no release: trim it from both ends.
    while (group.length && group[0]!.kind === 'nav') group.shift();
    while (group.length && group.at(-1)!.kind === 'nav') group.pop();
    if (!group.some((u) => u.kind === 'para')) continue;
    const draft = draftOf(group, starts.get(start)!, options.rawPath, drafts.length + 1, n === 0);
    let proposedId = draft.proposedId;
    for (let k = 2; taken.has(proposedId) && sameSource.get(proposedId) !== draft.source; k++) proposedId = `${draft.proposedId}-${k}`;
    taken.add(proposedId);
    drafts.push({ ...draft, proposedId });
  }
  return { drafts, near, planProblems, lineCount: lines.length };
}

function sameGap(units: Unit[], a: number, b: number): boolean {
  const [lo, hi] = a < b ? [a, b] : [b, a];
  for (let i = lo; i < hi; i++) if (isBody(units[i]!)) return false;
  return true;
}

// ——— units: paragraphs and cue lines ———

function unitsOf(lines: string[], splitLines: ReadonlySet<number>): Unit[] {
  const units: Unit[] = [];
  const cleaned = lines.map((l) => (BLANK.test(l) ? '' : cleanLine(l)));
  let block: number[] = [];
  const flush = () => {
    // Non-text lines stand alone; runs of text lines are one paragraph per line or one
    // wrapped paragraph (see wrapsLines).
    let run: number[] = [];
    const flushRun = () => {
      if (!run.length) return;
      if (wrapsLines(run.map((i) => cleaned[i]!))) {
        // An editor's --split-at inside a wrapped block cuts it there.
        let part: number[] = [];
        for (const i of run) {
          if (part.length && splitLines.has(i + 1)) units.push(unitOf(part, lines, 'para')), (part = []);
          part.push(i);
        }
        units.push(unitOf(part, lines, 'para'));
      } else {
        // Hard-wrapped paragraphs with no blank line between them: a line filled to the wrap
        // width that ends no sentence goes on in the next line.
        // Each language wraps at its own width (Han text at 40 characters, English at 72 columns).
        const isHan = (i: number) => /\p{Script=Han}/u.test(cleaned[i]!);
        const wrapAt = new Map<number, { min: number; han: boolean } | null>();
        for (let k = 0; k < run.length; ) {
          let e = k;
          while (e + 1 < run.length && isHan(run[e + 1]!) === isHan(run[k]!)) e++;
          const w = wrapWidthOf(run.slice(k, e + 1).map((i) => cleaned[i]!));
          for (let j = k; j <= e; j++) wrapAt.set(run[j]!, w);
          k = e + 1;
        }
        let part: number[] = [];
        for (const i of run) {
          if (part.length && splitLines.has(i + 1)) units.push(unitOf(part, lines, 'para')), (part = []);
          part.push(i);
          const t = cleaned[i]!;
          const at = wrapAt.get(i);
          const full = at != null && lineLength(t, at.han) >= at.min && !ENDS_SENTENCE.test(t);
          if (!full) units.push(unitOf(part, lines, 'para')), (part = []);
        }
        if (part.length) units.push(unitOf(part, lines, 'para'));
      }
      run = [];
    };
    for (const i of block) {
      // Cues are read on the cleaned line (no pinyin glosses, no entities) and, where cleaning
      // removes a mark (an end mark dropped from text), on the raw line.
      const onCleaned = classifyLine(cleaned[i]!);
      const cue = onCleaned.kind === 'text' ? classifyLine(lines[i]!.trim()) : onCleaned;
      if (cue.kind === 'text') run.push(i);
      else {
        // A very short line over a date line is a desk or issuer label (`新聞局`), not the end of a wrapped headline.
        if (cue.kind === 'date' && run.length >= 2 && width(cleaned[run.at(-1)!]!) <= 10) {
          const label = run.pop()!;
          flushRun();
          run.push(label);
        }
        flushRun();
        units.push({ ...unitOf([i], lines, cue.kind), value: cue.value });
      }
    }
    flushRun();
    block = [];
  };
  for (const [i, line] of lines.entries()) {
    if (BLANK.test(line)) flush();
    else block.push(i);
  }
  flush();
  return units;
}

/** Blank, or only spaces a page left as entities (`&nbsp;`, `&#12288;`). */
const BLANK = /^(?:\s|&nbsp;|&#160;|&#xa0;|&#12288;|&#x3000;)*$/iu;

function cleanLine(raw: string): string {
  return cleanText(raw).text.trim();
}

/**
 * Whether a run of text lines is one hard-wrapped paragraph: fewer than half of its lines
 * (but the last) end a sentence, those lines are about as wide as each other, and the last
 * is no wider. A headline over its lead, or lines that each end a sentence, are not.
 */
function wrapsLines(texts: string[]): boolean {
  if (texts.length < 2) return false;
  const head = texts.slice(0, -1);
  // Lines cut at one width (to the character for Han text, within a word for Latin) are a
  // wrapped paragraph even where a sentence happens to end at the cut.
  const han = texts.filter((t) => /\p{Script=Han}/u.test(t)).length * 2 > texts.length;
  const lengths = head.map((t) => lineLength(t, han));
  const widest = Math.max(...lengths);
  const cut = head.length >= 2 && widest >= (han ? 20 : 40) && lengths.every((w) => w >= (han ? widest - 1 : widest * 0.9)) && lineLength(texts.at(-1)!, han) <= widest;
  if (cut) return true;
  const ends = head.filter((t) => ENDS_SENTENCE.test(t)).length;
  if (ends * 2 >= head.length) return false;
  const widths = head.map(width);
  const max = Math.max(...widths);
  if (widths.some((w) => w < 0.75 * max)) return false;
  return width(texts.at(-1)!) <= max * 1.1;
}

const ENDS_SENTENCE = /(?:[。！？.!?■]["'”’」』)）]*|[”」』])$/u;

/**
 * The width a run of lines was wrapped at, when one was: at least three lines that end no
 * sentence share (almost) the widest width, at 40 columns or more, no line is wider and most
 * lines fill it. Han text wraps at an exact width; Latin text at a word, a little short of it.
 */
function wrapWidthOf(texts: string[]): { min: number; han: boolean } | null {
  const han = texts.filter((t) => /\p{Script=Han}/u.test(t)).length * 2 > texts.length;
  const measure = (t: string) => lineLength(t, han);
  const open = texts.filter((t) => !ENDS_SENTENCE.test(t)).map(measure);
  if (open.length < 3) return null;
  const max = Math.max(...open);
  if (max < (han ? 20 : 40)) return null;
  const min = han ? max - 1 : Math.floor(max * 0.8);
  // Wrapped text has no line wider than the wrap, and most of its lines fill it; a
  // single-line layout has paragraphs far wider than its headlines.
  const lengths = texts.map(measure);
  if (Math.max(...lengths) > (han ? max + 1 : Math.ceil(max * 1.05))) return null;
  if (lengths.filter((w) => w >= min).length * 2 < lengths.length) return null;
  return open.filter((w) => w >= min).length >= 3 ? { min, han } : null;
}

/** Han text is wrapped at a number of characters, Latin text at a number of columns. */
function lineLength(text: string, han: boolean): number {
  return han ? [...text].length : width(text);
}

function unitOf(indices: number[], lines: string[], kind: Unit['kind']): Unit {
  const raw = indices.map((i) => lines[i]!).join('\n');
  const text = cleanText(raw).text.replace(/\s*\n\s*/g, (m) => (/\p{Script=Han}/u.test(raw) ? '' : ' ')).trim();
  let han = 0;
  let latin = 0;
  let hantOnly = 0;
  let hansOnly = 0;
  for (const ch of text) {
    if (HAN.test(ch)) {
      han++;
      const script = chineseScriptOf(ch);
      if (script === 'Hant') hantOnly++;
      else if (script === 'Hans') hansOnly++;
    } else if (LATIN.test(ch)) latin++;
  }
  const language = languageOf(han, latin);
  return {
    kind,
    first: indices[0]! + 1,
    last: indices.at(-1)! + 1,
    raw: indices.map((i) => lines[i]!.replace(/\s+$/u, '')).join('\n'),
    text,
    language,
    han,
    latin,
    hantOnly,
    hansOnly,
    headlineShaped: kind === 'para' && isHeadlineShaped(text, language) && !findDateline(text),
  };
}

const HAN = /\p{Script=Han}/u;
const LATIN = /\p{Script=Latin}/u;
/** A Han character stands for about a word, a Latin letter for a fifth of one: text with a
 * quarter of its letters Han reads as Chinese. */
const MIN_HAN_SHARE_FOR_CHINESE = 0.25;

function languageOf(han: number, latin: number): Language | null {
  if (han + latin === 0) return null;
  return han / (han + latin) >= MIN_HAN_SHARE_FOR_CHINESE ? 'zh' : 'en';
}

function isBody(u: Unit): boolean {
  return u.kind === 'para' && !u.headlineShaped && u.language !== null;
}

// ——— boundaries ———

interface Start {
  cues: BoundaryCue[];
  score: number;
}

function findStarts(units: Unit[]): { starts: Map<number, Start>; near: NearBoundary[] } {
  const starts = new Map<number, Start>();
  const near: NearBoundary[] = [];
  const bodies = units.flatMap((u, i) => (isBody(u) ? [i] : []));
  if (!bodies.length) {
    const first = units.findIndex((u) => u.kind !== 'nav');
    if (first >= 0) starts.set(first, { cues: [], score: 10 });
    return { starts, near };
  }
  // The first release starts at the first line that is not navigation.
  const first = units.findIndex((u) => u.kind !== 'nav');
  starts.set(first, { cues: [], score: 10 });
  let releaseBody = 0; // index in `bodies` of the current release's first body paragraph
  for (let n = 1; n < bodies.length; n++) {
    const prev = bodies[n - 1]!;
    const next = bodies[n]!;
    const gap = units.slice(prev + 1, next);
    // The release so far (its last bodies) and what follows, by index: linear in the dump's size.
    const before = bodies.slice(Math.max(releaseBody, n - RECENT_BODIES), n).map((i) => units[i]!);
    const following = bodies.slice(n, n + 3).map((i) => units[i]!);
    const { tailLength, cues } = scoreGap(units, prev, next, gap, before, following);
    const score = cues.reduce((s, c) => s + c.weight, 0);
    // The new release starts at the first unit of the gap's head that is not navigation.
    let at = prev + 1 + tailLength;
    while (at < next && units[at]!.kind === 'nav') at++;
    if (score >= BOUNDARY_SCORE) {
      starts.set(at, { cues, score });
      releaseBody = n;
    } else if (score >= 1.5) near.push({ line: units[at]!.first, score, cues });
  }
  return { starts, near };
}

/** How many of the gap's units close the previous release, and the cues for a start after them. */
/** How many of the release's last body paragraphs stand for it when comparing language, script and topic. */
const RECENT_BODIES = 6;

function scoreGap(units: Unit[], prev: number, next: number, gap: Unit[], before: Unit[], following: Unit[]): { tailLength: number; cues: BoundaryCue[] } {
  const cues: BoundaryCue[] = [];
  const add = (cue: string, line: number, weight: number) => cues.push({ cue, line, weight });
  let tail = 0;
  let closed = false;
  for (; tail < gap.length; tail++) {
    const u = gap[tail]!;
    if (u.kind === 'end' || u.kind === 'trailer') closed = true;
    else if (u.kind === 'source' || u.kind === 'url' || u.kind === 'rule') {
      /* furniture after the text: stays with it */
    } else if (u.kind === 'date' && (closed || ['end', 'trailer'].includes(gap[tail + 1]?.kind ?? ''))) {
      /* `完` then `2025年1月15日（星期三）` then `香港時間…`: the date closes the release */
    } else if (tail === 0 && isSignature(gap, 0)) {
      /* `国务院办公厅` / `2025年1月20日` under the text, with the next release's headline after them */
      tail += signatureLength(gap, 0);
      closed = true;
    } else break;
  }
  const tailUnits = gap.slice(0, tail);
  const head = gap.slice(tail);
  const prevUnit = units[prev]!;
  const nextUnit = units[next]!;

  const signature = tailUnits.find((u) => u.kind === 'para');
  if (signature) add('signature', signature.first, 2);
  const end = tailUnits.find((u) => u.kind === 'end');
  if (end) add('end-mark', end.first, 3);
  else if (END_MARK_AT_END.test(prevUnit.text) || END_MARK_AT_END.test(prevUnit.raw.trim())) add('end-mark', prevUnit.last, 3);
  const trailer = tailUnits.find((u) => u.kind === 'trailer' || u.kind === 'source');
  if (trailer && !cues.length) add('trailer', trailer.first, 2);

  const nav = head.find((u) => u.kind === 'nav');
  if (nav) add('nav', nav.first, 1.5);
  const date = head.find((u) => u.kind === 'date');
  if (date) add('date-line', date.first, 1.5);
  const headlines = head.filter((u) => u.kind === 'para');
  if (headlines.length >= 1 && headlines.length <= 2) {
    const listLike = headlines.every((h) => SUBHEADING_SHAPE.test(h.text));
    if (listLike) add('sub-heading', headlines[0]!.first, -1);
    add('headline', headlines[0]!.first, 1.5);
  } else if (headlines.length > 2) add('list', headlines[0]!.first, 0.5);
  const byline = head.find((u) => u.kind === 'byline');
  if (byline) add('byline', byline.first, 0.5);

  // Language or script of the release so far against what follows.
  const after = [...headlines, nextUnit];
  const [langBefore, langAfter] = [dominantLanguage(before), dominantLanguage(after)];
  const changeLine = (headlines[0] ?? nextUnit).first;
  if (langBefore && langAfter && langBefore !== langAfter) add('language', changeLine, 3);
  else if (langBefore === 'zh' && langAfter === 'zh') {
    const [a, b] = [scriptOf(before), scriptOf(after)];
    if (a && b && a !== b) add('script', changeLine, 3);
  }

  const dateline = findDateline(nextUnit.text);
  if (dateline) add('dateline', nextUnit.first, 2);
  else if (isLeadShaped(nextUnit.text, nextUnit.language) && (head.length || cues.length)) add('lead', nextUnit.first, 1);

  // Topic: the words of the release so far against the next paragraphs.
  const similarity = topicSimilarity(before.slice(-4), following);
  if (similarity !== null) {
    if (similarity < TOPIC_CHANGE) add('topic', nextUnit.first, 0.5);
    else if (similarity > TOPIC_SAME) add('same-topic', nextUnit.first, -0.5);
  }
  return { tailLength: tail, cues };
}

/**
 * A signature (落款) closing an official text: a short line (the issuing body) straight after
 * the body, then a date line, with more short lines (the next release's headline) after them.
 */
function isSignature(gap: Unit[], i: number): boolean {
  const n = signatureLength(gap, i);
  return n > 0 && gap.slice(i + n + 1).some((u) => u.kind === 'para');
}


/** Jaccard similarity of word (English) or character-pair (Chinese) sets below which the topic has changed. */
const TOPIC_CHANGE = 0.06;
const TOPIC_SAME = 0.2;

function topicSimilarity(a: Unit[], b: Unit[]): number | null {
  if (!a.length || !b.length) return null;
  const [x, y] = [termsOf(a), termsOf(b)];
  if (x.size < 5 || y.size < 5) return null;
  let shared = 0;
  for (const t of x) if (y.has(t)) shared++;
  return shared / (x.size + y.size - shared);
}

const EN_STOP = new Set('that this with from have been will were which their there said says also they them than into about after before other more most such only over under these those would could should being where when while what whom your ours within between against during'.split(' '));

function termsOf(units: Unit[]): Set<string> {
  const out = new Set<string>();
  for (const u of units) {
    const t = u.text.normalize('NFKC');
    for (const run of t.match(/\p{Script=Han}+/gu) ?? []) {
      const chars = [...run];
      for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
    }
    for (const w of t.toLowerCase().match(/[a-z]{4,}/g) ?? []) if (!EN_STOP.has(w)) out.add(w);
  }
  return out;
}

function dominantLanguage(units: Unit[]): Language | null {
  const han = units.reduce((n, u) => n + u.han, 0);
  const latin = units.reduce((n, u) => n + u.latin, 0);
  return languageOf(han, latin);
}

/** A clear script: at least 2 telling characters, 3× the other. */
function scriptOf(units: Unit[]): ChineseScript | null {
  const hant = units.reduce((n, u) => n + u.hantOnly, 0);
  const hans = units.reduce((n, u) => n + u.hansOnly, 0);
  if (Math.max(hant, hans) < 2) return null;
  if (hant >= 3 * hans) return 'Hant';
  if (hans >= 3 * hant) return 'Hans';
  return null;
}

// ——— drafts ———

function draftOf(group: Unit[], start: Start, rawPath: string, ordinal: number, first: boolean): Omit<ReleaseDraft, 'proposedId'> & { proposedId: string } {
  const firstBody = group.findIndex(isBody);
  const head = group.slice(0, firstBody < 0 ? group.length : firstBody);
  // Short lines before a date line, a rule or navigation are page labels (`總統府新聞`), not the headline.
  // When nothing but furniture follows them, the headline is the last short lines before it
  // (`Headline` / `01/13/2025 05:50 PM`).
  const isFurniture = (u: Unit) => u.kind === 'date' || u.kind === 'rule' || u.kind === 'nav';
  let lastFurniture = head.map(isFurniture).lastIndexOf(true);
  if (!head.slice(lastFurniture + 1).some((u) => u.kind === 'para')) {
    const before = head.slice(0, lastFurniture + 1);
    const lastPara = before.map((u) => u.kind === 'para').lastIndexOf(true);
    lastFurniture = lastPara < 0 ? -1 : before.slice(0, lastPara).map(isFurniture).lastIndexOf(true);
  }
  const labels = new Set(head.slice(0, lastFurniture + 1).filter((u) => u.kind === 'para'));
  // The signature under an official text (`国务院办公厅` over its date line) is metadata.
  const lastBody = group.map(isBody).lastIndexOf(true);
  for (const u of group.slice(lastBody + 1, lastBody + 1 + signatureLength(group, lastBody + 1))) labels.add(u);
  // A short line between the headline and a date line names the desk (`新聞局`), not the headline.
  for (const [k, u] of head.entries()) {
    if (u.kind === 'para' && head[k - 1]?.kind === 'para' && head[k + 1]?.kind === 'date' && width(u.text) <= 24) labels.add(u);
  }
  const candidates = head.slice(lastFurniture + 1).filter((u) => u.kind === 'para' && !labels.has(u));
  // More than two short lines before the lead: a list of links or labels, then the headline.
  const headlineUnits = candidates.slice(candidates.length > 2 ? -1 : -2);
  for (const u of head) if (u.kind === 'para' && !headlineUnits.includes(u)) labels.add(u);
  const headlineSet = new Set(headlineUnits);
  const paragraphs = group.filter((u) => u.kind === 'para' && !headlineSet.has(u) && !labels.has(u)).map(withoutInlineTrailer);
  const dropped = group.filter((u) => u.kind !== 'para' || labels.has(u)).map((u) => ({ line: u.first, kind: (labels.has(u) ? 'nav' : u.kind) as LineKind, text: u.text }));
  const lang = releaseLangOf(group.filter((u) => u.kind === 'para'));
  const headlineLines = headlineUnits.flatMap((u) => u.raw.split('\n').map((l) => l.trim()));
  const headline = headlineLines.length ? joinHeadline(headlineLines, lang) : null;
  const headlineText = headlineLines.length ? joinHeadline(headlineLines.map((l) => cleanText(l).text.trim()), lang) : null;
  const lineRange: [number, number] = [group[0]!.first, group.at(-1)!.last];
  const source = `${rawPath}#L${lineRange[0]}-L${lineRange[1]}`;
  const metadata = releaseMetadata(group, paragraphs, headlineUnits);
  const body = paragraphs.find((p) => isBody(p)) ?? paragraphs[0];
  const lead = body ? stripDateline(body.text) : '';
  const proposedTitle = headlineText ?? shortenTitle(firstSentence(lead, lang), lang);
  const proposedId = proposeId(metadata.issued, lang, proposedTitle, rawPath, ordinal);
  const confidence = first ? 1 : confidenceOf(start.score);
  return {
    lang,
    headline,
    paragraphs: paragraphs.map((p) => p.raw),
    paragraphLines: paragraphs.map((p) => p.first),
    lineRange,
    date: metadata.issued,
    metadata,
    proposedId,
    proposedTitle,
    source,
    cues: first ? [] : start.cues,
    confidence,
    dropped,
  };
}

/** Score 2.5 → 0.5, 4 → 0.8, 5+ → 1. */
export function confidenceOf(score: number): number {
  return Math.round(Math.min(1, Math.max(0, score / 5)) * 100) / 100;
}

/**
 * Headline lines as one headline: English with spaces; Chinese run together (a title broken
 * over lines: `2022年8月19日外交部发言人汪文斌` / `主持例行记者会`), except where the headline
 * separates its phrases with spaces (`總統接見鳳凰獎楷模 盼…`): then the lines are phrases too.
 */
function joinHeadline(lines: string[], lang: ReleaseLang): string {
  if (lang === 'en') return lines.join(' ');
  const spaced = /\p{Script=Han}[ \u3000]+\p{Script=Han}/u.test(lines[0]!);
  return lines.join(spaced ? ' ' : '');
}

/** A paragraph without the editor's mark some agencies append to its last line (kept in `dropped`). */
function withoutInlineTrailer(u: Unit): Unit {
  const m = INLINE_TRAILER.exec(u.raw);
  if (!m) return u;
  return { ...u, raw: u.raw.slice(0, m.index), text: u.text.replace(INLINE_TRAILER, ''), value: m[0].trim() };
}

function stripDateline(text: string): string {
  const d = findDateline(text);
  return d ? text.slice(d.length).replace(/^[\s,，:：—–-]+/u, '') : text;
}

function releaseLangOf(group: Unit[]): ReleaseLang {
  const sum = (k: 'han' | 'latin' | 'hantOnly' | 'hansOnly') => group.reduce((n, p) => n + p[k], 0);
  if (languageOf(sum('han'), sum('latin')) !== 'zh') return 'en';
  // A text with no telling character reads the same in both scripts; Traditional is the
  // script of our sources.
  return sum('hansOnly') > sum('hantOnly') ? 'zh-Hans' : 'zh-Hant';
}

// ——— title and id ———

const ABBREVIATION = /\b(?:Mr|Mrs|Ms|Dr|Prof|St|No|Gen|Col|Lt|Sgt|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|[A-Z])$/;

function firstSentence(text: string, lang: ReleaseLang): string {
  if (lang !== 'en') return text.split(/[。！？]/u)[0]!;
  for (const m of text.matchAll(/[.!?](?=\s+["“‘(]?\p{Lu}|\s*$)/gu)) {
    if (!ABBREVIATION.test(text.slice(0, m.index))) return text.slice(0, m.index);
  }
  return text;
}

/** At most 60 Han or 120 Latin characters (120 columns), cut at a word for Latin text. */
const MAX_TITLE_WIDTH = 120;
function shortenTitle(text: string, lang: ReleaseLang): string {
  if (width(text) <= MAX_TITLE_WIDTH) return text;
  let cut = '';
  for (const ch of text) {
    if (width(cut + ch) > MAX_TITLE_WIDTH - 2) break;
    cut += ch;
  }
  if (lang === 'en' && cut.includes(' ')) cut = cut.slice(0, cut.lastIndexOf(' '));
  return `${cut.replace(/[\s,，、;；:：]+$/u, '')}…`;
}

const LANG_SHORT: Readonly<Record<string, string>> = { 'zh-Hant': 'zh', 'zh-Hans': 'zhs', en: 'en' };
const SLUG_STOPWORDS = new Set(['a', 'an', 'the', 'of', 'to', 'and', 'in', 'on', 'for', 'with', 'at', 'by', 'from', 'as']);
const MAX_SLUG = 60;

function proposeId(date: string | null, lang: ReleaseLang, title: string, rawPath: string, ordinal: number): string {
  const words = lang === 'en' ? latinWords(title).filter((w) => !SLUG_STOPWORDS.has(w)) : [];
  let slug = '';
  for (const w of words) if ((slug ? slug.length + 1 : 0) + w.length <= MAX_SLUG) slug = slug ? `${slug}-${w}` : w;
  if (!slug) slug = `${latinWords(path.posix.basename(rawPath).replace(/\.[^.]*$/, '')).join('-') || 'dump'}-${ordinal}`;
  return `${date ?? 'undated'}-${LANG_SHORT[lang] ?? lang.toLowerCase()}-${slug}`;
}

function latinWords(text: string): string[] {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().match(/[a-z0-9]+/g) ?? [];
}

