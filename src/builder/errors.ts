/**
 * The build's own failures that are not diagnostics about an input file: the CLI maps them
 * to exit codes (main.ts). Kept apart so the CLI can recognise them without loading the build.
 */
/** What a lock file says about the build that holds it. */
export interface LockOwner {
  pid: number;
  host: string;
  command: string;
  started: string;
  /** Random, per lock: tells this process's locks from an earlier process's with the same pid. */
  token?: string;
  /** /proc/sys/kernel/random/boot_id: a lock from an earlier boot is dead. */
  boot?: string;
  /** The pid namespace (/proc/self/ns/pid): a pid from another one cannot be asked. */
  pidns?: string;
  /** The process's start time (clock ticks since boot): a reused pid has another. */
  start?: string;
}

/** Another build holds the output folder's lock (exit 1, BP503). */
export class LockedError extends Error {
  constructor(
    readonly lockFile: string,
    readonly owner: LockOwner | undefined,
  ) {
    super(
      owner
        ? `${lockFile} is held by another briefpack build (pid ${owner.pid} on ${owner.host}, "${owner.command}", started ${owner.started})`
        : `${lockFile} is held by another briefpack build`,
    );
    this.name = 'LockedError';
  }
}

/** Two briefs named alike would write the same output files (exit 2). */
export class BriefNameClash extends Error {
  constructor(
    readonly a: string,
    readonly b: string,
    readonly output: string,
  ) {
    super(`${a} and ${b} would both write ${output}: rename one of them`);
    this.name = 'BriefNameClash';
  }
}
