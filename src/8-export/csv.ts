/**
 * Stage 8b — export: documents → the four CSV tables of SPEC.md §4.
 *
 * Column names and order are fixed by the spec (add at the end, never rename
 * or reorder). Rows come in a stable order: by `archivo` (as sorted by the
 * caller), then report order in the file, then row order in the report.
 * Numbers: `.` decimal point, no thousands separators, `-` for negatives,
 * empty for null. Text that would start a spreadsheet formula is escaped with
 * a leading `'`.
 */
import { stringify } from 'csv-stringify/sync';
import type { Documento, Reporte } from '../schema/document.js';
import { formatNumber } from '../6-normalize/numbers.js';

export const CSV_COLUMNS = {
  acciones: [
    'archivo', 'paginas', 'formato', 'ejercicio', 'periodo_reportado', 'ramo_clave', 'ramo', 'programa_clave', 'programa',
    'unidad_clave', 'unidad', 'actividad_clave', 'actividad', 'meta_clave', 'meta', 'accion_clave', 'descripcion',
    'unidad_medida', 'lineas_accion', 'programado_anual', 'realizado_anual', 'variacion_anual', 'avance_absoluto',
    'avance_relativo', 'observaciones', 'validacion',
  ],
  periodos: [
    'archivo', 'formato', 'ejercicio', 'ramo_clave', 'programa_clave', 'unidad_clave', 'actividad_clave', 'meta_clave',
    'accion_clave', 'descripcion', 'periodo', 'programado', 'realizado', 'variacion',
  ],
  presupuesto: [
    'archivo', 'ejercicio', 'ramo_clave', 'ramo', 'programa_clave', 'programa', 'capitulo', 'capitulo_descripcion',
    'autorizado', 'modificado', 'devengado',
  ],
  validacion: [
    'archivo', 'pagina', 'formato', 'ramo_clave', 'programa_clave', 'accion_clave', 'regla', 'estado', 'esperado',
    'encontrado', 'mensaje',
  ],
} as const;

export type CsvTable = keyof typeof CSV_COLUMNS;
export type CsvValue = string | number | null;
export type CsvRows = Record<CsvTable, CsvValue[][]>;

function pages(ps: readonly number[]): string {
  if (ps.length === 0) return '';
  const min = Math.min(...ps);
  const max = Math.max(...ps);
  return min === max ? String(min) : `${min}-${max}`;
}

/** The CSV rows one document contributes to each table. */
export function csvRows(doc: Documento): CsvRows {
  const out: CsvRows = { acciones: [], periodos: [], presupuesto: [], validacion: [] };
  for (const r of doc.reportes) addReport(out, doc.archivo, r);
  return out;
}

function addReport(out: CsvRows, archivo: string, r: Reporte): void {
  const ramo_clave = r.ramo?.clave ?? null;
  const programa_clave = r.programa?.clave ?? null;
  for (const f of r.filas) {
    out.acciones.push([
      archivo, pages(r.paginas), r.formato, r.ejercicio, r.periodo_reportado, ramo_clave, r.ramo?.nombre ?? null,
      programa_clave, r.programa?.nombre ?? null, r.unidad?.clave ?? null, r.unidad?.nombre ?? null,
      f.actividad?.clave ?? null, f.actividad?.nombre ?? null, f.meta_clave, f.meta, f.accion_clave, f.descripcion,
      f.unidad_medida, f.lineas_accion.join(';'), f.programado_anual, f.realizado_anual, f.variacion_anual,
      f.avance_absoluto, f.avance_relativo, f.observaciones, f.validacion.estado,
    ]);
    for (const p of f.periodos) {
      out.periodos.push([
        archivo, r.formato, r.ejercicio, ramo_clave, programa_clave, r.unidad?.clave ?? null, f.actividad?.clave ?? null,
        f.meta_clave, f.accion_clave, f.descripcion, p.periodo, p.programado, p.realizado, p.variacion,
      ]);
    }
    for (const c of f.validacion.comprobaciones) {
      if (c.estado !== 'falla' && c.estado !== 'ilegible') continue;
      out.validacion.push([
        archivo, f.origen.pagina, r.formato, ramo_clave, programa_clave, f.accion_clave, c.regla, c.estado,
        c.esperado, c.encontrado, c.ambito ? `${c.ambito}: ${c.mensaje}` : c.mensaje,
      ]);
    }
  }
  for (const c of r.presupuesto) {
    out.presupuesto.push([
      archivo, r.ejercicio, ramo_clave, r.ramo?.nombre ?? null, programa_clave, r.programa?.nombre ?? null, c.capitulo,
      c.descripcion, c.autorizado, c.modificado, c.devengado,
    ]);
    for (const v of c.validacion.comprobaciones) {
      if (v.estado !== 'falla' && v.estado !== 'ilegible') continue;
      out.validacion.push([
        archivo, c.origen.pagina, r.formato, ramo_clave, programa_clave, c.capitulo, v.regla, v.estado, v.esperado,
        v.encontrado, v.mensaje,
      ]);
    }
  }
}

/** Serializes one table, header first. */
export function toCsv(table: CsvTable, rows: readonly CsvValue[][]): string {
  return stringify([CSV_COLUMNS[table] as unknown as CsvValue[], ...rows], {
    escape_formulas: true,
    record_delimiter: '\n',
    cast: { number: (v: number) => formatNumber(v) },
  });
}
