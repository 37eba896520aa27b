/**
 * A throwaway copy of the sample project (releases, templates, fonts, briefs), so tests can
 * break inputs and run the CLI against them without touching the real files; and ways to run
 * the CLI in-process: to completion (`runCli`), or long-running with live output (`startCli`,
 * for watch mode).
 */
import { cpSync, mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main.js';
import { PROJECT_ROOT } from './project.js';

export function tempProject(options: { briefs?: boolean } = {}): string {
  const project = mkdtempSync(path.join(os.tmpdir(), 'bp-project-'));
  for (const dir of ['releases', 'templates', 'fonts', ...(options.briefs === false ? [] : ['briefs'])]) {
    cpSync(path.join(PROJECT_ROOT, dir), path.join(project, dir), { recursive: true });
  }
  if (options.briefs === false) mkdirSync(path.join(project, 'briefs'));
  cpSync(path.join(PROJECT_ROOT, 'package.json'), path.join(project, 'package.json'));
  // npm: font paths in fonts/fonts.yaml resolve through node_modules.
  symlinkSync(path.join(PROJECT_ROOT, 'node_modules'), path.join(project, 'node_modules'));
  return project;
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  env?: Record<string, string | undefined>;
  signal?: AbortSignal;
  /** Receives the progress line, as a terminal would. */
  status?: (line: string) => void;
}

export async function runCli(argv: string[], cwd = PROJECT_ROOT, options: CliOptions = {}): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { cwd, stdout: (l) => out.push(l), stderr: (l) => err.push(l), env: options.env, signal: options.signal, status: options.status });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

/** A running command (watch): its output so far, a way to wait for a line, and stop(). */
export interface RunningCli {
  stdout: string[];
  stderr: string[];
  /** Resolves with the first stdout line (from `from` on) that matches; rejects after `ms`. */
  waitFor(match: (line: string) => boolean, options?: { from?: number; ms?: number }): Promise<string>;
  stop(): Promise<CliRun>;
}

export function startCli(argv: string[], cwd: string, options: { env?: Record<string, string | undefined> } = {}): RunningCli {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const waiters: { match: (l: string) => boolean; from: number; resolve: (l: string) => void }[] = [];
  const check = () => {
    for (const w of [...waiters]) {
      const line = stdout.slice(w.from).find(w.match);
      if (line !== undefined) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  };
  const abort = new AbortController();
  const done = main(argv, {
    cwd,
    stdout: (l) => {
      stdout.push(l);
      check();
    },
    stderr: (l) => stderr.push(l),
    env: options.env,
    signal: abort.signal,
  });
  return {
    stdout,
    stderr,
    waitFor(match, { from = 0, ms = 60_000 } = {}) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching line within ${ms} ms; stdout:\n${stdout.join('\n')}\nstderr:\n${stderr.join('\n')}`)), ms);
        waiters.push({
          match,
          from,
          resolve: (l) => {
            clearTimeout(timer);
            resolve(l);
          },
        });
        check();
      });
    },
    async stop() {
      abort.abort();
      const code = await done;
      return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
    },
  };
}

/** Lines of NDJSON output, parsed. */
export function events(stdout: string): Record<string, unknown>[] {
  return stdout
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}
