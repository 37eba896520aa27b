/**
 * Keeps a long build's memory flat. Building a brief leaves ~100 MB of garbage, and V8, under
 * no pressure, lets the heap grow: after a few dozen briefs two worker threads held a
 * gigabyte, though each one's live data (fonts, templates, releases) is ~60 MB. Collecting
 * when a thread's heap passes 64 MB keeps it small (~200 MB RSS per thread), for ~10 ms a time.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

const COLLECT_ABOVE_BYTES = 64 * 1024 * 1024;

let gc: (() => void) | null | undefined;

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
  if (gc && process.memoryUsage().heapUsed > COLLECT_ABOVE_BYTES) gc();
}
