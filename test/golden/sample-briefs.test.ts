/**
 * Golden document models for every sample brief × every template: any change to what a
 * brief says or how a template structures it shows up here as a reviewable JSON diff
 * (UPDATE_GOLDEN=1 to accept).
 */
import path from 'node:path';
import { describe, it } from 'vitest';
import { composeDocument } from '../../src/pipeline/compose-document.js';
import { listBriefs } from '../../src/cli/commands/build.js';
import { templateNames } from '../../src/template/render-template.js';
import { expectGolden } from '../helpers/golden.js';
import { PROJECT_ROOT, projectCorpus, projectFonts } from '../helpers/project.js';

describe('document model of every sample brief in every template', () => {
  const corpus = projectCorpus();
  const fonts = projectFonts();
  for (const template of templateNames(path.join(PROJECT_ROOT, 'templates'))) {
    for (const brief of listBriefs(PROJECT_ROOT)) {
      const name = path.basename(brief).replace(/\.ya?ml$/, '');
      it(`${name} × ${template}`, () => {
        const { model } = composeDocument(brief, { projectRoot: PROJECT_ROOT, corpus, fonts, template });
        expectGolden(`model/${name}.${template}.json`, model);
      });
    }
  }
});
