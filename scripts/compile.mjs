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
import { readdirSync, readFileSync, rmSync } from 'node:fs';
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
for (const f of (() => {
  try {
    return readdirSync(dist);
  } catch {
    return [];
  }
})()) {
  if (/\.(mjs|map|blob|cache)$/.test(f)) rmSync(path.join(dist, f), { force: true });
}

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
  plugins: [pdfkitData, fontkitOnce, pdfmakeLinear, citeprocRegexOnce],
  define: {
    BRIEFPACK_VERSION: JSON.stringify(pkg.version),
    BRIEFPACK_CODE_ID: JSON.stringify(`${pkg.version}+${hashSources(root)}`),
  },
});
