/**
 * How many builders when `--jobs` is not given (session.ts): a build of a few briefs leaves
 * one CPU to V8's compiler and collector threads, a build of many uses every CPU (a second
 * builder pays once it has built enough briefs warm), watch uses every CPU (a save's PDF and
 * DOCX side by side).
 */
import { describe, expect, it } from 'vitest';
import { builders, defaultJobs, defaultWatchJobs, MANY_BRIEFS } from '../../src/builder/session.js';
import { parseJobs } from '../../src/cli/commands/build.js';

describe('default builders', () => {
  it('build, fewer than MANY_BRIEFS briefs: one per CPU but one, never none', () => {
    expect([1, 2, 3, 4, 8].map((cpus) => defaultJobs(MANY_BRIEFS - 1, cpus))).toEqual([1, 1, 2, 3, 7]);
  });

  it('build, MANY_BRIEFS briefs or more: one per CPU', () => {
    expect([1, 2, 3, 4, 8].map((cpus) => defaultJobs(MANY_BRIEFS, cpus))).toEqual([1, 2, 3, 4, 8]);
    expect(builders({ jobs: 'auto' }, 100, 2)).toBe(2);
    expect(builders({ jobs: 'auto' }, MANY_BRIEFS, 4)).toBe(4);
    expect(builders({ jobs: 'auto' }, MANY_BRIEFS - 1, 2)).toBe(1);
    expect(builders({ jobs: 'auto' }, 20, 4)).toBe(3);
    expect(builders({ jobs: 'auto' }, 1, 8)).toBe(1);
  });

  it('watch: one per CPU, so one brief saved on two CPUs renders its PDF and DOCX side by side', () => {
    expect([1, 2, 4].map((cpus) => defaultWatchJobs(cpus))).toEqual([1, 2, 4]);
    expect(builders({ jobs: defaultWatchJobs(2), keepWarm: true }, 1)).toBe(2);
  });

  it('--jobs overrides either default', () => {
    expect(parseJobs('3', 'auto')).toBe(3);
    expect(parseJobs('1', 'auto')).toBe(1);
    expect(builders({ jobs: 1 }, 100, 2)).toBe(1);
    expect(parseJobs(undefined, 5)).toBe(5);
    expect(parseJobs(undefined, 'auto')).toBe('auto');
  });
});
