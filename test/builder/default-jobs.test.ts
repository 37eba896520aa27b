/**
 * How many builders when `--jobs` is not given (session.ts): a build leaves one CPU to V8's
 * compiler and collector threads, watch uses every CPU (a save's PDF and DOCX side by side).
 */
import { describe, expect, it } from 'vitest';
import { builders, defaultJobs, defaultWatchJobs } from '../../src/builder/session.js';
import { parseJobs } from '../../src/cli/commands/build.js';

describe('default builders', () => {
  it('build: one per CPU but one, never none', () => {
    expect([1, 2, 3, 4, 8].map((cpus) => defaultJobs(cpus))).toEqual([1, 1, 2, 3, 7]);
  });

  it('watch: one per CPU, so one brief saved on two CPUs renders its PDF and DOCX side by side', () => {
    expect([1, 2, 4].map((cpus) => defaultWatchJobs(cpus))).toEqual([1, 2, 4]);
    expect(builders({ jobs: defaultWatchJobs(2), keepWarm: true }, 1)).toBe(2);
    expect(builders({ jobs: defaultJobs(2) }, 100)).toBe(1);
  });

  it('--jobs overrides either default', () => {
    expect(parseJobs('3', defaultJobs(2))).toBe(3);
    expect(parseJobs(undefined, 5)).toBe(5);
  });
});
