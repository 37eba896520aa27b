/** What a command receives and returns. Commands never call process.exit (DESIGN §2). */
import type { Diagnostic } from '../diagnostics/diagnostic.js';

export interface CommandContext {
  projectRoot: string;
  log(line: string): void;
  error(line: string): void;
  /** Redraws the progress line in place; only set when stderr is a terminal. */
  status?: (line: string) => void;
  /** Ends long-running commands (watch) when aborted; Ctrl-C when run from the shell. */
  signal?: AbortSignal;
  /** Environment (SOURCE_DATE_EPOCH for `new`); process.env when not given. */
  env?: Record<string, string | undefined>;
}

export interface CommandResult {
  exitCode: number;
  diagnostics: Diagnostic[];
}
