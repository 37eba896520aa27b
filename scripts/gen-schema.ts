// Writes schema/brief.schema.json from the zod definitions in src/brief/schema.ts, the one
// source of truth. `npm run schema` after changing the spec language; a test fails when the
// checked-in file is out of date.
import { writeFileSync } from 'node:fs';
import { briefJsonSchema } from '../src/brief/json-schema.js';

writeFileSync(new URL('../schema/brief.schema.json', import.meta.url), `${JSON.stringify(briefJsonSchema(), null, 2)}\n`);
console.log('wrote schema/brief.schema.json');
