/**
 * The files the font configuration points at, found without loading any font: what the
 * build cache hashes to notice a changed font. Every font path under `faces` counts (whether
 * a chain uses the face or not), resolved as fonts/font-set.ts resolves it: `npm:` inside
 * node_modules, anything else relative to the fonts folder. A path that does not resolve is
 * listed as written, so it hashes as missing and a later `npm ci` changes the key.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { parse } from 'yaml';

const FONT_FILE = /\.(ttf|otf|ttc|otc|woff2?)$/i;

export function fontConfigFile(projectRoot: string): string {
  return path.join(projectRoot, 'fonts', 'fonts.yaml');
}

/** Absolute paths of the font files named in the configuration text, in order. */
export function fontFilesOf(projectRoot: string, configText: string, configFile = fontConfigFile(projectRoot)): string[] {
  let doc: unknown;
  try {
    // Silent: a scan for file names; fonts.yaml's own reader reports what is wrong with it.
    doc = parse(configText, { logLevel: 'silent' });
  } catch {
    return [];
  }
  const faces = (doc as { faces?: unknown } | null)?.faces;
  const specs: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') {
      if (v.startsWith('npm:') || FONT_FILE.test(v)) specs.push(v);
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(faces);
  const require = createRequire(path.join(projectRoot, 'package.json'));
  return [...new Set(specs)].map((spec) => {
    if (!spec.startsWith('npm:')) return path.resolve(path.dirname(configFile), spec);
    try {
      return require.resolve(spec.slice(4));
    } catch {
      return path.join(projectRoot, 'node_modules', spec.slice(4));
    }
  });
}
