/**
 * The entry of the startup snapshot (dist/briefpack.blob, made by scripts/compile.mjs with
 * `node --build-snapshot`). A snapshot is the heap of a Node process saved after this module
 * ran: starting from it skips loading, compiling and initialising the bundle (DESIGN §4), so
 * a one-brief `build` starts rendering sooner. bin/briefpack.js starts
 * `node --snapshot-blob dist/briefpack.blob …` for the one-shot commands when the blob was
 * made from this bundle by this Node (dist/briefpack.blob.json says so), and the bundle
 * otherwise.
 *
 * Everything the commands import is bundled into this one script (a snapshot takes no
 * user-land modules), and imported here so that it is in the saved heap: the build
 * commands and the builders. What the heap must not keep is anything read from the machine
 * or the project — module top levels read neither (they read files, the environment and the
 * working directory inside functions), so the snapshot holds code and constants only.
 */
import './snapshot-prelude.js';
import v8 from 'node:v8';
import { runFromCommandLine } from './main.js';
import './commands/build.js';
import './commands/check.js';
import '../builder/hybrid.js';
import '../builder/thread-builder.js';
import 'docx/layout';

// Under a snapshot process.argv is [node, ...arguments]: no script path.
v8.startupSnapshot.setDeserializeMainFunction(() => runFromCommandLine(process.argv.slice(1)));
