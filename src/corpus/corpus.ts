/**
 * The corpus: the release files in `releases/` with the glossary and the editors' corrections.
 * There is one loader, used lazily by builds and eagerly by `check`:
 *
 * - `openCorpus()` indexes the release folder (each file's `id` and `translation_of`, read by
 *   front-matter.ts, the same reader the release itself goes through) and reads and cleans a
 *   release the first time `releases.get(id)` asks for it: a build of a few briefs reads only
 *   the releases they quote, out of thousands.
 * - `corpus.loadAll()` reads every release and returns every problem in the corpus: what
 *   `check` reports.
 *
 * Both paths take a release's problems from the same place (`releaseDiagnostics`): its own
 * (front matter, corrections that do not apply, suspect text, facts), a second file claiming
 * its id (BP103), a dangling translation_of (BP104). So `check`, `build` and `watch` say the
 * same about the same release; a broken release fails only the briefs that quote it.
 *
 * The first file (in file-name order) claiming an id owns it; if that file is broken, the id
 * resolves to no release and the later claimers are reported as duplicates, not used instead.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { correctionsForUnknownReleases, loadCorrections, type Correction } from './corrections.js';
import { frontMatterKeyPosition, scanIndexKeys } from './front-matter.js';
import { loadGlossary, type Glossary } from './glossary.js';
import { readReleaseFile } from './release-file.js';
import type { Release } from './release.js';

export interface ReleaseIndexEntry {
  /** Path relative to the project root. */
  file: string;
  /** Front-matter id (null when the file has none, or its front matter does not parse). */
  id: string | null;
  translationOf: string | null;
}

/** What one brief looked at in the corpus (see `Corpus.track`). */
export interface CorpusReads {
  /** Ids passed to `releases.get`/`has`, found or not. */
  releases: string[];
  /** Ids whose translations were looked up. */
  translations: string[];
}

export interface Corpus {
  /** Releases by id, read on first use. Read-only. */
  readonly releases: ReadonlyMap<string, Release>;
  readonly glossary: Glossary;
  readonly corrections: readonly Correction[];
  /** Problems that concern every brief: the glossary, the corrections file. */
  readonly diagnostics: readonly Diagnostic[];
  /** Every release file, in file order. */
  readonly index: readonly ReleaseIndexEntry[];
  /** The releases whose translation_of names this id, in file order. */
  translationsOf(id: string): Release[];
  /** Files claiming an id (the first one owns it), in file order. */
  filesOf(id: string): string[];
  /** Files whose translation_of names an id, in file order. */
  translatorsOf(id: string): string[];
  /** Problems of these releases (reading them if needed): own, duplicate id, dangling translation. */
  releaseDiagnostics(ids: Iterable<string>): Diagnostic[];
  /** Reads every release; returns every problem in the corpus, global ones first, then by file. */
  loadAll(): Diagnostic[];
  /** Starts recording reads; the returned function stops and returns them. */
  track(): () => CorpusReads;
  /** Forgets the parsed releases but the `keep` used last (they are read again if asked
   * for). For between briefs: a brief's releases are the same objects while it is built. */
  forgetAllBut(keep: number): void;
}

export interface OpenCorpusOptions {
  releasesDir?: string;
  /** An index made earlier (a build's planning step), so workers do not scan the folder again. */
  index?: readonly ReleaseIndexEntry[];
  /** How to read a file (a build passes its memoising reader). */
  readText?: (absolutePath: string) => string;
}

/** Release files are the `*.md` files directly in the releases folder (raw/ holds dumps). */
export function listReleaseFiles(releasesDir: string): string[] {
  if (!existsSync(releasesDir)) return [];
  return readdirSync(releasesDir, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.md') && e.name !== 'README.md')
    .map((e) => path.join(releasesDir, e.name))
    .sort();
}

export function indexEntry(projectRoot: string, abs: string, text: string): ReleaseIndexEntry {
  return { file: path.relative(projectRoot, abs), ...scanIndexKeys(text) };
}

/** Scans the release folder: one entry per release file. */
export function indexReleases(projectRoot: string, releasesDir = path.join(projectRoot, 'releases'), readText = (f: string) => readFileSync(f, 'utf8')): ReleaseIndexEntry[] {
  return listReleaseFiles(releasesDir).map((abs) => indexEntry(projectRoot, abs, readText(abs)));
}

function groupBy<T>(items: Iterable<T>, key: (item: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k !== null) groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return groups;
}

export function openCorpus(projectRoot: string, options: OpenCorpusOptions = {}): Corpus {
  const releasesDir = options.releasesDir ?? path.join(projectRoot, 'releases');
  const readText = options.readText ?? ((f: string) => readFileSync(f, 'utf8'));
  const index = options.index ?? indexReleases(projectRoot, releasesDir, readText);
  const glossary = loadGlossary(projectRoot, path.join(releasesDir, 'glossary.yaml'));
  const corrections = loadCorrections(projectRoot, path.join(releasesDir, 'corrections.yaml'));

  const byId = groupBy(index, (e) => e.id);
  const translators = groupBy(index, (e) => e.translationOf);
  const correctionsFor = groupBy(corrections.corrections, (c) => c.release);
  const diagnostics: Diagnostic[] = [
    ...glossary.diagnostics,
    ...corrections.diagnostics,
    ...correctionsForUnknownReleases(corrections.corrections, byId.keys()),
  ];

  /** Each file read once (until forgotten): its release (when it has no errors) and its own
   * problems; the one used last at the end. */
  const files = new Map<string, { release?: Release; diagnostics: Diagnostic[] }>();
  const readFile = (entry: ReleaseIndexEntry) => {
    let read = files.get(entry.file);
    if (read) files.delete(entry.file);
    else {
      const text = readText(path.resolve(projectRoot, entry.file));
      read = readReleaseFile(text, entry.file, { corrections: (entry.id && correctionsFor.get(entry.id)) || [] });
    }
    files.set(entry.file, read);
    return read;
  };
  /** The release an id names: the first claimer's, if that file reads without errors. */
  const load = (id: string): Release | undefined => {
    const owner = byId.get(id)?.[0];
    return owner ? readFile(owner).release : undefined;
  };
  let reads: { releases: Set<string>; translations: Set<string> } | undefined;

  const releaseDiagnostics = (ids: Iterable<string>): Diagnostic[] => {
    const out: Diagnostic[] = [];
    for (const id of new Set(ids)) {
      const [owner, ...clashes] = byId.get(id) ?? [];
      if (!owner) continue;
      out.push(...readFile(owner).diagnostics);
      for (const clash of clashes) {
        out.push(...readFile(clash).diagnostics);
        const text = readText(path.resolve(projectRoot, clash.file));
        out.push(diagnostic({ code: 'BP103', message: `release id "${id}" is also used by ${owner.file}`, file: clash.file, start: frontMatterKeyPosition(text, 'id') }));
      }
      const release = load(id);
      if (release?.translationOf && !byId.has(release.translationOf)) {
        out.push(
          diagnostic({
            code: 'BP104',
            message: `translation_of names "${release.translationOf}", which is not a release`,
            file: release.file,
            start: release.positions.translationOf ?? release.positions.id,
          }),
        );
      }
      for (const [k, other] of (release?.related ?? []).entries()) {
        if (byId.has(other)) continue;
        out.push(diagnostic({ code: 'BP104', message: `related names "${other}", which is not a release`, file: release!.file, start: release!.positions.related[k] ?? release!.positions.id, hint: 'Set related to ids of existing releases, or remove the id.' }));
      }
    }
    return out;
  };

  const releases: ReadonlyMap<string, Release> = {
    get(id) {
      reads?.releases.add(id);
      return load(id);
    },
    has(id) {
      return this.get(id) !== undefined;
    },
    get size() {
      return byId.size;
    },
    keys: () => byId.keys(),
    *values() {
      for (const id of byId.keys()) {
        const r = releases.get(id);
        if (r) yield r;
      }
    },
    *entries() {
      for (const r of releases.values()) yield [r.id, r] as [string, Release];
    },
    [Symbol.iterator]() {
      return releases.entries();
    },
    forEach(fn, thisArg) {
      for (const [k, v] of releases.entries()) fn.call(thisArg, v, k, releases);
    },
  } as ReadonlyMap<string, Release>;

  return {
    releases,
    glossary,
    corrections: corrections.corrections,
    diagnostics,
    index,
    translationsOf(id) {
      reads?.translations.add(id);
      return (translators.get(id) ?? []).flatMap((e) => (e.id ? (releases.get(e.id) ?? []) : []));
    },
    filesOf: (id) => (byId.get(id) ?? []).map((e) => e.file),
    translatorsOf: (id) => (translators.get(id) ?? []).map((e) => e.file),
    releaseDiagnostics,
    loadAll() {
      const out = [...diagnostics];
      const claimed = new Set<string>();
      for (const entry of index) {
        if (entry.id === null) out.push(...readFile(entry).diagnostics);
        else if (!claimed.has(entry.id)) {
          claimed.add(entry.id);
          out.push(...releaseDiagnostics([entry.id]));
        }
      }
      return out;
    },
    forgetAllBut(keep) {
      for (const file of files.keys()) {
        if (files.size <= keep) break;
        files.delete(file);
      }
    },
    track() {
      const mine = { releases: new Set<string>(), translations: new Set<string>() };
      reads = mine;
      return () => {
        if (reads === mine) reads = undefined;
        return { releases: [...mine.releases].sort(), translations: [...mine.translations].sort() };
      };
    },
  };
}
