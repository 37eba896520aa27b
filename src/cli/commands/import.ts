/**
 * `briefpack import <dump> [--plan] [--split-at LINE]… [--join LINE]… [--plan-file FILE]
 * [--into DIR] [--force]`: splits a raw dump into release files (one per release found, with
 * the metadata the text states, `translation_of` where an English release translates a Chinese
 * one, `related` for an English report on the same event) so editors start from files instead
 * of copying text by hand.
 *
 * `--plan` prints the proposed releases (line ranges, the cues that start each one, a
 * confidence, the metadata, the pairs, near misses) and writes nothing. A wrong guess is fixed
 * with `--split-at LINE` / `--join LINE` or a plan file, never by hand-editing the files.
 * Low-confidence boundaries (BP115), dates without a year (BP116) and uncertain pairs (BP117)
 * are warnings located at the dump's line. Never overwrites a file without --force.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { loadGlossary } from '../../corpus/glossary.js';
import { pairReleases, PAIRING_CONFIDENT, type PairingResult } from '../../corpus/import/pair-translations.js';
import { readPlanFile } from '../../corpus/import/plan-file.js';
import { LOW_CONFIDENCE, splitDumpWithPlan, type ReleaseDraft, type SplitResult } from '../../corpus/import/split-dump.js';
import { readExistingReleases, writeReleaseFiles, type ReleaseToWrite, type WriteOutcome } from '../../corpus/import/write-release-files.js';
import { diagnostic, DiagnosticError, formatDiagnostic, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { UsageError } from '../errors.js';
import type { CommandContext, CommandResult } from '../context.js';

export interface ImportFlags {
  /** Folder to write release files into, relative to the project root (default `releases`). */
  into?: string;
  /** Overwrite release files that already exist. */
  force?: boolean;
  /** Print the proposed releases and write nothing. */
  plan?: boolean;
  /** Dump lines where a release must start (as given on the command line). */
  splitAt?: string[];
  /** Dump lines where the proposed start is wrong. */
  join?: string[];
  /** A YAML file with `split_at` and `join` lists. */
  planFile?: string;
}

export const IMPORT_USAGE = 'briefpack import <dump> [--plan] [--split-at LINE]… [--join LINE]… [--plan-file FILE] [--into DIR] [--force]';

export async function importCommand(ctx: CommandContext, positionals: string[], flags: ImportFlags): Promise<CommandResult> {
  if (positionals.length !== 1) throw new UsageError(`import takes exactly one dump file\nusage: ${IMPORT_USAGE}`);
  const dump = positionals[0]!;
  const dumpPath = path.resolve(ctx.projectRoot, dump);
  const dumpFile = path.relative(ctx.projectRoot, dumpPath).split(path.sep).join('/') || dump;
  if (!existsSync(dumpPath) || !statSync(dumpPath).isFile()) {
    throw new DiagnosticError([
      diagnostic({ code: 'BP501', message: `dump file not found: ${dump}`, file: dump, hint: 'Check the path; raw dumps live in releases/raw/.' }),
    ]);
  }
  const splitAt = lineNumbers(flags.splitAt ?? [], '--split-at');
  const join = lineNumbers(flags.join ?? [], '--join');
  if (flags.planFile) {
    const planPath = path.resolve(ctx.projectRoot, flags.planFile);
    const plan = readPlanFile(existsSync(planPath) ? readFileSync(planPath, 'utf8') : null, path.relative(ctx.projectRoot, planPath).split(path.sep).join('/'));
    if (plan.diagnostics.length) throw new DiagnosticError(plan.diagnostics);
    splitAt.push(...plan.splitAt);
    join.push(...plan.join);
  }

  const into = path.resolve(ctx.projectRoot, flags.into ?? 'releases');
  // Release files cite their dump relative to the folder they live in (`raw/….txt`).
  const rawPath = path.relative(into, dumpPath).split(path.sep).join('/');
  const existing = readExistingReleases(into);
  const split = splitDumpWithPlan(readFileSync(dumpPath, 'utf8'), { rawPath, existing, splitAt, join });
  const planErrors = planDiagnostics(split, dumpFile);
  if (planErrors.length) throw new DiagnosticError(planErrors);
  const drafts = split.drafts;
  if (!drafts.length) {
    ctx.log(`${dump}: no text, nothing to import`);
    return { exitCode: 0, diagnostics: [] };
  }

  const glossary = loadGlossary(ctx.projectRoot);
  const pairing = pairReleases(drafts, glossary.terms);
  const warnings = [...glossary.diagnostics, ...importWarnings(drafts, pairing, dumpFile)];
  for (const d of warnings) ctx.error(formatDiagnostic(d));

  if (flags.plan) {
    for (const line of planLines(split, pairing, dumpFile)) ctx.log(line);
    return { exitCode: 0, diagnostics: warnings };
  }

  // A release the folder already holds keeps the id it has there; translations point at it.
  const finalId = drafts.map((d) => existing.find((e) => e.source === d.source)?.id ?? d.proposedId);
  const releases: ReleaseToWrite[] = drafts.map((draft, i) => {
    const pair = pairing.pairs.find((p) => p.translation === i);
    const related = pairing.related.filter((r) => r.translation === i).map((r) => finalId[r.original]!);
    return { draft, id: draft.proposedId, translationOf: pair ? finalId[pair.original]! : null, translationScore: pair?.score, related };
  });

  const outcomes = writeReleaseFiles(releases, { into, force: flags.force, existing });
  for (const outcome of outcomes) ctx.log(describeOutcome(outcome, ctx.projectRoot));
  const count = (s: WriteOutcome['status']) => outcomes.filter((o) => o.status === s).length;
  const written = count('written') + count('overwritten');
  ctx.log(`${drafts.length} release${drafts.length === 1 ? '' : 's'} in ${dump}: ${written} written, ${count('skipped')} skipped (into ${path.relative(ctx.projectRoot, into) || '.'})`);
  return { exitCode: 0, diagnostics: warnings };
}

function lineNumbers(values: string[], flag: string): number[] {
  return values.flatMap((v) =>
    v.split(',').map((part) => {
      const n = Number(part.trim());
      if (!/^\s*\d+\s*$/.test(part) || n < 1) throw new UsageError(`${flag} takes a dump line number (1 or more), not "${part}"\nusage: ${IMPORT_USAGE}`);
      return n;
    }),
  );
}

function planDiagnostics(split: SplitResult, file: string): Diagnostic[] {
  return split.planProblems.map((p) => {
    const at = { line: Math.min(Math.max(p.line, 1), split.lineCount), column: 1 };
    switch (p.kind) {
      case 'outside':
        return diagnostic({ code: 'BP512', message: `line ${p.line} is not in the dump (it has ${split.lineCount} lines)`, file, start: { line: split.lineCount, column: 1 } });
      case 'blank':
        return diagnostic({ code: 'BP512', message: `line ${p.line} is blank: a release starts at a text line`, file, start: at, hint: 'Give the first line of the release: its date line, headline or first paragraph.' });
      case 'both':
        return diagnostic({ code: 'BP515', message: `line ${p.line} is given to both --split-at and --join`, file, start: at });
      default:
        return diagnostic({
          code: 'BP513',
          message: `--join ${p.line}: no release starts at line ${p.line}`,
          file,
          start: at,
          hint: p.starts.length ? `Releases start at lines ${p.starts.join(', ')} (the first release cannot be joined).` : 'The dump has one release: there is nothing to join.',
        });
    }
  });
}

/** BP115 for weak starts, BP116 for dates without a year, BP117 for uncertain pairs: each at the dump's line. */
function importWarnings(drafts: readonly ReleaseDraft[], pairing: PairingResult, file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [i, d] of drafts.entries()) {
    if (i > 0 && d.confidence < LOW_CONFIDENCE) {
      out.push(
        diagnostic({
          code: 'BP115',
          message: `release ${i + 1} starts at line ${d.lineRange[0]} with confidence ${d.confidence.toFixed(2)} (${describeCues(d) || 'no cue'})`,
          file,
          start: { line: d.lineRange[0], column: 1 },
          hint: `If line ${d.lineRange[0]} continues the release before it, import with --join ${d.lineRange[0]}.`,
        }),
      );
    }
    if (d.metadata.partialDate) {
      const p = d.metadata.partialDate;
      out.push(diagnostic({ code: 'BP116', message: `release ${i + 1} gives month ${p.month} day ${p.day} but no year: "issued" is left empty`, file, start: { line: p.line, column: 1 } }));
    }
  }
  for (const p of pairing.pairs) {
    if (p.score >= PAIRING_CONFIDENT) continue;
    const t = drafts[p.translation]!;
    out.push(
      diagnostic({
        code: 'BP117',
        message: `release ${p.translation + 1} is paired as the translation of release ${p.original + 1} with confidence ${p.score.toFixed(2)} (${describeSignals(p.signals)})`,
        file,
        start: { line: t.lineRange[0], column: 1 },
      }),
    );
  }
  return out;
}

function describeCues(d: ReleaseDraft): string {
  return d.cues
    .filter((c) => c.weight > 0)
    .sort((a, b) => a.line - b.line)
    .map((c) => `${c.cue} L${c.line}`)
    .join(', ');
}

function describeSignals(s: PairingResult['pairs'][number]['signals']): string {
  const pct = (n: number) => `${Math.round(n * 100)}%`;
  return [
    s.numbers === null ? 'no figures' : `figures ${pct(s.numbers)}`,
    s.names === null ? 'no glossary names' : `names ${pct(s.names)}`,
    `paragraphs ${pct(s.paragraphs)}`,
    `length ${pct(s.length)}`,
    ...(s.report ? ['agency dateline: a report'] : []),
  ].join(', ');
}

/** What `--plan` prints: one block per release, then pairs and near misses. */
function planLines(split: SplitResult, pairing: PairingResult, file: string): string[] {
  const { drafts } = split;
  const out = [`Plan for ${file} (${split.lineCount} lines): ${drafts.length} release${drafts.length === 1 ? '' : 's'}; nothing written (--plan)`, ''];
  for (const [i, d] of drafts.entries()) {
    const m = d.metadata;
    out.push(`${String(i + 1).padStart(2)}  lines ${d.lineRange[0]}–${d.lineRange[1]}  ${d.lang}  confidence ${d.confidence.toFixed(2)}  ${d.paragraphs.length} ¶  ${d.proposedId}`);
    out.push(`    title     ${d.proposedTitle}${d.headline === null ? ' (no headline: first sentence)' : ''}`);
    out.push(`    starts    ${i === 0 ? 'first release of the dump' : describeCues(d) || 'editor (--split-at)'}`);
    const meta = [
      `issued ${m.issued ?? (m.partialDate ? `— (month ${m.partialDate.month} day ${m.partialDate.day}, no year)` : '—')}`,
      ...(m.place ? [`place ${m.place}`] : []),
      ...(m.issuer ? [`issuer ${m.issuer.en ?? m.issuer.zh}`] : []),
      ...(m.url ? [`url ${m.url}`] : []),
    ];
    out.push(`    metadata  ${meta.join('; ')}`);
    if (d.dropped.length) out.push(`    kept out  ${d.dropped.map((x) => `L${x.line} ${x.kind}`).join(', ')}`);
    const pair = pairing.pairs.find((p) => p.translation === i);
    if (pair) out.push(`    translation of ${pair.original + 1} (confidence ${pair.score.toFixed(2)}: ${describeSignals(pair.signals)})`);
    for (const r of pairing.related.filter((x) => x.translation === i)) out.push(`    related to ${r.original + 1}, not a translation (${describeSignals(r.signals)})`);
  }
  if (split.near.length) {
    out.push('', 'Possible starts not taken:');
    for (const n of split.near) out.push(`    line ${n.line} (${n.cues.filter((c) => c.weight > 0).map((c) => `${c.cue} L${c.line}`).join(', ')}): --split-at ${n.line} to start a release there`);
  }
  out.push('', `Correct the plan with --split-at LINE (start a release) and --join LINE (remove a start), or list them in a plan file (--plan-file FILE).`);
  return out;
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
