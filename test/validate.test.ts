/** Every rule of SPEC §3 with a passing and a failing case. */
import { describe, expect, it } from 'vitest';
import type { DraftCapitulo, DraftFila, DraftReporte } from '../src/5-parse/types.js';
import { PERIODOS_MES, PERIODOS_TRIMESTRE, type Regla } from '../src/schema/document.js';
import { confirmByArithmetic, validateCapitulo, validateFila } from '../src/7-validate/index.js';
import { dropStrayRows, markUnplacedFigures, strayRow } from '../src/5-parse/assemble.js';
import type { Mensaje } from '../src/schema/document.js';
import { estimacionAvances } from '../src/formats/estimacion_avances.js';

const origen = { pagina: 1, bbox: [0, 0, 1, 1] as [number, number, number, number], fuente: 'texto' as const, texto: '', confianza: null, inferido: null };

function report(formato: DraftReporte['formato'], periodo_reportado: DraftReporte['periodo_reportado'] = null): DraftReporte {
  return {
    formato, paginas: [1], ente: null, dependencia: null, titulo: '', formulario: null, ejercicio: null, periodo_reportado,
    fecha: null, ramo: null, programa: null, unidad: null, finalidad: null, funcion: null, subfuncion: null, ejes: [],
    lineas_accion: [], fin: null, proposito: null, responsables: [], filas: [], presupuesto: [],
  };
}

function fila(over: Partial<DraftFila> & { p?: Array<number | null>; r?: Array<number | null>; v?: Array<number | null> }): DraftFila {
  const { p = [], r = [], v = [], ...rest } = over;
  const periods = p.length === 12 || r.length === 12 || v.length === 12 ? PERIODOS_MES : PERIODOS_TRIMESTRE;
  return {
    tipo: 'accion', actividad: null, meta_clave: null, meta: null, accion_clave: '1', descripcion: 'x', unidad_medida: 'REPORTE',
    lineas_accion: [], programado_anual: null, realizado_anual: null, variacion_anual: null, avance_absoluto: null,
    avance_relativo: null, observaciones: null, ilegibles: [], origen,
    periodos: periods.map((periodo, i) => ({ periodo, programado: p[i] ?? null, realizado: r[i] ?? null, variacion: v[i] ?? null })),
    ...rest,
  };
}

function outcome(r: DraftReporte, f: DraftFila, regla: Regla): string[] {
  return validateFila(r, f).comprobaciones.filter((c) => c.regla === regla).map((c) => c.estado);
}

const trimestral = report('avance_trimestral', 'T4');
const estimacion = report('estimacion_avances');
const tmm = report('avance_fisico_programatico', 'T1');

describe('suma_programado', () => {
  it('ok when the annual programado is the sum of the periods', () => {
    expect(outcome(trimestral, fila({ programado_anual: 12, p: [3, 3, 3, 3] }), 'suma_programado')).toEqual(['ok']);
  });
  it('falla when it is not', () => {
    const f = fila({ programado_anual: 13, p: [3, 3, 3, 3] });
    expect(outcome(trimestral, f, 'suma_programado')).toEqual(['falla']);
    expect(validateFila(trimestral, f).estado).toBe('falla');
  });
  it('counts empty TMM periods as nothing programmed', () => {
    expect(outcome(tmm, fila({ programado_anual: 2, p: [null, 1, null, 1] }), 'suma_programado')).toEqual(['ok']);
  });
  it('does not apply to percentage units', () => {
    expect(outcome(trimestral, fila({ unidad_medida: 'PORCENTAJE', programado_anual: 100, p: [100, 0, 0, 0] }), 'suma_programado')).toEqual(['no_aplica']);
  });
  it('is ilegible when a needed value could not be read', () => {
    const f = fila({ programado_anual: 12, p: [3, null, 3, 3], ilegibles: ['T2.programado'] });
    expect(outcome(trimestral, f, 'suma_programado')).toEqual(['ilegible']);
    expect(validateFila(trimestral, f).estado).toBe('ilegible');
  });
});

describe('suma_realizado', () => {
  it('ok', () => {
    expect(outcome(trimestral, fila({ realizado_anual: 11, r: [3, 3, 2, 3] }), 'suma_realizado')).toEqual(['ok']);
  });
  it('falla', () => {
    expect(outcome(trimestral, fila({ realizado_anual: 12, r: [3, 3, 2, 3] }), 'suma_realizado')).toEqual(['falla']);
  });
});

describe('variacion', () => {
  const months = (...v: number[]) => [...v, ...Array(12 - v.length).fill(0)];
  it('ok when variación = realizado − programado in every month and the total', () => {
    const f = fila({ programado_anual: 6, realizado_anual: 2, variacion_anual: -4, p: months(2, 2, 2), r: months(0, 1, 1), v: months(-2, -1, -1) });
    expect(outcome(estimacion, f, 'variacion')).toEqual(['ok']);
  });
  it('falla names the month that does not add up', () => {
    const f = fila({ programado_anual: 6, realizado_anual: 2, variacion_anual: -4, p: months(2, 2, 2), r: months(0, 1, 1), v: months(-2, -1, 1) });
    const c = validateFila(estimacion, f).comprobaciones.filter((x) => x.regla === 'variacion');
    expect(c).toHaveLength(1);
    expect(c[0]).toMatchObject({ estado: 'falla', ambito: 'M03', esperado: -1, encontrado: 1 });
  });
});

describe('porcentaje_total', () => {
  const months = (...v: number[]) => [...v, ...Array(12 - v.length).fill(0)];
  it('ok when the total is the largest monthly value (seed 000, acción 2)', () => {
    const f = fila({
      unidad_medida: 'PORCENTAJE DE AVANCE', programado_anual: 100, realizado_anual: 89.27, variacion_anual: -10.73,
      p: months(0, 0, 100, 0, 0, 100, 0, 0, 100, 0, 0, 100), r: months(0, 0, 89.27, 0, 0, 70, 0, 0, 62, 0, 0, 29.91),
      v: months(0, 0, -10.73, 0, 0, -30, 0, 0, -38, 0, 0, -70.09),
    });
    expect(outcome(estimacion, f, 'porcentaje_total')).toEqual(['ok']);
    expect(outcome(estimacion, f, 'suma_programado')).toEqual(['no_aplica']);
    expect(validateFila(estimacion, f).estado).toBe('ok');
  });
  it('falla when it is not', () => {
    const f = fila({ unidad_medida: 'PORCENTAJE', programado_anual: 100, realizado_anual: 95, p: months(100, 100), r: months(90, 80), v: months(-10, -20) });
    expect(outcome(estimacion, f, 'porcentaje_total')).toEqual(['falla']);
  });
  it('treats fractional values as rates even without PORCENTAJE in the unit', () => {
    const f = fila({ unidad_medida: 'AVANCE', programado_anual: 90, realizado_anual: 97, p: [90, 90, 90, 90], r: [79.26, 72.8, 84, 97] });
    expect(outcome(trimestral, f, 'porcentaje_total')).toEqual(['ok']);
  });
  it('does not apply to count units', () => {
    expect(outcome(trimestral, fila({ programado_anual: 12, p: [3, 3, 3, 3] }), 'porcentaje_total')).toEqual(['no_aplica']);
  });
});

describe('avance_absoluto', () => {
  it('ok when AVANCE ABSOLUTO is the sum of A up to the quarter reported', () => {
    expect(outcome(tmm, fila({ programado_anual: 4, p: [1, 1, 1, 1], r: [1, null, null, null], avance_absoluto: 1, avance_relativo: 25 }), 'avance_absoluto')).toEqual(['ok']);
  });
  it('falla when it is not', () => {
    expect(outcome(tmm, fila({ programado_anual: 4, p: [1, 1, 1, 1], r: [1, null, null, null], avance_absoluto: 2, avance_relativo: 50 }), 'avance_absoluto')).toEqual(['falla']);
  });
  it('only counts the quarters reported so far', () => {
    const q2 = report('avance_fisico_programatico', 'T2');
    expect(outcome(q2, fila({ programado_anual: 12, p: [3, 3, 3, 3], r: [3, 4, null, null], avance_absoluto: 7, avance_relativo: 58 }), 'avance_absoluto')).toEqual(['ok']);
  });
});

describe('avance_relativo', () => {
  it('ok within ±1 of 100 × absoluto / meta anual (seed 004, row 300: 292/927 → 31%)', () => {
    expect(outcome(tmm, fila({ programado_anual: 927, r: [292, null, null, null], avance_absoluto: 292, avance_relativo: 31 }), 'avance_relativo')).toEqual(['ok']);
  });
  it('falla beyond ±1', () => {
    expect(outcome(tmm, fila({ programado_anual: 4, r: [1, null, null, null], avance_absoluto: 1, avance_relativo: 50 }), 'avance_relativo')).toEqual(['falla']);
  });
  it('does not apply when META ANUAL is zero', () => {
    expect(outcome(tmm, fila({ programado_anual: 0, avance_absoluto: 0, avance_relativo: 0 }), 'avance_relativo')).toEqual(['no_aplica']);
  });
});

describe('presupuesto_devengado', () => {
  const cap = (modificado: number | null, devengado: number | null, ilegibles: string[] = []): DraftCapitulo => ({
    capitulo: '10000', descripcion: 'SERVICIOS PERSONALES', autorizado: 814015.58, modificado, devengado, ilegibles, origen,
  });
  it('ok when DEVENGADO ≤ MODIFICADO', () => {
    expect(validateCapitulo(cap(1350142.92, 1339381.59)).estado).toBe('ok');
    expect(validateCapitulo(cap(2460643.4, 2460643.4)).estado).toBe('ok');
  });
  it('falla when DEVENGADO > MODIFICADO', () => {
    const v = validateCapitulo(cap(100, 150));
    expect(v.estado).toBe('falla');
    expect(v.comprobaciones[0]).toMatchObject({ regla: 'presupuesto_devengado', esperado: 100, encontrado: 150 });
  });
  it('ilegible when a needed amount could not be read', () => {
    expect(validateCapitulo(cap(null, 150, ['modificado'])).estado).toBe('ilegible');
  });
});

describe('figures read unsurely, confirmed by the arithmetic', () => {
  const months = (...v: Array<number | null>) => [...v, ...Array(12 - v.length).fill(0)];
  const unsure = (entries: Array<[string, number]>) => new Map(entries);

  it('takes a variación read unsurely that equals realizado − programado of its month', () => {
    // stress2-estimacion-300 (held out): M07's variación 51, read at 62.
    const f = fila({ programado_anual: 8, realizado_anual: 59, variacion_anual: 51, p: months(0, 0, 0, 0, 0, 0, 8), r: months(0, 0, 0, 0, 0, 0, 59), v: months(0, 0, 0, 0, 0, 0, null), ilegibles: ['M07.variacion'] });
    expect(confirmByArithmetic(estimacion, f, unsure([['M07.variacion', 51]]))).toEqual(['M07.variacion']);
    expect(f.periodos[6]!.variacion).toBe(51);
    expect(f.ilegibles).toEqual([]);
    expect(f.origen.inferido).toBe('read unsurely, confirmed by the arithmetic: M07.variacion 51');
    expect(validateFila(estimacion, f).estado).toBe('ok');
  });

  it('takes a quarter read unsurely that makes the annual total, and then another it lets be checked', () => {
    const f = fila({ programado_anual: 12, p: [3, null, 3, 3], realizado_anual: 10, r: [2, 3, null, 3], ilegibles: ['T2.programado', 'T3.realizado'] });
    expect(confirmByArithmetic(trimestral, f, unsure([['T2.programado', 3], ['T3.realizado', 2]]))).toEqual(['T2.programado', 'T3.realizado']);
    expect(validateFila(trimestral, f).estado).toBe('ok');
  });

  it('leaves ilegible a reading the arithmetic does not bear out, and computes nothing in its place', () => {
    const f = fila({ programado_anual: 12, p: [3, null, 3, 3], ilegibles: ['T2.programado'] });
    expect(confirmByArithmetic(trimestral, f, unsure([['T2.programado', 8]]))).toEqual([]);
    expect(f.periodos[1]!.programado).toBeNull();
    expect(f.ilegibles).toEqual(['T2.programado']);
    expect(f.origen.inferido).toBeNull();
    // Nor without a reading at all.
    expect(confirmByArithmetic(trimestral, f, unsure([]))).toEqual([]);
  });

  it('confirms nothing while another figure of the identity is unread, or where another identity fails', () => {
    const g = fila({ programado_anual: 12, p: [3, null, null, 3], ilegibles: ['T2.programado', 'T3.programado'] });
    expect(confirmByArithmetic(trimestral, g, unsure([['T2.programado', 3]]))).toEqual([]);
    // M01: P 5, R 7 and V read unsurely as 2 agree; but the total of realizado is printed 9 ≠ 7.
    const h = fila({ programado_anual: 5, realizado_anual: 9, variacion_anual: 4, p: months(5), r: months(null), v: months(2), ilegibles: ['M01.realizado'] });
    expect(confirmByArithmetic(estimacion, h, unsure([['M01.realizado', 7]]))).toEqual([]);
  });

  it('does not use the sums of a percentage unit', () => {
    const f = fila({ unidad_medida: 'PORCENTAJE', programado_anual: 100, p: [100, null, 0, 0], ilegibles: ['T2.programado'] });
    expect(confirmByArithmetic(trimestral, f, unsure([['T2.programado', 0]]))).toEqual([]);
  });

  it('takes an A read unsurely that makes AVANCE ABSOLUTO (TMM-F004)', () => {
    const f = fila({ programado_anual: 8, p: [2, 2, 2, 2], r: [null], avance_absoluto: 3, avance_relativo: 38, ilegibles: ['T1.realizado'] });
    expect(confirmByArithmetic(tmm, f, unsure([['T1.realizado', 3]]))).toEqual(['T1.realizado']);
    expect(validateFila(tmm, f).estado).toBe('ok');
  });
});

describe('figures read unsurely, where the rest of the identity is empty', () => {
  it('confirms no 0 against empty cells alone', () => {
    const f = fila({ p: [null, null, null, null], ilegibles: ['T2.programado'] });
    expect(confirmByArithmetic(trimestral, f, new Map([['T2.programado', 0]]))).toEqual([]);
    expect(f.ilegibles).toEqual(['T2.programado']);
  });
});

describe('figures read but placed in no column', () => {
  const fields = (f: DraftFila) => estimacionAvances.valueFields!(f);
  // stress2-estimacion held-out scan: the PROGRAMADO / REALIZADO labels right of month 12 read
  // as `309PROGRAMADO—` and `301REMIZADO`, no line told apart, every value left null.
  const texto = '1 ATENDER LAS ÓRDENES DE SERVICIO | ORDEN | 3767 3758 -9 | 310 296 -14 | 305 321 16';
  it('marks every value field of such a row ilegible, so that it is no `ok` row of nulls', () => {
    const f = fila({ v: Array(12).fill(null), origen: { ...origen, texto } });
    expect(validateFila(estimacion, f).estado).toBe('ok');
    markUnplacedFigures(f, fields(f));
    expect(f.ilegibles).toHaveLength(39);
    expect(f.ilegibles.slice(0, 4)).toEqual(['programado_anual', 'realizado_anual', 'variacion_anual', 'M01.programado']);
    expect(validateFila(estimacion, f).estado).toBe('ilegible');
  });
  it('leaves a row printed empty (its text no figure but its code) as it is', () => {
    const f = fila({ v: Array(12).fill(null), accion_clave: '2', origen: { ...origen, texto: '2 - CURSO DE INDUCCIÓN | CURSO' } });
    markUnplacedFigures(f, fields(f));
    expect(f.ilegibles).toEqual([]);
  });
  it('leaves a row with values placed, or with two figures besides its code, as it is', () => {
    const placed = fila({ programado_anual: 3767, v: Array(12).fill(null), origen: { ...origen, texto } });
    markUnplacedFigures(placed, fields(placed));
    expect(placed.ilegibles).toEqual([]);
    const two = fila({ v: Array(12).fill(null), origen: { ...origen, texto: '1 - ATENDER | ORDEN | 12 7' } });
    markUnplacedFigures(two, fields(two));
    expect(two.ilegibles).toEqual([]);
  });
});

describe('rows of a stamp’s marks', () => {
  // held-out stress2-estimacion-300 (seeds h7b, h5b, f5…): a stamp's letters under the table read
  // as a row of their own (`L -`, `2`, `LES`), with nothing in it, and `ok`.
  const scan = { ...origen, fuente: 'ocr' as const, texto: 'L -', confianza: 76 };
  const marks = (over: Parameters<typeof fila>[0] = {}) => fila({ accion_clave: null, descripcion: 'L -', unidad_medida: null, v: Array(12).fill(null), origen: scan, ...over });

  it('takes a row of a scan with no code, no value and a few letters for a stamp’s marks', () => {
    expect(strayRow(marks())).toBe(true);
    expect(strayRow(marks({ descripcion: 'LES', unidad_medida: '“4' }))).toBe(true);
    expect(strayRow(marks({ descripcion: '' }))).toBe(true);
  });

  it('keeps a row with a code, a value, a value it could not read, or words', () => {
    expect(strayRow(marks({ accion_clave: '2' }))).toBe(false);
    expect(strayRow(marks({ actividad: { clave: '301', nombre: null } }))).toBe(false);
    expect(strayRow(marks({ programado_anual: 0 }))).toBe(false);
    expect(strayRow(marks({ v: [...Array(11).fill(null), 4] }))).toBe(false);
    expect(strayRow(marks({ ilegibles: ['M03.realizado'] }))).toBe(false);
    expect(strayRow(marks({ descripcion: 'SUPERVISAR' }))).toBe(false);
    expect(strayRow(marks({ unidad_medida: 'RACIÓN' }))).toBe(false);
    expect(strayRow(marks({ lineas_accion: ['1.6.3'] }))).toBe(false);
    // A page's text layer prints no stamp.
    expect(strayRow(marks({ origen: { ...scan, fuente: 'texto' } }))).toBe(false);
  });

  it('takes a row of a stamp’s words, one read under half sure, and no unit, for its marks', () => {
    // held-out sindicatura2023-300 p5 in Nimbus Sans Narrow (seed f23): `RECIO:` (44) of a stamp's
    // RECIBIDO over acción 1's text, above its first line of figures, made a row of its own.
    expect(strayRow(marks({ descripcion: 'RECIO:', origen: { ...scan, texto: 'RECIO:', confianza: 44 } }))).toBe(true);
    // Read surely, or with a unit, words are a row's.
    expect(strayRow(marks({ descripcion: 'RECIO:', origen: { ...scan, texto: 'RECIO:', confianza: 90 } }))).toBe(false);
    expect(strayRow(marks({ descripcion: 'RECIO:', unidad_medida: 'REPORTE', origen: { ...scan, texto: 'RECIO: | REPORTE', confianza: 44 } }))).toBe(false);
  });

  it('leaves such rows out of the report, saying on which page', () => {
    const r = report('estimacion_avances');
    r.filas = [fila({ descripcion: 'SERVIR', p: Array(12).fill(4) }), marks({ origen: { ...scan, pagina: 3 } })];
    const mensajes: Mensaje[] = [];
    dropStrayRows(r, 'scan.pdf', mensajes);
    expect(r.filas.map((f) => f.descripcion)).toEqual(['SERVIR']);
    expect(mensajes).toEqual([
      { pagina: 3, codigo: 'POA_STRAY_ROW', nivel: 'aviso', mensaje: 'scan.pdf: page 3: a row with no code, no value and no words ("L -") was left out, a stamp\'s or a scribble\'s marks' },
    ]);
  });
});
