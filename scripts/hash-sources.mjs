// The code id's hash: SHA-256 over src/** and package-lock.json. scripts/compile.mjs stamps it
// into the bundle; src/builder/version.ts computes it when running from the sources (tests),
// so cache keys change whenever the code does. One function serves both.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export function hashSources(repoRoot) {
  const h = createHash('sha256');
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else {
        h.update(path.relative(repoRoot, p).split(path.sep).join('/'));
        h.update(readFileSync(p));
      }
    }
  };
  walk(path.join(repoRoot, 'src'));
  try {
    h.update(readFileSync(path.join(repoRoot, 'package-lock.json')));
  } catch {
    // A checkout without a lockfile: the sources alone.
  }
  return h.digest('hex').slice(0, 16);
}
