/**
 * Golden document models for every sample brief × every template: any change to what a
 * brief says or how a template structures it shows up here as a reviewable JSON diff
 * (UPDATE_GOLDEN=1 to accept). A page-limited template's model is the fitted one
 * (pipeline/fit-document.ts), as the build renders it.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeDocument } from '../../src/pipeline/compose-document.js';
import { fitDocument } from '../../src/pipeline/fit-document.js';
import { listBriefs } from '../../src/cli/commands/build.js';
import { templateNames } from '../../src/template/template-names.js';
import { expectGolden } from '../helpers/golden.js';
import { PROJECT_ROOT, projectCorpus, projectFonts } from '../helpers/project.js';

describe('document model of every sample brief in every template', () => {
  const corpus = projectCorpus();
  const fonts = projectFonts();
  for (const template of templateNames(path.join(PROJECT_ROOT, 'templates'))) {
    for (const brief of listBriefs(PROJECT_ROOT)) {
      const name = path.basename(brief).replace(/\.ya?ml$/, '');
      it(`${name} × ${template}`, async () => {
        const fitted = await fitDocument(composeDocument(brief, { projectRoot: PROJECT_ROOT, corpus, fonts, template }), { fonts });
        if (!fitted.ok) expect.fail(fitted.diagnostics.map((d) => d.message).join('\n'));
        expectGolden(`model/${name}.${template}.json`, fitted.document.model);
      }, 60_000);
    }
  }
});
