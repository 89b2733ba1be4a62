import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvRows, toCsv } from '../src/8-export/csv.js';
import { extractFixture } from './helpers.js';

describe('CSV output (SPEC §4)', () => {
  it('has exactly the columns of the spec, in order', () => {
    expect(toCsv('acciones', []).trim()).toBe(
      'archivo,paginas,formato,ejercicio,periodo_reportado,ramo_clave,ramo,programa_clave,programa,unidad_clave,unidad,actividad_clave,actividad,meta_clave,meta,accion_clave,descripcion,unidad_medida,lineas_accion,programado_anual,realizado_anual,variacion_anual,avance_absoluto,avance_relativo,observaciones,validacion',
    );
    expect(toCsv('periodos', []).trim()).toBe('archivo,formato,ejercicio,ramo_clave,programa_clave,unidad_clave,actividad_clave,meta_clave,accion_clave,descripcion,periodo,programado,realizado,variacion');
    expect(toCsv('presupuesto', []).trim()).toBe('archivo,ejercicio,ramo_clave,ramo,programa_clave,programa,capitulo,capitulo_descripcion,autorizado,modificado,devengado');
    expect(toCsv('validacion', []).trim()).toBe('archivo,pagina,formato,ramo_clave,programa_clave,accion_clave,regla,estado,esperado,encontrado,mensaje');
  });

  it('writes numbers plainly and escapes text that would start a formula', () => {
    const row = new Array<string | number | null>(CSV_COLUMNS.presupuesto.length).fill(null);
    row[0] = 'a.pdf';
    row[7] = '=HYPERLINK("x")';
    row[8] = -10.73;
    row[9] = 1350142.92;
    row[10] = null;
    const line = toCsv('presupuesto', [row]).split('\n')[1];
    expect(line).toBe('a.pdf,,,,,,,"\'=HYPERLINK(""x"")",-10.73,1350142.92,');
  });

  it('gives one acciones row per row of values and one periodos row per period', async () => {
    const doc = await extractFixture('digital/seed000.pdf');
    const rows = csvRows(doc);
    const filas = doc.reportes.flatMap((r) => r.filas);
    expect(rows.acciones).toHaveLength(filas.length);
    expect(rows.periodos).toHaveLength(filas.reduce((n, f) => n + f.periodos.length, 0));
    expect(rows.presupuesto).toHaveLength(7);
    const first = rows.acciones.find((r) => r[2] === 'avance_trimestral')!;
    expect(first.slice(0, 5)).toEqual(['digital/seed000.pdf', '3-6', 'avance_trimestral', null, 'T4']);
    expect(first[18]).toBe('4.2.3');
  });
});
