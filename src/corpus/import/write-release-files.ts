/**
 * Turns release drafts into release files (`<id>.md`: YAML front matter, then the raw
 * paragraphs separated by blank lines) and writes them into the target folder. An existing
 * file is never overwritten unless `force`, and a release the folder already holds under
 * another id (same `source`) is not written twice.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Document, isScalar, parse } from 'yaml';
import { listReleaseFiles } from '../corpus.js';
import type { ReleaseDraft } from './split-dump.js';

export interface ReleaseToWrite {
  draft: ReleaseDraft;
  id: string;
  translationOf: string | null;
  /** How sure the pairing is (written as a comment beside translation_of). */
  translationScore?: number;
  /** Ids of releases about the same event that are not translations. */
  related?: string[];
}

/** A release file already in the target folder, as far as importing cares. */
export interface ExistingReleaseFile {
  id: string;
  source: string | null;
  /** Absolute path. */
  file: string;
}

export type WriteStatus = 'written' | 'overwritten' | 'skipped';

export interface WriteOutcome {
  release: ReleaseToWrite;
  /** Absolute path of the file written, or of the file that made us skip. */
  file: string;
  status: WriteStatus;
  reason?: string;
}

export const DATE_TODO = ' TODO: the dump states no full date';

export function renderReleaseFile({ draft, id, translationOf, translationScore, related }: ReleaseToWrite): string {
  const m = draft.metadata;
  const front: Record<string, unknown> = { id, lang: draft.lang, issued: draft.date, title: draft.proposedTitle };
  if (draft.headline !== null) front.headline = draft.headline;
  if (m.issuer) front.issuer = Object.fromEntries(Object.entries(m.issuer).filter(([, v]) => v));
  if (m.place) front.place = m.place;
  if (m.url) front.url = m.url;
  front.source = draft.source;
  if (translationOf) front.translation_of = translationOf;
  if (related?.length) front.related = related;
  const doc = new Document(front);
  const rawPath = draft.source.replace(/#.*$/, '');
  // On the mapping rather than the document, so no blank line separates it from the keys.
  if (doc.contents) doc.contents.commentBefore = ` Imported by briefpack import from ${rawPath} lines ${draft.lineRange[0]}–${draft.lineRange[1]}; edit freely.`;
  if (draft.date === null) {
    const date = doc.get('issued', true);
    const partial = m.partialDate;
    if (isScalar(date)) date.comment = partial ? ` TODO: the text gives month ${partial.month} day ${partial.day} (line ${partial.line}) but no year` : DATE_TODO;
  }
  if (translationOf && translationScore !== undefined) {
    const t = doc.get('translation_of', true);
    if (isScalar(t)) t.comment = ` paired by briefpack import, confidence ${translationScore.toFixed(2)}`;
  }
  // lineWidth 0: never fold a long headline over several lines.
  const yaml = doc.toString({ lineWidth: 0 });
  return `---\n${yaml}---\n\n${draft.paragraphs.join('\n\n')}\n`;
}

/** Ids and sources of the release files in `dir`; files whose front matter does not parse are left out. */
export function readExistingReleases(dir: string): ExistingReleaseFile[] {
  const out: ExistingReleaseFile[] = [];
  for (const file of listReleaseFiles(dir)) {
    const lines = readFileSync(file, 'utf8').replace(/\r\n?/g, '\n').split('\n');
    const close = lines.indexOf('---', 1);
    if (lines[0] !== '---' || close < 0) continue;
    let meta: unknown;
    try {
      meta = parse(lines.slice(1, close).join('\n'), { logLevel: 'silent' });
    } catch {
      continue;
    }
    if (!meta || typeof meta !== 'object') continue;
    const { id, source } = meta as Record<string, unknown>;
    if (typeof id === 'string') out.push({ id, source: typeof source === 'string' ? source : null, file });
  }
  return out;
}

export interface WriteReleaseFilesOptions {
  into: string;
  force?: boolean;
  existing?: readonly ExistingReleaseFile[];
}

export function writeReleaseFiles(releases: readonly ReleaseToWrite[], options: WriteReleaseFilesOptions): WriteOutcome[] {
  const outcomes: WriteOutcome[] = [];
  for (const release of releases) {
    const file = path.join(options.into, `${release.id}.md`);
    const twin = options.existing?.find((e) => e.source === release.draft.source && path.resolve(e.file) !== path.resolve(file));
    if (twin) {
      outcomes.push({ release, file: twin.file, status: 'skipped', reason: `already imported as ${twin.id}` });
      continue;
    }
    const exists = existsSync(file);
    if (exists && !options.force) {
      outcomes.push({ release, file, status: 'skipped', reason: 'file exists (--force overwrites it)' });
      continue;
    }
    mkdirSync(options.into, { recursive: true });
    // Write beside the target and rename, so a reader never sees half a file.
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, renderReleaseFile(release));
    renameSync(temp, file);
    outcomes.push({ release, file, status: exists ? 'overwritten' : 'written' });
  }
  return outcomes;
}
