/**
 * When builder threads collect garbage (memory.ts): never in a build (V8 collects on its own),
 * only once the thread has been idle in watch mode, and never while a brief is being built.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Collector, IDLE_COLLECT_MS } from '../../src/builder/memory.js';

describe('Collector', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('when idle: at the usual line once the thread has been idle, and not if a brief starts first', () => {
    const calls: unknown[][] = [];
    const collect = vi.fn((...args: unknown[]) => void calls.push(args));
    // Right after a brief only a heap far above the line is collected; the usual line waits.
    const usual = () => calls.filter((a) => a.length === 0).length;
    const farAbove = () => calls.filter((a) => a.length === 2 && (a[0] as number) >= 256 * 1024 * 1024 && (a[1] as number) >= 3).length;
    const c = new Collector('when-idle', collect);
    c.briefStarted();
    c.briefDone();
    expect(usual()).toBe(0);
    expect(farAbove()).toBe(1);
    vi.advanceTimersByTime(IDLE_COLLECT_MS - 1);
    expect(usual()).toBe(0);
    // A save comes in: the brief it builds is not delayed by a collection, before or after.
    c.briefStarted();
    vi.advanceTimersByTime(10 * IDLE_COLLECT_MS);
    expect(usual()).toBe(0);
    c.briefDone();
    vi.advanceTimersByTime(IDLE_COLLECT_MS - 1);
    c.briefStarted();
    c.briefDone();
    vi.advanceTimersByTime(IDLE_COLLECT_MS - 1);
    expect(usual()).toBe(0);
    vi.advanceTimersByTime(1);
    expect(usual()).toBe(1);
    vi.advanceTimersByTime(10 * IDLE_COLLECT_MS);
    expect(usual()).toBe(1);
    expect(farAbove()).toBe(3);
    expect(calls.length).toBe(4);
  });

  it('forces no collection in a build, by default: V8 collects on its own', () => {
    const collect = vi.fn();
    for (const c of [new Collector(undefined, collect), new Collector('by-v8', collect)]) {
      for (let i = 0; i < 3; i++) {
        c.briefStarted();
        c.briefDone();
      }
    }
    vi.advanceTimersByTime(10 * IDLE_COLLECT_MS);
    expect(collect).not.toHaveBeenCalled();
  });

  it('collects nothing after it was stopped', () => {
    const collect = vi.fn();
    const c = new Collector('when-idle', collect);
    c.briefStarted();
    c.briefDone();
    c.stop();
    vi.advanceTimersByTime(10 * IDLE_COLLECT_MS);
    expect(collect.mock.calls.filter((a) => a.length === 0)).toEqual([]);
  });
});
