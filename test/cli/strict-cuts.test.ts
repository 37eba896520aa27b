/**
 * `--strict` and issue 14's diagnostics: a one-pager's cuts are warnings (exit 3), a fact
 * selected twice is an info (exit 0), both printed at the spec line.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/temp-project.js';

const out = mkdtempSync(path.join(os.tmpdir(), 'bp-strict-cuts-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('--strict', () => {
  it('fails on the cuts that fit a one-pager, each named at its spec line', async () => {
    const r = await runCli(['build', 'test/fixtures/briefs/one-pager-too-long.yaml', '--strict', '--format', 'pdf', '--out', out]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^test\/fixtures\/briefs\/one-pager-too-long\.yaml:27:\d+: warning BP224: section "The video meeting": excerpt 4 \(.+, ¶¶5–6\) is shortened to its first sentence \(¶5, sentence 1\)/m);
    expect(r.stderr).toMatch(/warning BP225: section "[^"]+": fact "[^"]+" \(.+\) is left out/);
  }, 120_000);
  it('does not fail on an info: a fact selected twice is shown once', async () => {
    const r = await runCli(['build', 'test/fixtures/briefs/fact-selected-twice.yaml', '--strict', '--format', 'pdf', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^test\/fixtures\/briefs\/fact-selected-twice\.yaml:20:9: info BP223: fact "mps-2021-09-28-zh-cambodia-video-meeting\/zhao-kezhi" is already selected in section "Who attended"/m);
    expect(r.stdout).toMatch(/1 built, 0 skipped, 0 failed, 0 warnings, 2 infos in/);
  }, 120_000);
});
