/**
 * The font configuration (fonts/fonts.yaml, docs/fonts.md): faces, roles with a chain per
 * script, heading chains that fall back to the body chains, legacy `chains`, the errors an
 * editor of the file can make, and a user's own TTF dropped into fonts/ of a project and
 * used for headings end to end (pdffonts shows it in the built PDF).
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DiagnosticError, type Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { chainFor, loadFontSet } from '../../src/fonts/font-set.js';
import { splitRuns } from '../../src/fonts/runs.js';
import { PROJECT_ROOT } from '../helpers/project.js';
import { pdfFonts, toolsAvailable } from '../helpers/readers.js';
import { runCli, tempProject } from '../helpers/temp-project.js';

const DEFAULT_CONFIG = readFileSync(path.join(PROJECT_ROOT, 'fonts', 'fonts.yaml'), 'utf8');
/** The `faces:` section of the default configuration. */
const FACES = DEFAULT_CONFIG.slice(DEFAULT_CONFIG.search(/^faces:/m), DEFAULT_CONFIG.search(/^roles:/m));
const ROBOTO = path.join(PROJECT_ROOT, 'node_modules', 'pdfmake', 'fonts', 'Roboto');

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Loads a configuration written to a fresh folder (npm: paths resolve in this project). */
function loadConfig(text: string) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bp-fonts-'));
  dirs.push(dir);
  const file = path.join(dir, 'fonts.yaml');
  writeFileSync(file, text);
  return loadFontSet(PROJECT_ROOT, file);
}

function problemsOf(text: string): Diagnostic[] {
  try {
    loadConfig(text);
  } catch (e) {
    if (e instanceof DiagnosticError) return e.diagnostics;
    throw e;
  }
  throw new Error('expected the configuration to be rejected');
}

describe('the default configuration', () => {
  const fonts = loadFontSet(PROJECT_ROOT);

  it('has body and heading chains for every script, from npm packages', () => {
    expect(fonts.roles.body).toEqual({
      latin: ['noto-sans', 'noto-sans-tc', 'noto-sans-sc'],
      'zh-Hant': ['noto-sans-tc', 'noto-sans-sc'],
      'zh-Hans': ['noto-sans-sc', 'noto-sans-tc'],
    });
    expect(fonts.roles.heading).toEqual(fonts.roles.body);
    expect(fonts.chains).toEqual(fonts.roles.body); // the old field still works
    for (const face of fonts.faces.values()) expect(face.regular.path).toContain(`${path.sep}node_modules${path.sep}@expo-google-fonts${path.sep}`);
  });

  it('has a real bold file for every face', () => {
    for (const face of fonts.faces.values()) {
      expect(face.bold.path).not.toBe(face.regular.path);
      expect(face.bold.postscriptName).toMatch(/Bold$/);
    }
  });

  it('is loaded once per process', () => {
    expect(loadFontSet(PROJECT_ROOT)).toBe(fonts);
  });
});

describe('roles', () => {
  const fonts = loadConfig(`${FACES}roles:
  body:
    latin: [noto-sans]
    zh-Hant: [noto-sans-tc, noto-sans-sc]
    zh-Hans: [noto-sans-sc, noto-sans-tc]
  heading:
    zh-Hant: noto-sans-sc
`);

  it('continues a heading chain with the body chain of its script, and fills scripts it leaves out from body', () => {
    expect(chainFor(fonts, 'heading', 'zh-Hant')).toEqual(['noto-sans-sc', 'noto-sans-tc']);
    expect(chainFor(fonts, 'heading', 'latin')).toEqual(['noto-sans']);
    expect(chainFor(fonts, 'body', 'zh-Hant')).toEqual(['noto-sans-tc', 'noto-sans-sc']);
  });

  it('is what splitRuns draws with when asked for a role', () => {
    expect(splitRuns(fonts, '中柬會晤', 'zh-Hant').runs.map((r) => r.face)).toEqual(['noto-sans-tc']);
    expect(splitRuns(fonts, '中柬會晤', 'zh-Hant', 'zh-Hant', true, 'heading').runs.map((r) => r.face)).toEqual(['noto-sans-sc']);
  });

  it('accepts the older top-level "chains" as the body role', () => {
    const legacy = loadConfig(`${FACES}chains:
  latin: [noto-sans]
  zh-Hant: [noto-sans-tc]
  zh-Hans: [noto-sans-sc]
`);
    expect(legacy.roles.body.latin).toEqual(['noto-sans']);
    expect(legacy.roles.heading['zh-Hant']).toEqual(['noto-sans-tc']);
  });
});

describe('mistakes in the configuration', () => {
  const body = `  body:\n    latin: [noto-sans]\n    zh-Hant: [noto-sans-tc]\n    zh-Hans: [noto-sans-sc]\n`;

  it('names an unknown face with its line and the face meant', () => {
    const [d, ...rest] = problemsOf(`${FACES}roles:\n${body}  heading:\n    latin: [noto-san]\n`);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'BP402', start: { line: FACES.split('\n').length + 6, column: 13 } });
    expect(d!.message).toContain('unknown face "noto-san"');
    expect(d!.hint).toBe('Did you mean "noto-sans"?');
  });

  it('names an unknown role and an unknown script', () => {
    const ds = problemsOf(`${FACES}roles:\n${body}  headings:\n    latin: [noto-sans]\n  heading:\n    zh-Hanz: [noto-sans-tc]\n`);
    expect(ds.map((d) => d.message)).toEqual(['unknown role "headings"', 'role "heading": unknown script "zh-Hanz"']);
    expect(ds.map((d) => d.hint)).toEqual(['Did you mean "heading"? Roles are body, heading.', 'Did you mean "zh-Hant"? Scripts are latin, zh-Hant, zh-Hans.']);
  });

  it('needs a body chain for every script', () => {
    const [d] = problemsOf(`${FACES}roles:\n  body:\n    latin: [noto-sans]\n    zh-Hant: [noto-sans-tc]\n`);
    expect(d!.message).toBe('role "body" has no faces for zh-Hans text');
  });

  it('says where a local font file was looked for, relative to the fonts folder', () => {
    const [d] = problemsOf(`faces:\n  mine:\n    regular: MyFont-Regular.ttf\n    bold: npm:@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf\nroles:\n  body: {latin: [mine], zh-Hant: [mine], zh-Hans: [mine]}\n`);
    expect(d).toMatchObject({ code: 'BP402', start: { line: 3, column: 14 } });
    expect(d!.message).toMatch(/^font file "MyFont-Regular.ttf" for face "mine" \(regular\) not found \(looked for .*MyFont-Regular\.ttf\)$/);
    expect(d!.hint).toContain('relative to the fonts/ folder');
  });

  it('rejects a file that is not a font', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bp-fonts-'));
    dirs.push(dir);
    writeFileSync(path.join(dir, 'broken.ttf'), 'not a font');
    writeFileSync(path.join(dir, 'fonts.yaml'), `faces:\n  broken:\n    regular: broken.ttf\n    bold: broken.ttf\nroles:\n  body: {latin: [broken], zh-Hant: [broken], zh-Hans: [broken]}\n`);
    const error = (() => {
      try {
        loadFontSet(PROJECT_ROOT, path.join(dir, 'fonts.yaml'));
      } catch (e) {
        return e as DiagnosticError;
      }
    })();
    expect(error).toBeInstanceOf(DiagnosticError);
    expect(error!.diagnostics[0]!.message).toMatch(/^font file "broken.ttf" for face "broken" \(regular\) cannot be used: /);
  });
});

describe('a font file dropped into fonts/ of a project', () => {
  const project = tempProject();
  dirs.push(project);
  copyFileSync(path.join(ROBOTO, 'Roboto-Regular.ttf'), path.join(project, 'fonts', 'Roboto-Regular.ttf'));
  copyFileSync(path.join(ROBOTO, 'Roboto-Medium.ttf'), path.join(project, 'fonts', 'Roboto-Medium.ttf'));
  const config = readFileSync(path.join(project, 'fonts', 'fonts.yaml'), 'utf8')
    .replace(/^faces:\n/m, 'faces:\n  roboto:\n    regular: Roboto-Regular.ttf\n    bold: Roboto-Medium.ttf\n')
    .replace('  heading: {}\n', '  heading:\n    latin: [roboto]\n');
  writeFileSync(path.join(project, 'fonts', 'fonts.yaml'), config);

  it('is read from the project folder and heads the heading chain for Latin text', () => {
    const fonts = loadFontSet(project);
    expect(fonts.faces.get('roboto')!.regular.path).toBe(path.join(project, 'fonts', 'Roboto-Regular.ttf'));
    expect(fonts.faces.get('roboto')!.bold.postscriptName).toBe('Roboto-Medium');
    expect(chainFor(fonts, 'heading', 'latin')).toEqual(['roboto', 'noto-sans', 'noto-sans-tc', 'noto-sans-sc']);
    expect(splitRuns(fonts, 'Summary 摘要', 'und', 'zh-Hant', true, 'heading').runs.map((r) => [r.text, r.face])).toEqual([
      ['Summary ', 'roboto'],
      ['摘要', 'noto-sans-tc'],
    ]);
  });

  it.skipIf(!toolsAvailable('pdffonts'))('draws the headings of a built PDF while body text keeps the body faces', async () => {
    const out = path.join(project, 'out');
    const result = await runCli(['build', '--format', 'pdf', '--out', out, 'briefs/sco-pabbi-antiterror-letter.yaml'], project);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const names = pdfFonts(path.join(out, 'sco-pabbi-antiterror-letter.pdf')).map((r) => r.name.slice(7));
    expect(names).toContain('Roboto-Medium'); // headings are bold
    expect(names).toContain('NotoSans-Regular'); // body text keeps the body chain
    expect(names).toContain('NotoSansTC-Regular');
  });
});
