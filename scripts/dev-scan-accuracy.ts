/**
 * Developer aid: the scanned fixtures through the whole pipeline, compared with
 * their goldens field by field, with OCR'd pages cached on disk
 * (out/ocr-cache/) so that work on layout and parsing does not wait for OCR.
 *
 *   npx tsx scripts/dev-scan-accuracy.ts [--only prefix] [--fresh] [--jobs N] [--verbose] [--brief]
 *   (POA_SCANNED_DIR=folder for other scans, POA_OCR_CACHE=folder for the cache,
 *   POA_DUMP_DIR=folder to write each document's JSON to)
 *
 * Counts every numeric field of the golden: exact; flagged (wrong or missing,
 * but the field is `ilegible` or its row is not `ok`); SILENT (wrong and its row
 * says `ok` — the failure that matters). The cache key is the scan's sha256 and
 * the page; --fresh ignores it.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api.js';
import { createOcrEngine } from '../src/2-ocr/index.js';
import type { OcrEngine } from '../src/2-ocr/types.js';
import type { Page } from '../src/ir/page.js';
import { extractDocument } from '../src/pipeline.js';
import { toGolden, type GoldenDocumento } from '../src/schema/golden.js';
import { addAccuracy, compareWithGolden, emptyAccuracy } from '../src/schema/accuracy.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// POA_SCANNED_DIR: another folder of scans with goldens (e.g. held-out scans made by make-scans and moved away).
const SCANNED = process.env.POA_SCANNED_DIR ?? path.join(ROOT, 'fixtures', 'scanned');
const CACHE = process.env.POA_OCR_CACHE ?? path.join(ROOT, 'out', 'ocr-cache');

const argv = process.argv.slice(2);
const only = argv.includes('--only') ? argv[argv.indexOf('--only') + 1] : undefined;
const fresh = argv.includes('--fresh');
const verbose = argv.includes('--verbose');
const brief = argv.includes('--brief');
const jobs = argv.includes('--jobs') ? Number(argv[argv.indexOf('--jobs') + 1]) : 2;

mkdirSync(CACHE, { recursive: true });
let real: OcrEngine | null = null;

function cachingEngine(sha: string): OcrEngine {
  return {
    async readPdfPage(doc: PDFDocumentProxy, n: number, file: string): Promise<Page> {
      const key = path.join(CACHE, `${sha.slice(0, 16)}-p${n}.json`);
      if (!fresh && existsSync(key)) return JSON.parse(readFileSync(key, 'utf8')) as Page;
      real ??= await createOcrEngine({ jobs, dpi: 300 });
      const page = await real.readPdfPage(doc, n, file);
      writeFileSync(key, JSON.stringify(page));
      return page;
    },
    async close() {},
  };
}

const total = emptyAccuracy();
const files = readdirSync(SCANNED).filter((f) => f.endsWith('.pdf') && (!only || f.startsWith(only))).sort();
for (const f of files) {
  const bytes = readFileSync(path.join(SCANNED, f));
  const sha = createHash('sha256').update(bytes).digest('hex');
  let t = emptyAccuracy();
  try {
    const doc = await extractDocument(bytes, { archivo: f, ocr: 'auto', ocrEngine: cachingEngine(sha), pagesAhead: jobs });
    const golden = JSON.parse(readFileSync(path.join(SCANNED, f.replace(/\.pdf$/, '.golden.json')), 'utf8')) as GoldenDocumento;
    const actual = toGolden(doc);
    if (process.env.POA_DUMP_DIR) writeFileSync(path.join(process.env.POA_DUMP_DIR, f.replace(/\.pdf$/, '.json')), JSON.stringify(doc, null, 1));
    t = compareWithGolden(golden, actual, { listFlagged: verbose });
    // Text fields worth a look (not counted).
    golden.reportes.forEach((gr, i) => {
      // Several reports may share a page: the k-th of those the golden has there against the k-th read there.
      const near = (r: { formato: string; paginas: number[] }) => r.formato === gr.formato && r.paginas.some((p) => gr.paginas.includes(p));
      const k = golden.reportes.filter(near).indexOf(gr);
      const candidates = actual.reportes.filter(near);
      const ar = candidates[k] ?? candidates[0];
      if (!ar) return;
      for (const f of ['ramo', 'programa', 'unidad', 'ejercicio', 'periodo_reportado'] as const) {
        if (JSON.stringify(gr[f]) !== JSON.stringify(ar[f])) t.lines.push(`header r${i}.${f}: ${JSON.stringify(gr[f])} got ${JSON.stringify(ar[f])}`);
      }
      const rs = (x: typeof gr) => x.responsables.map((p) => `${p.nombre}/${p.cargo}`).join('; ');
      if (rs(gr) !== rs(ar)) t.lines.push(`signers r${i}: ${rs(gr)} got ${rs(ar)}`);
    });
    if (brief) {
      for (const r of doc.reportes) {
        t.lines.push(`${r.formato} p${r.paginas.join(',')} filas=${r.filas.length} caps=${r.presupuesto.length} resp=${r.responsables.map((x) => `${x.nombre}/${x.cargo}`).join('; ')}`);
        for (const f of r.filas) {
          t.lines.push(`   ${f.accion_clave ?? '-'} ${f.descripcion.slice(0, 30)} | ${f.unidad_medida} | P=${f.programado_anual} R=${f.realizado_anual} V=${f.variacion_anual} abs=${f.avance_absoluto} rel=${f.avance_relativo} | ${f.periodos.map((p) => `${p.programado ?? '_'}/${p.realizado ?? '_'}${p.variacion !== null ? '/' + p.variacion : ''}`).join(' ')} | ${f.validacion.estado} ${f.ilegibles.join(',')}`);
        }
        for (const c of r.presupuesto) t.lines.push(`   cap ${c.capitulo} ${c.descripcion} ${c.autorizado} ${c.modificado} ${c.devengado} ${c.validacion.estado}`);
      }
    }
    for (const m of doc.mensajes) t.lines.push(`  msg p${m.pagina} ${m.codigo} ${m.mensaje}`);
  } catch (err) {
    t.lines.push(`failed: ${(err as Error).message}`);
  }
  console.log(`${f}: ${t.exact}/${t.n} exact (${((100 * t.exact) / Math.max(1, t.n)).toFixed(1)}%), ${t.flagged} flagged, ${t.silent} silent, ${t.lostRows} rows lost, ${t.extraRows} extra`);
  for (const l of t.lines) console.log(`  ${l}`);
  addAccuracy(total, { ...t, lines: [] });
}
console.log(`ALL: ${total.exact}/${total.n} exact (${((100 * total.exact) / Math.max(1, total.n)).toFixed(1)}%), ${total.flagged} flagged, ${total.silent} silent, ${total.lostRows} rows lost, ${total.extraRows} extra`);
await (real as OcrEngine | null)?.close();
