/**
 * Stage 7 — validate: the arithmetic each format promises (SPEC.md §3).
 *
 * Input: draft reports. Output: reports whose every row and budget chapter
 * carries the outcome of every rule of its format. A failing check is data,
 * not an error: the published report may itself be wrong.
 */
import type { DraftCapitulo, DraftFila, DraftReporte } from '../5-parse/types.js';
import type { Capitulo, Comprobacion, EstadoFila, Fila, Formato, Regla, Reporte, Validacion } from '../schema/document.js';
import { sum } from '../6-normalize/numbers.js';
import { fold } from '../6-normalize/text.js';
import { PERIODOS_TRIMESTRE } from '../schema/document.js';

const EPS = 0.005;
const eq = (a: number, b: number) => Math.abs(a - b) < EPS;

export const RULES_BY_FORMATO: Record<Formato, readonly Regla[]> = {
  avance_trimestral: ['suma_programado', 'suma_realizado', 'porcentaje_total'],
  estimacion_avances: ['suma_programado', 'suma_realizado', 'variacion', 'porcentaje_total'],
  avance_fisico_programatico: ['suma_programado', 'avance_absoluto', 'avance_relativo'],
  identificacion_programa: ['presupuesto_devengado'],
};

export function validateReport(r: DraftReporte): Reporte {
  return {
    ...r,
    filas: r.filas.map((f) => ({ ...f, validacion: validateFila(r, f) })),
    presupuesto: r.presupuesto.map((c) => ({ ...c, validacion: validateCapitulo(c) })),
  };
}

/**
 * A row is a percentage when its unit says so, or when its values are rates
 * (a count cannot be fractional).
 */
export function isPercentage(f: Pick<DraftFila, 'unidad_medida' | 'programado_anual' | 'realizado_anual' | 'periodos'>): boolean {
  const u = fold(f.unidad_medida ?? '');
  if (/PORCENTAJE|PORCIENTO|%|\bTASA\b|\bINDICE\b/.test(u)) return true;
  const values = [f.programado_anual, f.realizado_anual, ...f.periodos.flatMap((p) => [p.programado, p.realizado])];
  return values.some((v) => v !== null && !Number.isInteger(v));
}

function check(regla: Regla, estado: Comprobacion['estado'], mensaje: string, extra: Partial<Comprobacion> = {}): Comprobacion {
  return { regla, estado, esperado: null, encontrado: null, ambito: null, mensaje, ...extra };
}

type Measure = 'programado' | 'realizado';

function sumRule(f: DraftFila, regla: Regla, measure: Measure, percentage: boolean): Comprobacion {
  if (percentage) return check(regla, 'no_aplica', 'unidad de porcentaje: el total no es una suma');
  const annualField = `${measure}_anual`;
  const annual = measure === 'programado' ? f.programado_anual : f.realizado_anual;
  const unreadable = [annualField, ...f.periodos.map((p) => `${p.periodo}.${measure}`)].filter((k) => f.ilegibles.includes(k));
  if (unreadable.length > 0) return check(regla, 'ilegible', `no se pudo leer: ${unreadable.join(', ')}`, { ambito: measure });
  const values = f.periodos.map((p) => p[measure]);
  if (annual === null && values.every((v) => v === null)) return check(regla, 'no_aplica', `sin valores de ${measure}`);
  const expected = sum(values.map((v) => v ?? 0));
  if (annual !== null && eq(annual, expected)) {
    return check(regla, 'ok', `${annualField} = suma de los periodos`, { esperado: expected, encontrado: annual, ambito: measure });
  }
  return check(regla, 'falla', `${annualField} ${annual ?? 'vacío'} ≠ suma de los periodos ${expected}`, {
    esperado: expected,
    encontrado: annual,
    ambito: measure,
  });
}

function variacionRule(f: DraftFila): Comprobacion[] {
  const scopes: Array<{ ambito: string; p: number | null; r: number | null; v: number | null; keys: string[] }> = [
    { ambito: 'total', p: f.programado_anual, r: f.realizado_anual, v: f.variacion_anual, keys: ['programado_anual', 'realizado_anual', 'variacion_anual'] },
    ...f.periodos.map((x) => ({
      ambito: x.periodo,
      p: x.programado,
      r: x.realizado,
      v: x.variacion,
      keys: [`${x.periodo}.programado`, `${x.periodo}.realizado`, `${x.periodo}.variacion`],
    })),
  ];
  const out: Comprobacion[] = [];
  for (const s of scopes) {
    const unreadable = s.keys.filter((k) => f.ilegibles.includes(k));
    if (unreadable.length > 0) {
      out.push(check('variacion', 'ilegible', `no se pudo leer: ${unreadable.join(', ')}`, { ambito: s.ambito }));
      continue;
    }
    if (s.p === null && s.r === null && s.v === null) continue;
    const expected = sum([s.r ?? 0, -(s.p ?? 0)]);
    // Like the sums, an empty cell counts as 0 (a dash for zero in accounting format).
    if (!eq(s.v ?? 0, expected)) {
      out.push(
        check('variacion', 'falla', `${s.ambito}: variación ${s.v ?? 'vacía'} ≠ realizado − programado = ${expected}`, {
          esperado: expected,
          encontrado: s.v,
          ambito: s.ambito,
        }),
      );
    }
  }
  if (out.length === 0) out.push(check('variacion', 'ok', 'variación = realizado − programado en el total y cada mes', { ambito: 'todos' }));
  return out;
}

function porcentajeRule(f: DraftFila, percentage: boolean): Comprobacion[] {
  if (!percentage) return [check('porcentaje_total', 'no_aplica', 'unidad de conteo: aplican las reglas de suma')];
  const out: Comprobacion[] = [];
  for (const measure of ['programado', 'realizado'] as const) {
    const annual = measure === 'programado' ? f.programado_anual : f.realizado_anual;
    const unreadable = [`${measure}_anual`, ...f.periodos.map((p) => `${p.periodo}.${measure}`)].filter((k) => f.ilegibles.includes(k));
    if (unreadable.length > 0) {
      out.push(check('porcentaje_total', 'ilegible', `no se pudo leer: ${unreadable.join(', ')}`, { ambito: measure }));
      continue;
    }
    const values = f.periodos.map((p) => p[measure]).filter((v): v is number => v !== null);
    if (annual === null && values.length === 0) continue;
    const expected = values.length > 0 ? Math.max(...values) : null;
    if (annual === null || expected === null || !eq(annual, expected)) {
      out.push(
        check('porcentaje_total', 'falla', `${measure}_anual ${annual ?? 'vacío'} ≠ mayor valor de los periodos ${expected ?? 'vacío'}`, {
          esperado: expected,
          encontrado: annual,
          ambito: measure,
        }),
      );
    }
  }
  if (out.length === 0) out.push(check('porcentaje_total', 'ok', 'el total es el mayor valor de los periodos'));
  return out;
}

/** Quarters whose A counts towards AVANCE ABSOLUTO: up to the quarter reported, else up to the last one with a value. */
function quartersSoFar(r: DraftReporte, f: DraftFila): number {
  if (r.periodo_reportado) return PERIODOS_TRIMESTRE.indexOf(r.periodo_reportado) + 1;
  let last = 0;
  f.periodos.forEach((p, i) => {
    if (p.realizado !== null) last = i + 1;
  });
  return last;
}

function absolutoRule(r: DraftReporte, f: DraftFila): Comprobacion {
  const n = quartersSoFar(r, f);
  const used = f.periodos.slice(0, n);
  const unreadable = ['avance_absoluto', ...used.map((p) => `${p.periodo}.realizado`)].filter((k) => f.ilegibles.includes(k));
  if (unreadable.length > 0) return check('avance_absoluto', 'ilegible', `no se pudo leer: ${unreadable.join(', ')}`);
  if (f.avance_absoluto === null && used.every((p) => p.realizado === null)) return check('avance_absoluto', 'no_aplica', 'sin avance reportado');
  const expected = sum(used.map((p) => p.realizado ?? 0));
  const ambito = used.map((p) => p.periodo).join('+') || null;
  if (f.avance_absoluto !== null && eq(f.avance_absoluto, expected)) {
    return check('avance_absoluto', 'ok', 'AVANCE ABSOLUTO = suma de A de los trimestres reportados', { esperado: expected, encontrado: f.avance_absoluto, ambito });
  }
  return check('avance_absoluto', 'falla', `AVANCE ABSOLUTO ${f.avance_absoluto ?? 'vacío'} ≠ suma de A (${ambito ?? '-'}) = ${expected}`, {
    esperado: expected,
    encontrado: f.avance_absoluto,
    ambito,
  });
}

function relativoRule(f: DraftFila): Comprobacion {
  const unreadable = ['avance_relativo', 'avance_absoluto', 'programado_anual'].filter((k) => f.ilegibles.includes(k));
  if (unreadable.length > 0) return check('avance_relativo', 'ilegible', `no se pudo leer: ${unreadable.join(', ')}`);
  if (f.avance_relativo === null && f.avance_absoluto === null) return check('avance_relativo', 'no_aplica', 'sin avance reportado');
  if (f.programado_anual === null || f.programado_anual === 0) return check('avance_relativo', 'no_aplica', 'META ANUAL vacía o cero');
  if (f.avance_absoluto === null) return check('avance_relativo', 'falla', 'ACUMULADO RELATIVO sin AVANCE ABSOLUTO', { encontrado: f.avance_relativo });
  const expected = Math.round((100 * f.avance_absoluto) / f.programado_anual);
  if (f.avance_relativo !== null && Math.abs(f.avance_relativo - expected) <= 1 + EPS) {
    return check('avance_relativo', 'ok', 'ACUMULADO RELATIVO = 100 × ABSOLUTO / META ANUAL (±1)', { esperado: expected, encontrado: f.avance_relativo });
  }
  return check('avance_relativo', 'falla', `ACUMULADO RELATIVO ${f.avance_relativo ?? 'vacío'}% ≠ 100 × ${f.avance_absoluto} / ${f.programado_anual} = ${expected}%`, {
    esperado: expected,
    encontrado: f.avance_relativo,
  });
}

export function validateFila(r: DraftReporte, f: DraftFila): Validacion {
  const pct = isPercentage(f);
  const out: Comprobacion[] = [];
  for (const regla of RULES_BY_FORMATO[r.formato]) {
    switch (regla) {
      case 'suma_programado':
        out.push(sumRule(f, regla, 'programado', pct));
        break;
      case 'suma_realizado':
        out.push(sumRule(f, regla, 'realizado', pct));
        break;
      case 'variacion':
        out.push(...variacionRule(f));
        break;
      case 'porcentaje_total':
        out.push(...porcentajeRule(f, pct));
        break;
      case 'avance_absoluto':
        out.push(absolutoRule(r, f));
        break;
      case 'avance_relativo':
        out.push(relativoRule(f));
        break;
      default:
        break;
    }
  }
  return { estado: rowState(out, f.ilegibles), comprobaciones: out };
}

export function validateCapitulo(c: DraftCapitulo): Validacion {
  let comp: Comprobacion;
  const unreadable = ['modificado', 'devengado'].filter((k) => c.ilegibles.includes(k));
  if (unreadable.length > 0) comp = check('presupuesto_devengado', 'ilegible', `no se pudo leer: ${unreadable.join(', ')}`);
  else if (c.devengado === null || c.modificado === null) comp = check('presupuesto_devengado', 'no_aplica', 'DEVENGADO o MODIFICADO vacío');
  else if (c.devengado <= c.modificado + EPS) comp = check('presupuesto_devengado', 'ok', 'DEVENGADO ≤ MODIFICADO', { esperado: c.modificado, encontrado: c.devengado });
  else comp = check('presupuesto_devengado', 'falla', `DEVENGADO ${c.devengado} > MODIFICADO ${c.modificado}`, { esperado: c.modificado, encontrado: c.devengado });
  return { estado: rowState([comp], c.ilegibles), comprobaciones: [comp] };
}

function rowState(checks: readonly Comprobacion[], ilegibles: readonly string[]): EstadoFila {
  if (checks.some((c) => c.estado === 'falla')) return 'falla';
  if (checks.some((c) => c.estado === 'ilegible') || ilegibles.length > 0) return 'ilegible';
  return 'ok';
}

/** A row's value by field name: `programado_anual`, `avance_absoluto`, `M07.variacion`, `T2.realizado`… */
export function valueOf(f: DraftFila, field: string): number | null {
  const dot = field.indexOf('.');
  if (dot < 0) return (f as unknown as Record<string, number | null>)[field] ?? null;
  const p = f.periodos.find((x) => x.periodo === field.slice(0, dot));
  return p ? (p[field.slice(dot + 1) as Measure | 'variacion'] ?? null) : null;
}

function setValue(f: DraftFila, field: string, v: number): void {
  const dot = field.indexOf('.');
  if (dot < 0) (f as unknown as Record<string, number | null>)[field] = v;
  else {
    const p = f.periodos.find((x) => x.periodo === field.slice(0, dot));
    if (p) p[field.slice(dot + 1) as Measure | 'variacion'] = v;
  }
}

/** The identities a row's numbers must satisfy: a total equal to its terms (empty cells as 0). */
function identities(r: DraftReporte, f: DraftFila): Array<{ total: string; terms: Array<{ field: string; sign: 1 | -1 }> }> {
  const out: Array<{ total: string; terms: Array<{ field: string; sign: 1 | -1 }> }> = [];
  const rules = RULES_BY_FORMATO[r.formato];
  const pct = isPercentage(f);
  for (const m of ['programado', 'realizado'] as const) {
    if (!pct && rules.includes(m === 'programado' ? 'suma_programado' : 'suma_realizado')) {
      out.push({ total: `${m}_anual`, terms: f.periodos.map((p) => ({ field: `${p.periodo}.${m}`, sign: 1 })) });
    }
  }
  if (rules.includes('variacion')) {
    out.push({ total: 'variacion_anual', terms: [{ field: 'realizado_anual', sign: 1 }, { field: 'programado_anual', sign: -1 }] });
    for (const p of f.periodos) {
      out.push({ total: `${p.periodo}.variacion`, terms: [{ field: `${p.periodo}.realizado`, sign: 1 }, { field: `${p.periodo}.programado`, sign: -1 }] });
    }
  }
  if (rules.includes('avance_absoluto')) {
    out.push({ total: 'avance_absoluto', terms: f.periodos.slice(0, quartersSoFar(r, f)).map((p) => ({ field: `${p.periodo}.realizado`, sign: 1 })) });
  }
  return out;
}

/**
 * Figures OCR read unsurely (the cell is ilegible, `readings` holds what each was
 * read as) that the row's arithmetic confirms: one becomes the value when an
 * identity it is part of (a total and its terms, a variation and its two
 * figures) holds exactly with it, every other figure of that identity read, and
 * no identity it is part of fails with it. A reading the printed numbers do
 * not bear out stays ilegible; nothing is computed in its place. Fields
 * confirmed are taken off `ilegibles` and named in `origen.inferido`; returns them.
 */
export function confirmByArithmetic(r: DraftReporte, f: DraftFila, readings: ReadonlyMap<string, number>): string[] {
  const confirmed: string[] = [];
  let changed = true;
  while (changed) {
    changed = false;
    for (const [field, v] of readings) {
      if (!f.ilegibles.includes(field) || valueOf(f, field) !== null) continue;
      let holds = 0;
      let fails = 0;
      for (const id of identities(r, f)) {
        const fields = [id.total, ...id.terms.map((t) => t.field)];
        if (!fields.includes(field) || fields.some((k) => k !== field && f.ilegibles.includes(k))) continue;
        const val = (k: string) => (k === field ? v : (valueOf(f, k) ?? 0));
        const total = val(id.total);
        const terms = sum(id.terms.map((t) => t.sign * val(t.field)));
        // (The others all printed empty say nothing: a reading of 0 would hold by itself.)
        if (fields.every((k) => k === field || valueOf(f, k) === null)) continue;
        if (eq(total, terms)) holds++;
        else fails++;
      }
      if (holds === 0 || fails > 0) continue;
      setValue(f, field, v);
      f.ilegibles = f.ilegibles.filter((k) => k !== field);
      confirmed.push(field);
      changed = true;
    }
  }
  if (confirmed.length > 0) {
    const note = `read unsurely, confirmed by the arithmetic: ${confirmed.map((k) => `${k} ${valueOf(f, k)}`).join(', ')}`;
    f.origen = { ...f.origen, inferido: f.origen.inferido ? `${f.origen.inferido}; ${note}` : note };
  }
  return confirmed;
}

export type { Fila, Capitulo };
