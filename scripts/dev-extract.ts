/** Developer aid: runs the pipeline on one input and prints the document (or a summary with --brief). */
import fs from 'node:fs/promises';
import path from 'node:path';
import { extractDocument } from '../src/pipeline.js';

const [file, flag] = process.argv.slice(2);
if (!file) throw new Error('usage: tsx scripts/dev-extract.ts <file> [--brief]');
const doc = await extractDocument(await fs.readFile(file), { archivo: path.basename(file), ocr: 'off' });
if (flag === '--brief') {
  for (const r of doc.reportes) {
    console.log(`${r.formato} p${r.paginas.join(',')} ramo=${JSON.stringify(r.ramo)} prog=${JSON.stringify(r.programa)} unidad=${JSON.stringify(r.unidad)} ej=${r.ejercicio} per=${r.periodo_reportado} filas=${r.filas.length} caps=${r.presupuesto.length} resp=${r.responsables.length}`);
    for (const f of r.filas) {
      const fails = f.validacion.comprobaciones.filter((c) => c.estado !== 'ok' && c.estado !== 'no_aplica').map((c) => `${c.regla}:${c.estado}:${c.ambito ?? ''}`);
      console.log(`   ${f.accion_clave ?? '-'} ${f.descripcion.slice(0, 40)} | ${f.unidad_medida} | P=${f.programado_anual} R=${f.realizado_anual} V=${f.variacion_anual} abs=${f.avance_absoluto} rel=${f.avance_relativo} | ${f.periodos.map((p) => `${p.programado ?? '_'}/${p.realizado ?? '_'}${p.variacion !== null ? '/' + p.variacion : ''}`).join(' ')} | ${f.validacion.estado} ${fails.join(' ')}`);
    }
    for (const c of r.presupuesto) console.log(`   cap ${c.capitulo} ${c.descripcion} ${c.autorizado} ${c.modificado} ${c.devengado} ${c.validacion.estado}`);
  }
  for (const m of doc.mensajes) console.log(`msg p${m.pagina} ${m.codigo}`);
} else console.log(JSON.stringify(doc, null, 2));
