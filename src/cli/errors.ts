/** Errors the CLI maps to exit codes (DESIGN §2). Input problems are DiagnosticErrors. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const EXIT = { ok: 0, inputErrors: 1, usage: 2, strictWarnings: 3, internal: 4 } as const;
