// Writes schemas/fluent-test.schema.json, the JSON schema of config test files, from the format's
// one description (src/language/config-tests/spec.ts). A unit test fails when the file is stale.
//   node --import tsx scripts/build-test-schema.ts
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jsonSchema } from '../src/language/config-tests/spec';

export const SCHEMA_PATH = join(__dirname, '..', 'schemas', 'fluent-test.schema.json');

export function schemaText(): string {
  return `${JSON.stringify(jsonSchema(), null, 2)}\n`;
}

if (require.main === module) {
  writeFileSync(SCHEMA_PATH, schemaText());
  console.log(`wrote ${SCHEMA_PATH}`);
}
