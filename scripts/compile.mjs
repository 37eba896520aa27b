// Bundles the CLI into dist/briefpack.mjs with esbuild. One bundled file loads much faster
// than hundreds of ESM modules (DESIGN §4: 0.73 s → 0.42 s cold), and `npm run build` runs
// this first (prebuild), so dist/ is never stale. Dependencies stay external: they are
// resolved from node_modules at run time like any package.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/briefpack.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
  define: { BRIEFPACK_VERSION: JSON.stringify(pkg.version) },
});
