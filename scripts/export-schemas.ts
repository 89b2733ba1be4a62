/**
 * Writes the JSON Schema of the output into schemas/ (from the zod schemas in
 * src/schema). `npm run schemas`; test/schema.test.ts fails when the committed
 * files and the code disagree.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { schemaFiles } from '../src/schema/json-schema.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
for (const [name, text] of Object.entries(schemaFiles())) {
  await fs.writeFile(path.join(root, 'schemas', name), text);
  console.log(`schemas/${name}`);
}
