/**
 * Font configuration (fonts/fonts.yaml, described in docs/fonts.md) and per-character
 * coverage.
 *
 * pdfmake draws each text node in one font and cannot fall back per character (DESIGN §4),
 * and Word picks a face per slot, not per glyph. So both renderers ask this module (and
 * runs.ts) to split text into runs, each with a face that really has every character in it.
 * A character no face covers is reported at build time instead of printing as an empty box.
 *
 * The configuration names faces (a regular and a bold file each) and, per role (body text,
 * headings), a fallback chain of faces per script (Latin, Traditional, Simplified). A font
 * file is an `npm:` path inside node_modules (the defaults, installed by `npm ci`) or a file
 * the user dropped into fonts/ (a path relative to that folder).
 *
 * Font files are parsed once per process and reused across briefs.
 */
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { sharedFont, type Font } from './shared-fontkit.js';
import type { Node } from 'yaml';
import { diagnostic, DiagnosticError, type Diagnostic } from '../diagnostics/diagnostic.js';
import { closest } from '../util/suggest.js';
import { parseYamlSource, mapEntries, startOf, isSeq, isScalar, scalarText, type YamlSource } from '../util/yaml-source.js';
import { describeInputProblem, readInputText } from '../util/input-text.js';
import type { Lang } from '../model/model.js';

/** The scripts a chain is kept for. */
export type ChainName = 'latin' | 'zh-Hant' | 'zh-Hans';
export const CHAIN_NAMES: readonly ChainName[] = ['latin', 'zh-Hant', 'zh-Hans'];

/**
 * What the text is: `body` for everything but `heading`, which covers headings, the cover
 * title and the titles of the contents and the source notes.
 */
export type FontRole = 'body' | 'heading';
export const FONT_ROLES: readonly FontRole[] = ['body', 'heading'];

export type Chains = Record<ChainName, string[]>;

export interface FontFile {
  /** Absolute path of the font file. */
  path: string;
  /** The path with the file's size and modification time: names this version of the file
   * (renderers key what they derive from a font by it) without reading or hashing it. */
  key: string;
  /** Family name as the font declares it (what Word's w:rFonts needs). */
  family: string;
  postscriptName: string;
  /** The file's bytes. Read, like every property below but `path` and `key`, when first
   * asked for: a document reads only the faces its text is drawn in. */
  bytes: Buffer;
  /** SHA-256 of the bytes (hex); computed when asked for. */
  digest: string;
  /** Whether the file has been read (no property has needed it yet when false). */
  readonly loaded: boolean;
  /** Whether the face has a glyph for a code point (memoised). */
  covers(codePoint: number): boolean;
  /** Advance width of a code point's glyph in em (0 when the face lacks it; memoised). */
  advance(codePoint: number): number;
  /** Ascent minus descent in em: the height of a line of this face at line height 1 (what
   * pdfkit and pdfmake use, without the line gap). */
  lineHeight: number;
  /** OpenType layout features the face offers (`halt` half-width punctuation, `fwid` full
   * widths): the PDF writer compresses CJK punctuation only with faces that have `halt`. */
  features: ReadonlySet<string>;
}

export interface FontFace {
  id: string;
  regular: FontFile;
  bold: FontFile;
}

export interface FontSet {
  /** Faces by id, in the order the configuration lists them. */
  faces: Map<string, FontFace>;
  /** Effective chains per role. A heading chain already continues with the body chain of its
   * script, so `roles.heading` is complete on its own. */
  roles: Record<FontRole, Chains>;
  /** The body chains (`roles.body`), kept for callers that have no role. */
  chains: Chains;
  /** The chains of every typeface (fonts.yaml `typefaces`; `sans` is `roles`). A brief picks
   * one with `typeface:` (see fontsForTypeface); `roles` and `chains` are the chosen one's. */
  typefaces: Record<string, Record<FontRole, Chains>>;
  /** Hash of the configuration and every font file's bytes (cache key material). */
  fingerprint: string;
}

/** The faces to try, in order, for text of a role in a script. */
export function chainFor(fonts: FontSet, role: FontRole, script: ChainName): readonly string[] {
  return fonts.roles[role][script];
}

/** Loaded configurations, with the stamps of their font files when they were read. */
const cache = new Map<string, { set: FontSet; stamps: string }>();

export type FontSetResult = { ok: true; fonts: FontSet } | { ok: false; diagnostics: Diagnostic[] };

/** Reads `fonts/fonts.yaml` under the project root, once per process per configuration;
 * a broken configuration comes back as its diagnostics. */
export function readFontSet(projectRoot: string, configFile = path.join(projectRoot, 'fonts', 'fonts.yaml')): FontSetResult {
  const rel = path.relative(projectRoot, configFile) || configFile;
  if (!existsSync(configFile)) {
    return {
      ok: false,
      diagnostics: [diagnostic({ code: 'BP402', message: `font configuration "${rel}" not found`, file: rel, hint: 'Every project needs fonts/fonts.yaml; see docs/fonts.md.' })],
    };
  }
  const read = readInputText(configFile);
  if (!read.ok) {
    return { ok: false, diagnostics: [diagnostic({ code: 'BP402', message: `font configuration "${rel}" ${describeInputProblem(read)}`, file: rel, hint: 'fonts/fonts.yaml must be a YAML file; see docs/fonts.md.' })] };
  }
  const text = read.text;
  const key = `${path.resolve(configFile)}\0${projectRoot}\0${text}`;
  const hit = cache.get(key);
  if (hit && hit.stamps === stampsOf(hit.set)) return { ok: true, fonts: hit.set };
  const parsed = parseFontConfig(text, configFile, rel, projectRoot);
  if (!('faces' in parsed)) return { ok: false, diagnostics: parsed };
  cache.set(key, { set: parsed, stamps: stampsOf(parsed) });
  return { ok: true, fonts: parsed };
}

/** `readFontSet` for callers that cannot go on without fonts: throws DiagnosticError. */
export function loadFontSet(projectRoot: string, configFile?: string): FontSet {
  const result = readFontSet(projectRoot, configFile);
  if (!result.ok) throw new DiagnosticError(result.diagnostics);
  return result.fonts;
}

function stampsOf(set: FontSet): string {
  return [...set.faces.values()].map((f) => `${stampOf(f.regular.path)}|${stampOf(f.bold.path)}`).join('\0');
}

function stampOf(file: string): string {
  try {
    const stat = statSync(file);
    return `${file}:${stat.size}:${stat.mtimeMs}`;
  } catch {
    return `${file}:gone`;
  }
}

function fingerprint(configText: string, used: readonly FontFile[]): string {
  const h = createHash('sha256').update(configText);
  for (const f of used) h.update(f.digest);
  return h.digest('hex');
}

const WEIGHTS = ['regular', 'bold'] as const;
const TOP_KEYS = ['faces', 'roles', 'chains', 'typefaces'];

/** The typeface a brief asks for when it names none: the top-level `roles`. */
export const DEFAULT_TYPEFACE = 'sans';

/** The error for a typeface the font configuration does not define (BP402), or undefined. */
export function typefaceProblem(fonts: FontSet, name: string): Diagnostic | undefined {
  if (fonts.typefaces[name]) return undefined;
  return diagnostic({
    code: 'BP402',
    message: `the font configuration has no typeface "${name}"`,
    file: 'fonts/fonts.yaml',
    hint: `Typefaces are ${Object.keys(fonts.typefaces).join(', ')}; add "${name}" under "typefaces:" (see docs/fonts.md).`,
  });
}

const typefaceViews = new WeakMap<FontSet, Map<string, FontSet>>();

/**
 * The font set with the chains of typeface `name` (`sans`: the top-level roles; others from
 * `typefaces:`). The faces are shared, so fonts stay loaded once per process. A name the
 * configuration does not define is an error that says which ones it does.
 */
export function fontsForTypeface(fonts: FontSet, name: string = DEFAULT_TYPEFACE): FontSet {
  const roles = fonts.typefaces[name];
  const problem = typefaceProblem(fonts, name);
  if (!roles || problem) throw new DiagnosticError([problem!]);
  if (roles === fonts.roles) return fonts;
  let views = typefaceViews.get(fonts);
  if (!views) typefaceViews.set(fonts, (views = new Map()));
  let view = views.get(name);
  if (!view) views.set(name, (view = { ...fonts, roles, chains: roles.body }));
  return view;
}

function parseFontConfig(text: string, configFile: string, rel: string, projectRoot: string): FontSet | Diagnostic[] {
  const src = parseYamlSource(text, rel, 0, { characterCode: 'BP113' });
  const problems: Diagnostic[] = [...src.syntaxErrors];
  const at = (node: Parameters<typeof startOf>[1]) => startOf(src, node);
  const problem = (message: string, node: Parameters<typeof startOf>[1], hint?: string) =>
    problems.push(diagnostic({ code: 'BP402', message, file: rel, start: at(node), hint }));

  const top = mapEntries(src.doc.contents);
  for (const e of top) {
    if (!TOP_KEYS.includes(e.key)) problem(`unknown key "${e.key}" in the font configuration`, e.keyNode, 'The keys are "faces", "roles" and "typefaces" (see docs/fonts.md).');
  }
  const facesNode = top.find((e) => e.key === 'faces');
  const rolesNode = top.find((e) => e.key === 'roles');
  // The first format had one set of chains at the top level: it is the body role.
  const legacyChains = top.find((e) => e.key === 'chains');
  if (rolesNode && legacyChains) problem('the font configuration has both "roles" and "chains"', legacyChains.keyNode, 'Move the chains under roles.body.');
  if (!src.syntaxErrors.length && (!facesNode || !(rolesNode || legacyChains))) {
    problem('the font configuration needs "faces" and "roles"', src.doc.contents, 'See docs/fonts.md for the format.');
  }

  // Faces.
  const faces = new Map<string, FontFace>();
  const faceIds = mapEntries(facesNode?.value).map((f) => f.key);
  const require = createRequire(path.join(path.resolve(projectRoot), 'package.json'));
  for (const face of mapEntries(facesNode?.value)) {
    const entries = mapEntries(face.value);
    for (const e of entries) {
      if (!(WEIGHTS as readonly string[]).includes(e.key)) problem(`face "${face.key}": unknown key "${e.key}"`, e.keyNode, 'A face has a "regular" and a "bold" file.');
    }
    const files: Partial<Record<(typeof WEIGHTS)[number], FontFile>> = {};
    for (const weight of WEIGHTS) {
      const entry = entries.find((e) => e.key === weight);
      if (!entry || !isScalar(entry.value) || String(entry.value.value ?? '') === '') {
        problem(
          `face "${face.key}" has no ${weight} file`,
          entry?.value ?? face.keyNode,
          weight === 'bold' ? 'Name the bold file; a family without one can name its regular file again (bold text is then not emboldened).' : undefined,
        );
        continue;
      }
      const spec = scalarText(entry.value) ?? '';
      const resolved = resolveFontPath(spec, path.dirname(configFile), require);
      if (!resolved || !existsSync(resolved) || !statSync(resolved).isFile()) {
        problem(
          `font file "${spec}" for face "${face.key}" (${weight}) not found${resolved ? ` (looked for ${path.relative(projectRoot, resolved) || resolved})` : ''}`,
          entry.value,
          spec.startsWith('npm:')
            ? 'npm: paths resolve inside node_modules: run `npm ci`, or check the package and file name.'
            : 'A path without "npm:" is relative to the fonts/ folder: put the file there or fix the name.',
        );
        continue;
      }
      try {
        files[weight] = openFontFile(resolved, { what: `font file "${spec}" for face "${face.key}" (${weight})`, file: rel, start: at(entry.value) });
      } catch (e) {
        problem(`font file "${spec}" for face "${face.key}" (${weight}) cannot be used: ${(e as Error).message}`, entry.value, 'Use a TrueType (.ttf) or OpenType (.otf) file with one face.');
      }
    }
    if (files.regular && files.bold) faces.set(face.key, { id: face.key, regular: files.regular, bold: files.bold });
  }

  // Roles: the default typeface's, then those of the other typefaces.
  const roleEntries = rolesNode
    ? mapEntries(rolesNode.value)
    : legacyChains
      ? [{ key: 'body', keyNode: legacyChains.keyNode, value: legacyChains.value }]
      : [];
  if (rolesNode && rolesNode.value && !mapEntries(rolesNode.value).length) problem('"roles" must map role names to chains', rolesNode.value);
  const parseRoles = (entries: readonly { key: string; keyNode: Node; value: Node | null }[], where: string, fallbackNode: Parameters<typeof startOf>[1]) => {
    const declared: Partial<Record<FontRole, Partial<Chains>>> = {};
    for (const role of entries) {
      if (!(FONT_ROLES as readonly string[]).includes(role.key)) {
        const guess = closest(role.key, FONT_ROLES);
        problem(`unknown role "${role.key}"`, role.keyNode, `${guess ? `Did you mean "${guess}"? ` : ''}Roles are ${FONT_ROLES.join(', ')}.`);
        continue;
      }
      const chains: Partial<Chains> = {};
      for (const chain of mapEntries(role.value)) {
        if (!(CHAIN_NAMES as readonly string[]).includes(chain.key)) {
          const guess = closest(chain.key, CHAIN_NAMES);
          problem(`role "${role.key}": unknown script "${chain.key}"`, chain.keyNode, `${guess ? `Did you mean "${guess}"? ` : ''}Scripts are ${CHAIN_NAMES.join(', ')}.`);
          continue;
        }
        chains[chain.key as ChainName] = faceList(src, chain.value, role.key, chain.key, faceIds, problems);
      }
      declared[role.key as FontRole] = chains;
    }
    const body = declared.body ?? {};
    if (!problems.length) {
      for (const name of CHAIN_NAMES) {
        if (!body[name]?.length) {
          const bodyNode = entries.find((r) => r.key === 'body');
          problem(`role "body" has no faces for ${name} text${where}`, bodyNode?.keyNode ?? fallbackNode, `Every script needs a body chain: add "${name}: [face, …]" under body.`);
        }
      }
    }
    if (problems.length) return undefined;
    const bodyChains = Object.fromEntries(CHAIN_NAMES.map((n) => [n, [...body[n]!]])) as Chains;
    const heading = declared.heading ?? {};
    const headingChains = Object.fromEntries(CHAIN_NAMES.map((n) => [n, [...new Set([...(heading[n] ?? []), ...bodyChains[n]])]])) as Chains;
    return { body: bodyChains, heading: headingChains };
  };
  const roles = parseRoles(roleEntries, '', rolesNode?.keyNode);
  const typefaces: Record<string, Record<FontRole, Chains>> = {};
  if (roles) typefaces[DEFAULT_TYPEFACE] = roles;
  for (const t of mapEntries(top.find((e) => e.key === 'typefaces')?.value)) {
    if (t.key === DEFAULT_TYPEFACE) {
      problem(`typeface "${DEFAULT_TYPEFACE}" is the top-level "roles"`, t.keyNode, `Give this typeface another name, or move its chains to "roles".`);
      continue;
    }
    const parsed = parseRoles(mapEntries(t.value), ` in typeface "${t.key}"`, t.keyNode);
    if (parsed) typefaces[t.key] = parsed;
  }
  if (problems.length || !roles) return problems;

  const used = [...faces.values()].flatMap((f) => [f.regular, f.bold]);
  // Computed when first asked for: it hashes every font file, which `check` never needs.
  let print: string | undefined;
  return {
    faces,
    roles,
    chains: roles.body,
    typefaces,
    get fingerprint() {
      print ??= fingerprint(text, used);
      return print;
    },
  };
}

/** A chain: a list of face ids (a single id is a list of one). */
function faceList(src: YamlSource, node: Node | null, role: string, chain: string, faceIds: string[], problems: Diagnostic[]): string[] {
  const items: (Node | null)[] = isSeq(node) ? (node.items as Node[]) : isScalar(node) ? [node] : [];
  if (!items.length) {
    problems.push(diagnostic({ code: 'BP402', message: `role "${role}": the ${chain} chain lists no faces`, file: src.file, start: startOf(src, node), hint: 'Write a list of face ids, e.g. [noto-sans-tc, noto-sans-sc].' }));
  }
  const ids: string[] = [];
  for (const item of items) {
    const id = scalarText(item) ?? '';
    if (!faceIds.includes(id)) {
      const guess = closest(id, faceIds);
      problems.push(
        diagnostic({
          code: 'BP402',
          message: `role "${role}": the ${chain} chain names unknown face "${id}"`,
          file: src.file,
          start: startOf(src, item),
          hint: guess ? `Did you mean "${guess}"?` : `Faces are ${faceIds.join(', ') || '(none)'}; define the face under "faces" first.`,
        }),
      );
    } else if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}

function resolveFontPath(spec: string, configDir: string, require: NodeRequire): string | undefined {
  if (!spec.startsWith('npm:')) return path.resolve(configDir, spec);
  try {
    return require.resolve(spec.slice(4));
  } catch {
    return undefined;
  }
}

/** Font files by path; a file replaced on disk (same path, new size or time) is read again. */
const files = new Map<string, { stamp: string; file: FontFile }>();

/** Where the configuration names a font file, for an error found when it is first read. */
interface FontFileOrigin {
  /** The file as the configuration names it: `font file "…" for face "x" (regular)`. */
  what: string;
  file: string;
  start: ReturnType<typeof startOf>;
}

/**
 * A font file, checked now and read when first used (issue 17: the default configuration
 * names 12 files, about 100 MB, and a brief draws its text in three or four of them).
 *
 * The check reads only the header and the table directory (`sniffFont`): a file that is not
 * a font, a collection, or one cut short is reported here, at its line in fonts.yaml, as
 * before. A file that passes and still cannot be parsed is reported when first read, with
 * the same code and position (a DiagnosticError from the property that read it).
 */
function openFontFile(file: string, origin: FontFileOrigin): FontFile {
  const stamp = stampOf(file);
  const hit = files.get(file);
  if (hit && hit.stamp === stamp) return hit.file;
  const header = sniffFont(file);
  let state: { bytes: Buffer; font: Font } | undefined;
  const unusable = (e: unknown) =>
    new DiagnosticError([
      diagnostic({
        code: 'BP402',
        message: `${origin.what} cannot be used: ${(e as Error)?.message ?? String(e)}`,
        file: origin.file,
        start: origin.start,
        hint: 'Use a TrueType (.ttf) or OpenType (.otf) file with one face.',
      }),
    ]);
  const load = () => {
    if (state) return state;
    const bytes = readFileSync(file);
    try {
      // Parsed once per process and shared with the renderers (shared-fontkit.ts).
      const font = sharedFont(bytes);
      if (typeof font.hasGlyphForCodePoint !== 'function') throw new Error('fontkit cannot read its glyphs');
      state = { bytes, font };
    } catch (e) {
      throw unusable(e);
    }
    return state;
  };
  // fontkit decodes a table when first asked for it: a damaged one throws then.
  const decoded = <T>(read: (font: Font) => T): T => {
    const { font } = load();
    try {
      return read(font);
    } catch (e) {
      throw unusable(e);
    }
  };
  const memo = new Map<number, boolean>();
  const widths = new Map<number, number>();
  let digest: string | undefined;
  let features: ReadonlySet<string> | undefined;
  const ff: FontFile = {
    path: file,
    key: stamp,
    get loaded() {
      return state !== undefined;
    },
    get family() {
      return decoded((font) => font.familyName);
    },
    get postscriptName() {
      return decoded((font) => font.postscriptName);
    },
    get bytes() {
      return load().bytes;
    },
    // Hashed when first asked for: only a FileStore without a remembered hash asks.
    get digest() {
      digest ??= createHash('sha256').update(load().bytes).digest('hex');
      return digest;
    },
    covers(cp) {
      let v = memo.get(cp);
      if (v === undefined) {
        v = decoded((font) => font.hasGlyphForCodePoint(cp));
        memo.set(cp, v);
      }
      return v;
    },
    advance(cp) {
      let w = widths.get(cp);
      if (w === undefined) {
        w = ff.covers(cp) ? decoded((font) => font.glyphForCodePoint(cp).advanceWidth / font.unitsPerEm) : 0;
        widths.set(cp, w);
      }
      return w;
    },
    // From the header where it has it (an sfnt file), so that asking every face's line
    // height (PDF tables) reads no file.
    get lineHeight() {
      if (header.lineHeight !== undefined) return header.lineHeight;
      return decoded((font) => (font.ascent - font.descent) / font.unitsPerEm);
    },
    get features() {
      features ??= decoded((font) => new Set(font.availableFeatures));
      return features;
    },
  };
  files.set(file, { stamp, file: ff });
  return ff;
}

/** The sfnt tables every face needs, and one of the outline formats. */
const REQUIRED_TABLES = ['cmap', 'head', 'hhea', 'hmtx', 'maxp'];
const OUTLINE_TABLES = [['glyf', 'loca'], ['CFF '], ['CFF2']];

/**
 * Checks that a file is one font face, from its first bytes: the sfnt header and table
 * directory (TrueType or OpenType), or a WOFF/WOFF2 header. Throws with what is wrong: not a
 * font, a collection, a table missing or past the end of the file (a download cut short).
 * For an sfnt file it also reads the line height (hhea ascender − descender over head's
 * units per em, as fontkit's `ascent`, `descent` and `unitsPerEm` give them).
 */
export function sniffFont(file: string): { lineHeight?: number } {
  const size = statSync(file).size;
  const fd = openSync(file, 'r');
  try {
    const read = (length: number, position: number) => {
      const b = Buffer.alloc(length);
      const n = readSync(fd, b, 0, length, position);
      return b.subarray(0, n);
    };
    const head = read(12, 0);
    if (head.length < 12) throw new Error(`it is ${size} bytes long, too short for a font`);
    const tag = head.toString('latin1', 0, 4);
    if (tag === 'ttcf') throw new Error(`it is a font collection (${head.readUInt32BE(8)} faces), which is not supported`);
    if (tag === 'wOFF' || tag === 'wOF2') {
      const declared = head.readUInt32BE(8);
      if (declared !== size) throw new Error(`its WOFF header says ${declared} bytes but the file has ${size} (cut short?)`);
      return {};
    }
    const version = head.readUInt32BE(0);
    if (version !== 0x00010000 && tag !== 'OTTO' && tag !== 'true') throw new Error('it is not a TrueType or OpenType font (its first bytes are not an sfnt header)');
    const count = head.readUInt16BE(4);
    const directory = read(count * 16, 12);
    if (directory.length < count * 16) throw new Error('its table directory is cut short');
    const tables = new Map<string, { offset: number; length: number }>();
    for (let i = 0; i < count; i++) {
      const at = i * 16;
      const name = directory.toString('latin1', at, at + 4);
      const offset = directory.readUInt32BE(at + 8);
      const length = directory.readUInt32BE(at + 12);
      if (offset + length > size) throw new Error(`its "${name.trim()}" table runs past the end of the file (${size} bytes; cut short?)`);
      tables.set(name, { offset, length });
    }
    const missing = REQUIRED_TABLES.filter((t) => !tables.has(t));
    if (!OUTLINE_TABLES.some((set) => set.every((t) => tables.has(t)))) missing.push('glyf or CFF');
    if (missing.length) throw new Error(`it has no ${missing.map((t) => `"${t}"`).join(', ')} table`);
    const headTable = tables.get('head')!;
    const hhea = tables.get('hhea')!;
    if (headTable.length < 54 || hhea.length < 36) throw new Error('its "head" or "hhea" table is too short');
    const unitsPerEm = read(2, headTable.offset + 18).readUInt16BE(0);
    const metrics = read(4, hhea.offset + 4);
    if (!unitsPerEm || metrics.length < 4) throw new Error('its "head" table gives no units per em');
    return { lineHeight: (metrics.readInt16BE(0) - metrics.readInt16BE(2)) / unitsPerEm };
  } finally {
    closeSync(fd);
  }
}

/** Which chain a document language uses for Han text. English documents quoting Chinese
 * default to Traditional, the script of our corpus. */
export function hanChainFor(lang: Lang): ChainName {
  return lang === 'zh-Hans' ? 'zh-Hans' : 'zh-Hant';
}
