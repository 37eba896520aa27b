/**
 * Entry point of a build worker thread (see pool.ts). Each worker keeps one ThreadBuilder, so
 * it loads the fonts and opens the corpus once and reuses them for every brief it is given.
 * Jobs are built one at a time, in the order they arrive (the pool sends the next before this
 * one is done); each says when it starts, and its output bytes go back as transferred buffers.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ReleaseIndexEntry } from '../corpus/corpus.js';
import { ThreadBuilder } from './thread-builder.js';
import type { BuildJob, JobResult } from './jobs.js';
import { Collector, type CollectMode } from './memory.js';

export type ToWorker =
  | { type: 'job'; id: number; job: BuildJob; index?: readonly ReleaseIndexEntry[] }
  | { type: 'invalidate'; changed: string[]; index?: readonly ReleaseIndexEntry[] };

export type FromWorker = { type: 'ready' } | { type: 'started'; id: number } | { type: 'result'; id: number; result: JobResult };

export interface WorkerInit {
  projectRoot: string;
  index?: readonly ReleaseIndexEntry[];
  collect?: CollectMode;
}

/** Buffers to transfer rather than copy (a slice of Node's shared pool cannot be moved). */
export function transferList(result: JobResult): ArrayBuffer[] {
  if (!result.ok) return [];
  const list: ArrayBuffer[] = [];
  for (const f of result.files) {
    if (!(f.bytes.buffer instanceof ArrayBuffer) || f.bytes.byteOffset !== 0 || f.bytes.byteLength !== f.bytes.buffer.byteLength) {
      f.bytes = new Uint8Array(f.bytes);
    }
    list.push(f.bytes.buffer as ArrayBuffer);
  }
  return list;
}

if (parentPort) {
  const port = parentPort;
  const init = workerData as WorkerInit;
  const builder = new ThreadBuilder(init.projectRoot, { index: init.index });
  builder.warmUp();
  const collector = new Collector(init.collect);
  let queue = Promise.resolve();
  port.on('message', (msg: ToWorker) => {
    queue = queue.then(async () => {
      if (msg.type === 'invalidate') {
        builder.invalidate(msg.changed, msg.index);
        return;
      }
      if (msg.index) builder.invalidate([], msg.index);
      collector.briefStarted();
      port.postMessage({ type: 'started', id: msg.id } satisfies FromWorker);
      const result = await builder.build(msg.job);
      port.postMessage({ type: 'result', id: msg.id, result } satisfies FromWorker, transferList(result));
      collector.briefDone();
    });
  });
  port.postMessage({ type: 'ready' } satisfies FromWorker);
}
