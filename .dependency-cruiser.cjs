/**
 * The import rules of briefpack (docs/architecture.md), checked by dependency-cruiser in the test
 * suite (test/architecture/import-rules.test.ts) and from the shell with `npm run deps`.
 * A rule broken here is a design decision being undone: change docs/architecture.md first.
 */
const PIPELINE = '^src/(brief|corpus|resolve|template|builder|cli|pipeline)(/|$)';

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'No module may import itself through others: cycles hide what depends on what.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'renderers-know-only-the-model',
      severity: 'error',
      comment: 'A renderer is (model, options) → bytes: it never reaches into the stages before the model.',
      from: { path: '^src/render/' },
      to: { path: PIPELINE },
    },
    {
      name: 'pdf-writer-apart',
      severity: 'error',
      comment: 'The PDF writer does not import the DOCX writer: shared code goes to src/render/shared.',
      from: { path: '^src/render/pdf/' },
      to: { path: '^src/render/docx/' },
    },
    {
      name: 'docx-writer-apart',
      severity: 'error',
      comment: 'The DOCX writer does not import the PDF writer: shared code goes to src/render/shared.',
      from: { path: '^src/render/docx/' },
      to: { path: '^src/render/pdf/' },
    },
    {
      name: 'shared-render-code-is-shared',
      severity: 'error',
      comment: 'src/render/shared serves both writers, so it imports neither.',
      from: { path: '^src/render/shared/' },
      to: { path: '^src/render/(pdf|docx)/' },
    },
    {
      name: 'model-imports-nothing-of-the-pipeline',
      severity: 'error',
      comment: 'The document model is the contract between stages: it knows no stage and no output format.',
      from: { path: '^src/model/' },
      to: { path: '^src/(brief|corpus|resolve|template|builder|cli|pipeline|markup|render|fonts|diagnostics|util)(/|$)' },
    },
    {
      name: 'diagnostics-are-a-leaf',
      severity: 'error',
      comment: 'Every stage reports through diagnostics, so they depend on nothing but the shared position type.',
      from: { path: '^src/diagnostics/' },
      to: { path: '^src/', pathNot: '^src/(diagnostics/|position\\.ts$)' },
    },
    {
      name: 'only-the-cli-imports-the-cli',
      severity: 'error',
      comment: 'Commands are the outermost layer: nothing below them may depend on them.',
      from: { path: '^src/', pathNot: '^src/cli/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'no-folder-cycles',
      severity: 'error',
      comment: 'Folders depend on each other in one direction only (checked on the graph collapsed to folders).',
      scope: 'folder',
      from: { path: '^src/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|output)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs', '.json'] },
  },
};
