/**
 * Runs a house template over resolved brief data and returns neutral markup.
 *
 * Templates are trusted code written by staff; release and spec text are data. So: our own
 * Handlebars instance (no global helpers leak in or out), strict mode (a missing variable is
 * an error, not an empty string), default HTML escaping, no prototype access.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { diagnostic, DiagnosticError, type Diagnostic } from '../diagnostics/diagnostic.js';
import { addLineMarkers } from './line-markers.js';
import { BUILTIN_HELPERS } from './helpers.js';

export const MAIN_TEMPLATE = 'brief.hbs';

export interface LoadedTemplate {
  name: string;
  /** Main template path relative to the project root. */
  file: string;
  run(data: object): string;
  /** Every file the template consists of (for cache keys and watch mode). */
  files: string[];
}

const cache = new Map<string, LoadedTemplate>();

export function templateNames(templatesDir: string): string[] {
  if (!existsSync(templatesDir)) return [];
  return readdirSync(templatesDir)
    .filter((n) => existsSync(path.join(templatesDir, n, MAIN_TEMPLATE)))
    .sort();
}

/** Loads `templates/<name>/brief.hbs` and every other .hbs in that folder as a partial. */
export function loadTemplate(projectRoot: string, name: string): LoadedTemplate {
  const dir = path.join(projectRoot, 'templates', name);
  const files = listHbs(dir);
  const key = `${dir}\0${files.map((f) => `${f}:${statSync(f).mtimeMs}`).join('\0')}`;
  const hit = cache.get(key);
  if (hit) return hit;

  const hb = Handlebars.create();
  for (const [helper, fn] of Object.entries(BUILTIN_HELPERS)) hb.registerHelper(helper, fn);
  const problems: Diagnostic[] = [];
  const compiled = new Map<string, HandlebarsTemplateDelegate>();
  for (const abs of files) {
    const rel = path.relative(projectRoot, abs);
    try {
      const ast = addLineMarkers(hb.parse(readFileSync(abs, 'utf8')));
      const fn = hb.compile(ast, { strict: true, noEscape: false });
      const partialName = path.relative(dir, abs).replace(/\\/g, '/').replace(/\.hbs$/, '');
      if (partialName !== 'brief') hb.registerPartial(partialName, fn);
      compiled.set(rel, fn);
    } catch (e) {
      problems.push(templateDiagnostic(e, rel));
    }
  }
  if (problems.length) throw new DiagnosticError(problems);
  const mainFile = path.relative(projectRoot, path.join(dir, MAIN_TEMPLATE));
  const main = compiled.get(mainFile)!;
  const loaded: LoadedTemplate = {
    name,
    file: mainFile,
    files: files.map((f) => path.relative(projectRoot, f)),
    run(data) {
      try {
        return main(data, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
      } catch (e) {
        throw new DiagnosticError([templateDiagnostic(e, mainFile)]);
      }
    },
  };
  cache.set(key, loaded);
  return loaded;
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
function templateDiagnostic(e: unknown, file: string): Diagnostic {
  const err = e as { message?: string; lineNumber?: number; column?: number };
  const message = String(err.message ?? e);
  let line = err.lineNumber;
  let column = err.column !== undefined ? err.column + 1 : 1;
  const parseLine = /Parse error on line (\d+)/.exec(message);
  if (line === undefined && parseLine) line = Number(parseLine[1]);
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
