/**
 * Golden document models for every sample brief: any change to what a brief says or how
 * it is structured shows up here as a reviewable JSON diff (UPDATE_GOLDEN=1 to accept).
 */
import { describe, it } from 'vitest';
import { briefToModel } from '../../src/build/brief-to-model.js';
import { listBriefs } from '../../src/cli/commands/build.js';
import { expectGolden } from '../helpers/golden.js';
import { PROJECT_ROOT, projectCorpus, projectFonts } from '../helpers/project.js';

describe('document model of the sample briefs', () => {
  const corpus = projectCorpus();
  const fonts = projectFonts();
  for (const brief of listBriefs(PROJECT_ROOT)) {
    const name = brief.replace(/^briefs\//, '').replace(/\.ya?ml$/, '');
    it(name, () => {
      const { model } = briefToModel(brief, { projectRoot: PROJECT_ROOT, corpus, fonts });
      expectGolden(`model/${name}.standard.json`, model);
    });
  }
});
