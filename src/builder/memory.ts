/**
 * Keeps a long build's memory flat. Building a brief leaves ~100 MB of garbage, and V8, under
 * no pressure, lets the heap grow: after a few dozen briefs two worker threads held a
 * gigabyte, though each one's live data (fonts, templates, releases) is ~60 MB.
 *
 * What holds it: the heap's growth limited (limitHeapGrowth), for every build; and in watch
 * mode a collection once the thread is idle (CollectMode). A build once also forced a
 * collection after each brief, when the heap passed 64 MB and 1.5 times what the last one
 * left (collectIfLarge, which watch still uses); that made later briefs slower and no longer
 * saves memory (CollectMode says what was measured).
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

/** Collects garbage if this thread's heap is large (above `floor` bytes
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
 * When a thread collects: `by-v8` (a build: never here, V8 collects on its own) or
 * `when-idle` (watch mode: once no brief has been built for IDLE_COLLECT_MS).
 *
 * Why a build forces no collection between briefs: it made the briefs after it slower. With
 * this thread and a worker building, a full collection forced after each brief made every
 * later step about twice as slow in CPU time, in both threads (100 bench briefs at
 * `--jobs 2`: 37.9 and 40.3 s wall, 62–67 s CPU, against 28.3 and 31.0 s, 42–45 s CPU
 * without; 447–467 MB peak RSS either way). With one builder it seemed harmless only while
 * each brief's laid-out PDF stayed alive into the next step (render/pdf/index.ts): what a
 * collection left was then so large that the line (1.5 times that) was almost never
 * crossed. Once the PDF was let go, 37–39 collections were forced in 100 briefs at
 * `--jobs 1`, and the build went from 25–29 s to 33–48 s (six runs); without them, 25.5–27.8 s at
 * 266–282 MB peak RSS. V8's own collections, with the heap's growth limited
 * (limitHeapGrowth), keep the peak under 500 MB.
 *
 * Why watch waits until idle: a save often comes right after a build, and a full collection
 * then, ~30 ms, delays it; the two builds after one also ran ~1.5 times as long (its sweeping
 * competes for the two cores). Without them V8 collects on its own, incrementally: save →
 * both files 82–88 → 70–76 ms (median of 25 saves, three runs each). A save that rebuilds
 * many briefs at once (a release many quote) would let the heap grow as in a long build, so
 * when-idle also collects right after a brief once the heap is far above the line
 * (WATCH_COLLECT_ABOVE_BYTES, 3 times live).
 */
export type CollectMode = 'by-v8' | 'when-idle';

export const IDLE_COLLECT_MS = 3000;
const WATCH_COLLECT_ABOVE_BYTES = 256 * 1024 * 1024;

/** Tells the thread's collections when its briefs start and end. Making one limits how far V8
 * lets the heap grow (limitHeapGrowth), for the whole process. */
export class Collector {
  private timer: ReturnType<typeof setTimeout> | undefined;
  constructor(
    private readonly mode: CollectMode = 'by-v8',
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
