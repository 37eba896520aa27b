/**
 * Which files in briefs/ are briefs, and why a named one cannot be read. Apart from the
 * pipeline so that `build` can plan (and find nothing to do) without loading it.
 */
import path from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { describeInputProblem, type InputProblem } from '../util/input-text.js';

/** Lock files live beside briefs; they are not briefs themselves. */
export function isLockFile(file: string): boolean {
  return /\.lock\.ya?ml$/.test(file);
}
/**
 * Why a named brief cannot be read: it does not exist (BP501), is a folder, a device or a
 * pipe (BP510, so `build briefs` or `build /dev/zero` never reads a byte), or is too large (BP511).
 */
export function briefFileProblem(file: string, problem: InputProblem): Diagnostic {
  const code = problem.kind === 'missing' ? 'BP501' : problem.kind === 'too-large' ? 'BP511' : 'BP510';
  const hint =
    problem.kind === 'folder'
      ? `Name the brief files in it (e.g. ${path.join(file, '<name>.yaml')}), or name none to take every briefs/*.yaml.`
      : undefined;
  return diagnostic({ code, message: `brief spec "${file}" ${describeInputProblem(problem)}`, file, hint });
}
