/**
 * Stage 8a — export: a document → its JSON text. The document is checked
 * against the zod schema first, so a file that does not match the published
 * JSON Schema is never written. Same input, same bytes.
 */
import { Documento } from '../schema/document.js';

export function toJson(doc: Documento): string {
  const parsed = Documento.parse(doc);
  return `${JSON.stringify(parsed, null, 2)}\n`;
}
