/**
 * `briefpack import <dump> [--into DIR] [--force]`: splits a raw dump into release files
 * (one per release found, `translation_of` filled where an English release translates a
 * Chinese one) so editors start from files instead of copying text by hand. Prints one line
 * per release written or skipped; never overwrites a file without --force.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { loadGlossary } from '../../corpus/glossary.js';
import { pairTranslations } from '../../corpus/import/pair-translations.js';
import { splitDump } from '../../corpus/import/split-dump.js';
import { readExistingReleases, writeReleaseFiles, type ReleaseToWrite, type WriteOutcome } from '../../corpus/import/write-release-files.js';
import { diagnostic, DiagnosticError, formatDiagnostic } from '../../diagnostics/diagnostic.js';
import { UsageError } from '../errors.js';
import type { CommandContext, CommandResult } from '../context.js';

export interface ImportFlags {
  /** Folder to write release files into, relative to the project root (default `releases`). */
  into?: string;
  /** Overwrite release files that already exist. */
  force?: boolean;
}

export const IMPORT_USAGE = 'briefpack import <dump> [--into DIR] [--force]';

export async function importCommand(ctx: CommandContext, positionals: string[], flags: ImportFlags): Promise<CommandResult> {
  if (positionals.length !== 1) throw new UsageError(`import takes exactly one dump file\nusage: ${IMPORT_USAGE}`);
  const dump = positionals[0]!;
  const dumpPath = path.resolve(ctx.projectRoot, dump);
  if (!existsSync(dumpPath) || !statSync(dumpPath).isFile()) {
    throw new DiagnosticError([
      diagnostic({ code: 'BP501', message: `dump file not found: ${dump}`, file: dump, hint: 'Check the path; raw dumps live in releases/raw/.' }),
    ]);
  }
  const into = path.resolve(ctx.projectRoot, flags.into ?? 'releases');
  // Release files cite their dump relative to the folder they live in (`raw/….txt`).
  const rawPath = path.relative(into, dumpPath).split(path.sep).join('/');
  const existing = readExistingReleases(into);
  const drafts = splitDump(readFileSync(dumpPath, 'utf8'), { rawPath, existing });
  if (!drafts.length) {
    ctx.log(`${dump}: no text, nothing to import`);
    return { exitCode: 0, diagnostics: [] };
  }

  const glossary = loadGlossary(ctx.projectRoot);
  for (const d of glossary.diagnostics) ctx.error(formatDiagnostic(d));
  const pairs = pairTranslations(drafts, glossary.terms);
  // A release the folder already holds keeps the id it has there; translations point at it.
  const finalId = drafts.map((d) => existing.find((e) => e.source === d.source)?.id ?? d.proposedId);
  const releases: ReleaseToWrite[] = drafts.map((draft, i) => {
    const pair = pairs.find((p) => p.translation === i);
    return { draft, id: draft.proposedId, translationOf: pair ? finalId[pair.original]! : null };
  });

  const outcomes = writeReleaseFiles(releases, { into, force: flags.force, existing });
  for (const outcome of outcomes) ctx.log(describeOutcome(outcome, ctx.projectRoot));
  const count = (s: WriteOutcome['status']) => outcomes.filter((o) => o.status === s).length;
  const written = count('written') + count('overwritten');
  ctx.log(`${drafts.length} release${drafts.length === 1 ? '' : 's'} in ${dump}: ${written} written, ${count('skipped')} skipped (into ${path.relative(ctx.projectRoot, into) || '.'})`);
  return { exitCode: 0, diagnostics: glossary.diagnostics };
}

/** `written  <id>  zh-Hant  2 ¶  headline yes  translation_of —  → releases/<id>.md` */
function describeOutcome({ release, file, status, reason }: WriteOutcome, root: string): string {
  const { draft, id, translationOf } = release;
  const fields = [
    status.padEnd(11),
    id,
    draft.lang,
    `${draft.paragraphs.length} ¶`,
    `headline ${draft.headline === null ? 'no' : 'yes'}`,
    `translation_of ${translationOf ?? '—'}`,
  ];
  const where = path.relative(root, file);
  return `${fields.join('  ')}  ${reason ? `(${reason}: ${where})` : `→ ${where}`}`;
}
