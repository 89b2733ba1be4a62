/**
 * Developer aid: how a transcript's extraction compares with the clean
 * transcription of the same document (a digital fixture's golden): rows found,
 * numeric cells exact, and silent errors (a wrong number in a row marked ok).
 *   npx tsx scripts/seed-accuracy.ts fixtures/transcripts/004_61b09fd82a67f885.txt fixtures/digital/seed004.golden.json
 */
import fs from 'node:fs';
import path from 'node:path';
import { extractDocument } from '../src/pipeline.js';
import type { GoldenDocumento, GoldenFila } from '../src/schema/golden.js';

const [input, goldenPath] = process.argv.slice(2);
if (!input || !goldenPath) throw new Error('usage: seed-accuracy.ts <transcript> <golden.json>');
const doc = await extractDocument(fs.readFileSync(input), { archivo: path.basename(input) });
const golden = JSON.parse(fs.readFileSync(goldenPath, 'utf8')) as GoldenDocumento;
const key = (r: { formato: string; programa: { clave: string | null } | null }, f: { accion_clave: string | null; descripcion: string; meta_clave: string | null }) =>
  `${r.formato}|${f.meta_clave ?? ''}|${f.accion_clave ?? f.descripcion.slice(0, 25).toUpperCase()}`;
const got = new Map<string, (typeof doc.reportes)[number]['filas'][number][]>();
for (const r of doc.reportes) for (const f of r.filas) got.set(key(r, f), [...(got.get(key(r, f)) ?? []), f]);
const nums = (f: Pick<GoldenFila, 'programado_anual' | 'realizado_anual' | 'variacion_anual' | 'avance_absoluto' | 'avance_relativo' | 'periodos'>) => [
  f.programado_anual, f.realizado_anual, f.variacion_anual, f.avance_absoluto, f.avance_relativo,
  ...f.periodos.flatMap((p) => [p.programado, p.realizado, p.variacion]),
];
let rows = 0, found = 0, cells = 0, exact = 0, flagged = 0, silent = 0;
for (const r of golden.reportes) {
  for (const g of r.filas) {
    rows++;
    const list = got.get(key(r, g));
    const f = list?.shift();
    if (!f) continue;
    found++;
    const a = nums(g);
    const b = nums(f);
    a.forEach((v, i) => {
      cells++;
      if (v === b[i]) exact++;
      else if (f.validacion.estado !== 'ok') flagged++;
      else silent++;
    });
  }
}
console.log(`${input}: rows ${found}/${rows}, numeric cells exact ${exact}/${cells} (${((100 * exact) / cells).toFixed(1)}%), wrong but flagged ${flagged}, silent ${silent}`);
