/** `script:` with a region: accepted, carried to the model's meta (the renderers' language
 * tags are read back in test/render/language-tags.test.ts), and a wrong tag is located. */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { composeDocument } from '../../src/pipeline/compose-document.js';
import { DiagnosticError, type Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { openCorpus } from '../../src/corpus/corpus.js';
import { splitScriptTag } from '../../src/brief/schema.js';
import { projectFonts } from '../helpers/project.js';
import { tempProject } from '../helpers/temp-project.js';

const project = tempProject();
afterAll(() => rmSync(project, { recursive: true, force: true }));
const BRIEF = path.join(project, 'briefs', 'sco-pabbi-antiterror-letter.yaml');
const spec = readFileSync(BRIEF, 'utf8');

function compose(script: string) {
  writeFileSync(BRIEF, spec.replace('script: zh-Hant\n', `script: ${script}\n`));
  return composeDocument(BRIEF, { projectRoot: project, corpus: openCorpus(project), fonts: projectFonts() });
}

describe('script with a region', () => {
  it('splits a tag into script and region', () => {
    expect(splitScriptTag('zh-Hant')).toEqual({ script: 'zh-Hant', region: null });
    expect(splitScriptTag('zh-Hant-HK')).toEqual({ script: 'zh-Hant', region: 'HK' });
    expect(splitScriptTag('zh-Hans-SG')).toEqual({ script: 'zh-Hans', region: 'SG' });
  });
  it('puts the region in the model, and nothing when the brief names none', () => {
    expect(compose('zh-Hant-HK').model.meta).toMatchObject({ lang: 'zh-Hant', region: 'HK' });
    expect(compose('zh-Hant').model.meta).not.toHaveProperty('region');
    const sg = compose('zh-Hans-SG').model;
    expect(sg.meta).toMatchObject({ lang: 'zh-Hans', region: 'SG' });
    // zh-Hans-* converts as zh-Hans does.
    expect(JSON.stringify(sg.blocks)).toContain('赵克志');
  });
  it('reports an unknown tag at its line, with the tags it takes', () => {
    let diagnostics: Diagnostic[] = [];
    try {
      compose('zh-Hant-XX');
    } catch (e) {
      if (!(e instanceof DiagnosticError)) throw e;
      diagnostics = e.diagnostics;
    }
    const line = spec.split('\n').findIndex((l) => l.startsWith('script:')) + 1;
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'BP204', start: { line } });
    expect(diagnostics[0]!.message + (diagnostics[0]!.hint ?? '')).toContain('zh-Hant-HK');
  });
});
