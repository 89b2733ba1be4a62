/**
 * The golden form of a document: every data field of every report and row, with
 * the provenance reduced to the page and validation reduced to its outcome and
 * the rules that failed. Fixture goldens are written in this form from typed
 * data (scripts/make-fixtures.ts), and extractions are projected to it before
 * they are compared, so goldens do not depend on fonts or coordinates.
 */
import type { Capitulo, Documento, Fila, Regla, Reporte } from './document.js';

export interface GoldenValidacion {
  estado: Fila['validacion']['estado'];
  /** Names of the rules whose outcome was `falla`, sorted. */
  fallas: Regla[];
}

export type GoldenFila = Omit<Fila, 'validacion' | 'origen'> & {
  pagina: number;
  validacion: GoldenValidacion;
};

export type GoldenCapitulo = Omit<Capitulo, 'validacion' | 'origen'> & {
  pagina: number;
  validacion: GoldenValidacion;
};

export type GoldenReporte = Omit<Reporte, 'filas' | 'presupuesto'> & {
  filas: GoldenFila[];
  presupuesto: GoldenCapitulo[];
};

export interface GoldenDocumento {
  archivo: string;
  reportes: GoldenReporte[];
}

function goldenValidacion(v: Fila['validacion']): GoldenValidacion {
  const fallas = v.comprobaciones
    .filter((c) => c.estado === 'falla')
    .map((c) => c.regla);
  return { estado: v.estado, fallas: [...new Set(fallas)].sort() };
}

export function toGoldenFila(f: Fila): GoldenFila {
  const { validacion, origen, ...rest } = f;
  return { ...rest, pagina: origen.pagina, validacion: goldenValidacion(validacion) };
}

export function toGoldenCapitulo(c: Capitulo): GoldenCapitulo {
  const { validacion, origen, ...rest } = c;
  return { ...rest, pagina: origen.pagina, validacion: goldenValidacion(validacion) };
}

export function toGolden(doc: Documento): GoldenDocumento {
  return {
    archivo: doc.archivo,
    reportes: doc.reportes.map((r) => ({
      ...r,
      filas: r.filas.map(toGoldenFila),
      presupuesto: r.presupuesto.map(toGoldenCapitulo),
    })),
  };
}

/** One difference between a golden and an extraction, named by its path. */
export interface GoldenDiff {
  path: string;
  golden: unknown;
  actual: unknown;
}

/**
 * Compares two values field by field and returns every difference with a
 * readable path (`reportes[0].filas[3] (301).periodos[0].programado`).
 */
export function diffGolden(golden: unknown, actual: unknown, path = ''): GoldenDiff[] {
  if (Object.is(golden, actual)) return [];
  if (Array.isArray(golden) && Array.isArray(actual)) {
    const out: GoldenDiff[] = [];
    const n = Math.max(golden.length, actual.length);
    for (let i = 0; i < n; i++) {
      const g = golden[i];
      const a = actual[i];
      const label = rowLabel(g) ?? rowLabel(a);
      const p = `${path}[${i}]${label ? ` (${label})` : ''}`;
      if (i >= golden.length) out.push({ path: p, golden: undefined, actual: a });
      else if (i >= actual.length) out.push({ path: p, golden: g, actual: undefined });
      else out.push(...diffGolden(g, a, p));
    }
    return out;
  }
  if (isObject(golden) && isObject(actual)) {
    const keys = [...new Set([...Object.keys(golden), ...Object.keys(actual)])].sort();
    return keys.flatMap((k) => diffGolden(golden[k], actual[k], path ? `${path}.${k}` : k));
  }
  return [{ path, golden, actual }];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function rowLabel(v: unknown): string | null {
  if (!isObject(v)) return null;
  if (typeof v.periodo === 'string') return v.periodo;
  const code = v.accion_clave ?? v.capitulo ?? v.meta_clave;
  if (typeof code === 'string') return code;
  if (typeof v.descripcion === 'string') return v.descripcion.slice(0, 30);
  return null;
}
