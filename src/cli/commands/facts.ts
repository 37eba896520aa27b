/**
 * `briefpack facts <release> [--json]`: the curated facts of a release (what briefs can
 * cite) and the machine-found candidates an editor may want to curate.
 */
import { openCorpus } from '../../corpus/corpus.js';
import { findFactCandidates } from '../../corpus/fact-candidates.js';
import { diagnostic, DiagnosticError } from '../../diagnostics/diagnostic.js';
import { closest } from '../../util/suggest.js';
import { UsageError } from '../errors.js';
import type { CommandContext, CommandResult } from '../context.js';

export async function factsCommand(ctx: CommandContext, positionals: string[], flags: { json?: boolean }): Promise<CommandResult> {
  const [id] = positionals;
  if (!id || positionals.length > 1) throw new UsageError('facts takes one release id: briefpack facts <release>');
  const corpus = openCorpus(ctx.projectRoot);
  const release = corpus.releases.get(id);
  if (!release) {
    const guess = closest(id, corpus.releases.keys());
    throw new DiagnosticError([diagnostic({ code: 'BP206', message: `no release with id "${id}"`, file: 'releases/', hint: guess ? `Did you mean "${guess}"?` : undefined })]);
  }
  const candidates = findFactCandidates(release, corpus.glossary);
  if (flags.json) {
    for (const f of release.facts) ctx.log(JSON.stringify({ kind: 'curated', id: `${release.id}/${f.id}`, type: f.type, label: f.label, value: f.value, evidence: f.evidence, paragraph: f.paragraph }));
    for (const c of candidates) ctx.log(JSON.stringify({ kind: 'candidate', ...c }));
    return { exitCode: 0, diagnostics: [] };
  }
  ctx.log(`Curated facts of ${release.id} (cite as ${release.id}/<id>):`);
  for (const f of release.facts) ctx.log(`  ${f.id}  [${f.type}]  ${f.label}: ${f.value}  (¶${f.paragraph}: “${f.evidence}”)`);
  if (!release.facts.length) ctx.log('  none');
  ctx.log('Candidates found in the text (curate them in the release file):');
  for (const c of candidates) ctx.log(`  [${c.type}] ${c.paragraph === 0 ? 'headline' : `¶${c.paragraph}`}: ${c.evidence}${c.role ? `  (role: ${c.role})` : ''}`);
  return { exitCode: 0, diagnostics: [] };
}
