/**
 * `briefpack new` starts a brief that checks and builds as it is; `build --emit model` writes
 * the document model next to the PDF and DOCX.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeDocument } from '../../src/pipeline/compose-document.js';
import { PROJECT_ROOT, projectCorpus, projectFonts } from '../helpers/project.js';
import { runCli, tempProject } from '../helpers/temp-project.js';

describe('briefpack new', () => {
  const env = { SOURCE_DATE_EPOCH: String(Date.UTC(2021, 8, 30) / 1000) };

  it('writes briefs/<name>.yaml with the schema line and comments, which checks and builds', async () => {
    const project = tempProject({ briefs: false });
    const r = await runCli(['new', 'china-cambodia-2021', '--template', 'one-pager'], project, { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('created briefs/china-cambodia-2021.yaml (template one-pager)');
    const text = readFileSync(path.join(project, 'briefs/china-cambodia-2021.yaml'), 'utf8');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../schema/brief.schema.json');
    expect(text).toContain('title: China Cambodia 2021');
    expect(text).toMatch(/^date: 2021-09-30 /m);
    expect(text).toMatch(/^template: one-pager$/m);
    // The commented example names a real release, so uncommenting it works.
    expect(text).toMatch(/^ {4}# {3}- release: mps-2021-09-2\d-/m);
    expect((await runCli(['check', '--strict', 'briefs/china-cambodia-2021.yaml'], project)).code).toBe(0);
    const build = await runCli(['build', '--format', 'docx', '--out', path.join(project, 'output')], project);
    expect(build.code, build.stderr).toBe(0);
    expect(existsSync(path.join(project, 'output/china-cambodia-2021.docx'))).toBe(true);
  });

  it('never overwrites a brief, and checks the name and the template', async () => {
    const project = tempProject();
    const exists = await runCli(['new', 'sco-pabbi-antiterror-letter'], project);
    expect(exists.code).toBe(2);
    expect(exists.stderr).toContain('briefs/sco-pabbi-antiterror-letter.yaml already exists');
    const template = await runCli(['new', 'x', '--template', 'one-pagr'], project);
    expect(template.code).toBe(2);
    expect(template.stderr).toContain('did you mean "one-pager"?');
    expect((await runCli(['new', '../escape'], project)).code).toBe(2);
  });
});

describe('build --emit model', () => {
  it('writes <out>/<brief>.model.json: the document model the renderers got', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'bp-emit-'));
    const brief = 'briefs/sco-pabbi-antiterror-letter.yaml';
    const r = await runCli(['build', brief, '--format', 'docx', '--emit', 'model', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('sco-pabbi-antiterror-letter.model.json');
    const written = JSON.parse(readFileSync(path.join(out, 'sco-pabbi-antiterror-letter.model.json'), 'utf8'));
    const { model } = composeDocument(brief, { projectRoot: PROJECT_ROOT, corpus: projectCorpus(), fonts: projectFonts() });
    expect(written).toEqual(JSON.parse(JSON.stringify(model)));
    expect(existsSync(path.join(out, 'sco-pabbi-antiterror-letter.docx'))).toBe(true);
  });
});
