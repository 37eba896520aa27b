/** What a command receives and returns. Commands never call process.exit (DESIGN §2). */
import type { Diagnostic } from '../diagnostics/diagnostic.js';

export interface CommandContext {
  projectRoot: string;
  log(line: string): void;
  error(line: string): void;
}

export interface CommandResult {
  exitCode: number;
  diagnostics: Diagnostic[];
}
