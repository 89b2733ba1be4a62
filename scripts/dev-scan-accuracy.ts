/**
 * Developer aid: the scanned fixtures through the whole pipeline, compared with
 * their goldens field by field, with OCR'd pages cached on disk
 * (out/ocr-cache/) so that work on layout and parsing does not wait for OCR.
 *
 *   npx tsx scripts/dev-scan-accuracy.ts [--only prefix] [--fresh] [--jobs N] [--verbose]
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
import { similarity } from '../src/6-normalize/text.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCANNED = path.join(ROOT, 'fixtures', 'scanned');
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

const NUM_FILA = ['programado_anual', 'realizado_anual', 'variacion_anual', 'avance_absoluto', 'avance_relativo'] as const;
const NUM_PER = ['programado', 'realizado', 'variacion'] as const;
const NUM_CAP = ['autorizado', 'modificado', 'devengado'] as const;

interface Tally {
  n: number;
  lost: number;
  exact: number;
  flagged: number;
  silent: number;
  lines: string[];
}

type GFila = GoldenDocumento['reportes'][number]['filas'][number];

/** Aligns two row lists by description (dynamic programming, order kept). Returns golden index → actual index. */
function alignRows(g: readonly GFila[], a: readonly GFila[]): Map<number, number> {
  const key = (f: GFila) => `${f.accion_clave ?? ''} ${f.descripcion.slice(0, 60)}`;
  const sim = g.map((gf) => a.map((af) => similarity(key(gf), key(af))));
  const n = g.length;
  const m = a.length;
  const best: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--) {
      const s = sim[i]![j]!;
      best[i]![j] = Math.max(best[i + 1]![j]!, best[i]![j + 1]!, s >= 0.5 ? s + best[i + 1]![j + 1]! : -Infinity);
    }
  const out = new Map<number, number>();
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    const s = sim[i]![j]!;
    if (s >= 0.5 && best[i]![j] === s + best[i + 1]![j + 1]!) {
      out.set(i++, j++);
    } else if (best[i]![j] === best[i + 1]![j]) i++;
    else j++;
  }
  return out;
}

function compare(g: GoldenDocumento, a: GoldenDocumento, t: Tally): void {
  const used = new Set<number>();
  g.reportes.forEach((gr, i) => {
    const k = a.reportes.findIndex((r, idx) => !used.has(idx) && r.formato === gr.formato && r.paginas.some((p) => gr.paginas.includes(p)));
    const ar = k >= 0 ? a.reportes[k] : undefined;
    if (k >= 0) used.add(k);
    if (!ar) t.lines.push(`missing report ${i} (${gr.formato} p${gr.paginas.join(',')})`);
    else if (ar.paginas.join() !== gr.paginas.join()) t.lines.push(`report ${i}: pages ${ar.paginas.join(',')} ≠ golden ${gr.paginas.join(',')}`);
    if (ar && ar.presupuesto.length !== gr.presupuesto.length) t.lines.push(`report ${i}: ${ar.presupuesto.length} capítulos ≠ golden ${gr.presupuesto.length}`);
    const check = (gv: unknown, av: unknown, flagged: boolean, where: string) => {
      if (gv === null && (av === null || av === undefined)) return;
      t.n++;
      if (gv === av) t.exact++;
      else if (flagged) {
        t.flagged++;
        if (verbose) t.lines.push(`  flagged ${where}: golden ${String(gv)} got ${String(av)}`);
      } else {
        t.silent++;
        t.lines.push(`  SILENT ${where}: golden ${String(gv)} got ${String(av)}`);
      }
    };
    const map = alignRows(gr.filas, ar?.filas ?? []);
    if (ar) {
      const matched = new Set(map.values());
      ar.filas.forEach((af, j) => {
        if (!matched.has(j)) t.lines.push(`  EXTRA row r${i} ${JSON.stringify(af.descripcion.slice(0, 40))} (${af.validacion.estado})`);
      });
    }
    gr.filas.forEach((gf, j) => {
      const idx = map.get(j);
      const af = idx === undefined ? undefined : ar?.filas[idx];
      const where = `r${i}.f${j}[${gf.accion_clave ?? gf.meta_clave ?? ''} ${gf.descripcion.slice(0, 20)}]`;
      if (!af) {
        t.lines.push(`  LOST row ${where}`);
        t.lost++;
      }
      const ileg = new Set(af?.ilegibles ?? []);
      const rowFlag = !af || af.validacion.estado !== 'ok';
      for (const k of NUM_FILA) check(gf[k], af?.[k], rowFlag || ileg.has(k), `${where}.${k}`);
      gf.periodos.forEach((gp, m) => {
        const ap = af?.periodos[m];
        for (const k of NUM_PER) check(gp[k], ap?.[k], rowFlag || ileg.has(`${gp.periodo}.${k}`), `${where}.${gp.periodo}.${k}`);
      });
      for (const k of ['accion_clave', 'unidad_medida', 'descripcion'] as const) {
        if (af && gf[k] !== af[k]) t.lines.push(`  text ${where}.${k}: ${JSON.stringify(gf[k])} got ${JSON.stringify(af[k])}`);
      }
    });
    gr.presupuesto.forEach((gc, j) => {
      const ac = ar?.presupuesto.find((c) => c.capitulo === gc.capitulo);
      const ileg = new Set(ac?.ilegibles ?? []);
      const rowFlag = !ac || ac.validacion.estado !== 'ok';
      for (const k of NUM_CAP) check(gc[k], ac?.[k], rowFlag || ileg.has(k), `r${i}.cap${gc.capitulo}.${k}`);
    });
    if (ar) {
      for (const f of ['ramo', 'programa', 'unidad', 'ejercicio', 'periodo_reportado'] as const) {
        if (JSON.stringify(gr[f]) !== JSON.stringify(ar[f])) t.lines.push(`  header r${i}.${f}: ${JSON.stringify(gr[f])} got ${JSON.stringify(ar[f])}`);
      }
      const rs = (x: typeof gr) => x.responsables.map((p) => `${p.nombre}/${p.cargo}`).join('; ');
      if (rs(gr) !== rs(ar)) t.lines.push(`  signers r${i}: ${rs(gr)} got ${rs(ar)}`);
    }
  });
  a.reportes.forEach((r, idx) => {
    if (!used.has(idx)) t.lines.push(`EXTRA report ${r.formato} p${r.paginas.join(',')} (${r.filas.length} filas)`);
  });
}

const total: Tally = { n: 0, lost: 0, exact: 0, flagged: 0, silent: 0, lines: [] };
const files = readdirSync(SCANNED).filter((f) => f.endsWith('.pdf') && (!only || f.startsWith(only))).sort();
for (const f of files) {
  const bytes = readFileSync(path.join(SCANNED, f));
  const sha = createHash('sha256').update(bytes).digest('hex');
  const t: Tally = { n: 0, lost: 0, exact: 0, flagged: 0, silent: 0, lines: [] };
  try {
    const doc = await extractDocument(bytes, { archivo: f, ocr: 'auto', ocrEngine: cachingEngine(sha), pagesAhead: jobs });
    const golden = JSON.parse(readFileSync(path.join(SCANNED, f.replace(/\.pdf$/, '.golden.json')), 'utf8')) as GoldenDocumento;
    compare(golden, toGolden(doc), t);
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
  console.log(`${f}: ${t.exact}/${t.n} exact (${((100 * t.exact) / Math.max(1, t.n)).toFixed(1)}%), ${t.flagged} flagged, ${t.silent} silent, ${t.lost} rows lost`);
  for (const l of t.lines) console.log(`  ${l}`);
  total.n += t.n;
  total.exact += t.exact;
  total.flagged += t.flagged;
  total.silent += t.silent;
  total.lost += t.lost;
}
console.log(`ALL: ${total.exact}/${total.n} exact (${((100 * total.exact) / Math.max(1, total.n)).toFixed(1)}%), ${total.flagged} flagged, ${total.silent} silent, ${total.lost} rows lost`);
await (real as OcrEngine | null)?.close();
