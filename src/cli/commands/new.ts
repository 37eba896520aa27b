/**
 * `briefpack new <name> [--template NAME]`: starts briefs/<name>.yaml with the schema line
 * (completion and checking in the editor), a comment per key saying what it does, and one
 * section, so the new file passes `briefpack check` and builds before anything is written.
 * Examples of excerpts and facts are there as comments, with an id from the corpus.
 * Never overwrites a file.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { indexReleases } from '../../corpus/corpus.js';
import { templateNames } from '../../template/template-names.js';
import { closest } from '../../util/suggest.js';
import { UsageError } from '../errors.js';
import type { CommandContext, CommandResult } from '../context.js';

const NAME = /^[a-z0-9][a-z0-9._-]*$/i;

/** Today, or the day SOURCE_DATE_EPOCH names (reproducible scaffolds in tests and scripts). */
function today(env: Record<string, string | undefined>): string {
  const epoch = env.SOURCE_DATE_EPOCH;
  const d = epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date();
  return d.toISOString().slice(0, 10);
}

export function scaffold(name: string, template: string, date: string, example: { release?: string; fact?: string }): string {
  const title = name
    .replace(/\.ya?ml$/, '')
    .split(/[-_.]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join(' ');
  const release = example.release ?? '<release id>';
  return [
    '# yaml-language-server: $schema=../schema/brief.schema.json',
    `# ${title}: a briefing pack. Check it as you write with \`npx briefpack check briefs/${name}.yaml\`,`,
    `# rebuild it on every save with \`npx briefpack watch briefs/${name}.yaml\`. Every key is`,
    '# described in docs/specs.md, and your editor completes them from the schema line above.',
    `title: ${title}`,
    '# subtitle: One line under the title',
    `date: ${date}                # the date printed on the brief and stored in its files`,
    'classification: OFFICIAL       # marking at the top and bottom of every page',
    '# author: Research desk',
    '# labels: en                   # fixed words such as "Contents": en or zh',
    '# script: zh-Hant              # zh-Hans converts quoted Chinese text to Simplified',
    `template: ${template}`,
    '# formats: [pdf, docx]',
    '# summary: Markdown shown before the first section.',
    'sections:',
    '  - heading: Summary',
    '    text: >-',
    '      Write the opening of the brief here. Markdown works: **bold**, *italic*, lists.',
    '    # Quote a release (`npx briefpack releases` lists them, `--text <id>` numbers the paragraphs):',
    '    # excerpts:',
    `    #   - release: ${release}`,
    '    #     paragraphs: 1',
    '    # Curated facts, shown as a table (`npx briefpack facts <id>` lists them):',
    '    # facts:',
    `    #   - ${example.fact ?? `${release}/<fact id>`}`,
    '',
  ].join('\n');
}

export async function newCommand(ctx: CommandContext, positionals: string[], flags: { template?: string }): Promise<CommandResult> {
  if (positionals.length !== 1) throw new UsageError('new takes one name: briefpack new <name> [--template NAME]');
  const name = positionals[0]!.replace(/\.ya?ml$/, '');
  if (!NAME.test(name)) throw new UsageError(`new: "${positionals[0]}" is not a file name for a brief (use letters, digits, "-", "_" and ".", e.g. china-cambodia-2021)`);
  const templates = templateNames(path.join(ctx.projectRoot, 'templates'));
  const template = flags.template ?? (templates.includes('standard') || !templates.length ? 'standard' : templates[0]!);
  if (templates.length && !templates.includes(template)) {
    const guess = closest(template, templates);
    throw new UsageError(`--template: no template named "${template}"${guess ? ` (did you mean "${guess}"?)` : ''}; templates: ${templates.join(', ')}`);
  }
  const file = path.join('briefs', `${name}.yaml`);
  const abs = path.join(ctx.projectRoot, file);
  if (existsSync(abs)) throw new UsageError(`${file} already exists: choose another name, or edit it`);
  const first = indexReleases(ctx.projectRoot).find((e) => e.id !== null);
  mkdirSync(path.dirname(abs), { recursive: true });
  writeFileSync(abs, scaffold(name, template, today(ctx.env ?? process.env), { release: first?.id ?? undefined }), { flag: 'wx' });
  ctx.log(`created ${file} (template ${template})`);
  ctx.log(`next: edit it, then \`npx briefpack watch ${file}\` to rebuild output/${name}.pdf and .docx on every save`);
  return { exitCode: 0, diagnostics: [] };
}
