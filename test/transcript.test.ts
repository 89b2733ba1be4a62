/**
 * The seeds (real OCR transcripts) go through the same stages as PDFs.
 * Values asserted here are read off the seed text by hand.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readTranscript, splitTranscriptPages } from '../src/1-extract/transcript.js';
import { extractDocument } from '../src/pipeline.js';
import type { Documento, Reporte } from '../src/schema/document.js';
import { SEEDS } from './helpers.js';

const SEED000 = path.join(SEEDS, '000_59cbdbe8c97bb10f.txt');
const SEED004 = path.join(SEEDS, '004_61b09fd82a67f885.txt');

function rowsOf(r: Reporte) {
  return r.filas;
}

describe('transcript reader', () => {
  it('splits pages on runs of blank lines', () => {
    expect(splitTranscriptPages(fs.readFileSync(SEED000, 'utf8'))).toHaveLength(10);
    expect(splitTranscriptPages('A\n\n\n\nB\n\nC')).toEqual([['A'], ['B', '', 'C']]);
    expect(splitTranscriptPages('A\fB')).toEqual([['A'], ['B']]);
  });

  it('turns pipe-table cells into words on a ruled synthetic grid', () => {
    const [page] = readTranscript('TITLE\n| a | b |\n|---|---|\n| 1 | \\$ 2 |\n', 't.md');
    expect(page!.source).toBe('transcripcion');
    expect(page!.words.map((w) => [w.text, w.cell ?? null])).toEqual([['TITLE', null], ['a', 0], ['b', 1], ['1', 0], ['$ 2', 1]]);
    expect(page!.rules.filter((r) => r.x0 === r.x1)).toHaveLength(3);
  });
});

describe('seed 000 (identificación, avance trimestral, estimación)', () => {
  let doc: Documento;
  beforeAll(async () => {
    doc = await extractDocument(fs.readFileSync(SEED000), { archivo: 'seed000.txt' });
  });

  it('finds every report', () => {
    expect(doc.reportes.map((r) => [r.formato, r.programa?.clave])).toEqual([
      ['identificacion_programa', '000'],
      ['identificacion_programa', '010'],
      ['avance_trimestral', '010'],
      ['estimacion_avances', '000'],
      ['estimacion_avances', '010'],
    ]);
  });

  it('reads the budget chapters of both identificación pages', () => {
    const [a, b] = doc.reportes;
    expect(a!.presupuesto.map((c) => [c.capitulo, c.autorizado, c.modificado, c.devengado])).toEqual([
      ['10000', 814015.58, 1350142.92, 1339381.59],
      ['20000', 149641.08, 141889.5, 138738.77],
    ]);
    expect(b!.presupuesto.map((c) => [c.capitulo, c.descripcion, c.devengado])).toEqual([
      ['10000', 'SERVICIOS PERSONALES', 16591101.29],
      ['20000', 'MATERIALES Y SUMINISTROS', 1584125.19],
      ['30000', 'SERVICIOS GENERALES', 5233098.87],
      ['40000', 'TRANSFERENCIAS, ASIGNACIONES, SUBSIDIOS Y OTRAS AYUDAS', 2000246.89],
      ['70000', 'INVERSIONES FINANCIERAS Y OTRAS PROVISIONES', 2460643.4],
    ]);
    expect(b!.presupuesto.every((c) => c.validacion.estado === 'ok')).toBe(true);
    expect(a!.fin).toMatch(/^CONTRIBUIR A QUE LOS CIUDADANOS/);
    expect(a!.proposito).toMatch(/^LOS RECURSOS HUMANOS.*FINANZAS PÚBLICAS\.$/);
    expect(a!.responsables.map((r) => r.cargo)).toEqual(['RESPONSABLE DEL RAMO', 'RESPONSABLE DEL PROGRAMA']);
  });

  it('reads the quarterly values of the avance trimestral metas', () => {
    const r = doc.reportes[2]!;
    expect(r.periodo_reportado).toBe('T4');
    expect(r.unidad).toEqual({ clave: '001', nombre: 'OFICINA DEL TITULAR' });
    const rows = rowsOf(r);
    expect(rows.length).toBeGreaterThanOrEqual(8);
    const q = (i: number) => [rows[i]!.programado_anual, rows[i]!.realizado_anual, ...rows[i]!.periodos.flatMap((p) => [p.programado, p.realizado])];
    expect(q(0)).toEqual([12, 11, 3, 3, 3, 3, 3, 2, 3, 3]);
    expect(rows[0]!.lineas_accion).toEqual(['4.2.3']);
    expect(rows[0]!.actividad).toEqual({ clave: '1', nombre: 'Dirigir el Gobierno y la administracion publica Municipal, centralizada y Paramunicipal' });
    expect(q(1)).toEqual([3171, 2639, 3171, 2639, 0, 0, 0, 0, 0, 0]);
    expect(rows[1]!.lineas_accion).toEqual([]);
    expect(q(3)).toEqual([100, 96.36, 100, 96.36, 0, 0, 0, 0, 0, 0]);
    expect(rows[3]!.validacion.estado).toBe('ok');
    const persona = rows.find((f) => f.unidad_medida === 'PERSONA ATENDIDA')!;
    expect([persona.programado_anual, persona.realizado_anual]).toEqual([9513, 11570]);
    expect(persona.periodos.map((p) => p.realizado)).toEqual([0, 3842, 4060, 3668]);
    expect(persona.validacion.estado).toBe('ok');
  });

  it('reads estimación acciones: totals and months for the three measures', () => {
    const r = doc.reportes[3]!;
    const a2 = r.filas.find((f) => f.accion_clave === '2')!;
    expect(a2.meta_clave).toBe('1');
    expect(a2.unidad_medida).toBe('PORCENTAJE DE AVANCE');
    expect([a2.programado_anual, a2.realizado_anual, a2.variacion_anual]).toEqual([100, 89.27, -10.73]);
    expect(a2.periodos.map((p) => p.realizado)).toEqual([0, 0, 89.27, 0, 0, 70, 0, 0, 62, 0, 0, 29.91]);
    expect(a2.periodos.map((p) => p.variacion)).toEqual([0, 0, -10.73, 0, 0, -30, 0, 0, -38, 0, 0, -70.09]);
    expect(a2.validacion.estado).toBe('ok');
    const gestion = doc.reportes[4]!.filas.find((f) => f.meta_clave === '4' && f.accion_clave === '3')!;
    expect([gestion.programado_anual, gestion.realizado_anual, gestion.variacion_anual]).toEqual([190, 144, -46]);
    expect(gestion.periodos.slice(0, 3).map((p) => [p.programado, p.realizado, p.variacion])).toEqual([
      [63, 40, -23],
      [63, 48, -15],
      [64, 56, -8],
    ]);
  });

  it('counts every acción of the estimación pages', () => {
    expect(doc.reportes[3]!.filas).toHaveLength(4);
    expect(doc.reportes[4]!.filas).toHaveLength(41);
  });
});

describe('seed 004 (TMM-F004)', () => {
  let doc: Documento;
  beforeAll(async () => {
    doc = await extractDocument(fs.readFileSync(SEED004), { archivo: 'seed004.txt' });
  });

  it('finds reports of TMM-F004 with their header blocks', () => {
    expect(doc.reportes.map((r) => [r.programa?.clave ?? null, r.unidad?.clave, r.paginas])).toEqual([
      ['511', '54101', [1]],
      ['511', '54102', [2]],
      [null, '54201', [3, 4]], // the OCR lost this page's programa
      ['542', '202', [5, 6]],
      ['542', '204', [7, 8]], // printed 502 on page 7; 542 by the evidence of the other pages
      ['174', '204', [9]],
      ['542', '204', [10]],
    ]);
    expect(doc.reportes[2]!.ejes.map((e) => e.clave)).toEqual(['1', '2', '3', '4']);
    expect(doc.reportes[2]!.periodo_reportado).toBe('T1');
    const first = doc.reportes[0]!;
    expect(first.formato).toBe('avance_fisico_programatico');
    expect(first.ejercicio).toBe(2026);
    expect(first.programa).toEqual({ clave: '511', nombre: 'GESTIÓN ADMINISTRATIVA' });
    expect(first.unidad).toEqual({ clave: '54101', nombre: 'DIRECCIÓN' });
    expect(first.lineas_accion.map((l) => l.clave)).toEqual(['4.3.1', '4.3.2', '4.3.3', '4.5.3']);
  });
});
