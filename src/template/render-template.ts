/**
 * Runs a house template over resolved brief data and returns neutral markup.
 *
 * Templates are trusted code written by staff; release and spec text are data. So: our own
 * Handlebars instance (no global helpers leak in or out), strict mode (a missing variable is
 * an error, not an empty string), default HTML escaping, no prototype access.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Handlebars, { type HelperDelegate } from 'handlebars';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { parseYamlSource, mapEntries, startOf, isScalar } from '../util/yaml-source.js';
import { addLineMarkers } from '../markup/line-markers.js';
import { describeInputProblem, readInputText, stripBom } from '../util/input-text.js';
import { BUILTIN_HELPERS, fillNotes, newRenderState } from './helpers.js';
import { CITATION_STYLES, type CitationStyle } from '../cite/styles.js';
import { MAIN_TEMPLATE } from './template-names.js';

/** Optional: the template's own helpers, `module.exports = { name(args…) { … } }`. */
export const HELPERS_FILE = 'helpers.cjs';
/** Optional: `description:`, `max_pages:` (e.g. 1 for a one-pager), `typeface:` (sans or serif) and `citation_style:`. */
export const CONFIG_FILE = 'template.yaml';

export interface TemplateConfig {
  description: string;
  /** The PDF may have at most this many pages; more is a build error, not an overflow. */
  maxPages: number | null;
  /** The template's CSL style, used when the spec names none (null: the labels' default). */
  citationStyle: CitationStyle | null;
  /** House typeface (fonts.yaml typefaces) for briefs that name none. */
  typeface: 'sans' | 'serif';
}

export interface LoadedTemplate {
  name: string;
  /** Main template path relative to the project root. */
  file: string;
  config: TemplateConfig;
  /** Runs the template on the resolved brief: its markup, or where it failed. */
  run(data: object): { markup: string } | { diagnostics: Diagnostic[] };
  /** Every file the template consists of (for cache keys and watch mode). */
  files: string[];
}

const cache = new Map<string, LoadedTemplate>();

export type TemplateResult = { ok: true; template: LoadedTemplate } | { ok: false; diagnostics: Diagnostic[] };

/** Loads `templates/<name>/brief.hbs` and every other .hbs in that folder as a partial. */
export function loadTemplate(projectRoot: string, name: string): TemplateResult {
  const dir = path.join(projectRoot, 'templates', name);
  const files = listHbs(dir);
  const watched = [...files, ...[HELPERS_FILE, CONFIG_FILE].map((f) => path.join(dir, f)).filter((f) => existsSync(f))];
  const key = `${dir}\0${watched.map((f) => `${f}:${statSync(f).mtimeMs}:${statSync(f).size}`).join('\0')}`;
  const hit = cache.get(key);
  if (hit) return { ok: true, template: hit };

  const hb = Handlebars.create();
  for (const [helper, fn] of Object.entries(BUILTIN_HELPERS)) hb.registerHelper(helper, fn);
  const problems: Diagnostic[] = [];
  const extraFiles: string[] = [];
  const helpersFile = path.join(dir, HELPERS_FILE);
  if (existsSync(helpersFile)) {
    extraFiles.push(helpersFile);
    const rel = path.relative(projectRoot, helpersFile);
    try {
      const require = createRequire(helpersFile);
      delete require.cache[helpersFile];
      const exported = require(helpersFile) as Record<string, unknown>;
      for (const [name, fn] of Object.entries(exported)) {
        if (typeof fn !== 'function') {
          problems.push(diagnostic({ code: 'BP301', message: `${HELPERS_FILE} exports "${name}", which is not a function`, file: rel }));
        } else hb.registerHelper(name, fn as HelperDelegate);
      }
    } catch (e) {
      problems.push(diagnostic({ code: 'BP301', message: `${HELPERS_FILE} failed to load: ${(e as Error).message.split('\n')[0]}`, file: rel }));
    }
  }
  const configFile = path.join(dir, CONFIG_FILE);
  const config: TemplateConfig = { description: '', maxPages: null, typeface: 'sans', citationStyle: null };
  if (existsSync(configFile)) {
    extraFiles.push(configFile);
    const read = readInputText(configFile);
    if (read.ok) problems.push(...readConfig(read.text, path.relative(projectRoot, configFile), config));
    else problems.push(diagnostic({ code: 'BP301', message: `${CONFIG_FILE} ${describeInputProblem(read)}`, file: path.relative(projectRoot, configFile) }));
  }
  const compiled = new Map<string, HandlebarsTemplateDelegate>();
  for (const abs of files) {
    const rel = path.relative(projectRoot, abs);
    try {
      // A byte order mark (some Windows editors write one) is not part of the template.
      const ast = addLineMarkers(hb.parse(stripBom(readFileSync(abs, 'utf8'))), rel);
      const fn = hb.compile(ast, { strict: true, noEscape: false });
      const partialName = path.relative(dir, abs).replace(/\\/g, '/').replace(/\.hbs$/, '');
      if (partialName !== 'brief') hb.registerPartial(partialName, fn);
      compiled.set(rel, fn);
    } catch (e) {
      problems.push(templateDiagnostic(e, rel, stripBom(readFileSync(abs, 'utf8'))));
    }
  }
  if (problems.length) return { ok: false, diagnostics: problems };
  const mainFile = path.relative(projectRoot, path.join(dir, MAIN_TEMPLATE));
  const main = compiled.get(mainFile)!;
  const loaded: LoadedTemplate = {
    name,
    file: mainFile,
    config,
    files: [...files, ...extraFiles].map((f) => path.relative(projectRoot, f)),
    run(data) {
      // Handlebars reports a template's runtime mistakes (a missing variable under strict mode,
      // an unknown helper) by throwing: this is where they become diagnostics.
      try {
        const state = newRenderState();
        return { markup: fillNotes(main(data, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false, data: { state } }), state) };
      } catch (e) {
        return { diagnostics: [templateDiagnostic(e, mainFile)] };
      }
    },
  };
  cache.set(key, loaded);
  return { ok: true, template: loaded };
}

function readConfig(text: string, file: string, config: TemplateConfig): Diagnostic[] {
  const src = parseYamlSource(text, file);
  const problems = [...src.syntaxErrors];
  for (const entry of mapEntries(src.doc.contents)) {
    const value = isScalar(entry.value) ? entry.value.value : undefined;
    if (entry.key === 'description' && typeof value === 'string') config.description = value;
    else if (entry.key === 'max_pages' && Number.isInteger(value) && (value as number) > 0) config.maxPages = value as number;
    else if (entry.key === 'citation_style' && (CITATION_STYLES as readonly unknown[]).includes(value)) config.citationStyle = value as CitationStyle;
    else if (entry.key === 'typeface' && (value === 'sans' || value === 'serif')) config.typeface = value;
    else {
      problems.push(
        diagnostic({
          code: 'BP301',
          message: `${CONFIG_FILE}: "${entry.key}" is not a template setting, or its value is wrong`,
          file,
          start: startOf(src, entry.keyNode),
          hint: `Settings: description (text), max_pages (a whole number), typeface (sans or serif), citation_style (${CITATION_STYLES.join(', ')}).`,
        }),
      );
    }
  }
  return problems;
}

/** The last `{{#name …}}` without its `{{/name}}`, with its position. */
function unclosedBlock(source: string): { name: string; line: number; column: number } | undefined {
  const stack: { name: string; offset: number }[] = [];
  for (const m of source.matchAll(/\{\{~?\s*([#/])\s*>?\s*([\w.-]+)/g)) {
    if (m[1] === '#') stack.push({ name: m[2]!, offset: m.index! });
    else if (stack.length && stack[stack.length - 1]!.name === m[2]) stack.pop();
  }
  const last = stack.pop();
  if (!last) return undefined;
  const before = source.slice(0, last.offset).split('\n');
  return { name: last.name, line: before.length, column: before[before.length - 1]!.length + 1 };
}

function listHbs(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name.endsWith('.hbs')) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** Handlebars reports a line either as properties (runtime) or inside the message (parse). */
function templateDiagnostic(e: unknown, file: string, source?: string): Diagnostic {
  const err = e as { message?: string; lineNumber?: number; column?: number };
  const message = String(err.message ?? e);
  let line = err.lineNumber;
  let column = err.column !== undefined ? err.column + 1 : 1;
  const parseLine = /Parse error on line (\d+)/.exec(message);
  if (line === undefined && parseLine) line = Number(parseLine[1]);
  // Running out of template inside a block: the mistake is the block never closed.
  const open = source && /got 'EOF'/.test(message) ? unclosedBlock(source) : undefined;
  if (open) {
    return diagnostic({
      code: 'BP301',
      message: `{{#${open.name}}} is never closed`,
      file,
      start: { line: open.line, column: open.column },
      hint: `Close it with {{/${open.name}}}.`,
    });
  }
  const strict = /^"([^"]+)" not defined in .* - (\d+):(\d+)/.exec(message);
  if (strict) {
    line = Number(strict[2]);
    column = Number(strict[3]) + 1;
  }
  const firstLine = message.split('\n')[0]!;
  return diagnostic({
    code: 'BP301',
    message: strict ? `"${strict[1]}" is not defined (no such variable or helper)` : firstLine,
    file,
    start: { line: line ?? 1, column },
    hint: strict ? 'Check the name against the data in docs/templates.md, or register the helper.' : undefined,
  });
}
