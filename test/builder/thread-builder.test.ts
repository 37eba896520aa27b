/**
 * The builder of one thread (src/builder/thread-builder.ts): what it returns for a job, good
 * or bad, and what it records as the brief's dependencies (the build cache keys on those).
 * Input problems come back as located diagnostics, never as exceptions or internal errors.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ThreadBuilder } from '../../src/builder/thread-builder.js';
import { mergeParts } from '../../src/builder/session.js';
import type { JobResult } from '../../src/builder/jobs.js';
import { tempProject } from '../helpers/temp-project.js';

const SCO = 'briefs/sco-pabbi-antiterror-letter.yaml';
const ZH = 'mps-2021-09-24-zh-sco-pabbi-antiterror-letter';
const EN = 'mps-2021-09-24-en-sco-pabbi-antiterror-letter';

const job = (brief: string, extra: Partial<Parameters<ThreadBuilder['build']>[0]> = {}) => ({ brief, emitModel: false, ...extra });

function failure(r: JobResult) {
  if (r.ok) throw new Error(`expected ${r.brief} to fail`);
  return r;
}

describe('ThreadBuilder', () => {
  const project = tempProject();
  const builder = new ThreadBuilder(project);

  it('builds a brief to a PDF and a DOCX that real readers open, recording what it read', async () => {
    const r = await builder.build(job(SCO));
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(r.files.map((f) => f.ext).sort()).toEqual(['docx', 'pdf']);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bp-thread-'));
    const pdf = path.join(dir, 'b.pdf');
    writeFileSync(pdf, r.files.find((f) => f.ext === 'pdf')!.bytes);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('Giyosov');
    const docx = unzipSync(r.files.find((f) => f.ext === 'docx')!.bytes);
    expect(new TextDecoder().decode(docx['word/document.xml'])).toContain('Giyosov');
    // The cache keys on exactly these: the spec and its includes, the template's files, the
    // releases looked up and the translations asked for.
    expect(r.deps.files).toContain(SCO);
    expect(r.deps.files.some((f) => f.startsWith('templates/standard/'))).toBe(true);
    expect(r.deps.files).toContain(`releases/${ZH}.md`);
    expect(r.deps.template).toBe('standard');
    expect(r.deps.releases).toEqual(expect.arrayContaining([ZH, EN]));
    expect(r.deps.releases).not.toContain('mps-2021-09-28-zh-cambodia-video-meeting');
  });

  it('makes the same bytes when it forgets every parsed release between briefs', async () => {
    // A long build's thread keeps only the releases used last (forgetAllBut); one read again
    // after being forgotten must give the same outputs as one kept.
    const briefs = ['briefs/cambodia-law-enforcement-meeting.yaml', SCO, 'briefs/cambodia-meeting-simplified.yaml', SCO, 'briefs/cambodia-law-enforcement-meeting.yaml'];
    const forgetful = new ThreadBuilder(project, { releasesKept: 0 });
    const keeping = new ThreadBuilder(project);
    for (const brief of briefs) {
      const [a, b] = [await forgetful.build(job(brief)), await keeping.build(job(brief))];
      if (!a.ok || !b.ok) throw new Error(`${brief} failed`);
      expect(a.files).toEqual(b.files);
      expect(a.warnings).toEqual(b.warnings);
      expect(a.deps).toEqual(b.deps);
    }
  });

  it('renders only the formats asked for, and the parts of a split brief merge into one', async () => {
    const pdf = await builder.build(job(SCO, { renderOnly: ['pdf'] }));
    const docx = await builder.build(job(SCO, { renderOnly: ['docx'] }));
    expect(pdf.ok && pdf.files.map((f) => f.ext)).toEqual(['pdf']);
    expect(docx.ok && docx.files.map((f) => f.ext)).toEqual(['docx']);
    const merged = mergeParts([pdf, docx]);
    expect(merged.ok && merged.files.map((f) => f.ext).sort()).toEqual(['docx', 'pdf']);
  });

  it('returns a brief mistake as a located diagnostic, not as an exception or an internal error', async () => {
    const spec = path.join(project, 'briefs', 'broken.yaml');
    writeFileSync(spec, readFileSync(path.join(project, SCO), 'utf8').replace(`release: ${ZH}`, 'release: no-such-release'));
    const r = failure(await builder.build(job('briefs/broken.yaml')));
    expect(r.internal).toBeUndefined();
    expect(r.diagnostics.map((d) => d.code)).toContain('BP206');
    const d = r.diagnostics.find((x) => x.code === 'BP206')!;
    expect(d.file).toBe('briefs/broken.yaml');
    expect(d.start.line).toBeGreaterThan(1);
    // The failed brief still records what it read, so a fix to any of it retries it.
    expect(r.deps.releases).toContain('no-such-release');
  });

  it('says why a quoted release does not load (its own errors), not only "no release with id"', async () => {
    const p = tempProject();
    const file = path.join(p, 'releases', `${ZH}.md`);
    writeFileSync(file, readFileSync(file, 'utf8').replace('lang: zh-Hant', 'lang: klingon'));
    const r = failure(await new ThreadBuilder(p).build(job(SCO)));
    expect(r.diagnostics.find((d) => d.code === 'BP102')).toMatchObject({ file: `releases/${ZH}.md`, start: { line: 3 } });
  });

  it('fails every brief with the font configuration\'s diagnostics when fonts.yaml is broken', async () => {
    const p = tempProject();
    writeFileSync(path.join(p, 'fonts', 'fonts.yaml'), 'faces: [\n');
    const r = failure(await new ThreadBuilder(p).build(job(SCO)));
    expect(r.internal).toBeUndefined();
    expect(r.diagnostics.length).toBeGreaterThan(0);
    for (const d of r.diagnostics) expect(d.file).toBe('fonts/fonts.yaml');
  });

  it('fails every brief with the glossary\'s diagnostics when the glossary is broken', async () => {
    const p = tempProject();
    writeFileSync(path.join(p, 'releases', 'glossary.yaml'), 'terms: {\n');
    const r = failure(await new ThreadBuilder(p).build(job(SCO)));
    expect(r.internal).toBeUndefined();
    expect(r.diagnostics.every((d) => d.file === 'releases/glossary.yaml')).toBe(true);
    expect(r.globals.some((d) => d.file === 'releases/glossary.yaml')).toBe(true);
  });

  it('sees a changed release after invalidate (watch mode), and not before', async () => {
    const p = tempProject();
    const b = new ThreadBuilder(p);
    expect((await b.build(job(SCO))).ok).toBe(true);
    const file = path.join(p, 'releases', `${ZH}.md`);
    writeFileSync(file, readFileSync(file, 'utf8').replace('lang: zh-Hant', 'lang: klingon'));
    expect((await b.build(job(SCO))).ok, 'the corpus stays loaded between jobs').toBe(true);
    b.invalidate([`releases/${ZH}.md`]);
    expect((await b.build(job(SCO))).ok).toBe(false);
  });
});
