/** The output schemas as JSON Schema text, file name → content. */
import { z } from 'zod';
import { Documento } from './document.js';

export function schemaFiles(): Record<string, string> {
  const schema = z.toJSONSchema(Documento, { target: 'draft-2020-12' });
  const doc = {
    ...schema,
    title: 'poa-extract document',
    description: 'One input (PDF or transcript) as extracted by poa-extract: its reports, rows, periods, budget chapters, validation and provenance.',
  };
  return { 'documento.schema.json': `${JSON.stringify(doc, null, 2)}\n` };
}
