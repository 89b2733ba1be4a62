/**
 * Fuzzy normalization of names against the vocabulary of the forms.
 * (Placeholder: whitespace only; the vocabulary comes with the OCR-noise work.)
 */
import type { DraftReporte } from '../5-parse/types.js';
import type { Normalizacion } from '../schema/document.js';

export function normalizeNames(reports: readonly DraftReporte[], _out: Normalizacion[]): DraftReporte[] {
  return reports.map((r) => ({ ...r }));
}
