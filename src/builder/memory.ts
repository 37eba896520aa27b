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
 * (at twice, two threads peaked at 530 MB on 100 briefs; the target is 500).
 */
import v8 from 'node:v8';
import vm from 'node:vm';

const COLLECT_ABOVE_BYTES = 64 * 1024 * 1024;

let gc: (() => void) | null | undefined;
/** Heap in use right after the last collection made here. */
let liveAfterLast = 0;

/** Call between briefs: collects garbage if this thread's heap is large. */
export function collectIfLarge(): void {
  if (gc === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      gc = vm.runInNewContext('gc') as () => void;
    } catch {
      gc = null;
    }
  }
  if (gc && process.memoryUsage().heapUsed > Math.max(COLLECT_ABOVE_BYTES, 1.5 * liveAfterLast)) {
    gc();
    liveAfterLast = process.memoryUsage().heapUsed;
  }
}
