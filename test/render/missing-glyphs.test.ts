/**
 * No tofu (DESIGN §3, §4): a character no configured face has is a build error naming the
 * brief, the section, the character and its code point; and the seed's Simplified 纯 and 帧
 * (in the mojibake run of the SCO release, shown as released when no correction is applied)
 * are drawn by the Simplified fallback face, end to end from the corpus to pdftotext.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openCorpus } from '../../src/corpus/corpus.js';
import type { DocumentModel } from '../../src/model/model.js';
import { DiagnosticError } from '../../src/diagnostics/diagnostic.js';
import { loadFontSet } from '../../src/fonts/font-set.js';
import { checkGlyphs } from '../../src/render/shared/check-glyphs.js';
import { renderPdf } from '../helpers/renderers.js';
import { PROJECT_ROOT, projectFonts } from '../helpers/project.js';
import { pdfFonts, pdfText, squash, toolsAvailable } from '../helpers/readers.js';
import { runCli, tempProject } from '../helpers/temp-project.js';

const RARE = '\u{2A6D6}'; // 𪛖, CJK Extension B: in none of the Noto Sans faces
const FIXTURE = path.join(PROJECT_ROOT, 'test', 'fixtures', 'model', 'renderer-sample.json');
const fonts = projectFonts();
const projects: string[] = [];
afterAll(() => projects.forEach((p) => rmSync(p, { recursive: true, force: true })));

const BRIEF = `title: Rare characters
date: 2021-09-30
classification: OFFICIAL
sections:
  - id: meeting
    heading: The meeting
    text: The name is written ${RARE} in the source.
    excerpts:
      - release: mps-2021-09-28-zh-cambodia-video-meeting
        paragraphs: 1
`;

describe('a character no configured font has', () => {
  it('is in none of the configured faces', () => {
    for (const face of fonts.faces.values()) {
      expect(face.regular.covers(0x2a6d6)).toBe(false);
      expect(face.bold.covers(0x2a6d6)).toBe(false);
    }
  });

  it('fails the build of the brief with BP401 naming the brief, the section, the character and its code point', async () => {
    const project = tempProject({ briefs: false });
    projects.push(project);
    writeFileSync(path.join(project, 'briefs', 'rare-character.yaml'), BRIEF);
    const out = path.join(project, 'out');
    const result = await runCli(['build', '--format', 'pdf', '--out', out], project);
    expect(result.code).toBe(1);
    const [head, hint] = result.stderr.split('\n').filter((l) => l.includes('BP401') || l.includes('hint:'));
    expect(head).toMatch(/^briefs\/rare-character\.yaml:\d+:\d+: error BP401: /);
    expect(head).toContain(`"${RARE}" (U+2A6D6)`);
    expect(head).toContain('section "The meeting"');
    expect(hint).toContain('fonts/fonts.yaml');
    expect(existsSync(path.join(out, 'rare-character.pdf'))).toBe(false);
  });

  it('points at the character in the spec when given the spec text, else at the section', () => {
    const model = JSON.parse(readFileSync(FIXTURE, 'utf8')) as DocumentModel;
    const heading = model.blocks.findIndex((b) => b.type === 'heading' && b.id === 'excerpts');
    model.blocks.splice(heading + 1, 0, { type: 'paragraph', children: [{ type: 'text', value: `前${RARE}後` }] });
    const spec = `title: x\nsections:\n  - id: excerpts\n    heading: Excerpts\n    text: 前${RARE}後\n`;
    const [d, ...rest] = checkGlyphs(model, fonts, 'briefs/x.yaml', { specText: spec });
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'BP401', file: 'briefs/x.yaml', start: { line: 5, column: 12 }, actual: 'U+2A6D6' });
    expect(d!.message).toBe(`no configured font has "${RARE}" (U+2A6D6), in the text of section "Excerpts": …前${RARE}後…`);
    // Text quoted from a release is not in the spec: the section's id line is the place to look.
    const quoted = checkGlyphs(model, fonts, 'briefs/x.yaml', { specText: spec.replace(`前${RARE}後`, 'see the release') });
    expect(quoted[0]!.start).toEqual({ line: 3, column: 5 });
    expect(checkGlyphs(model, fonts, 'briefs/x.yaml')[0]!.start).toEqual({ line: 1, column: 1 });
  });

  it('stops the PDF renderer too, for a model that did not come from a brief', async () => {
    const model = JSON.parse(readFileSync(FIXTURE, 'utf8')) as DocumentModel;
    model.blocks.push({ type: 'heading', level: 1, id: 'rare', children: [{ type: 'text', value: `標題${RARE}` }] });
    const error = await renderPdf(model, { fonts }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiagnosticError);
    const [d] = (error as DiagnosticError).diagnostics;
    expect(d).toMatchObject({ code: 'BP401', actual: RARE });
    expect(d!.message).toContain('U+2A6D6');
  });
});

describe.skipIf(!toolsAvailable('pdftotext', 'pdffonts'))('the seed’s 纯 and 帧 with no correction applied', () => {
  it('come out of pdftotext as 纯帧, drawn by the Simplified fallback face', async () => {
    const project = tempProject();
    projects.push(project);
    writeFileSync(path.join(project, 'releases', 'corrections.yaml'), 'corrections: []\n');
    const corpus = openCorpus(project);
    const release = corpus.releases.get('mps-2021-09-24-zh-sco-pabbi-antiterror-letter')!;
    const paragraph = release.paragraphs.find((p) => p.text.includes('纯帧'))!;
    expect(paragraph, 'the uncorrected mojibake paragraph').toBeDefined();
    expect(release.corrections).toEqual([]);
    // The resolver refuses to quote mojibake (BP210), so the text goes into a model directly.
    const model = JSON.parse(readFileSync(FIXTURE, 'utf8')) as DocumentModel;
    model.blocks = [
      { type: 'heading', level: 1, id: 'as-released', children: [{ type: 'text', value: 'As released' }] },
      { type: 'excerpt', lang: 'zh-Hant', children: [{ type: 'paragraph', children: [{ type: 'text', value: paragraph.text }] }], citation: [{ type: 'text', value: release.title }] },
    ];
    model.notes = [];
    const projectFontSet = loadFontSet(project);
    expect(checkGlyphs(model, projectFontSet, 'briefs/as-released.yaml')).toEqual([]);
    mkdirSync(path.join(project, 'out'));
    const file = path.join(project, 'out', 'as-released.pdf');
    writeFileSync(file, await renderPdf(model, { fonts: projectFontSet }));
    const names = pdfFonts(file).map((r) => r.name.slice(7));
    expect(names).toContain('NotoSansSC-Regular');
    expect(names).toContain('NotoSansTC-Regular');
    const text = pdfText(file);
    expect(text).toContain('纯帧');
    expect(squash(text)).toContain(squash(paragraph.text));
  });
});
