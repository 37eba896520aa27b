/**
 * Reads one release file: YAML front matter (metadata and curated facts) followed by the
 * paragraphs as released, separated by blank lines. The body is kept raw in the file and
 * cleaned here, so the raw text stays available for provenance and every cleaning change can
 * be shown.
 */
import { createHash } from 'node:crypto';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { parseYamlSource, mapEntries, startOf, isScalar, isSeq } from '../util/yaml-source.js';
import { cleanText } from './cleaning.js';
import { FACT_TYPES, RELEASE_LANGS, type Fact, type FactType, type Paragraph, type Release, type ReleaseLang } from './release.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ID = /^[a-z0-9][a-z0-9._-]*$/;

export interface ReadReleaseResult {
  release?: Release;
  diagnostics: Diagnostic[];
}

export function readReleaseFile(text: string, file: string): ReadReleaseResult {
  const diagnostics: Diagnostic[] = [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines[0] !== '---') {
    return { diagnostics: [diagnostic({ code: 'BP101', message: 'release file does not start with "---"', file })] };
  }
  const close = lines.indexOf('---', 1);
  if (close < 0) {
    return { diagnostics: [diagnostic({ code: 'BP101', message: 'front matter is not closed with a "---" line', file })] };
  }
  const src = parseYamlSource(lines.slice(1, close).join('\n'), file, 1);
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
    const s = value instanceof Date ? value.toISOString().slice(0, 10) : typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
    const problem = s === undefined ? 'must be a single value' : check?.(s);
    if (problem) {
      diagnostics.push(diagnostic({ code: 'BP102', message: `"${key}" ${problem}`, file, start: startOf(src, entry.value), actual: s }));
      return null;
    }
    return s!;
  };
  const id = str('id', true, (v) => (ID.test(v) ? undefined : 'must be lowercase letters, digits, ".", "_" or "-"'));
  const lang = str('lang', true, (v) => ((RELEASE_LANGS as readonly string[]).includes(v) ? undefined : `must be one of ${RELEASE_LANGS.join(', ')}`));
  const date = str('date', true, (v) => (ISO_DATE.test(v) ? undefined : 'must be a date written YYYY-MM-DD'));
  const title = str('title', true);
  const source = str('source', true);
  const headlineRaw = str('headline', false);
  const translationOf = str('translation_of', false);
  const known = new Set(['id', 'lang', 'date', 'title', 'source', 'headline', 'translation_of', 'facts']);
  for (const [key, entry] of meta) {
    if (!known.has(key)) {
      diagnostics.push(
        diagnostic({ code: 'BP102', message: `unknown front matter key "${key}"`, file, start: startOf(src, entry.keyNode), hint: `Known keys: ${[...known].join(', ')}.` }),
      );
    }
  }

  const paragraphs = readParagraphs(lines, close + 1);
  const headline = headlineRaw === null ? null : cleanText(headlineRaw).text;
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
      return isScalar(v) && v.value !== null ? String(v.value) : undefined;
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

  if (diagnostics.some((d) => d.severity === 'error') || !id || !lang || !date || !title || !source) return { diagnostics };
  return {
    diagnostics,
    release: {
      id,
      lang: lang as ReleaseLang,
      date,
      title,
      headline,
      source,
      translationOf,
      paragraphs,
      facts,
      file,
      hash: createHash('sha256').update(text).digest('hex'),
    },
  };
}

/** Paragraphs are blocks of non-empty lines separated by blank lines; lines within a block join. */
function readParagraphs(lines: string[], from: number): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let block: string[] = [];
  let startLine = 0;
  const flush = () => {
    if (!block.length) return;
    const raw = block.join('\n');
    const cleaned = cleanText(raw);
    paragraphs.push({ n: paragraphs.length + 1, raw, text: cleaned.text, changes: cleaned.changes, line: startLine });
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
  return paragraphs;
}

function findEvidence(evidence: string, headline: string | null, paragraphs: Paragraph[]): number | undefined {
  if (headline?.includes(evidence)) return 0;
  return paragraphs.find((p) => p.text.includes(evidence))?.n;
}

/**
 * The substring of the texts closest to `needle` (same length window, fewest differing
 * characters), to show editors what they probably meant.
 */
export function closestMatch(needle: string, texts: string[]): string | undefined {
  const n = [...needle];
  let best: { score: number; text: string } | undefined;
  for (const text of texts) {
    const chars = [...text];
    for (let i = 0; i + n.length <= chars.length; i++) {
      let same = 0;
      for (let j = 0; j < n.length; j++) if (chars[i + j] === n[j]) same++;
      if (!best || same > best.score) best = { score: same, text: chars.slice(i, i + n.length).join('') };
    }
  }
  return best && best.score > 0 ? best.text : undefined;
}
