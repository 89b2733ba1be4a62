/**
 * Stage 6 (names): the vocabulary of the forms and the evidence a document
 * repeats. Noisy readings are the ones the seeds show (shared/seeds/).
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DraftReporte } from '../src/5-parse/types.js';
import { normalizeReports } from '../src/6-normalize/index.js';
import { normalizeNames, NAME_THRESHOLD } from '../src/6-normalize/vocabulary.js';
import { extractDocument } from '../src/pipeline.js';
import type { Clave, Documento, Normalizacion, Responsable } from '../src/schema/document.js';
import { SEEDS } from './helpers.js';

const SEED000 = path.join(SEEDS, '000_59cbdbe8c97bb10f.txt');
const SEED004 = path.join(SEEDS, '004_61b09fd82a67f885.txt');

const BISOM: Clave = { clave: '54', nombre: 'BIENESTAR SOCIAL MUNICIPAL (BISOM)' };
const VINCULACION: Clave = { clave: '542', nombre: 'VINCULACIÓN SOCIAL PARA EL DESARROLLO COMUNITARIO' };

function draft(over: Partial<DraftReporte> = {}): DraftReporte {
  return {
    formato: 'avance_fisico_programatico',
    paginas: [1],
    ente: 'XXV AYUNTAMIENTO DE MEXICALI DE BAJA CALIFORNIA',
    dependencia: null,
    titulo: 'AVANCE FÍSICO PROGRAMÁTICO',
    formulario: 'TMM-F004',
    ejercicio: 2026,
    periodo_reportado: 'T1',
    fecha: null,
    ramo: { ...BISOM },
    programa: { clave: '511', nombre: 'GESTIÓN ADMINISTRATIVA' },
    unidad: { clave: '54101', nombre: 'DIRECCIÓN' },
    finalidad: { clave: '2', nombre: 'DESARROLLO SOCIAL' },
    funcion: null,
    subfuncion: null,
    ejes: [],
    lineas_accion: [],
    fin: null,
    proposito: null,
    responsables: [],
    filas: [],
    presupuesto: [],
    ...over,
  };
}

function run(reports: DraftReporte[]): { out: DraftReporte[]; log: Normalizacion[] } {
  const log: Normalizacion[] = [];
  const out = normalizeNames(reports, log);
  return { out, log };
}

const ramo = (nombre: string): Responsable => ({ nombre, cargo: 'RESPONSABLE DEL RAMO' });
const programa = (nombre: string): Responsable => ({ nombre, cargo: 'RESPONSABLE DEL PROGRAMA' });
const unidad = (nombre: string): Responsable => ({ nombre, cargo: 'RESPONSABLE DE LA UNIDAD EJECUTORA' });

describe('vocabulary of the forms', () => {
  it.each([
    ['XXV AYUNTAMIENTO DE MEXICALTI DE BAJA CALIFORNIA', 'XXV AYUNTAMIENTO DE MEXICALI DE BAJA CALIFORNIA'],
    ['XXV AVUNTAMIENTO DE MEXICALI DE BAJA CALIFORNIA', 'XXV AYUNTAMIENTO DE MEXICALI DE BAJA CALIFORNIA'],
    ['XXV AVANTAMIENTO DE MEXICALI DE BAJA CALIFORNIA', 'XXV AYUNTAMIENTO DE MEXICALI DE BAJA CALIFORNIA'],
    ['XXIV AYUNTAMIENTO DE MEXICALTI DE BAJA CALIFORNIA', 'XXIV AYUNTAMIENTO DE MEXICALI DE BAJA CALIFORNIA'],
    ['XXIII  AVUNTAMIENTO DE MEXICALI', 'XXIII AYUNTAMIENTO DE MEXICALI'],
    ['AYUNTAMIENTO DF MEXICALI', 'AYUNTAMIENTO DE MEXICALI'],
  ])('ente %s → %s', (crudo, limpio) => {
    const { out, log } = run([draft({ ente: crudo, paginas: [3, 4] })]);
    expect(out[0]!.ente).toBe(limpio);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ pagina: 3, campo: 'ente', crudo, normalizado: limpio, razon: 'vocabulario: ente' });
    expect(log[0]!.similitud).toBeGreaterThanOrEqual(NAME_THRESHOLD);
    expect(log[0]!.similitud).toBeLessThan(1);
  });

  it('ramo "(BISON)" → "(BISOM)"', () => {
    const { out, log } = run([draft({ ramo: { clave: '54', nombre: 'BIENESTAR SOCIAL MUNICIPAL (BISON)' } })]);
    expect(out[0]!.ramo).toEqual(BISOM);
    expect(log).toEqual([
      { pagina: 1, campo: 'ramo.nombre', crudo: 'BIENESTAR SOCIAL MUNICIPAL (BISON)', normalizado: 'BIENESTAR SOCIAL MUNICIPAL (BISOM)', razon: 'vocabulario: ramo', similitud: 0.971 },
    ]);
  });

  it('ejes de gobierno of the PMD 2025-2027', () => {
    const ejes: Clave[] = [
      { clave: '1', nombre: 'BIENESTAR PARA TODAS LAS PERSONAS' },
      { clave: '2', nombre: 'MEDICAL SEGURO Y EN PAZ' },
      { clave: '3', nombre: 'MEXICALI CERCE' },
      { clave: '3', nombre: 'MEXICALI CREECE' },
      { clave: '3', nombre: 'MEDICAL CRECE' },
      { clave: '5', nombre: 'IGUALDAD E INCLUSIÓN' },
    ];
    const { out, log } = run([draft({ ejes })]);
    expect(out[0]!.ejes.map((e) => e.nombre)).toEqual([
      'BIENESTAR PARA TODAS LAS PERSONAS',
      'MEXICALI SEGURO Y EN PAZ',
      'MEXICALI CRECE',
      'MEXICALI CRECE',
      'MEXICALI CRECE',
      'IGUALDAD E INCLUSIÓN',
    ]);
    expect(out[0]!.ejes.map((e) => e.clave)).toEqual(['1', '2', '3', '3', '3', '5']);
    expect(log.map((n) => n.campo)).toEqual(['ejes[1].nombre', 'ejes[2].nombre', 'ejes[3].nombre', 'ejes[4].nombre']);
  });

  it('cargos, form code, dependencia', () => {
    const { out, log } = run([
      draft({
        dependencia: 'TESORERIA MUNICIPAI',
        formulario: 'TMM-FO04',
        responsables: [
          { nombre: 'HOMERO SAMANIEGO AGUILAR', cargo: 'RESPONSABLE DEL RÁMO' },
          { nombre: 'KEVIN ERNESTO MORENO RUIZ', cargo: 'RESPONSABLE DE LA UNIDAD EJECUTOR' },
        ],
      }),
    ]);
    expect(out[0]!.dependencia).toBe('TESORERIA MUNICIPAL');
    expect(out[0]!.formulario).toBe('TMM-F004');
    expect(out[0]!.responsables.map((r) => r.cargo)).toEqual(['RESPONSABLE DEL RAMO', 'RESPONSABLE DE LA UNIDAD EJECUTORA']);
    expect(log.map((n) => [n.campo, n.crudo, n.normalizado])).toEqual([
      ['dependencia', 'TESORERIA MUNICIPAI', 'TESORERIA MUNICIPAL'],
      ['formulario', 'TMM-FO04', 'TMM-F004'],
      ['responsables[0].cargo', 'RESPONSABLE DEL RÁMO', 'RESPONSABLE DEL RAMO'],
      ['responsables[1].cargo', 'RESPONSABLE DE LA UNIDAD EJECUTOR', 'RESPONSABLE DE LA UNIDAD EJECUTORA'],
    ]);
    expect(log[2]!.similitud).toBe(1);
  });

  it('fixes a long distinctive word inside a programa name, nothing else', () => {
    const nombre = 'IGUALDAD SUSTANTIVA EN EL QUEHACER GUBERNAMENTAL DEL MUNICIPIO DE MEXICALTI, BAJA CALIFORNIA';
    const { out, log } = run([draft({ programa: { clave: '174', nombre } })]);
    expect(out[0]!.programa!.nombre).toBe('IGUALDAD SUSTANTIVA EN EL QUEHACER GUBERNAMENTAL DEL MUNICIPIO DE MEXICALI, BAJA CALIFORNIA');
    expect(log).toHaveLength(1);
    expect(log[0]!.campo).toBe('programa.nombre');
  });

  it.each([
    ['ente', { ente: 'AYUNTAMIENTO DE ENSENADA' }],
    ['eje', { ejes: [{ clave: '3', nombre: 'MEXICALI CERCA' }] }],
    ['eje', { ejes: [{ clave: '2', nombre: 'MEXICALI SEGURO' }] }],
    ['cargo', { responsables: [{ nombre: 'HOMERO SAMANIEGO AGUILAR', cargo: 'RESPONSABLE DEL PROYECTO' }] }],
    ['ramo', { ramo: { clave: '08', nombre: 'SERVICIOS PÚBLICOS' } }],
    ['word', { programa: { clave: '1', nombre: 'APOYO A LA INDUSTRIA MEXICANA' } }],
  ] as [string, Partial<DraftReporte>][])('leaves a %s below the threshold as printed, with no record', (_what, over) => {
    const input = draft(over);
    const { out, log } = run([input]);
    expect(out[0]).toEqual(input);
    expect(log).toEqual([]);
  });

  it('keeps clean names, and missing accents, as printed', () => {
    const clean = [
      draft({ ejes: [{ clave: '5', nombre: 'IGUALDAD E INCLUSION' }], ramo: { clave: '12', nombre: 'OBRAS PUBLICAS' } }),
      draft({ formato: 'identificacion_programa', ente: 'AYUNTAMIENTO DE MEXICALI', dependencia: 'TESORERIA MUNICIPAL', formulario: null, ramo: { clave: '07', nombre: 'SEGURIDAD PÚBLICA MUNICIPAL' } }),
      draft({ dependencia: 'TESORERÍA MUNICIPAL' }),
    ];
    const { out, log } = run(clean);
    expect(out).toEqual(clean);
    expect(log).toEqual([]);
  });

  it('applies the PMD 2025-2027 ejes only to its ejercicios', () => {
    const { log } = run([draft({ ejercicio: 2022, ejes: [{ clave: '3', nombre: 'MEXICALI CERCE' }] })]);
    expect(log).toEqual([]);
  });
});

describe('signers, by evidence within the document', () => {
  // The signature blocks of seed 004, one report per page (in order).
  const seedSigners: Responsable[][] = [
    [unidad('HOMERO SAMANIEGO AGUILAR'), programa('JOHANA TOLEDO RODRÍGUEZ'), ramo('HOMERO SAMANIEGO AGUILAR')],
    [unidad('JOHANA TOLEDO RODRÍGUEZ'), programa('JOHANA TOLEDO RODRÍGUEZ'), ramo('HOMERO SAMANIEGO AGUILAR')],
    [unidad('JUAN CALLES CEDANO TABANICO'), programa('JOHANA OLEO RODRIGUEZ'), ramo('HOMERO SAMANIEGO AGUIAR')],
    [unidad('KEVIN ERNESTO MORENO RUIZ'), programa('JOHANA TOLA RODRÍGUEZ'), ramo('HOMERO SAMANIEGO AGUILAR')],
    [unidad('NORMA GUADALUPE GAJAN YULIASERRA'), programa('JONANA TOLEDO ROJASGUEZ'), ramo('HOMERO SÁLVATEGUO AGUILAR')],
    [unidad('MONIKA GUADALUPE GRIJALVA VILLASEÑOR'), programa('JOHANA TOLEDO RODRIGUEZ'), ramo('HOMERO SANMATEO AGUILAR')],
    [unidad('NORMA GUADALUPE GRISEL VILLASENOR'), programa('JOSÉ ANA TOLEDO RODRÍGUEZ'), ramo('HOMERO SAMANIEGO AGUIAR')],
  ];
  const unidades = ['54101', '54102', '54201', '202', '204', '204', '204'];
  const programas = ['511', '511', '542', '542', '542', '174', '542'];
  const reports = seedSigners.map((responsables, i) =>
    draft({ paginas: [i + 1], responsables, unidad: { clave: unidades[i]!, nombre: `U${unidades[i]}` }, programa: { clave: programas[i]!, nombre: `P${programas[i]}` } }),
  );

  it('replaces every noisy reading by the cluster’s best form', () => {
    const { out, log } = run(reports);
    expect(out.map((r) => r.responsables.map((s) => s.nombre))).toEqual([
      ['HOMERO SAMANIEGO AGUILAR', 'JOHANA TOLEDO RODRÍGUEZ', 'HOMERO SAMANIEGO AGUILAR'],
      ['JOHANA TOLEDO RODRÍGUEZ', 'JOHANA TOLEDO RODRÍGUEZ', 'HOMERO SAMANIEGO AGUILAR'],
      ['JUAN CALLES CEDANO TABANICO', 'JOHANA TOLEDO RODRÍGUEZ', 'HOMERO SAMANIEGO AGUILAR'],
      ['KEVIN ERNESTO MORENO RUIZ', 'JOHANA TOLEDO RODRÍGUEZ', 'HOMERO SAMANIEGO AGUILAR'],
      ['NORMA GUADALUPE GRIJALVA VILLASEÑOR', 'JOHANA TOLEDO RODRÍGUEZ', 'HOMERO SAMANIEGO AGUILAR'],
      ['NORMA GUADALUPE GRIJALVA VILLASEÑOR', 'JOHANA TOLEDO RODRÍGUEZ', 'HOMERO SAMANIEGO AGUILAR'],
      ['NORMA GUADALUPE GRIJALVA VILLASEÑOR', 'JOHANA TOLEDO RODRÍGUEZ', 'HOMERO SAMANIEGO AGUILAR'],
    ]);
    // One record per changed reading: 4 HOMERO, 5 JOHANA, 3 NORMA.
    expect(log).toHaveLength(12);
    expect(log.every((n) => /^responsables\[\d\]\.nombre$/.test(n.campo) && n.razon.startsWith('evidencia:'))).toBe(true);
    expect(log.find((n) => n.crudo === 'JOSÉ ANA TOLEDO RODRÍGUEZ')).toMatchObject({ pagina: 7, campo: 'responsables[1].nombre', normalizado: 'JOHANA TOLEDO RODRÍGUEZ' });
    expect(log.find((n) => n.crudo === 'HOMERO SÁLVATEGUO AGUILAR')).toMatchObject({ pagina: 5, campo: 'responsables[2].nombre', normalizado: 'HOMERO SAMANIEGO AGUILAR', similitud: 0.8 });
  });

  it('does not merge different people', () => {
    const people = [
      draft({ paginas: [1], responsables: [ramo('HOMERO SAMANIEGO AGUILAR'), programa('JOHANA TOLEDO RODRÍGUEZ'), unidad('NORMA GUADALUPE GRIJALVA VILLASEÑOR')] }),
      draft({ paginas: [2], responsables: [ramo('HOMERO SAMANIEGO AGUILAR'), programa('JOHANA TOLEDO RODRÍGUEZ')] }),
      // Same first name and surnames but another person, for other offices.
      draft({ paginas: [3], programa: { clave: '542', nombre: 'P' }, responsables: [programa('JOHANA TOLEDO MARTÍNEZ'), unidad('JOSÉ TOLEDO RODRÍGUEZ')] }),
      draft({ paginas: [4], unidad: { clave: '204', nombre: 'U' }, responsables: [unidad('NORMA GUADALUPE LÓPEZ VILLASEÑOR')] }),
    ];
    const { out, log } = run(people);
    expect(out).toEqual(people);
    expect(log).toEqual([]);
  });

  it('changes nothing when the readings do not decide', () => {
    const two = [
      draft({ paginas: [1], responsables: [unidad('JUAN CALLES CEDANO TABANICO')] }),
      draft({ paginas: [2], responsables: [unidad('JUAN CARLOS CEDANO TABANICO')] }),
    ];
    const { out, log } = run(two);
    expect(out).toEqual(two);
    expect(log).toEqual([]);
  });
});

describe('codes, by evidence within the document', () => {
  const vinculacion = (clave: string, pagina: number, nombre = VINCULACION.nombre!) =>
    draft({ paginas: [pagina], programa: { clave, nombre } });

  it('502 → 542 when a clear majority of headers print 542', () => {
    const { out, log } = run([
      vinculacion('542', 5),
      vinculacion('502', 7, 'VINCULACION SOCIAL PARA EL DESARROLLO COMUNITARIO'),
      vinculacion('542', 10),
    ]);
    expect(out.map((r) => r.programa)).toEqual([VINCULACION, VINCULACION, VINCULACION]);
    const code = log.find((n) => n.campo === 'programa.clave');
    expect(code).toMatchObject({ pagina: 7, crudo: '502', normalizado: '542' });
    expect(code!.razon).toMatch(/^evidencia: 2 de 3 .*542 \(págs\. 5, 10\).*502$/);
    expect(log.find((n) => n.campo === 'programa.nombre')).toMatchObject({ pagina: 7, crudo: 'VINCULACION SOCIAL PARA EL DESARROLLO COMUNITARIO', normalizado: VINCULACION.nombre, similitud: 1 });
  });

  it('keeps 502 without a clear majority', () => {
    for (const reports of [
      [vinculacion('542', 5), vinculacion('502', 7)],
      [vinculacion('542', 1), vinculacion('542', 2), vinculacion('542', 3), vinculacion('502', 4), vinculacion('502', 5)],
    ]) {
      const { out, log } = run(reports);
      expect(out.map((r) => r.programa!.clave)).toEqual(reports.map((r) => r.programa!.clave));
      expect(log.filter((n) => n.campo === 'programa.clave')).toEqual([]);
    }
  });

  it('needs more than half of the headers', () => {
    const u = (clave: string, pagina: number) => draft({ paginas: [pagina], unidad: { clave, nombre: 'DEPARTAMENTO DE DESARROLLO HUMANO' } });
    const { log } = run([u('204', 1), u('204', 2), u('204', 3), u('202', 4), u('201', 5), u('205', 6), u('206', 7)]);
    expect(log).toEqual([]);
  });

  it('keeps a code of another ramo, or one that is not a misread digit', () => {
    const otherRamo = vinculacion('502', 7);
    otherRamo.ramo = { clave: '56', nombre: 'SISTEMA PARA EL DESARROLLO INTEGRAL DE LA FAMILIA (DIF)' };
    const { log } = run([vinculacion('542', 5), otherRamo, vinculacion('542', 10)]);
    expect(log).toEqual([]);
    const { log: log2 } = run([vinculacion('542', 5), vinculacion('174', 7), vinculacion('542', 10)]);
    expect(log2).toEqual([]);
  });

  it('fills a ramo without code from the other reports of that ramo', () => {
    const { out, log } = run([
      draft({ paginas: [1] }),
      draft({ paginas: [2] }),
      draft({ paginas: [5], ramo: { clave: null, nombre: 'BIENESTAR SOCIAL MUNICIPAL (BISOM)' } }),
    ]);
    expect(out[2]!.ramo).toEqual(BISOM);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ pagina: 5, campo: 'ramo.clave', crudo: '', normalizado: '54' });
    expect(log[0]!.razon).toMatch(/^evidencia: 2 de 2 encabezados con el ramo «BIENESTAR SOCIAL MUNICIPAL \(BISOM\)» imprimen la clave 54/);
  });

  it('names of a línea de acción by its code, when a clear majority prints one', () => {
    const l = (nombre: string): Clave[] => [{ clave: '4.5.3', nombre }];
    const good = 'PRESUPUESTO ESTRATÉGICO Y REINGENIERÍA DEL GASTO PÚBLICO MUNICIPAL';
    const { out, log } = run([
      draft({ paginas: [1], lineas_accion: l(good) }),
      draft({ paginas: [2], lineas_accion: l(good) }),
      draft({ paginas: [7], lineas_accion: l('PRESUPUESTO ESTRATÉGICO Y MENSURERA DEL GASTO PÚBLICO MUNICIPAL') }),
    ]);
    expect(out.map((r) => r.lineas_accion[0]!.nombre)).toEqual([good, good, good]);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ pagina: 7, campo: 'lineas_accion[0].nombre' });
  });
});

describe('purity', () => {
  function deepFreeze<T>(o: T): T {
    if (o && typeof o === 'object') {
      for (const v of Object.values(o)) deepFreeze(v);
      Object.freeze(o);
    }
    return o;
  }

  it('does not mutate its input, and gives the same output on every run', () => {
    const input = [
      draft({ paginas: [1], ente: 'XXV AVUNTAMIENTO DE MEXICALI DE BAJA CALIFORNIA', responsables: [ramo('HOMERO SAMANIEGO AGUILAR')] }),
      draft({ paginas: [2], ramo: { clave: null, nombre: 'BIENESTAR SOCIAL MUNICIPAL (BISON)' }, responsables: [ramo('HOMERO SAMANIEGO AGUIAR')], ejes: [{ clave: '3', nombre: 'MEXICALI CERCE' }] }),
      draft({ paginas: [3], responsables: [ramo('HOMERO SAMANIEGO AGUILAR')] }),
    ];
    const before = JSON.stringify(input);
    deepFreeze(input);
    const a = normalizeReports(input);
    const b = normalizeReports(input);
    expect(JSON.stringify(input)).toBe(before);
    expect(a).toEqual(b);
    expect(a.normalizaciones.length).toBeGreaterThanOrEqual(5);
    expect(a.reportes[1]!.ramo).toEqual(BISOM);
    expect(a.reportes[1]!.responsables[0]!.nombre).toBe('HOMERO SAMANIEGO AGUILAR');
  });
});

describe('end to end on the seeds', () => {
  const SIGNERS = new Set([
    'HOMERO SAMANIEGO AGUILAR',
    'JOHANA TOLEDO RODRÍGUEZ',
    'NORMA GUADALUPE GRIJALVA VILLASEÑOR',
    'KEVIN ERNESTO MORENO RUIZ',
    // Read so by OCR on its only signature block ("JUAN CARLOS" on the clean copy): no evidence to fix it.
    'JUAN CALLES CEDANO TABANICO',
  ]);

  let doc004: Documento;
  let doc000: Documento;
  beforeAll(async () => {
    doc004 = await extractDocument(fs.readFileSync(SEED004), { archivo: 'seed004.txt' });
    doc000 = await extractDocument(fs.readFileSync(SEED000), { archivo: 'seed000.txt' });
  });

  it('seed 004: ente, ramo, programas and signers come out clean', () => {
    expect(doc004.reportes.length).toBeGreaterThanOrEqual(5);
    for (const r of doc004.reportes) {
      expect(r.ente).toBe('XXV AYUNTAMIENTO DE MEXICALI DE BAJA CALIFORNIA');
      expect(r.ramo).toEqual(BISOM);
      expect(r.formulario).toBe('TMM-F004');
      for (const s of r.responsables) {
        expect(SIGNERS.has(s.nombre ?? ''), s.nombre ?? '(null)').toBe(true);
        expect(['RESPONSABLE DEL RAMO', 'RESPONSABLE DEL PROGRAMA', 'RESPONSABLE DE LA UNIDAD EJECUTORA']).toContain(s.cargo);
      }
      for (const e of r.ejes) expect(['MEXICALI CERCE', 'MEXICALI CREECE']).not.toContain(e.nombre);
    }
    const vinculacion = doc004.reportes.filter((r) => /VINCULACI/.test(r.programa?.nombre ?? ''));
    expect(vinculacion.length).toBe(3);
    for (const r of vinculacion) expect(r.programa).toEqual(VINCULACION);
    expect(doc004.normalizaciones.length).toBeGreaterThan(0);
    expect(doc004.normalizaciones).toContainEqual(expect.objectContaining({ pagina: 7, campo: 'programa.clave', crudo: '502', normalizado: '542' }));
    expect(doc004.normalizaciones).toContainEqual(expect.objectContaining({ campo: 'ramo.clave', crudo: '', normalizado: '54' }));
    expect(doc004.normalizaciones).toContainEqual(expect.objectContaining({ campo: 'ente', crudo: 'XXV AVANTAMIENTO DE MEXICALI DE BAJA CALIFORNIA' }));
  });

  it('seed 004: only header names are changed, never rows', () => {
    for (const n of doc004.normalizaciones) expect(n.campo).not.toMatch(/^filas|descripcion|observaciones|presupuesto/);
  });

  it('seed 000: the ente is AYUNTAMIENTO DE MEXICALI on every report', () => {
    expect(doc000.reportes.length).toBeGreaterThanOrEqual(4);
    for (const r of doc000.reportes) {
      expect(r.ente).toBe('AYUNTAMIENTO DE MEXICALI');
      expect(r.dependencia).toBe('TESORERIA MUNICIPAL');
    }
    // The seed's "AYUNTAMIENTO DF MEXICALI" pages continue a report whose first page reads clean.
    expect(doc000.normalizaciones).toEqual([]);
  });

  it('seed 000 with "AYUNTAMIENTO DF MEXICALI" on a report’s first page', async () => {
    const text = fs.readFileSync(SEED000, 'utf8').replace('AYUNTAMIENTO DE MEXICALI', 'AYUNTAMIENTO DF MEXICALI');
    const doc = await extractDocument(Buffer.from(text, 'utf8'), { archivo: 'seed000.txt' });
    for (const r of doc.reportes) expect(r.ente).toBe('AYUNTAMIENTO DE MEXICALI');
    expect(doc.normalizaciones).toEqual([
      { pagina: 1, campo: 'ente', crudo: 'AYUNTAMIENTO DF MEXICALI', normalizado: 'AYUNTAMIENTO DE MEXICALI', razon: 'vocabulario: ente', similitud: 0.958 },
    ]);
  });
});
