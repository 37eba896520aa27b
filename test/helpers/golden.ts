/**
 * Golden files for the document model (DESIGN §6): compared as JSON, rewritten when the
 * environment says UPDATE_GOLDEN=1, and reviewed like code in the diff.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';

export const GOLDEN_DIR = path.resolve(import.meta.dirname, '..', 'golden');

export function expectGolden(relativePath: string, value: unknown): void {
  const file = path.join(GOLDEN_DIR, relativePath);
  const text = `${JSON.stringify(value, null, 2)}\n`;
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    return;
  }
  if (!existsSync(file)) throw new Error(`golden file ${relativePath} is missing: run the tests with UPDATE_GOLDEN=1 and review it`);
  expect(JSON.parse(text)).toEqual(JSON.parse(readFileSync(file, 'utf8')));
}
