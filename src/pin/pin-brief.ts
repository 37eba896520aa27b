/**
 * `briefpack pin`'s work for one brief: write the hash of every paragraph its excerpts quote
 * into the spec (`hash:` on each excerpt, a list when it quotes several paragraphs), and the
 * text of those paragraphs into the brief's lock file, so that a later build can show what
 * changed in a source (resolve/pinned-text.ts).
 *
 * The spec is edited as text at the places the yaml Document's node ranges give: a new
 * `hash:` line is added under the excerpt's last key, an old hash value is replaced where it
 * stands. Everything else — comments, blank lines, quoting, folded text, key order — stays
 * byte for byte as the editor wrote it (re-printing the document would re-flow it).
 *
 * Pure: reads the files it is given, returns the new texts; the command writes them.
 */
import { isMap, isPair, isScalar, isSeq, parseDocument, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Corpus } from '../corpus/corpus.js';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { loadBrief } from '../brief/load-brief.js';
import { lockFileOf, pinnedText, writeLock, type PinnedParagraph } from '../brief/lock-file.js';
import type { SpecPath } from '../brief/parse-spec.js';
import { resolveBrief, type ResolvedExcerpt } from '../resolve/resolve.js';

export interface PinOptions {
  projectRoot: string;
  corpus: Corpus;
  /** Accept changed sources: re-pin excerpts whose pinned hash no longer matches. */
  update: boolean;
  /** Reads a project file (relative path); the command passes the file system. */
  readText(file: string): string;
}

export interface PinResult {
  brief: string;
  /** New text per changed spec file (the brief and files it includes). */
  specs: Map<string, string>;
  lockFile: string;
  lockText: string;
  /** Excerpts that got their first pin, that were pinned and unchanged, re-pinned (--update),
   * and pinned but changed in their source (left as they are, without --update). */
  counts: { pinned: number; unchanged: number; updated: number; changed: number };
  /** The brief's warnings (BP215 for every changed source, with old and new text). */
  diagnostics: Diagnostic[];
}

interface Edit {
  at: number;
  end: number;
  text: string;
}

/** Returns undefined with the diagnostics when the brief has errors (nothing to pin). */
export function pinBrief(specFile: string, options: PinOptions): PinResult | { errors: Diagnostic[] } {
  const loaded = loadBrief(options.projectRoot, specFile, options.readText(specFile));
  const resolved = resolveBrief(loaded, options.corpus);
  const diagnostics = [...loaded.diagnostics, ...resolved.diagnostics];
  if (hasErrors(diagnostics) || !resolved.brief) return { errors: diagnostics.filter((d) => d.severity === 'error') };

  const counts = { pinned: 0, unchanged: 0, updated: 0, changed: 0 };
  const edits = new Map<string, Edit[]>();
  const docs = new Map<string, { text: string; doc: ReturnType<typeof parseDocument> }>();
  const lockEntries: PinnedParagraph[] = [];
  const excerpts: ResolvedExcerpt[] = resolved.brief.sections.flatMap((s) => s.excerpts);

  for (const ex of excerpts) {
    const file = ex.chosenBy.file;
    let entry = docs.get(file);
    if (!entry) {
      const text = options.readText(file);
      entry = { text, doc: parseDocument(text, { keepSourceTokens: true }) };
      docs.set(file, entry);
    }
    const map = entry.doc.getIn(ex.chosenBy.path, true) as Node | undefined;
    if (!isMap(map)) continue;
    const current = ex.quoted.map((q) => q.hash);
    const existing = hashesIn(map);
    let final: string[];
    if (!existing) {
      counts.pinned++;
      final = current;
    } else if (sameHashes(existing, current)) {
      counts.unchanged++;
      final = current;
    } else if (typeof existing === 'string' && current.length > 1 && current.includes(existing)) {
      // One hand-written hash for several paragraphs: pin each of them.
      counts.pinned++;
      final = current;
    } else if (options.update) {
      counts.updated++;
      final = current;
    } else {
      counts.changed++;
      final = typeof existing === 'string' ? [existing] : existing;
    }
    if (final === current && !(existing && sameHashes(existing, current))) {
      const list = edits.get(file) ?? [];
      list.push(hashEdit(entry.text, map, current));
      edits.set(file, list);
    }
    final.forEach((hash, i) => {
      const q = ex.quoted[i];
      const release = options.corpus.releases.get(ex.release.id)!;
      const now = q ? release.paragraphs[q.n - 1] : undefined;
      if (now && now.hash === hash) lockEntries.push({ release: release.id, paragraph: now.n, hash, sentences: now.sentences.map((s) => s.text) });
      else {
        const kept = pinnedText(loaded.lock, release.id, hash);
        if (kept) lockEntries.push(kept);
      }
    });
  }

  const specs = new Map<string, string>();
  for (const [file, list] of edits) {
    let text = docs.get(file)!.text;
    for (const e of list.sort((a, b) => b.at - a.at)) text = text.slice(0, e.at) + e.text + text.slice(e.end);
    specs.set(file, text);
  }
  const lockFile = lockFileOf(loaded.file);
  return { brief: loaded.file, specs, lockFile, lockText: writeLock(loaded.file, lockEntries), counts, diagnostics: diagnostics.filter((d) => d.severity !== 'error') };
}

function hashesIn(map: YAMLMap): string | string[] | undefined {
  const pair = hashPair(map);
  if (!pair) return undefined;
  const v = pair.value as Node | null;
  if (isScalar(v)) return scalarHash(v.value);
  if (isSeq(v)) return v.items.map((i) => (isScalar(i) ? scalarHash(i.value) : ''));
  return undefined;
}

const scalarHash = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) ? String(v).padStart(12, '0') : String(v));

function hashPair(map: YAMLMap): Pair | undefined {
  return map.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === 'hash') as Pair | undefined;
}

function sameHashes(a: string | string[], b: string[]): boolean {
  const list = typeof a === 'string' ? [a] : a;
  return list.length === b.length && list.every((h, i) => h === b[i]);
}

/** A hash that YAML would read as a number (all digits, or digits e digits) is quoted. */
function hashText(hash: string): string {
  return /^[0-9]+(e[0-9]+)?$/.test(hash) ? `"${hash}"` : hash;
}

function valueText(hashes: string[]): string {
  return hashes.length === 1 ? hashText(hashes[0]!) : `[${hashes.map(hashText).join(', ')}]`;
}

/** The text edit that sets `hash:` on one excerpt's mapping. */
function hashEdit(text: string, map: YAMLMap, hashes: string[]): Edit {
  const value = valueText(hashes);
  const pair = hashPair(map);
  if (pair) {
    const node = pair.value as Node;
    const [start, end] = node.range!;
    return { at: start, end, text: value };
  }
  if (map.flow) {
    const close = text.lastIndexOf('}', map.range![1]);
    return { at: close, end: close, text: `, hash: ${value}` };
  }
  const first = map.items[0] as Pair<Node, Node>;
  const keyAt = first.key.range![0];
  const indent = keyAt - (text.lastIndexOf('\n', keyAt - 1) + 1);
  const last = map.items[map.items.length - 1] as Pair<Node, Node | null>;
  const lastEnd = last.value?.range?.[1] ?? last.key.range![1];
  // At the end of the line the last value ends on (past any comment on it); a block value
  // (a list under the key) ends at the start of the next line: insert before that newline.
  let at = lastEnd > 0 && text[lastEnd - 1] === '\n' ? lastEnd - 1 : text.indexOf('\n', lastEnd);
  if (at < 0) at = text.length;
  return { at, end: at, text: `\n${' '.repeat(indent)}hash: ${value}` };
}
