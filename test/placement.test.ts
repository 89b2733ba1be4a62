/** TMM-F004 transcript rows: numbers placed by the arithmetic, never invented. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { numbersIn, placeInOrder, totalFits } from '../src/formats/shared/placement.js';
import { placeTmmNumbers, tokensOf } from '../src/formats/tmm-placement.js';
import { extractDocument } from '../src/pipeline.js';
import { SEEDS } from './helpers.js';

const place = (cells: string[], periodo: 'T1' | 'T2' = 'T1') => placeTmmNumbers(tokensOf(cells).tokens, periodo);

describe('placeTmmNumbers', () => {
  it('drops duplicated cells (seed 004, row 100: eleven 1s for six values)', () => {
    expect(place(['4', '1 1 1 1 1 1 1 1 1 1 1', '25%'])).toEqual({
      programado_anual: 4, avance_absoluto: 1, avance_relativo: 25,
      P: [1, 1, 1, 1], A: [1, null, null, null], ambiguous: [], dropped: 5,
    });
  });

  it('places shifted cells (seed 004, row 300)', () => {
    expect(place(['927', '258', '292', '233', '218 218', '292 31%'])).toMatchObject({
      P: [258, 233, 218, 218], A: [292, null, null, null], avance_absoluto: 292, avance_relativo: 31, dropped: 0,
    });
  });

  it('leaves empty, and reports, the fields the fitting placements disagree on (row 204)', () => {
    const p = place(['2', '1', '1', '1', '1 0', '0%'])!;
    expect(p.P).toEqual([null, null, null, null]);
    expect(p.ambiguous).toEqual(['T1.programado', 'T2.programado', 'T3.programado', 'T4.programado']);
  });

  it('gives up when a value was lost (row 505: four 2s for five values)', () => {
    expect(place(['8', '2', '2', '2', '2', '2 25%'])).toBeNull();
  });

  it('never makes a wrong row fit by dropping a number that is not a repeat', () => {
    // META ANUAL 10 but P printed 3 3 3 3 (=12): no placement may hide that.
    expect(place(['10', '3', '3', '3', '3', '3', '3', '30%'])).toBeNull();
  });

  it('keeps the text that shifted into the numeric cells as the observation', () => {
    expect(tokensOf(['12', '6 50% La acción se cumple']).rest).toBe('La acción se cumple');
  });
});

describe('seed 004 end to end', () => {
  it('reads the TMM rows with the placement recorded in the provenance', async () => {
    const doc = await extractDocument(fs.readFileSync(path.join(SEEDS, '004_61b09fd82a67f885.txt')), { archivo: 'seed004.txt' });
    const rows = doc.reportes.flatMap((r) => r.filas);
    const byCode = (c: string) => rows.find((f) => f.accion_clave === c)!;
    for (const c of ['100', '101', '102', '103']) {
      const f = byCode(c);
      expect([f.programado_anual, ...f.periodos.map((p) => p.programado), f.periodos[0]!.realizado, f.avance_absoluto, f.avance_relativo]).toEqual([4, 1, 1, 1, 1, 1, 1, 25]);
      expect(f.validacion.estado).toBe('ok');
      expect(f.origen.inferido).toMatch(/inferred from the arithmetic/);
    }
    const r300 = byCode('300');
    expect(r300.periodos.map((p) => p.programado)).toEqual([258, 233, 218, 218]);
    expect([r300.periodos[0]!.realizado, r300.avance_absoluto, r300.avance_relativo]).toEqual([292, 292, 31]);
    expect(r300.observaciones).toMatch(/^La meta se supera/);
    expect(byCode('201')).toMatchObject({ programado_anual: 24, avance_absoluto: 6, avance_relativo: 25 });
    // No row is `ok` with a value that breaks its own arithmetic.
    for (const f of rows.filter((x) => x.validacion.estado === 'ok')) {
      const sumP = f.periodos.reduce((s, p) => s + (p.programado ?? 0), 0);
      expect(sumP).toBe(f.programado_anual);
    }
  });
});

describe('placeInOrder (estimación and avance trimestral transcripts)', () => {
  it('drops the repeated cell of a shifted estimación line (seed 000, RETENER LA INVERSIÓN: 48 and thirteen 4s)', () => {
    const got = placeInOrder([48, ...Array(13).fill(4)], 13, (v) => totalFits(v[0]!, v.slice(1), false));
    expect(got).toEqual({ values: [48, ...Array(12).fill(4)], ambiguous: [], dropped: 1 });
  });
  it('returns null when no repeat can be dropped to fit', () => {
    expect(placeInOrder([10, 1, 2, 3, 4, 5], 4, (v) => totalFits(v[0]!, v.slice(1), false))).toBeNull();
  });
  it('reads numbers among shifted words', () => {
    expect(numbersIn(['3 3', 'Prog.', '(2)', '96.36'])).toEqual([3, 3, -2, 96.36]);
  });
});

describe('seed 000 end to end', () => {
  it('every row of the transcript adds up once the shifted cells are placed', async () => {
    const doc = await extractDocument(fs.readFileSync(path.join(SEEDS, '000_59cbdbe8c97bb10f.txt')), { archivo: 'seed000.txt' });
    const rows = doc.reportes.flatMap((r) => r.filas);
    expect(rows.filter((f) => f.validacion.estado !== 'ok').map((f) => f.descripcion)).toEqual([]);
    const retener = rows.find((f) => f.descripcion.startsWith('RETENER LA INVERSIÓN'))!;
    expect([retener.programado_anual, retener.realizado_anual, retener.variacion_anual]).toEqual([48, 76, 28]);
    expect(retener.periodos.map((p) => p.programado)).toEqual(Array(12).fill(4));
    expect(retener.origen.inferido).toMatch(/1 repeated cells dropped/);
    const contribuir = rows.find((f) => f.descripcion.startsWith('CONTRIBUIR A LOGRAR'))!;
    expect(contribuir.unidad_medida).toBe('PROGRAMA DE PROMOCION');
    expect(contribuir.lineas_accion).toEqual(['1.3.4']);
    expect(contribuir.periodos.map((p) => [p.programado, p.realizado])).toEqual([[0, 0], [1, 0], [0, 0], [0, 1]]);
  });
});
