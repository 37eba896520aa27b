/**
 * The briefpack command line. A table of commands; each is an async function returning a
 * result. This is the one place that catches errors and chooses the exit code:
 * 0 ok, 1 input errors, 2 usage, 3 warnings under --strict, 4 internal error.
 *
 * Commands are imported when they run, so `--help`, `--version` and a build with nothing to
 * do never load the renderers (cold start matters: editors run this many times an hour).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BriefNameClash, LockedError } from '../builder/errors.js';
import { VERSION } from '../builder/version.js';
import { diagnostic, DiagnosticError, formatDiagnostic } from '../diagnostics/diagnostic.js';
import { closest } from '../util/suggest.js';
import type { CommandContext, CommandResult } from './context.js';
import { EXIT, UsageError } from './errors.js';
import { jsonDiagnostic } from './reporter.js';

type Values = Record<string, string | string[] | boolean | undefined>;

interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** Placeholder shown in help: --out DIR. */
  arg?: string;
  /** May be given more than once (values collected in order). */
  multiple?: boolean;
  description: string;
}

const OPTIONS = {
  out: { type: 'string', arg: 'DIR', description: 'output folder (default: output/)' },
  format: { type: 'string', arg: 'LIST', description: 'formats to write, comma-separated: pdf,docx (default: what each spec asks for)' },
  template: { type: 'string', arg: 'NAME', description: "use this template instead of the spec's" },
  strict: { type: 'boolean', description: 'exit 3 when there are warnings (and no errors)' },
  json: { type: 'boolean', description: 'NDJSON on stdout: one event or diagnostic per line, then a summary' },
  jobs: { type: 'string', short: 'j', arg: 'N', description: 'build up to N briefs at once, on this thread and worker threads (default: build one per CPU but one, one per CPU from 30 briefs; watch one per CPU)' },
  quiet: { type: 'boolean', short: 'q', description: 'print only diagnostics and the summary' },
  force: { type: 'boolean', description: 'rebuild briefs whose inputs have not changed' },
  shard: { type: 'string', arg: 'K/N', description: 'build only shard K of N (by a hash of each brief\'s path), e.g. one runner of a CI matrix' },
  emit: { type: 'string', arg: 'model', description: 'also write the document model as <out>/<brief>.model.json' },
  into: { type: 'string', arg: 'DIR', description: 'folder for the release files (default: releases/)' },
  text: { type: 'string', arg: 'ID', description: 'print the paragraphs of release ID (¶N with its hash) and their sentences (¶N.S text); with --json, one object per paragraph' },
  update: { type: 'boolean', description: 'accept the new text of pinned sources that changed: pin them again' },
  port: { type: 'string', arg: 'N', description: 'port for the preview server on 127.0.0.1 (default: a free one)' },
  changes: { type: 'string', arg: 'ID', description: 'print every correction and cleaning change of release ID with its location' },
  plan: { type: 'boolean', description: 'print the proposed releases (lines, cues, confidence, metadata, pairs) and write nothing' },
  'split-at': { type: 'string', arg: 'LINE', multiple: true, description: 'start a release at dump line LINE (repeatable)' },
  join: { type: 'string', arg: 'LINE', multiple: true, description: 'do not start a release at LINE, where the plan proposed one (repeatable)' },
  'plan-file': { type: 'string', arg: 'FILE', description: 'read split_at / join lines from a YAML plan file' },
} satisfies Record<string, OptionSpec>;

type OptionName = keyof typeof OPTIONS;

interface Command {
  summary: string;
  usage: string;
  options: OptionName[];
  /** Option descriptions that differ from the shared ones. */
  describe?: Partial<Record<OptionName, string>>;
  run(ctx: CommandContext, positionals: string[], values: Values): Promise<CommandResult>;
}

const str = (v: Values, k: string) => v[k] as string | undefined;
const bool = (v: Values, k: string) => v[k] === true;
const list = (v: Values, k: string) => (Array.isArray(v[k]) ? (v[k] as string[]) : typeof v[k] === 'string' ? [v[k] as string] : []);

const COMMANDS: Record<string, Command> = {
  build: {
    summary: 'Build briefs into PDF and DOCX, skipping those whose inputs did not change',
    usage: 'briefpack build [brief.yaml…] [--out DIR] [--format pdf,docx] [--template NAME] [--jobs N] [--shard K/N] [--force] [--emit model] [--strict] [--json] [--quiet]',
    options: ['out', 'format', 'template', 'jobs', 'shard', 'force', 'emit', 'strict', 'json', 'quiet'],
    run: async (ctx, positionals, v) =>
      (await import('./commands/build.js')).buildCommand(ctx, positionals, {
        out: str(v, 'out'),
        format: str(v, 'format'),
        template: str(v, 'template'),
        jobs: str(v, 'jobs'),
        shard: str(v, 'shard'),
        force: bool(v, 'force'),
        emit: str(v, 'emit'),
        strict: bool(v, 'strict'),
        json: bool(v, 'json'),
        quiet: bool(v, 'quiet'),
      }),
  },
  check: {
    summary: 'Check the corpus and briefs without rendering (exit 0 clean, 1 errors, 3 warnings under --strict)',
    usage: 'briefpack check [brief.yaml…] [--template NAME] [--strict] [--json] [--quiet]',
    options: ['template', 'strict', 'json', 'quiet'],
    describe: { template: "check with this template instead of the spec's" },
    run: async (ctx, positionals, v) =>
      (await import('./commands/check.js')).checkCommand(ctx, positionals, {
        strict: bool(v, 'strict'),
        json: bool(v, 'json'),
        quiet: bool(v, 'quiet'),
        template: str(v, 'template'),
      }),
  },
  watch: {
    summary: 'Build, then rebuild the briefs a saved file affects (spec, release, template, fonts) until Ctrl-C',
    usage: 'briefpack watch [brief.yaml…] [--out DIR] [--format pdf,docx] [--template NAME] [--jobs N] [--emit model] [--json] [--quiet]',
    options: ['out', 'format', 'template', 'jobs', 'emit', 'json', 'quiet'],
    run: async (ctx, positionals, v) =>
      (await import('./commands/watch.js')).watchCommand(ctx, positionals, {
        out: str(v, 'out'),
        format: str(v, 'format'),
        template: str(v, 'template'),
        jobs: str(v, 'jobs'),
        emit: str(v, 'emit'),
        json: bool(v, 'json'),
        quiet: bool(v, 'quiet'),
      }),
  },
  new: {
    summary: 'Start a brief: briefs/<name>.yaml with the schema line, comments and a first section',
    usage: 'briefpack new <name> [--template NAME]',
    options: ['template'],
    describe: { template: 'the template the brief uses (default: standard)' },
    run: async (ctx, positionals, v) => (await import('./commands/new.js')).newCommand(ctx, positionals, { template: str(v, 'template') }),
  },
  import: {
    summary: 'Split a raw dump into release files, one per release found',
    usage: 'briefpack import <dump> [--plan] [--split-at LINE]… [--join LINE]… [--plan-file FILE] [--into DIR] [--force]',
    options: ['plan', 'split-at', 'join', 'plan-file', 'into', 'force'],
    describe: { force: 'overwrite release files that already exist' },
    run: async (ctx, positionals, v) =>
      (await import('./commands/import.js')).importCommand(ctx, positionals, {
        into: str(v, 'into'),
        force: bool(v, 'force'),
        plan: bool(v, 'plan'),
        splitAt: list(v, 'split-at'),
        join: list(v, 'join'),
        planFile: str(v, 'plan-file'),
      }),
  },
  releases: {
    summary: "List the releases, or show one release's cleaned text (--text ID) or cleaning changes (--changes ID)",
    usage: 'briefpack releases [--json] [--text ID] [--changes ID]',
    options: ['json', 'text', 'changes'],
    describe: { json: 'one JSON object per release' },
    run: async (ctx, _positionals, v) =>
      (await import('./commands/releases.js')).releasesCommand(ctx, { json: bool(v, 'json'), text: str(v, 'text'), changes: str(v, 'changes') }),
  },
  pin: {
    summary: 'Pin every quoted paragraph: its hash into the spec, its text into briefs/<name>.lock.yaml; a build then shows what changed',
    usage: 'briefpack pin [brief.yaml…] [--update] [--quiet]',
    options: ['update', 'quiet'],
    run: async (ctx, positionals, v) => (await import('./commands/pin.js')).pinCommand(ctx, positionals, { update: bool(v, 'update'), quiet: bool(v, 'quiet') }),
  },
  preview: {
    summary: "Live preview in the browser: the brief's PDF and DOCX side by side, its diagnostics, updated on every save",
    usage: 'briefpack preview [brief.yaml] [--port N] [--template NAME]',
    options: ['port', 'template'],
    describe: { template: "preview with this template instead of the spec's" },
    run: async (ctx, positionals, v) => (await import('./commands/preview.js')).previewCommand(ctx, positionals, { port: str(v, 'port'), template: str(v, 'template') }),
  },
  facts: {
    summary: 'List the curated facts of a release and candidates found in its text',
    usage: 'briefpack facts <release> [--json]',
    options: ['json'],
    describe: { json: 'one JSON object per fact or candidate' },
    run: async (ctx, positionals, v) => (await import('./commands/facts.js')).factsCommand(ctx, positionals, { json: bool(v, 'json') }),
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
    '  briefpack build                          build every brief in briefs/ into output/',
    '  briefpack build briefs/cambodia.yaml --out /tmp/out --format pdf',
    '  briefpack build --json --strict          for CI: NDJSON events, exit 3 on warnings',
    '  briefpack build --shard 2/4              the second of four shares of the briefs (a CI matrix)',
    '  briefpack watch briefs/cambodia.yaml     rebuild on every save',
    '  briefpack check --strict                 check releases and briefs, fail on warnings',
    '  briefpack new china-cambodia --template one-pager',
    '  briefpack preview briefs/cambodia.yaml   PDF and DOCX in the browser, updated on every save',
    '  briefpack pin                            pin quoted paragraphs; builds then show source changes',
    '  briefpack releases --text <id>           paragraphs (¶N, hash) and sentences (¶N.S) of a release',
    '  briefpack facts <id>                     facts to cite, and candidates to curate',
    '  briefpack import releases/raw/dump.txt   split a raw dump into release files',
    '',
    'Common options (see briefpack <command> --help):',
    ...(['out', 'format', 'template', 'jobs', 'force', 'emit', 'strict', 'json', 'quiet'] as OptionName[]).map((o) => `  ${optionLabel(o).padEnd(18)} ${OPTIONS[o].description}`),
    '  --help, -h         this text; with a command, that command\'s options',
    '  --version          print the version',
    '',
    'Exit codes: 0 ok, 1 input errors, 2 usage, 3 warnings under --strict, 4 internal error.',
  ].join('\n');
}

function optionLabel(o: OptionName): string {
  const spec: OptionSpec = OPTIONS[o];
  return `${spec.short ? `-${spec.short}, ` : ''}--${o}${spec.arg ? ` ${spec.arg}` : ''}`;
}

function commandHelp(name: string, c: Command): string {
  return [
    `usage: ${c.usage}`,
    '',
    c.summary,
    '',
    'Options:',
    ...c.options.map((o) => `  ${optionLabel(o).padEnd(18)} ${c.describe?.[o] ?? OPTIONS[o].description}`),
    `  ${'--help, -h'.padEnd(18)} this text`,
    ...(name === 'build' ? ['', 'Exit codes: 0 ok, 1 a brief failed, 2 usage, 3 warnings under --strict, 4 internal error.'] : []),
    ...(name === 'watch' ? ['', 'Exit code: 0 when stopped with Ctrl-C; 4 if briefpack hit a bug (a rebuild that fails on your input is reported and watching goes on); 2 for a usage mistake.'] : []),
  ].join('\n');
}

export interface MainIO {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  cwd: string;
  /** Rewrites the progress line in place (a terminal); omit for plain lines. */
  status?: (line: string) => void;
  /** Stops `watch`. */
  signal?: AbortSignal;
  env?: Record<string, string | undefined>;
}

function defaultIO(): MainIO {
  const tty = process.stderr.isTTY === true;
  let shown = false;
  return {
    stdout: (l) => process.stdout.write(`${l}\n`),
    stderr: (l) => process.stderr.write(`${l}\n`),
    cwd: process.cwd(),
    status: tty
      ? (l) => {
          if (!l && !shown) return;
          const width = process.stderr.columns || 80;
          process.stderr.write(`\r\x1b[2K${l.length > width - 1 ? `${l.slice(0, width - 2)}…` : l}`);
          shown = l !== '';
        }
      : undefined,
    env: process.env,
  };
}

export async function main(argv: string[], io: MainIO = defaultIO()): Promise<number> {
  const ctx: CommandContext = { projectRoot: io.cwd, log: io.stdout, error: io.stderr, status: io.status, signal: io.signal, env: io.env ?? process.env };
  // Until the options are parsed, guess: errors in JSON mode are JSON too.
  let json = argv.includes('--json');
  try {
    const [name, ...rest] = argv;
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      io.stdout(helpText());
      return EXIT.ok;
    }
    if (name === '--version' || name === '-v' || name === 'version') {
      io.stdout(VERSION);
      return EXIT.ok;
    }
    const command = COMMANDS[name];
    if (!command) {
      const guess = closest(name.replace(/^-+/, ''), Object.keys(COMMANDS));
      throw new UsageError(`unknown command "${name}"${guess ? ` (did you mean "${guess}"?)` : ''}\nRun briefpack --help for the list of commands.`);
    }
    let parsed;
    try {
      parsed = parseArgs({
        args: rest,
        allowPositionals: true,
        strict: true,
        options: {
          ...Object.fromEntries(
            command.options.map((o) => {
              const spec: OptionSpec = OPTIONS[o];
              return [o, { type: spec.type, ...(spec.short ? { short: spec.short } : {}), ...(spec.multiple ? { multiple: true } : {}) }];
            }),
          ),
          help: { type: 'boolean', short: 'h' },
        },
      });
    } catch (e) {
      throw new UsageError(`${optionProblem(name, command, (e as Error).message)}\nusage: ${command.usage}`);
    }
    json = (parsed.values as Values).json === true;
    if (parsed.values.help) {
      io.stdout(commandHelp(name, command));
      return EXIT.ok;
    }
    const result = await command.run(ctx, parsed.positionals, parsed.values as Values);
    return result.exitCode;
  } catch (e) {
    if (e instanceof UsageError || e instanceof BriefNameClash) {
      io.stderr(`briefpack: ${e.message}`);
      if (json) io.stdout(JSON.stringify({ event: 'error', kind: 'usage', message: e.message, exitCode: EXIT.usage }));
      return EXIT.usage;
    }
    const diagnostics =
      e instanceof DiagnosticError
        ? e.diagnostics
        : e instanceof LockedError
          ? [diagnostic({ code: 'BP503', message: e.message.replace(e.lockFile, relative(io.cwd, e.lockFile)), file: relative(io.cwd, e.lockFile) })]
          : undefined;
    if (diagnostics) {
      for (const d of diagnostics) {
        if (json) io.stdout(jsonDiagnostic(d));
        else io.stderr(formatDiagnostic(d));
      }
      if (json) io.stdout(JSON.stringify({ event: 'error', kind: 'input', errors: diagnostics.length, exitCode: EXIT.inputErrors }));
      return EXIT.inputErrors;
    }
    io.stderr(`briefpack: internal error: ${(e as Error)?.stack ?? String(e)}`);
    io.stderr('This is a bug in briefpack; please report it with the command you ran and the message above.');
    if (json) io.stdout(JSON.stringify({ event: 'error', kind: 'internal', message: String((e as Error)?.message ?? e), exitCode: EXIT.internal }));
    return EXIT.internal;
  }
}

/** A path relative to the project when it is inside it. */
function relative(root: string, abs: string): string {
  const r = path.relative(root, abs);
  return r.startsWith('..') || path.isAbsolute(r) ? abs : r;
}

/** parseArgs' message, plus what was probably meant. */
function optionProblem(name: string, command: Command, message: string): string {
  const unknown = /Unknown option '(-+[^']+)'/.exec(message)?.[1];
  if (unknown) {
    const bare = unknown.replace(/^-+/, '');
    const elsewhere = Object.entries(COMMANDS)
      .filter(([, c]) => c.options.includes(bare as OptionName))
      .map(([n]) => n);
    if (elsewhere.length) return `${unknown} is not an option of ${name} (it is one of: ${elsewhere.join(', ')})`;
    const guess = closest(bare, command.options);
    return `unknown option ${unknown} for ${name}${guess ? ` (did you mean "--${guess}"?)` : ''}`;
  }
  return message;
}

/**
 * `briefpack` as a process: runs main on the command line's arguments and sets the exit
 * code. bin/briefpack.js and the startup snapshot (src/cli/snapshot.ts) both start here.
 */
export async function runFromCommandLine(argv: string[]): Promise<void> {
  // `briefpack releases | head` closes the pipe early: that is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  process.exitCode = await main(argv);
}
