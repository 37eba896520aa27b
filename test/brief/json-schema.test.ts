/**
 * The JSON Schema editors get completion from: generated from the zod schema, checked in,
 * kept in sync, and accepting every sample brief when read by an independent validator (ajv).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { listBriefs } from '../../src/cli/commands/build.js';
import { briefJsonSchema } from '../../src/brief/json-schema.js';
import { PROJECT_ROOT } from '../helpers/project.js';

const SCHEMA_FILE = path.join(PROJECT_ROOT, 'schema', 'brief.schema.json');
const checked = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(checked);

describe('schema/brief.schema.json', () => {
  it('is what the zod schema generates (run `npm run schema` after changing src/brief/schema.ts)', () => {
    expect(checked).toEqual(briefJsonSchema());
  });

  it.each(listBriefs(PROJECT_ROOT))('accepts %s, which names the schema on its first line', (brief) => {
    const text = readFileSync(path.join(PROJECT_ROOT, brief), 'utf8');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../schema/brief.schema.json');
    expect(validate(parse(text)), JSON.stringify(validate.errors)).toBe(true);
  });

  it('rejects what the spec language rejects', () => {
    expect(validate({ title: 'x', date: '2021-09-30', classification: 'OFFICIAL', sections: [{ heading: 'a', excerpts: [{ release: 'r', paragraphs: 1, bogus: 1 }] }] })).toBe(false);
    expect(validate({ title: 'x', date: '30/09/2021', classification: 'OFFICIAL', sections: [{ heading: 'a' }] })).toBe(false);
    expect(validate({ title: 'x', date: '2021-09-30', sections: [{ heading: 'a' }] })).toBe(false);
  });
});
