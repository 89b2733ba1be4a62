/**
 * Figures OCR read on their own but not surely enough to stand (the cell is
 * `ilegible`), kept with the row they belong to, so that the arithmetic the
 * form promises may confirm them once the report is put together (see
 * confirmByArithmetic in 7-validate). Keyed by the draft row object, as the
 * parse stage hands it on.
 */
import type { DraftFila } from '../../5-parse/types.js';

const readings = new WeakMap<DraftFila, Map<string, number>>();

/** Records `value` as the unsure reading of `field` (`M07.variacion`, `programado_anual`…) of `fila`. */
export function noteUnsure(fila: DraftFila, field: string, value: number): void {
  let m = readings.get(fila);
  if (!m) readings.set(fila, (m = new Map()));
  m.set(field, value);
}

/** The unsure readings of a row's ilegible fields. */
export function unsureReadings(fila: DraftFila): ReadonlyMap<string, number> {
  return readings.get(fila) ?? new Map();
}
