/**
 * A brief and the files it includes, read into one list of sections, each remembering the
 * file and path it came from so that later stages report problems in the right file.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Point } from '../model/model.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { parseSpecFile, type ParsedFile, type SpecPath } from './parse-spec.js';
import { BriefSpec, SectionOrInclude, SectionSpec } from './schema.js';
import { lockFileOf, readLock, type PinLock } from './lock-file.js';

export interface SectionOrigin {
  file: string;
  /** Path of the section inside its file. */
  path: SpecPath;
  positionOf(path: SpecPath): Point;
}

export interface LoadedSection {
  spec: SectionSpec;
  origin: SectionOrigin;
}

export interface LoadedBrief {
  file: string;
  spec?: BriefSpec;
  /** The main file, for positions of top-level keys. */
  main: ParsedFile<BriefSpec>;
  sections: LoadedSection[];
  /** Every file read (the brief, its includes, its pin lock), for cache keys and watch mode. */
  files: string[];
  /** The pinned text of the quoted paragraphs (`briefs/<name>.lock.yaml`), when there is one. */
  lock?: PinLock;
  diagnostics: Diagnostic[];
}

const IncludedSections = z.union([SectionSpec, z.array(SectionSpec).min(1)]);

/** `file` is relative to `projectRoot`. */
export function loadBrief(projectRoot: string, file: string, text = readFileSync(path.resolve(projectRoot, file), 'utf8')): LoadedBrief {
  const main = parseSpecFile(text, file, BriefSpec, { shape: 'map', what: 'a brief spec' });
  const loaded: LoadedBrief = { file, main, sections: [], files: [file], diagnostics: [...main.diagnostics] };
  loaded.spec = main.value;
  const lockFile = lockFileOf(file);
  const lockPath = path.resolve(projectRoot, lockFile);
  if (existsSync(lockPath)) {
    const read = readLock(readFileSync(lockPath, 'utf8'), lockFile);
    loaded.lock = read.lock;
    loaded.files.push(lockFile);
    loaded.diagnostics.push(...read.diagnostics);
  }
  // With errors elsewhere in the file, the sections that are valid on their own are still
  // loaded, so their selectors get checked in the same run.
  const sections = main.value?.sections ?? validSections(main.source.doc.toJS());
  sections.forEach((section, i) => {
    const at: SpecPath = ['sections', i];
    if (!section) return;
    if ('heading' in section) {
      loaded.sections.push({ spec: section, origin: { file, path: at, positionOf: main.positionOf } });
      return;
    }
    const target = path.resolve(projectRoot, path.dirname(file), section.include);
    const rel = path.relative(projectRoot, target);
    const fail = (message: string, hint?: string) =>
      loaded.diagnostics.push(diagnostic({ code: 'BP211', message, file, start: main.positionOf([...at, 'include']), hint }));
    if (rel.startsWith('..') || path.isAbsolute(rel)) return fail(`include "${section.include}" points outside the project`, 'Included files must live inside the project, e.g. briefs/parts/about.yaml.');
    if (!existsSync(target)) return fail(`include "${section.include}" does not exist (looked for ${rel})`, 'Paths are relative to the brief file.');
    const included = parseSpecFile(readFileSync(target, 'utf8'), rel, IncludedSections, { shape: 'map-or-list', what: 'an included file' });
    loaded.files.push(rel);
    loaded.diagnostics.push(...included.diagnostics);
    if (!included.value) return;
    const list = Array.isArray(included.value) ? included.value : [included.value];
    list.forEach((spec, j) => {
      loaded.sections.push({ spec, origin: { file: rel, path: Array.isArray(included.value) ? [j] : [], positionOf: included.positionOf } });
    });
  });
  return loaded;
}

function validSections(raw: unknown): (z.infer<typeof SectionOrInclude> | undefined)[] {
  const list = (raw as { sections?: unknown } | null)?.sections;
  if (!Array.isArray(list)) return [];
  return list.map((item) => {
    const r = SectionOrInclude.safeParse(item);
    return r.success ? r.data : undefined;
  });
}
