/**
 * Reads one release file: YAML front matter (metadata and curated facts) followed by the
 * paragraphs as released, separated by blank lines. The body is kept raw in the file and
 * cleaned here, so the raw text stays available for provenance and every cleaning change can
 * be shown.
 */
import { createHash } from 'node:crypto';
import type { Point } from '../position.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { parseYamlSource, mapEntries, startOf, isScalar, isSeq, badCharacterDiagnostics, scalarText } from '../util/yaml-source.js';
import { stripBom } from '../util/input-text.js';
import { calendarDateProblem } from '../util/dates.js';
import { closestWindow } from '../util/suggest.js';
import { cleanText, CLEANING_STEPS, decodeHtmlEntities, removeZeroWidth, scriptOfText, stripPinyinGlosses, type TextChange } from './cleaning.js';
import { applyCorrections, type AppliedCorrection, type Correction } from './corrections.js';
import { splitFrontMatter } from './front-matter.js';
import { segmentSentences } from './segment.js';
import { findSuspects } from './suspects.js';
import { FACT_TYPES, RELEASE_LANGS, parseLangTag, type Fact, type IssuerNames, type FactType, type Paragraph, type Release, type ReleaseLang, type SuspectText } from './release.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ID = /^[a-z0-9][a-z0-9._-]*$/;

export interface ReadReleaseResult {
  release?: Release;
  diagnostics: Diagnostic[];
}

export interface ReadReleaseOptions {
  /** Corrections for this release (already filtered by release id). */
  corrections?: readonly Correction[];
}

export function readReleaseFile(text: string, file: string, options: ReadReleaseOptions = {}): ReadReleaseResult {
  const diagnostics: Diagnostic[] = [];
  const split = splitFrontMatter(text);
  if (split === 'no-opening') return { diagnostics: [diagnostic({ code: 'BP101', message: 'release file does not start with "---"', file })] };
  if (split === 'not-closed') return { diagnostics: [diagnostic({ code: 'BP101', message: 'front matter is not closed with a "---" line', file })] };
  // Characters no text should hold are reported where they stand in the file, before
  // anything else reads the text (a NUL would otherwise surface in a template's markup).
  const bad = badCharacterDiagnostics(stripBom(text), file, 'BP113');
  if (bad.length) return { diagnostics: bad };
  const { lines, close } = split;
  const src = parseYamlSource(lines.slice(1, close).join('\n'), file, 1, { characterCode: 'BP113', rawTextChecked: true });
  diagnostics.push(...src.syntaxErrors);
  if (src.syntaxErrors.length) return { diagnostics };

  const meta = new Map(mapEntries(src.doc.contents).map((e) => [e.key, e]));
  const str = (key: string, required: boolean, check?: (v: string) => string | undefined): string | null => {
    const entry = meta.get(key);
    if (!entry || entry.value === null || (isScalar(entry.value) && entry.value.value === null)) {
      if (required) diagnostics.push(diagnostic({ code: 'BP102', message: `front matter has no "${key}"`, file, start: { line: 2, column: 1 } }));
      return null;
    }
    const value = isScalar(entry.value) ? entry.value.value : undefined;
    const s = value instanceof Date ? value.toISOString().slice(0, 10) : typeof value === 'string' || typeof value === 'number' ? scalarText(entry.value) : undefined;
    const problem = s === undefined ? 'must be a single value' : check?.(s);
    if (problem) {
      diagnostics.push(diagnostic({ code: 'BP102', message: `"${key}" ${problem}`, file, start: startOf(src, entry.value), actual: s }));
      return null;
    }
    return s!;
  };
  const id = str('id', true, (v) => (ID.test(v) ? undefined : 'must be lowercase letters, digits, ".", "_" or "-"'));
  const langTag = str('lang', true, (v) => (parseLangTag(v) ? undefined : `must be one of ${RELEASE_LANGS.join(', ')}, with a region if you like (zh-Hant-HK, zh-Hant-TW, zh-Hans-CN, zh-Hans-SG)`));
  const lang = langTag === null ? null : parseLangTag(langTag)!.lang;
  // `issued` is the CSL name for the date a release was issued; `date` is its older name.
  const dateKey = meta.has('issued') ? 'issued' : 'date';
  if (meta.has('issued') && meta.has('date')) {
    diagnostics.push(diagnostic({ code: 'BP102', message: 'front matter has both "issued" and "date"', file, start: startOf(src, meta.get('date')!.keyNode), hint: 'Keep "issued: YYYY-MM-DD" and remove "date" (its older name).' }));
  }
  const date = str(dateKey, false, (v) => (ISO_DATE.test(v) ? undefined : 'must be a date written YYYY-MM-DD'));
  const dateProblem = date === null ? undefined : calendarDateProblem(date);
  if (date !== null && dateProblem) {
    diagnostics.push(
      diagnostic({ code: 'BP114', message: `"${dateKey}" ${JSON.stringify(date)} is not a calendar date: it ${dateProblem}`, file, start: startOf(src, meta.get(dateKey)!.value), actual: date }),
    );
  }
  if (date === null && !diagnostics.some((d) => d.message.includes(`"${dateKey}"`))) {
    diagnostics.push(diagnostic({ code: 'BP112', message: 'release has no date: citations will say "undated"', file, start: startOf(src, meta.get(dateKey)?.keyNode ?? src.doc.contents) }));
  }
  const title = str('title', true);
  const titleEn = str('title_en', false);
  const titleShort = str('title_short', false);
  const url = str('url', false, (v) => (/^https?:\/\/\S+$/.test(v) ? undefined : 'must be a web address starting with http:// or https://'));
  const place = str('place', false);
  const issuer = readIssuer(meta.get('issuer'), (message, node) => diagnostics.push(diagnostic({ code: 'BP102', message, file, start: startOf(src, node), hint: 'Write "issuer: 公安部" (the glossary gives the other names) or a map with "zh:" and "en:".' })));
  const source = str('source', true);
  const headlineRaw = str('headline', false);
  const translationOf = str('translation_of', false);
  const related = readRelated(meta.get('related'), (node) => startOf(src, node), (message, node) => diagnostics.push(diagnostic({ code: 'BP102', message, file, start: startOf(src, node), hint: 'Write "related: [other-release-id]": ids of releases about the same event that are not translations.' })));
  const known = new Set(['id', 'lang', 'issued', 'date', 'title', 'title_en', 'title_short', 'issuer', 'url', 'place', 'source', 'headline', 'translation_of', 'related', 'facts']);
  for (const [key, entry] of meta) {
    if (!known.has(key)) {
      diagnostics.push(
        diagnostic({ code: 'BP102', message: `unknown front matter key "${key}"`, file, start: startOf(src, entry.keyNode), hint: `Known keys: ${[...known].join(', ')}.` }),
      );
    }
  }

  const corrections = options.corrections ?? [];
  const applied: AppliedCorrection[] = [];
  const releaseLang = (lang ?? 'en') as ReleaseLang;
  const headlineCleaned = headlineRaw === null ? null : correctAndClean(headlineRaw, releaseLang, corrections, 0, applied);
  const headline = headlineCleaned?.text ?? null;
  const { paragraphs, suspects } = readParagraphs(lines, close + 1, releaseLang, corrections, applied);
  const headlineNode = meta.get('headline')?.value;
  if (headlineCleaned && headlineNode) {
    const at = startOf(src, headlineNode);
    for (const s of headlineCleaned.suspects) suspects.unshift({ kind: s.kind, paragraph: 0, line: at.line, column: at.column + s.rawOffset, snippet: s.snippet, ...(s.readings ? { readings: s.readings } : {}) });
  }
  for (const c of corrections) {
    if (!applied.some((a) => a.correction === c)) {
      diagnostics.push(
        diagnostic({
          code: 'BP108',
          message: `correction for "${c.release}" does not apply: "${c.find}" no longer occurs in ${file}`,
          file: c.file,
          start: c.position,
        }),
      );
    }
  }
  for (const s of suspects) diagnostics.push(suspectDiagnostic(s, file));
  const facts: Fact[] = [];
  const factsNode = meta.get('facts')?.value;
  if (factsNode && !isSeq(factsNode)) {
    diagnostics.push(diagnostic({ code: 'BP105', message: '"facts" must be a list', file, start: startOf(src, factsNode) }));
  }
  const seen = new Set<string>();
  for (const item of isSeq(factsNode) ? factsNode.items : []) {
    const fields = new Map(mapEntries(item as never).map((e) => [e.key, e]));
    const at = startOf(src, item as never);
    const field = (key: string): string | undefined => {
      const v = fields.get(key)?.value;
      return scalarText(v);
    };
    const fid = field('id');
    const type = field('type');
    const evidence = field('evidence');
    const value = field('value');
    const missing = ['id', 'type', 'label', 'value', 'evidence'].filter((k) => field(k) === undefined);
    if (missing.length) {
      diagnostics.push(diagnostic({ code: 'BP105', message: `fact is missing ${missing.map((m) => `"${m}"`).join(', ')}`, file, start: at }));
      continue;
    }
    if (!(FACT_TYPES as readonly string[]).includes(type!)) {
      diagnostics.push(
        diagnostic({ code: 'BP105', message: `fact "${fid}" has unknown type "${type}"`, file, start: startOf(src, fields.get('type')!.value), hint: `Types: ${FACT_TYPES.join(', ')}.` }),
      );
      continue;
    }
    if (seen.has(fid!)) {
      diagnostics.push(diagnostic({ code: 'BP105', message: `fact id "${fid}" is used twice in this release`, file, start: at }));
      continue;
    }
    seen.add(fid!);
    const where = findEvidence(evidence!, headline, paragraphs);
    if (where === undefined) {
      const near = closestMatch(evidence!, [headline ?? '', ...paragraphs.map((p) => p.text)]);
      diagnostics.push(
        diagnostic({
          code: 'BP106',
          message: `evidence of fact "${fid}" does not occur in the cleaned release text`,
          file,
          start: startOf(src, fields.get('evidence')!.value),
          hint: near ? `Closest match in the text: "${near}".` : undefined,
          expected: evidence,
        }),
      );
      continue;
    }
    facts.push({ id: fid!, type: type as FactType, label: field('label')!, value: value!, evidence: evidence!, paragraph: where, position: at });
  }

  if (diagnostics.some((d) => d.severity === 'error') || !id || !lang || !title || !source) return { diagnostics };
  return {
    diagnostics,
    release: {
      id,
      lang,
      region: langTag === null ? null : parseLangTag(langTag)!.region,
      date,
      title,
      titleEn,
      titleShort,
      issuer,
      url,
      place,
      headline,
      headlineChanges: headlineCleaned?.changes ?? [],
      source,
      translationOf,
      related: related.map((r) => r.id),
      paragraphs,
      facts,
      corrections: applied,
      suspects,
      positions: {
        id: startOf(src, meta.get('id')?.value),
        translationOf: meta.get('translation_of') ? startOf(src, meta.get('translation_of')!.value) : null,
        related: related.map((r) => r.at),
      },
      file,
      hash: createHash('sha256').update(text).digest('hex'),
    },
  };
}

/** `related: [id, …]` (or one id): releases about the same event that are not translations. */
function readRelated(entry: ReturnType<typeof mapEntries>[number] | undefined, locate: (node: never) => Point, report: (message: string, node: never) => void): { id: string; at: Point }[] {
  if (!entry || entry.value === null || (isScalar(entry.value) && entry.value.value === null)) return [];
  const items = isSeq(entry.value) ? entry.value.items : [entry.value];
  const out: { id: string; at: Point }[] = [];
  for (const item of items) {
    const v = isScalar(item) ? item.value : undefined;
    if (typeof v !== 'string' || !ID.test(v)) report('"related" must list release ids (lowercase letters, digits, ".", "_" or "-")', item as never);
    else out.push({ id: v, at: locate(item as never) });
  }
  return out;
}

/**
 * `issuer: 公安部` (one name, in any script or English: the glossary supplies the others) or
 * `issuer: {zh: 中華人民共和國公安部, en: Ministry of Public Security}` (either may be left out).
 */
function readIssuer(entry: ReturnType<typeof mapEntries>[number] | undefined, report: (message: string, node: Parameters<typeof startOf>[1]) => void): IssuerNames | null {
  if (!entry || entry.value === null || (isScalar(entry.value) && entry.value.value === null)) return null;
  if (isScalar(entry.value)) {
    const v = entry.value.value;
    if (typeof v !== 'string' || !v.trim()) {
      report('"issuer" must be a name or a map with "zh" and "en"', entry.value);
      return null;
    }
    return /\p{Script=Han}/u.test(v) ? { zh: v.trim(), en: null } : { zh: null, en: v.trim() };
  }
  const names: IssuerNames = { zh: null, en: null };
  const fields = mapEntries(entry.value as never);
  if (!fields.length) report('"issuer" must be a name or a map with "zh" and "en"', entry.value);
  for (const f of fields) {
    const v = isScalar(f.value) ? f.value.value : undefined;
    if (f.key !== 'zh' && f.key !== 'en') report(`unknown issuer key "${f.key}" (known: zh, en)`, f.keyNode);
    else if (typeof v !== 'string' || !v.trim()) report(`issuer "${f.key}" must be a name`, f.value ?? f.keyNode);
    else names[f.key] = v.trim();
  }
  return names.zh || names.en ? names : null;
}

/**
 * Paragraphs are blocks of non-empty lines separated by blank lines; lines within a block
 * join. Each is corrected, scanned for suspect text (positions in the file), cleaned,
 * segmented into sentences and hashed.
 */
function readParagraphs(
  lines: string[],
  from: number,
  lang: ReleaseLang,
  corrections: readonly Correction[],
  applied: AppliedCorrection[],
): { paragraphs: Paragraph[]; suspects: SuspectText[] } {
  const paragraphs: Paragraph[] = [];
  const suspects: SuspectText[] = [];
  let block: string[] = [];
  let startLine = 0;
  const flush = () => {
    if (!block.length) return;
    const n = paragraphs.length + 1;
    const raw = block.join('\n');
    const { text, changes, suspects: found } = correctAndClean(raw, lang, corrections, n, applied);
    for (const s of found) {
      const before = raw.slice(0, s.rawOffset).split('\n');
      suspects.push({ kind: s.kind, paragraph: n, line: startLine + before.length - 1, column: before[before.length - 1]!.length + 1, snippet: s.snippet, ...(s.readings ? { readings: s.readings } : {}) });
    }
    const cleaned = { text, changes };
    paragraphs.push({
      n,
      raw,
      text: cleaned.text,
      changes: cleaned.changes,
      line: startLine,
      sentences: segmentSentences(cleaned.text, lang),
      hash: createHash('sha256').update(cleaned.text).digest('hex').slice(0, 12),
    });
    block = [];
  };
  for (let i = from; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') flush();
    else {
      if (!block.length) startLine = i + 1;
      block.push(line);
    }
  }
  flush();
  // A last paragraph that was only a trailer (`■`, `（完）`, `NNNN`) is no paragraph.
  while (paragraphs.length && paragraphs[paragraphs.length - 1]!.text === '' && paragraphs[paragraphs.length - 1]!.changes.some((c) => c.step === 'strip-end-marks')) paragraphs.pop();
  return { paragraphs, suspects };
}

/**
 * The text pipeline for one paragraph or headline: zero-width characters go, HTML entities
 * are decoded and pinyin glosses removed first (so corrections and suspect runs read like the text editors see,
 * `聯合` not `聯(lián)合` or `&#32879;合`), then the editors' corrections, then the suspect
 * scan, then the remaining cleaning steps. A paragraph of an English release is English
 * text; one of a Chinese release is Chinese unless it holds more Latin letters than Han.
 */
function correctAndClean(
  raw: string,
  lang: ReleaseLang,
  corrections: readonly Correction[],
  n: number,
  applied: AppliedCorrection[],
): { text: string; changes: TextChange[]; suspects: (ReturnType<typeof findSuspects>[number] & { rawOffset: number })[] } {
  const options = { script: lang === 'en' ? ('en' as const) : scriptOfText(raw) };
  // Each step's changes apart, to map a suspect's offset back through them in turn.
  const before: TextChange[][] = [];
  let text = raw;
  for (const step of PRE_CORRECTION_STEPS) {
    const r = cleanText(text, [step], options);
    before.push(r.changes);
    text = r.text;
  }
  const corrected = applyCorrections(text, corrections, n);
  applied.push(...corrected.applied);
  const suspects = findSuspects(corrected.text, lang).map((s) => ({
    ...s,
    rawOffset: before.reduceRight((offset, changes) => beforeChanges(offset, changes), beforeCorrections(s.start, corrected.applied)),
  }));
  const rest = cleanText(
    corrected.text,
    CLEANING_STEPS.filter((step) => !PRE_CORRECTION_STEPS.includes(step)),
    options,
  );
  return { text: rest.text, changes: [...before.flat(), ...rest.changes], suspects };
}

/** The steps that run before corrections and the suspect scan (see correctAndClean). */
const PRE_CORRECTION_STEPS = [removeZeroWidth, decodeHtmlEntities, stripPinyinGlosses];

/** Maps an offset in corrected text back to the text the corrections were applied to. */
function beforeCorrections(offset: number, applied: readonly AppliedCorrection[]): number {
  let result = offset;
  for (const a of applied) if (a.offset < offset) result -= a.correction.replace.length - a.correction.find.length;
  return Math.max(0, result);
}

/** Maps an offset in a step's output back to its input, given the step's changes. */
function beforeChanges(offset: number, changes: readonly TextChange[]): number {
  let result = offset;
  for (const c of changes) if (c.offset <= result) result += c.before.length - c.after.length;
  return result;
}

const SUSPECT_MESSAGES = {
  mojibake: 'looks like mojibake (text decoded in the wrong encoding)',
  'legacy-encoding': 'looks like Chinese text in a legacy encoding decoded as Latin-1',
  'replacement-character': 'contains U+FFFD, the mark of a character lost in decoding',
  'private-use': 'contains a private-use character, which no reader can display reliably',
  'simplified-only': 'is a Simplified-only character in a Traditional-script release',
} as const;

const SUSPECT_CODES = { 'simplified-only': 'BP110', 'legacy-encoding': 'BP118' } as const;

function suspectDiagnostic(s: SuspectText, file: string): Diagnostic {
  const where = s.paragraph === 0 ? 'headline' : `¶${s.paragraph}`;
  const reads = s.readings?.length ? `: it reads ${s.readings.map((r) => `"${r.text}" in ${r.encoding}`).join(' or ')}` : '';
  return diagnostic({
    code: s.kind === 'simplified-only' || s.kind === 'legacy-encoding' ? SUSPECT_CODES[s.kind] : 'BP109',
    message: `${where}: "${s.snippet}" ${SUSPECT_MESSAGES[s.kind]}${reads}`,
    file,
    start: { line: s.line, column: s.column },
    actual: s.snippet,
    ...(s.readings?.length ? { expected: s.readings[0]!.text } : {}),
  });
}

function findEvidence(evidence: string, headline: string | null, paragraphs: Paragraph[]): number | undefined {
  if (headline?.includes(evidence)) return 0;
  return paragraphs.find((p) => p.text.includes(evidence))?.n;
}

/** The stretch of the texts closest to `needle`, to show editors what they probably meant. */
export function closestMatch(needle: string, texts: string[]): string | undefined {
  return closestWindow(needle, texts);
}
