/**
 * Stage 6 — normalize: draft reports → the same reports with names cleaned
 * against the vocabulary of the forms and against what the documents repeat,
 * and the list of every change made (raw → normalized, and why).
 */
import type { DraftReporte } from '../5-parse/types.js';
import type { Normalizacion } from '../schema/document.js';
import { normalizeNames } from './vocabulary.js';

export interface Normalized {
  reportes: DraftReporte[];
  normalizaciones: Normalizacion[];
}

export function normalizeReports(reports: readonly DraftReporte[]): Normalized {
  const normalizaciones: Normalizacion[] = [];
  const reportes = normalizeNames(reports, normalizaciones);
  return { reportes, normalizaciones };
}
