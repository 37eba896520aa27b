/**
 * The corpus: every release file in `releases/` read, cleaned and checked together (ids
 * unique, translations pointing at real releases). Loaded once per process per set of file
 * contents, since hundreds of briefs share one corpus.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { readReleaseFile } from './release-file.js';
import type { Release } from './release.js';

export interface Corpus {
  releases: Map<string, Release>;
  diagnostics: Diagnostic[];
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
  const diagnostics: Diagnostic[] = [];
  for (const abs of listReleaseFiles(releasesDir)) {
    const file = path.relative(projectRoot, abs);
    const { release, diagnostics: found } = readReleaseFile(readFileSync(abs, 'utf8'), file);
    diagnostics.push(...found);
    if (!release) continue;
    const clash = releases.get(release.id);
    if (clash) {
      diagnostics.push(
        diagnostic({ code: 'BP103', message: `release id "${release.id}" is also used by ${clash.file}`, file, start: { line: 2, column: 1 } }),
      );
      continue;
    }
    releases.set(release.id, release);
  }
  for (const release of releases.values()) {
    if (release.translationOf && !releases.has(release.translationOf)) {
      diagnostics.push(
        diagnostic({ code: 'BP104', message: `translation_of names "${release.translationOf}", which is not a release`, file: release.file, start: { line: 2, column: 1 } }),
      );
    }
  }
  return { releases, diagnostics };
}
