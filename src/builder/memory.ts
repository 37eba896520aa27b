/**
 * Keeps a long build's memory flat. Building a brief leaves ~100 MB of garbage, and V8, under
 * no pressure, lets the heap grow: after a few dozen briefs two worker threads held a
 * gigabyte, though each one's live data (fonts, templates, releases) is ~60 MB. Collecting
 * when a thread's heap passes 64 MB keeps it small (~200 MB RSS per thread).
 *
 * A full collection costs about 1 ms per MB that is still live (~65 ms with the fonts, templates
 * and releases loaded), and the live heap itself is ~65 MB: a fixed 64 MB line collected after
 * every brief. So the line is also at least 1.5 times what the last collection left: a
 * collection every second brief or so, and the heap never more than 1.5 times its live size
 * (at twice, two threads peaked at 530 MB on 100 briefs; the target is 500). That was before
 * the heap's growth was limited (below); with the limit, builds with several builder threads
 * no longer force collections at all (CollectMode).
 */
import v8 from 'node:v8';
import vm from 'node:vm';

const COLLECT_ABOVE_BYTES = 64 * 1024 * 1024;

/**
 * Within a brief V8 collects on its own, and after each of its full collections it lets the
 * old generation grow to up to 4 times what survived (a factor it picks from how fast it
 * collects) before the next. A 10-page brief's model, layout and pages survive many young
 * collections before they die, so the heap swelled to ~290 MB committed with ~80 MB in use,
 * and a `--jobs 1` build of 100 briefs peaked at 480 MB RSS (the target is 500). Growing by
 * half of what survived: 340 → 264 MB on 10 briefs, 471 → 280 MB on 40, in the same time
 * within the machine's noise (measured: --heap-growing-percent 0 / 30 / 50 / 100, three runs
 * each). The flag is the process's, so it holds for every builder thread.
 */
const HEAP_GROWING_PERCENT = 50;
let heapGrowthLimited = false;

/** Makes V8 grow the heap by at most HEAP_GROWING_PERCENT of what its last full collection
 * left (once per process; a V8 that refuses the flag keeps its own heuristics). */
export function limitHeapGrowth(): void {
  if (heapGrowthLimited) return;
  heapGrowthLimited = true;
  try {
    v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  } catch {
    // Nothing to do: only the memory peak is higher.
  }
}

let gc: (() => void) | null | undefined;
/** Heap in use right after the last collection made here. */
let liveAfterLast = 0;

/** Call between briefs: collects garbage if this thread's heap is large (above `floor` bytes
 * and `factor` times what the last collection left). */
export function collectIfLarge(floor = COLLECT_ABOVE_BYTES, factor = 1.5): void {
  if (gc === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      gc = vm.runInNewContext('gc') as () => void;
    } catch {
      gc = null;
    }
  }
  if (gc && process.memoryUsage().heapUsed > Math.max(floor, factor * liveAfterLast)) {
    gc();
    liveAfterLast = process.memoryUsage().heapUsed;
  }
}

/**
 * When a thread collects: `between-briefs` (a build of many briefs with one builder: right
 * after each one), `by-v8` (never here: a build with several builder threads in the process),
 * or `when-idle` (watch mode: once no brief has been built for IDLE_COLLECT_MS).
 *
 * Why not between briefs with several builders: with this thread and a worker building, a
 * full collection forced after each brief made every later step about twice as slow in CPU
 * time, in both threads (measured, not explained: 100 bench briefs at `--jobs 2` took 37.9 and
 * 40.3 s wall, 62–67 s CPU, against 28.3 and 31.0 s, 42–45 s CPU, without; 447–463 MB and
 * 462–467 MB peak RSS, so no memory is saved). One builder alone loses nothing to it. V8's own
 * collections, with the heap's growth limited (limitHeapGrowth), keep the peak under 500 MB.
 *
 * Why watch waits until idle: a save often comes right after a build, and a full collection
 * then, ~30 ms, delays it; the two builds after one also ran ~1.5 times as long (its sweeping competes for the two cores).
 * Without them V8 collects on its own, incrementally: save → both files 82–88 → 70–76 ms
 * (median of 25 saves, three runs each). A save that rebuilds many briefs at once (a release
 * many quote) would let the heap grow as in a long build, so when-idle also collects right
 * after a brief once the heap is far above the line (WATCH_COLLECT_ABOVE_BYTES, 3 times live).
 */
export type CollectMode = 'between-briefs' | 'by-v8' | 'when-idle';

/** The mode for each of `builders` builder threads in one process, given what the command
 * asked for (a build: between briefs; watch: when idle). */
export function collectModeFor(requested: CollectMode | undefined, builders: number): CollectMode {
  if (requested === 'when-idle') return 'when-idle';
  return builders > 1 ? 'by-v8' : (requested ?? 'between-briefs');
}

export const IDLE_COLLECT_MS = 3000;
const WATCH_COLLECT_ABOVE_BYTES = 256 * 1024 * 1024;

/** Tells the thread's collections when its briefs start and end. Making one limits how far V8
 * lets the heap grow (limitHeapGrowth), for the whole process. */
export class Collector {
  private timer: ReturnType<typeof setTimeout> | undefined;
  constructor(
    private readonly mode: CollectMode = 'between-briefs',
    /** A collection if the heap is above `floor` and `factor` times live (tests count calls). */
    private readonly collect: (floor?: number, factor?: number) => void = collectIfLarge,
  ) {
    limitHeapGrowth();
  }

  briefStarted(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  briefDone(): void {
    if (this.mode === 'by-v8') return;
    if (this.mode === 'between-briefs') return this.collect();
    this.collect(WATCH_COLLECT_ABOVE_BYTES, 3);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.collect();
    }, IDLE_COLLECT_MS);
    // Never what keeps a process alive.
    this.timer.unref?.();
  }

  stop(): void {
    this.briefStarted();
  }
}
