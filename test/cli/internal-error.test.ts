/**
 * A bug in briefpack (not a problem in the inputs) while building one brief: the others are
 * still built, the exit code is 4 and the message asks for a report.
 */
import { mkdtempSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runCli } from '../helpers/temp-project.js';

vi.mock('../../src/pipeline/render-outputs.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/pipeline/render-outputs.js')>();
  return {
    ...real,
    tryRenderOutputs: (composed: Parameters<typeof real.tryRenderOutputs>[0], options: Parameters<typeof real.tryRenderOutputs>[1]) => {
      if (composed.template.specFile.includes('simplified')) throw new TypeError('simulated bug');
      return real.tryRenderOutputs(composed, options);
    },
  };
});

describe('an internal error in one brief', () => {
  it('builds the others, exits 4 and asks for a report', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'bp-internal-'));
    const r = await runCli(['build', '--jobs', '1', '--format', 'docx', '--out', out]);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('internal error while building briefs/cambodia-meeting-simplified.yaml: TypeError: simulated bug');
    expect(r.stderr).toContain('please report');
    expect(existsSync(path.join(out, 'sco-pabbi-antiterror-letter.docx'))).toBe(true);
    expect(existsSync(path.join(out, 'cambodia-meeting-simplified.docx'))).toBe(false);
  });
});
