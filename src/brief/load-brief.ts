/**
 * A brief and the files it includes, read into one list of sections, each remembering the
 * file and path it came from so that later stages report problems in the right file.
 */
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Point } from '../model/model.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { parseSpecFile, type ParsedFile, type SpecPath } from './parse-spec.js';
import { BriefSpec, SectionOrInclude, SectionSpec } from './schema.js';
import { lockFileOf, readLock, type PinLock } from './lock-file.js';
import { describeInputProblem, readInputText, readInputTextOrThrow } from '../util/input-text.js';
import { toPlain } from '../util/yaml-source.js';

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
export function loadBrief(projectRoot: string, file: string, text = readInputTextOrThrow(path.resolve(projectRoot, file))): LoadedBrief {
  const main = parseSpecFile(text, file, BriefSpec, { shape: 'map', what: 'a brief spec' });
  const loaded: LoadedBrief = { file, main, sections: [], files: [file], diagnostics: [...main.diagnostics] };
  loaded.spec = main.value;
  const lockFile = lockFileOf(file);
  const lockPath = path.resolve(projectRoot, lockFile);
  const lockText = existsSync(lockPath) ? readInputText(lockPath) : undefined;
  if (lockText && !lockText.ok) {
    loaded.diagnostics.push(diagnostic({ code: 'BP231', message: `pin lock file "${lockFile}" ${describeInputProblem(lockText)}`, file: lockFile }));
  } else if (lockText) {
    const read = readLock(lockText.text, lockFile);
    loaded.lock = read.lock;
    loaded.files.push(lockFile);
    loaded.diagnostics.push(...read.diagnostics);
  }
  // With errors elsewhere in the file, the sections that are valid on their own are still
  // loaded, so their selectors get checked in the same run.
  const sections = main.value?.sections ?? validSections(toPlain(main.source));
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
    const outside = 'Included files must live inside the project, e.g. briefs/parts/about.yaml.';
    if (isOutside(rel)) return fail(`include "${section.include}" points outside the project`, outside);
    if (!existsSync(target)) return fail(`include "${section.include}" does not exist (looked for ${rel})`, 'Paths are relative to the brief file.');
    // A symbolic link (or a linked folder on the way) may lead out of the project: follow it.
    if (isOutside(path.relative(realRoot(projectRoot), realpathSync(target)))) {
      return fail(`include "${section.include}" is a symbolic link that leads outside the project (to ${realpathSync(target)})`, outside);
    }
    const read = readInputText(target);
    if (!read.ok) {
      return fail(
        `include "${section.include}" ${describeInputProblem(read)}`,
        read.kind === 'folder' ? `Name one YAML file in it, e.g. "${path.posix.join(section.include, 'about.yaml')}".` : 'Point "include" at a YAML file of sections.',
      );
    }
    const included = parseSpecFile(read.text, rel, IncludedSections, { shape: 'map-or-list', what: 'an included file' });
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

function isOutside(rel: string): boolean {
  return rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel);
}

function realRoot(projectRoot: string): string {
  try {
    return realpathSync(projectRoot);
  } catch {
    return path.resolve(projectRoot);
  }
}

function validSections(raw: unknown): (z.infer<typeof SectionOrInclude> | undefined)[] {
  const list = (raw as { sections?: unknown } | null)?.sections;
  if (!Array.isArray(list)) return [];
  return list.map((item) => {
    const r = SectionOrInclude.safeParse(item);
    return r.success ? r.data : undefined;
  });
}
