/**
 * The briefpack command line. A table of commands; each is an async function returning a
 * result. This is the one place that catches errors and chooses the exit code:
 * 0 ok, 1 input errors, 2 usage, 3 warnings under --strict, 4 internal error.
 */
import { parseArgs } from 'node:util';
import { DiagnosticError, formatDiagnostic } from '../diagnostics/diagnostic.js';
import { buildCommand } from './commands/build.js';
import { checkCommand } from './commands/check.js';
import { factsCommand } from './commands/facts.js';
import { importCommand, IMPORT_USAGE } from './commands/import.js';
import { releasesCommand } from './commands/releases.js';
import type { CommandContext, CommandResult } from './context.js';
import { EXIT, UsageError } from './errors.js';
import { closest } from '../util/suggest.js';

declare const BRIEFPACK_VERSION: string;
const VERSION = typeof BRIEFPACK_VERSION === 'string' ? BRIEFPACK_VERSION : 'dev';

interface Command {
  summary: string;
  usage: string;
  options: Record<string, { type: 'string' | 'boolean'; short?: string; description: string }>;
  run(ctx: CommandContext, positionals: string[], values: Record<string, string | boolean | undefined>): Promise<CommandResult>;
}

const COMMANDS: Record<string, Command> = {
  build: {
    summary: 'Build briefs into PDF and DOCX (default: every briefs/*.yaml into output/)',
    usage: 'briefpack build [brief.yaml…] [--out DIR] [--format pdf,docx] [--template NAME]',
    options: {
      out: { type: 'string', description: 'output folder (default: output/)' },
      format: { type: 'string', description: 'formats to write, comma-separated (default: pdf,docx)' },
      template: { type: 'string', description: "use this template instead of the spec's" },
    },
    run: (ctx, positionals, values) =>
      buildCommand(ctx, positionals, { out: values.out as string | undefined, format: values.format as string | undefined, template: values.template as string | undefined }),
  },
  check: {
    summary: 'Check the corpus and briefs without rendering (exit 0 clean, 1 errors, 3 warnings under --strict)',
    usage: 'briefpack check [brief.yaml…] [--strict] [--json] [--template NAME]',
    options: {
      strict: { type: 'boolean', description: 'exit 3 when there are warnings' },
      json: { type: 'boolean', description: 'one JSON diagnostic per line on stdout' },
      template: { type: 'string', description: "check with this template instead of the spec's" },
    },
    run: (ctx, positionals, values) =>
      checkCommand(ctx, positionals, { strict: values.strict as boolean | undefined, json: values.json as boolean | undefined, template: values.template as string | undefined }),
  },
  releases: {
    summary: 'List the releases, or show one release\'s cleaned text (--text ID) or cleaning changes (--changes ID)',
    usage: 'briefpack releases [--json] [--text ID] [--changes ID]',
    options: {
      json: { type: 'boolean', description: 'one JSON object per release' },
      text: { type: 'string', description: 'print the cleaned paragraphs of release ID, one per line as "¶N text"' },
      changes: { type: 'string', description: 'print every correction and cleaning change of release ID with its location' },
    },
    run: (ctx, _positionals, values) =>
      releasesCommand(ctx, { json: values.json as boolean | undefined, text: values.text as string | undefined, changes: values.changes as string | undefined }),
  },
  import: {
    summary: 'Split a raw dump into release files, one per release found',
    usage: IMPORT_USAGE,
    options: {
      into: { type: 'string', description: 'folder for the release files (default: releases/)' },
      force: { type: 'boolean', description: 'overwrite release files that already exist' },
    },
    run: (ctx, positionals, values) => importCommand(ctx, positionals, { into: values.into as string | undefined, force: values.force as boolean | undefined }),
  },
  facts: {
    summary: 'List the curated facts of a release and candidates found in its text',
    usage: 'briefpack facts <release> [--json]',
    options: { json: { type: 'boolean', description: 'one JSON object per fact or candidate' } },
    run: (ctx, positionals, values) => factsCommand(ctx, positionals, { json: values.json as boolean | undefined }),
  },
};

function helpText(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  return [
    `briefpack ${VERSION}: press releases → briefing packs (PDF and DOCX)`,
    '',
    'Usage: briefpack <command> [options]',
    '',
    'Commands:',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    '',
    'Examples:',
    '  briefpack build                      build every brief in briefs/',
    '  briefpack build briefs/cambodia.yaml --out /tmp/out',
    '  briefpack check --strict             check releases and briefs, fail on warnings',
    '  briefpack releases --text <id>       the cleaned paragraphs of a release, numbered',
    '  briefpack import releases/raw/dump.txt   split a raw dump into release files',
    '',
    'Options: --help, --version',
  ].join('\n');
}

export interface MainIO {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  cwd: string;
}

const defaultIO: MainIO = {
  stdout: (l) => process.stdout.write(`${l}\n`),
  stderr: (l) => process.stderr.write(`${l}\n`),
  cwd: process.cwd(),
};

export async function main(argv: string[], io: MainIO = defaultIO): Promise<number> {
  const ctx: CommandContext = { projectRoot: io.cwd, log: io.stdout, error: io.stderr };
  try {
    const [name, ...rest] = argv;
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      io.stdout(helpText());
      return EXIT.ok;
    }
    if (name === '--version' || name === '-v') {
      io.stdout(VERSION);
      return EXIT.ok;
    }
    const command = COMMANDS[name];
    if (!command) {
      const guess = closest(name, Object.keys(COMMANDS));
      throw new UsageError(`unknown command "${name}"${guess ? ` (did you mean "${guess}"?)` : ''}`);
    }
    let parsed;
    try {
      parsed = parseArgs({
        args: rest,
        allowPositionals: true,
        strict: true,
        options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      });
    } catch (e) {
      const unknown = /Unknown option '(-+[^']+)'/.exec(String((e as Error).message));
      const guess = unknown && closest(unknown[1]!.replace(/^-+/, ''), Object.keys(command.options));
      throw new UsageError(`${(e as Error).message}${guess ? ` (did you mean "--${guess}"?)` : ''}\nusage: ${command.usage}`);
    }
    if (parsed.values.help) {
      io.stdout(`${command.usage}\n\n${command.summary}\n\nOptions:\n${Object.entries(command.options).map(([o, d]) => `  --${o.padEnd(10)} ${d.description}`).join('\n')}`);
      return EXIT.ok;
    }
    const result = await command.run(ctx, parsed.positionals, parsed.values as Record<string, string | boolean | undefined>);
    return result.exitCode;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`briefpack: ${e.message}`);
      return EXIT.usage;
    }
    if (e instanceof DiagnosticError) {
      for (const d of e.diagnostics) io.stderr(formatDiagnostic(d));
      return EXIT.inputErrors;
    }
    io.stderr(`briefpack: internal error: ${(e as Error)?.stack ?? String(e)}`);
    io.stderr('This is a bug in briefpack; please report it with the command you ran and the message above.');
    return EXIT.internal;
  }
}
