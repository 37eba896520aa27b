/**
 * Runs first in the startup snapshot (src/cli/snapshot.ts), and works around what a Node 20
 * snapshot cannot keep.
 *
 * Worker threads: once node:worker_threads is loaded while the snapshot is made, workers
 * started after it is restored fail on their first process.cwd() (Node's count of chdir
 * calls, shared with workers, does not survive the snapshot). fflate loads it as it loads,
 * for its asynchronous functions, which briefpack does not use; so while the snapshot is
 * made, `require('worker_threads')` gives a stand-in whose functions load the real module
 * when called, after the snapshot is restored. The pool (src/builder/pool.ts) loads it
 * itself when it starts a worker.
 *
 * Text decoders: a TextDecoder holds an ICU
 * converter, which V8 cannot save in a snapshot, and dependencies make decoders when they
 * load (fontkit an ASCII one, docx a UTF-8 one, which fflate tries out at once). While the
 * snapshot is made, TextDecoder is one that makes its converter when used and drops it just
 * before the heap is saved (nothing is decoding then, so no state is lost); the real one is
 * put back before briefpack runs.
 */
import Module from 'node:module';
import v8 from 'node:v8';

const RealTextDecoder = globalThis.TextDecoder;
const inUse: DeferredTextDecoder[] = [];

class DeferredTextDecoder {
  #decoder: TextDecoder | undefined;
  readonly #args: ConstructorParameters<typeof TextDecoder>;
  constructor(...args: ConstructorParameters<typeof TextDecoder>) {
    this.#args = args;
  }
  get #real(): TextDecoder {
    if (!this.#decoder) {
      this.#decoder = new RealTextDecoder(...this.#args);
      if (v8.startupSnapshot.isBuildingSnapshot()) inUse.push(this);
    }
    return this.#decoder;
  }
  static dropConverters() {
    for (const d of inUse.splice(0)) d.#decoder = undefined;
  }
  get encoding() {
    return this.#real.encoding;
  }
  get fatal() {
    return this.#real.fatal;
  }
  get ignoreBOM() {
    return this.#real.ignoreBOM;
  }
  decode(...args: Parameters<TextDecoder['decode']>) {
    return this.#real.decode(...args);
  }
}

type Load = (request: string, parent: unknown, isMain: boolean) => unknown;
const moduleLoader = Module as unknown as { _load: Load };

/** node:worker_threads as fflate takes it: each export a function that loads the real one. */
function deferredWorkerThreads(load: Load): unknown {
  const real = () => load('node:worker_threads', null, false) as Record<string | symbol, (...args: unknown[]) => unknown>;
  return new Proxy(
    {},
    {
      get: (_, key) =>
        function (this: unknown, ...args: unknown[]) {
          const f = real()[key]!;
          return new.target ? Reflect.construct(f, args) : f.apply(this, args);
        },
    },
  );
}

if (v8.startupSnapshot.isBuildingSnapshot()) {
  const load = moduleLoader._load;
  moduleLoader._load = (request, parent, isMain) =>
    request === 'worker_threads' || request === 'node:worker_threads' ? deferredWorkerThreads(load) : load(request, parent, isMain);
  v8.startupSnapshot.addSerializeCallback(() => {
    moduleLoader._load = load;
  });
  globalThis.TextDecoder = DeferredTextDecoder as unknown as typeof TextDecoder;
  v8.startupSnapshot.addSerializeCallback(() => DeferredTextDecoder.dropConverters());
  v8.startupSnapshot.addDeserializeCallback(() => {
    globalThis.TextDecoder = RealTextDecoder;
  });
}
