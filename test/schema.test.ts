import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemaFiles } from '../src/schema/json-schema.js';
import { ROOT } from './helpers.js';

describe('schemas/', () => {
  it('holds exactly the JSON Schema the code exports (run `npm run schemas` after changing src/schema)', () => {
    for (const [name, text] of Object.entries(schemaFiles())) {
      const committed = fs.readFileSync(path.join(ROOT, 'schemas', name), 'utf8');
      expect(committed, `schemas/${name} is out of date`).toBe(text);
    }
  });
});
