/**
 * A corpus that reads only the releases it is asked for: what builds use.
 *
 * `loadCorpus` reads, cleans and cross-checks every release (3,000 releases take seconds),
 * which `check` needs but a build of a few briefs does not. Here an index of the release
 * folder (each file's front-matter `id` and `translation_of`, found by a line scan, not a YAML
 * parse) answers which file holds which release; a release is read and cleaned the first time
 * `releases.get(id)` asks for it, with the same `readReleaseFile` and corrections as
 * `loadCorpus`, so a brief sees exactly the same Release objects either way.
 *
 * It also records what a brief looked at (`track`): the releases it read and the
 * translations it looked up. The build cache keys on exactly those files.
 *
 * Problems are split the way builds need them: `diagnostics` holds what concerns every brief
 * (glossary, corrections file); `releaseDiagnostics(ids)` what concerns the given releases
 * (their own problems, a second file claiming the same id, a dangling translation_of). A
 * broken release fails only the briefs that quote it; `check` still reports everything.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { listReleaseFiles, type Corpus } from './corpus.js';
import { correctionsForUnknownReleases, loadCorrections, type Correction } from './corrections.js';
import { loadGlossary } from './glossary.js';
import { frontMatterKeyPosition, readReleaseFile } from './release-file.js';
import type { Release } from './release.js';

export interface ReleaseIndexEntry {
  /** Path relative to the project root. */
  file: string;
  /** Front-matter id as the line scan finds it (null when there is none). */
  id: string | null;
  translationOf: string | null;
}

/** What one brief looked at in the corpus (see `LazyCorpus.track`). */
export interface CorpusReads {
  /** Ids passed to `releases.get`/`has`, found or not. */
  releases: string[];
  /** Ids whose translations were looked up. */
  translations: string[];
}

export interface LazyCorpus extends Corpus {
  /** Every release file, in file order. */
  readonly index: readonly ReleaseIndexEntry[];
  /** Files claiming an id (the first one wins, as in loadCorpus), in file order. */
  filesOf(id: string): string[];
  /** Files whose translation_of names an id, in file order. */
  translatorsOf(id: string): string[];
  /** Problems of these releases (loading them if needed): own, duplicate id, dangling translation. */
  releaseDiagnostics(ids: Iterable<string>): Diagnostic[];
  /** Starts recording reads; the returned function stops and returns them. */
  track(): () => CorpusReads;
}

export interface OpenCorpusOptions {
  releasesDir?: string;
  /** An index made earlier (a build's planning step), so workers do not scan the folder again. */
  index?: readonly ReleaseIndexEntry[];
  /** How to read a file (a build passes its memoising reader). */
  readText?: (absolutePath: string) => string;
}

/** `id: foo` in the front matter, by line scan: quotes and trailing comments allowed. */
export function frontMatterValue(text: string, key: string): string | null {
  if (!text.startsWith('---')) return null;
  const end = text.search(/\r?\n---[ \t]*(\r?\n|$)/);
  const head = end < 0 ? text : text.slice(0, end);
  const m = new RegExp(`^${key}:[ \\t]*(.*?)[ \\t]*(?:[ \\t]#.*)?\\r?$`, 'm').exec(head);
  if (!m || !m[1]) return null;
  const v = m[1];
  return (v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'")) ? v.slice(1, -1) : v;
}

export function indexEntry(projectRoot: string, abs: string, text: string): ReleaseIndexEntry {
  return { file: path.relative(projectRoot, abs), id: frontMatterValue(text, 'id'), translationOf: frontMatterValue(text, 'translation_of') };
}

/** Scans the release folder: one entry per release file. */
export function indexReleases(projectRoot: string, releasesDir = path.join(projectRoot, 'releases'), readText = (f: string) => readFileSync(f, 'utf8')): ReleaseIndexEntry[] {
  return listReleaseFiles(releasesDir).map((abs) => indexEntry(projectRoot, abs, readText(abs)));
}

export function openCorpus(projectRoot: string, options: OpenCorpusOptions = {}): LazyCorpus {
  const releasesDir = options.releasesDir ?? path.join(projectRoot, 'releases');
  const readText = options.readText ?? ((f: string) => readFileSync(f, 'utf8'));
  const index = options.index ?? indexReleases(projectRoot, releasesDir, readText);
  const glossary = loadGlossary(projectRoot, path.join(releasesDir, 'glossary.yaml'));
  const corrections = loadCorrections(projectRoot, path.join(releasesDir, 'corrections.yaml'));

  const byId = new Map<string, ReleaseIndexEntry[]>();
  const translators = new Map<string, ReleaseIndexEntry[]>();
  for (const e of index) {
    if (e.id) byId.set(e.id, [...(byId.get(e.id) ?? []), e]);
    if (e.translationOf) translators.set(e.translationOf, [...(translators.get(e.translationOf) ?? []), e]);
  }
  const correctionsFor = new Map<string, Correction[]>();
  for (const c of corrections.corrections) correctionsFor.set(c.release, [...(correctionsFor.get(c.release) ?? []), c]);

  const diagnostics: Diagnostic[] = [...glossary.diagnostics, ...corrections.diagnostics];
  diagnostics.push(...correctionsForUnknownReleases(corrections.corrections, byId.keys()));

  /** Parsed releases by id (undefined: its file has errors or does not hold that id). */
  const parsed = new Map<string, Release | undefined>();
  const problems = new Map<string, Diagnostic[]>();
  let reads: { releases: Set<string>; translations: Set<string> } | undefined;

  const load = (id: string): Release | undefined => {
    if (parsed.has(id)) return parsed.get(id);
    const entry = byId.get(id)?.[0];
    let release: Release | undefined;
    if (entry) {
      const abs = path.resolve(projectRoot, entry.file);
      const { release: r, diagnostics: found } = readReleaseFile(readText(abs), entry.file, { corrections: correctionsFor.get(id) ?? [] });
      problems.set(id, found);
      // The line scan and the YAML parser agree on every ordinary file; if they do not, the
      // release is not found under this id rather than found under the wrong one.
      release = r && r.id === id ? r : undefined;
    }
    parsed.set(id, release);
    return release;
  };

  class LazyReleases extends Map<string, Release> {
    override get(id: string): Release | undefined {
      reads?.releases.add(id);
      return load(id);
    }
    override has(id: string): boolean {
      return this.get(id) !== undefined;
    }
    override get size(): number {
      return byId.size;
    }
    override keys(): MapIterator<string> {
      return byId.keys();
    }
    override *values(): MapIterator<Release> {
      for (const id of byId.keys()) {
        const r = this.get(id);
        if (r) yield r;
      }
    }
    override *entries(): MapIterator<[string, Release]> {
      for (const r of this.values()) yield [r.id, r];
    }
    override [Symbol.iterator](): MapIterator<[string, Release]> {
      return this.entries();
    }
    override forEach(fn: (value: Release, key: string, map: Map<string, Release>) => void, thisArg?: unknown): void {
      for (const [k, v] of this.entries()) fn.call(thisArg, v, k, this);
    }
    override set(): this {
      throw new Error('the releases of a corpus are read-only');
    }
    override delete(): boolean {
      throw new Error('the releases of a corpus are read-only');
    }
    override clear(): void {
      throw new Error('the releases of a corpus are read-only');
    }
  }
  const releases = new LazyReleases();

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
    releaseDiagnostics(ids) {
      const out: Diagnostic[] = [];
      for (const id of new Set(ids)) {
        const claimers = byId.get(id) ?? [];
        if (!claimers.length) continue;
        const release = load(id);
        out.push(...(problems.get(id) ?? []));
        for (const clash of claimers.slice(1)) {
          out.push(diagnostic({ code: 'BP103', message: `release id "${id}" is also used by ${claimers[0]!.file}`, file: clash.file, start: frontMatterKeyPosition(readText(path.resolve(projectRoot, clash.file)), 'id') }));
        }
        if (release?.translationOf && !byId.has(release.translationOf)) {
          out.push(
            diagnostic({ code: 'BP104', message: `translation_of names "${release.translationOf}", which is not a release`, file: release.file, start: release.positions.translationOf ?? release.positions.id }),
          );
        }
      }
      return out;
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
