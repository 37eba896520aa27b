// Bundles briefpack with esbuild into dist/: the CLI (briefpack.mjs), the build worker
// (briefpack-worker.mjs, started by src/builder/pool.ts from next to the bundle) and the
// chunks they share. `npm ci` (prepare) and `npm run build` (prebuild) run this, so dist/ is
// never stale.
//
// Why a bundle, and this one:
// - One file per entry loads much faster than hundreds of modules (DESIGN §4: 0.73 s → 0.42
//   s cold). The dependencies are bundled too, for the same reason; node_modules is still
//   needed at run time for the fonts (npm: paths) and for opencc-js, which loads its
//   dictionaries itself.
// - Code splitting: commands, the build machinery and the renderers are separate chunks,
//   loaded when used, so `--help` or a build with nothing to do never loads pdfmake.
// - pdfkit reads its standard-font metrics from files next to its own source; a plugin
//   points those reads back at node_modules/pdfkit.
// - pdfkit's `require('fontkit')` resolves to src/fonts/shared-fontkit.ts, which parses each
//   font file once per process and gives every document a fresh view of it (issue 17); that
//   module's own `import 'fontkit'` gets the real one.
// - pdfmake's LayoutBuilder, two steps quadratic in a brief's length made linear with the same
//   layout: the line builder's look-ahead copy and the pageBreakBefore queries
//   (scripts/pdfmake-layout-builder.mjs says how).
// - citeproc's processTags made the same RegExp (its Unicode letter class twice) for every
//   piece of every note: 100 MB of 3.9 GB allocated over 20 ten-page briefs, ~4% of their
//   build. A plugin makes it once.
// - BRIEFPACK_CODE_ID, a hash of the sources and the lockfile, keys the build cache: output
//   made by other code is never reused (src/builder/version.ts).
import { build } from 'esbuild';
import { hashSources } from './hash-sources.mjs';
import { linearLayoutBuilder } from './pdfmake-layout-builder.mjs';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

const pdfkitData = {
  name: 'pdfkit-data',
  setup(b) {
    b.onLoad({ filter: /[\\/]pdfkit[\\/]js[\\/]pdfkit\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const contents = source.replaceAll("__dirname + '/data/", "require('node:path').join(require('node:path').dirname(require.resolve('pdfkit')), 'data') + '/");
      return { contents, loader: 'js' };
    });
  },
};

// Both rewrites of pdfmake's LayoutBuilder, in one onLoad (esbuild takes one result per file).
const pdfmakeLinear = {
  name: 'pdfmake-linear',
  setup(b) {
    b.onLoad({ filter: /[\\/]pdfmake[\\/]js[\\/]LayoutBuilder\.js$/ }, (args) => ({ contents: linearLayoutBuilder(readFileSync(args.path, 'utf8'), args.path), loader: 'js' }));
  },
};

const citeprocRegexOnce = {
  name: 'citeproc-regex-once',
  setup(b) {
    b.onLoad({ filter: /[\\/]citeproc[\\/]citeproc_commonjs\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const make = 'new RegExp("(" + CSL.ROMANESQUE_REGEXP.source + ")\\u2019(" + CSL.ROMANESQUE_REGEXP.source + ")", "g")';
      const statement = `var rex = ${make};`;
      if (!source.includes(statement)) throw new Error(`citeproc-regex-once: ${args.path} no longer makes that RegExp; check the citeproc upgrade`);
      // The same pattern every time; String.prototype.replace starts a global RegExp from 0.
      return { contents: source.replace(statement, `var rex = CSL.__bpApostropheRegExp || (CSL.__bpApostropheRegExp = ${make});`), loader: 'js' };
    });
  },
};

const sharedFontkit = path.join(root, 'src', 'fonts', 'shared-fontkit.ts');
const fontkitOnce = {
  name: 'fontkit-once',
  setup(b) {
    b.onResolve({ filter: /^fontkit$/ }, (args) => (args.importer === sharedFontkit ? undefined : { path: sharedFontkit }));
  },
};

// Dependencies written as CommonJS expect require, __filename and __dirname.
const banner = [
  "import { createRequire as __bpCreateRequire } from 'node:module';",
  "import { fileURLToPath as __bpFileURLToPath } from 'node:url';",
  "import { dirname as __bpDirname } from 'node:path';",
  'const require = __bpCreateRequire(import.meta.url);',
  'const __filename = __bpFileURLToPath(import.meta.url);',
  'const __dirname = __bpDirname(__filename);',
].join(' ');

// `--outdir DIR` bundles elsewhere (tests build a private copy; DIR must be inside the
// project so that node_modules resolves from it).
const outArg = process.argv.indexOf('--outdir');
const dist = outArg > 0 ? path.resolve(process.argv[outArg + 1]) : path.join(root, 'dist');

// What dist/ was made from: the code, these scripts, the Node that made the snapshot.
// `--if-changed` (prebuild: every `npm run build`) does nothing when that has not changed.
const codeId = `${pkg.version}+${hashSources(root)}`;
const made = {
  codeId,
  scripts: createHash('sha256')
    .update(readdirSync(import.meta.dirname).sort().map((f) => `${f}\0${readFileSync(path.join(import.meta.dirname, f))}`).join('\0'))
    .digest('hex')
    .slice(0, 16),
  node: process.version,
  execPath: process.execPath,
  dist,
};
const madeFile = path.join(dist, 'compiled.json');
if (process.argv.includes('--if-changed') && upToDate()) process.exit(0);
for (const f of (() => {
  try {
    return readdirSync(dist);
  } catch {
    return [];
  }
})()) {
  if (/\.(mjs|cjs|map|blob|cache)$/.test(f) || f === 'compiled.json') rmSync(path.join(dist, f), { force: true });
}

const plugins = [pdfkitData, fontkitOnce, pdfmakeLinear, citeprocRegexOnce];
const define = { BRIEFPACK_VERSION: JSON.stringify(pkg.version), BRIEFPACK_CODE_ID: JSON.stringify(codeId) };

await build({
  absWorkingDir: root,
  entryPoints: { briefpack: 'src/cli/main.ts', 'briefpack-worker': 'src/builder/worker.ts' },
  outdir: dist,
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunk-[hash]',
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  banner: { js: banner },
  plugins,
  define,
});

const snapshot = await buildSnapshot();
writeFileSync(madeFile, `${JSON.stringify({ ...made, snapshot }, null, 2)}\n`);

function upToDate() {
  try {
    const before = JSON.parse(readFileSync(madeFile, 'utf8'));
    const outputs = ['briefpack.mjs', 'briefpack-worker.mjs', ...(before.snapshot ? ['briefpack.blob'] : [])];
    return Object.entries(made).every(([k, v]) => before[k] === v) && outputs.every((f) => existsSync(path.join(dist, f)));
  } catch {
    return false;
  }
}

/**
 * The startup snapshot (src/cli/snapshot.ts says what it is and who uses it): the same code
 * bundled as one CommonJS script, then `node --build-snapshot` saves its heap as
 * dist/briefpack.blob. A snapshot runs only on the Node that made it, from where it was
 * made (its paths are saved in it): dist/compiled.json records both, and compile runs again
 * when they change. The snapshot is a speed-up, so when it cannot be made the bundle alone
 * still works: a warning, no blob. Returns whether there is one.
 */
async function buildSnapshot() {
  const script = path.join(dist, 'briefpack-snapshot.cjs');
  const blob = path.join(dist, 'briefpack.blob');
  try {
    await build({
      absWorkingDir: root,
      entryPoints: ['src/cli/snapshot.ts'],
      outfile: script,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      legalComments: 'none',
      logLevel: 'error',
      // import.meta.url is the ESM bundle's, so that the worker and the data files are found
      // next to it just as from briefpack.mjs.
      // A snapshot's own require loads built-in modules only; the dependencies' require and
      // require.resolve (subset-font's wasm, pdfkit's metrics) need a whole one.
      banner: {
        js: [
          'var __bpBuiltinRequire = require, __bpModule = require("node:module"), __bpFullRequire;',
          'var __bpWhole = () => (__bpFullRequire ??= __bpModule.createRequire(__filename));',
          'var require = Object.assign((id) => (__bpModule.isBuiltin(id) ? __bpBuiltinRequire(id) : __bpWhole()(id)), { resolve: (id, options) => __bpWhole().resolve(id, options) });',
          "var __bpMetaUrl = require('node:url').pathToFileURL(require('node:path').join(__dirname, 'briefpack.mjs')).href;",
        ].join(' '),
      },
      plugins,
      define: { ...define, 'import.meta.url': '__bpMetaUrl' },
    });
    const r = spawnSync(process.execPath, ['--snapshot-blob', blob, '--build-snapshot', script], { cwd: dist, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`node --build-snapshot exited ${r.status ?? r.signal}: ${(r.stderr || r.stdout).trim().slice(-2000)}`);
    return true;
  } catch (e) {
    rmSync(blob, { force: true });
    process.stderr.write(`compile: no startup snapshot (briefpack works without it, a little slower to start): ${e.message}\n`);
    return false;
  } finally {
    rmSync(script, { force: true });
  }
}
