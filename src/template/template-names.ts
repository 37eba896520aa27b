/**
 * The templates a project has: the folders of templates/ with a main template. Apart from
 * the template loader (Handlebars, the helpers, citeproc) so that `build` and `new` can
 * name them without loading it.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** The template a folder must have; every other .hbs in it is a partial. */
export const MAIN_TEMPLATE = 'brief.hbs';

export function templateNames(templatesDir: string): string[] {
  if (!existsSync(templatesDir)) return [];
  return readdirSync(templatesDir)
    .filter((n) => existsSync(path.join(templatesDir, n, MAIN_TEMPLATE)))
    .sort();
}
