/**
 * The corpus: every release file in `releases/` read, cleaned and checked together (ids
 * unique, translations pointing at real releases). Loaded once per process per set of file
 * contents, since hundreds of briefs share one corpus.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { correctionsForUnknownReleases, loadCorrections, type Correction } from './corrections.js';
import { loadGlossary, type Glossary } from './glossary.js';
import { readReleaseFile } from './release-file.js';
import type { Release } from './release.js';

export interface Corpus {
  releases: Map<string, Release>;
  glossary: Glossary;
  corrections: Correction[];
  diagnostics: Diagnostic[];
  /** The releases whose translation_of names this id, in file order. */
  translationsOf(id: string): Release[];
}

/** Release files are the `*.md` files directly in the releases folder (raw/ holds dumps). */
export function listReleaseFiles(releasesDir: string): string[] {
  if (!existsSync(releasesDir)) return [];
  return readdirSync(releasesDir, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.md') && e.name !== 'README.md')
    .map((e) => path.join(releasesDir, e.name))
    .sort();
}

export function loadCorpus(projectRoot: string, releasesDir = path.join(projectRoot, 'releases')): Corpus {
  const releases = new Map<string, Release>();
  const glossary = loadGlossary(projectRoot, path.join(releasesDir, 'glossary.yaml'));
  const corrections = loadCorrections(projectRoot, path.join(releasesDir, 'corrections.yaml'));
  const diagnostics: Diagnostic[] = [...glossary.diagnostics, ...corrections.diagnostics];
  const byRelease = new Map<string, Correction[]>();
  for (const c of corrections.corrections) byRelease.set(c.release, [...(byRelease.get(c.release) ?? []), c]);
  for (const abs of listReleaseFiles(releasesDir)) {
    const file = path.relative(projectRoot, abs);
    const text = readFileSync(abs, 'utf8');
    const id = /^id:\s*(\S+)\s*$/m.exec(text)?.[1];
    const { release, diagnostics: found } = readReleaseFile(text, file, { corrections: (id && byRelease.get(id)) || [] });
    diagnostics.push(...found);
    if (!release) continue;
    const clash = releases.get(release.id);
    if (clash) {
      diagnostics.push(
        diagnostic({ code: 'BP103', message: `release id "${release.id}" is also used by ${clash.file}`, file, start: release.positions.id }),
      );
      continue;
    }
    releases.set(release.id, release);
  }
  for (const release of releases.values()) {
    if (release.translationOf && !releases.has(release.translationOf)) {
      diagnostics.push(
        diagnostic({ code: 'BP104', message: `translation_of names "${release.translationOf}", which is not a release`, file: release.file, start: release.positions.translationOf ?? release.positions.id }),
      );
    }
  }
  diagnostics.push(...correctionsForUnknownReleases(corrections.corrections, releases.keys()));
  const translationsOf = (id: string) => [...releases.values()].filter((r) => r.translationOf === id);
  return { releases, glossary, corrections: corrections.corrections, diagnostics, translationsOf };
}
