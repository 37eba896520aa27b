import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One temporary folder for the run, removed after it (test/global-setup.ts).
    globalSetup: ['test/global-setup.ts'],
    // Rendering CJK PDFs and converting DOCX with LibreOffice take seconds, not milliseconds.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Two cores: more workers only fight over them (and over LibreOffice).
    maxWorkers: 2,
  },
});
