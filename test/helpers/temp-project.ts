/**
 * A throwaway copy of the sample project (releases, templates, fonts, briefs), so tests can
 * break inputs and run the CLI against them without touching the real files.
 */
import { cpSync, mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main.js';
import { PROJECT_ROOT } from './project.js';

export function tempProject(options: { briefs?: boolean } = {}): string {
  const project = mkdtempSync(path.join(os.tmpdir(), 'bp-project-'));
  for (const dir of ['releases', 'templates', 'fonts', ...(options.briefs === false ? [] : ['briefs'])]) {
    cpSync(path.join(PROJECT_ROOT, dir), path.join(project, dir), { recursive: true });
  }
  if (options.briefs === false) mkdirSync(path.join(project, 'briefs'));
  cpSync(path.join(PROJECT_ROOT, 'package.json'), path.join(project, 'package.json'));
  // npm: font paths in fonts/fonts.yaml resolve through node_modules.
  symlinkSync(path.join(PROJECT_ROOT, 'node_modules'), path.join(project, 'node_modules'));
  return project;
}

export async function runCli(argv: string[], cwd = PROJECT_ROOT): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { cwd, stdout: (l) => out.push(l), stderr: (l) => err.push(l) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}
