/**
 * `briefpack releases [--json] [--text ID] [--changes ID]`: what the corpus holds, the
 * cleaned text of one release (each paragraph's number and hash, then its sentences as ¶N.S:
 * the numbers and hashes briefs use), or every change the cleaning pipeline and the
 * corrections made to it, with locations.
 */
import { openCorpus, type Corpus } from '../../corpus/corpus.js';
import type { Release } from '../../corpus/release.js';
import { diagnostic, DiagnosticError } from '../../diagnostics/diagnostic.js';
import { closest } from '../../util/suggest.js';
import type { CommandContext, CommandResult } from '../context.js';

export interface ReleasesFlags {
  json?: boolean;
  text?: string;
  changes?: string;
}

export async function releasesCommand(ctx: CommandContext, flags: ReleasesFlags): Promise<CommandResult> {
  const corpus = openCorpus(ctx.projectRoot);
  if (flags.text !== undefined) {
    const r = findRelease(corpus, flags.text);
    if (flags.json) {
      for (const p of r.paragraphs) {
        ctx.log(JSON.stringify({ release: r.id, paragraph: p.n, hash: p.hash, line: p.line, text: p.text, sentences: p.sentences.map((s) => ({ n: s.n, ref: `¶${p.n}.${s.n}`, text: s.text })) }));
      }
      return { exitCode: 0, diagnostics: [] };
    }
    if (r.headline) ctx.log(`headline ${r.headline}`);
    for (const p of r.paragraphs) {
      ctx.log(`¶${p.n}  hash ${p.hash}  (${r.file}:${p.line})`);
      for (const s of p.sentences) ctx.log(`  ¶${p.n}.${s.n}  ${s.text}`);
    }
    return { exitCode: 0, diagnostics: [] };
  }
  if (flags.changes !== undefined) {
    const r = findRelease(corpus, flags.changes);
    for (const a of r.corrections) {
      ctx.log(`${r.file} ${a.paragraph === 0 ? 'headline' : `¶${a.paragraph}`} col ${a.offset + 1} correction: "${a.correction.find}" → "${a.correction.replace}" (${a.correction.note.split('\n')[0]})`);
    }
    const counts = new Map<string, number>();
    for (const c of r.headlineChanges) {
      counts.set(c.step, (counts.get(c.step) ?? 0) + 1);
      ctx.log(`${r.file} headline col ${c.offset + 1} ${c.step}: "${visible(c.before)}" → "${visible(c.after)}"`);
    }
    for (const p of r.paragraphs) {
      for (const c of p.changes) {
        counts.set(c.step, (counts.get(c.step) ?? 0) + 1);
        ctx.log(`${r.file}:${p.line} ¶${p.n} col ${c.offset + 1} ${c.step}: "${visible(c.before)}" → "${visible(c.after)}"`);
      }
    }
    ctx.log(`${r.corrections.length} correction${r.corrections.length === 1 ? '' : 's'}; ${[...counts].map(([step, n]) => `${step}: ${n}`).join(', ') || 'no cleaning changes'}`);
    return { exitCode: 0, diagnostics: [] };
  }
  const warningsOf = (r: Release) => corpus.diagnostics.filter((d) => d.file === r.file && d.severity === 'warning').length;
  for (const r of corpus.releases.values()) {
    const row = {
      id: r.id,
      // The tag as the file writes it: zh-Hant-HK when it names a region.
      lang: r.region ? `${r.lang}-${r.region}` : r.lang,
      date: r.date,
      title: r.title,
      paragraphs: r.paragraphs.length,
      sentences: r.paragraphs.reduce((n, p) => n + p.sentences.length, 0),
      facts: r.facts.length,
      warnings: warningsOf(r),
      translationOf: r.translationOf,
    };
    if (flags.json) ctx.log(JSON.stringify(row));
    else {
      ctx.log(
        `${row.id}  ${row.lang}  ${row.date ?? 'undated'}  ${row.paragraphs} ¶  ${row.sentences} sentences  ${row.facts} facts  ${row.warnings} warnings${row.translationOf ? `  (translation of ${row.translationOf})` : ''}\n    ${row.title}`,
      );
    }
  }
  return { exitCode: 0, diagnostics: [] };
}

function findRelease(corpus: Corpus, id: string): Release {
  const r = corpus.releases.get(id);
  if (r) return r;
  const guess = closest(id, corpus.releases.keys());
  throw new DiagnosticError([
    diagnostic({
      code: 'BP206',
      message: `no release with id "${id}"`,
      file: 'releases/',
      hint: guess ? `Did you mean "${guess}"?` : 'Run `briefpack releases` to list the ids.',
    }),
  ]);
}

function visible(s: string): string {
  return s.replace(/\n/g, '\\n').replace(/\u200b/g, '\\u200b');
}
