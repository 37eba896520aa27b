/**
 * Font configuration (fonts/fonts.yaml) and per-character coverage.
 *
 * pdfmake draws each text node in one font and cannot fall back per character (DESIGN §4),
 * and Word picks a face per slot, not per glyph. So both renderers ask this module to split
 * text into runs, each with a face that really has every character in it. A character no
 * face covers is reported here, at build time, instead of printing as an empty box.
 *
 * Font files are parsed once per process and reused across briefs.
 */
import { readFileSync, existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as fontkit from 'fontkit';
import { diagnostic, DiagnosticError, type Diagnostic } from '../diagnostics/diagnostic.js';
import { parseYamlSource, mapEntries, startOf, isSeq, isScalar } from '../util/yaml-source.js';
import type { Lang } from '../doc/model.js';

export type ChainName = 'latin' | 'zh-Hant' | 'zh-Hans';
export const CHAIN_NAMES: readonly ChainName[] = ['latin', 'zh-Hant', 'zh-Hans'];

export interface FontFile {
  /** Absolute path of the font file. */
  path: string;
  /** Family name as the font declares it (what Word's w:rFonts needs). */
  family: string;
  postscriptName: string;
  bytes: Buffer;
  /** Whether the face has a glyph for a code point (memoised). */
  covers(codePoint: number): boolean;
}

export interface FontFace {
  id: string;
  regular: FontFile;
  bold: FontFile;
}

export interface FontSet {
  /** Faces by id, in the order the configuration lists them. */
  faces: Map<string, FontFace>;
  chains: Record<ChainName, string[]>;
  /** Hash of the configuration and every font file's bytes (cache key material). */
  fingerprint: string;
}

const cache = new Map<string, FontSet>();

/** Loads `fonts/fonts.yaml` under the project root, once per process per configuration. */
export function loadFontSet(projectRoot: string, configFile = path.join(projectRoot, 'fonts', 'fonts.yaml')): FontSet {
  const text = readFileSync(configFile, 'utf8');
  const key = `${configFile}\0${text}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const set = parseFontConfig(text, configFile, projectRoot);
  cache.set(key, set);
  return set;
}

function parseFontConfig(text: string, configFile: string, projectRoot: string): FontSet {
  const rel = path.relative(projectRoot, configFile) || configFile;
  const src = parseYamlSource(text, rel);
  const problems: Diagnostic[] = [...src.syntaxErrors];
  const faces = new Map<string, FontFace>();
  const chains = { latin: [], 'zh-Hant': [], 'zh-Hans': [] } as Record<ChainName, string[]>;
  const top = mapEntries(src.doc.contents);
  const facesNode = top.find((e) => e.key === 'faces');
  const chainsNode = top.find((e) => e.key === 'chains');
  if (!problems.length && (!facesNode || !chainsNode)) {
    problems.push(
      diagnostic({ code: 'BP402', message: 'font configuration needs both "faces" and "chains"', file: rel, start: startOf(src, src.doc.contents) }),
    );
  }
  const require = createRequire(path.join(projectRoot, 'package.json'));
  for (const face of mapEntries(facesNode?.value)) {
    const files: Partial<Record<'regular' | 'bold', FontFile>> = {};
    for (const weight of ['regular', 'bold'] as const) {
      const entry = mapEntries(face.value).find((e) => e.key === weight);
      if (!entry || !isScalar(entry.value)) {
        problems.push(
          diagnostic({ code: 'BP402', message: `face "${face.key}" has no ${weight} file`, file: rel, start: startOf(src, face.keyNode) }),
        );
        continue;
      }
      const spec = String(entry.value.value);
      const resolved = resolveFontPath(spec, path.dirname(configFile), require);
      if (!resolved || !existsSync(resolved)) {
        problems.push(
          diagnostic({
            code: 'BP402',
            message: `font file "${spec}" for face "${face.key}" (${weight}) not found`,
            file: rel,
            start: startOf(src, entry.value),
          }),
        );
        continue;
      }
      files[weight] = openFontFile(resolved);
    }
    if (files.regular && files.bold) faces.set(face.key, { id: face.key, regular: files.regular, bold: files.bold });
  }
  for (const chain of mapEntries(chainsNode?.value)) {
    if (!(CHAIN_NAMES as readonly string[]).includes(chain.key)) {
      problems.push(
        diagnostic({
          code: 'BP402',
          message: `unknown chain "${chain.key}"`,
          hint: `Chains are ${CHAIN_NAMES.join(', ')}.`,
          file: rel,
          start: startOf(src, chain.keyNode),
        }),
      );
      continue;
    }
    const ids: string[] = [];
    for (const item of isSeq(chain.value) ? chain.value.items : []) {
      const id = isScalar(item) ? String(item.value) : '';
      if (!faces.has(id)) {
        problems.push(
          diagnostic({ code: 'BP402', message: `chain "${chain.key}" names unknown face "${id}"`, file: rel, start: startOf(src, item as never) }),
        );
      } else ids.push(id);
    }
    chains[chain.key as ChainName] = ids;
  }
  for (const name of CHAIN_NAMES) {
    if (!problems.length && chains[name].length === 0) {
      problems.push(
        diagnostic({ code: 'BP402', message: `chain "${name}" lists no faces`, file: rel, start: startOf(src, chainsNode?.keyNode) }),
      );
    }
  }
  if (problems.length) throw new DiagnosticError(problems);
  const h = createHash('sha256').update(text);
  for (const face of faces.values()) h.update(face.regular.bytes).update(face.bold.bytes);
  return { faces, chains, fingerprint: h.digest('hex') };
}

function resolveFontPath(spec: string, configDir: string, require: NodeRequire): string | undefined {
  if (!spec.startsWith('npm:')) return path.resolve(configDir, spec);
  try {
    return require.resolve(spec.slice(4));
  } catch {
    return undefined;
  }
}

const files = new Map<string, FontFile>();

function openFontFile(file: string): FontFile {
  const hit = files.get(file);
  if (hit) return hit;
  const bytes = readFileSync(file);
  const font = fontkit.create(bytes) as fontkit.Font;
  const memo = new Map<number, boolean>();
  const ff: FontFile = {
    path: file,
    family: font.familyName,
    postscriptName: font.postscriptName,
    bytes,
    covers(cp) {
      let v = memo.get(cp);
      if (v === undefined) {
        v = font.hasGlyphForCodePoint(cp);
        memo.set(cp, v);
      }
      return v;
    },
  };
  files.set(file, ff);
  return ff;
}

/** Which chain a document language uses for Han text. English documents quoting Chinese
 * default to Traditional, the script of our corpus. */
export function hanChainFor(lang: Lang): ChainName {
  return lang === 'zh-Hans' ? 'zh-Hans' : 'zh-Hant';
}
