/**
 * The JSON Schema editors' tools use for completion and validation
 * (`# yaml-language-server: $schema=../schema/brief.schema.json`), generated from the zod
 * schema so the two can never disagree.
 */
import { z } from 'zod';
import { BriefSpec } from './schema.js';

export const SCHEMA_ID = 'https://briefpack.invalid/schema/brief.schema.json';

export function briefJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(BriefSpec, { io: 'input', target: 'draft-7', unrepresentable: 'any' }) as Record<string, unknown>;
  return { ...schema, $id: SCHEMA_ID, title: 'briefpack brief spec' };
}
