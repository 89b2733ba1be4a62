/**
 * Digital fixture generator (`npm run fixtures`).
 *
 * Renders text-layer PDFs of the four POA report formats from the typed data
 * in scripts/fixtures/data/ and writes, next to each PDF, its golden JSON
 * (`GoldenDocumento`, src/schema/golden.ts) built from the same data and from
 * where the renderer placed each row:
 *
 *   fixtures/digital/<name>.pdf
 *   fixtures/digital/<name>.golden.json
 *
 * and, the same way, the stress fixtures (other fonts, margins, column widths,
 * vertical alignments, rulings; data/stress-*.ts) under fixtures/stress/, which
 * scripts/check-stress.ts compares with the extractor's output.
 *
 * Held-out documents (not fixtures): `--font REGULAR[,BOLD] --out DIR [name…]` draws the
 * named fixtures (all when none is named) with every style's font replaced by that font
 * file (TrueType or OpenType, embedded) into DIR, with their goldens; scan them with
 * `make-scans.ts ../<DIR>/<name>@300 --out …` to measure OCR on a font the fixtures do not use.
 *
 * Output is byte-for-byte deterministic. Before writing, every row's declared
 * deliberate failures are checked against its numbers (scripts/fixtures/reglas.ts).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, type PDFFont } from 'pdf-lib';
import { Reporte } from '../src/schema/document.js';
import type { GoldenDocumento, GoldenReporte } from '../src/schema/golden.js';
import { FIXTURES, STRESS } from './fixtures/data/index.js';
import { goldenReporte } from './fixtures/golden.js';
import { verificarReporte } from './fixtures/reglas.js';
import { renderAvanceTrimestral } from './fixtures/render/avance-trimestral.js';
import type { Colocacion } from './fixtures/render/comun.js';
import { renderEstimacion } from './fixtures/render/estimacion.js';
import { renderIdentificacion } from './fixtures/render/identificacion.js';
import { Lienzo } from './fixtures/render/lienzo.js';
import { renderTmm } from './fixtures/render/tmm.js';
import type {
  AvanceTrimestralData,
  EstimacionData,
  Fixture,
  IdentificacionData,
  ReporteData,
  Seccion,
  TmmData,
} from './fixtures/types.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
type Carpeta = 'digital' | 'stress';
const FECHA = new Date('2024-01-01T00:00:00.000Z');
const MAX_BYTES = Number(process.env.FIXTURES_MAX_BYTES ?? 100 * 1024);

function renderSeccion(l: Lienzo, s: Seccion): Colocacion[] {
  l.usar(s.estilo);
  const formatos = new Set(s.reportes.map((r) => r.formato));
  if (formatos.size !== 1) throw new Error('a section holds reports of one format');
  const first = s.reportes[0];
  if (!first) return [];
  switch (first.formato) {
    case 'identificacion_programa':
      return renderIdentificacion(l, s.reportes as IdentificacionData[]);
    case 'avance_trimestral':
      return renderAvanceTrimestral(l, s.reportes as AvanceTrimestralData[]);
    case 'estimacion_avances':
      return renderEstimacion(l, s.reportes as EstimacionData[]);
    case 'avance_fisico_programatico':
      return renderTmm(l, s.reportes as TmmData[]);
  }
}

/** Numbers printed as a dash: every 0 of the rows and chapters becomes null. */
function zerosToNull(r: GoldenReporte): GoldenReporte {
  const z = (v: number | null) => (v === 0 ? null : v);
  return {
    ...r,
    filas: r.filas.map((f) => ({
      ...f,
      programado_anual: z(f.programado_anual),
      realizado_anual: z(f.realizado_anual),
      variacion_anual: z(f.variacion_anual),
      avance_absoluto: z(f.avance_absoluto),
      avance_relativo: z(f.avance_relativo),
      periodos: f.periodos.map((p) => ({ ...p, programado: z(p.programado), realizado: z(p.realizado), variacion: z(p.variacion) })),
    })),
    presupuesto: r.presupuesto.map((c) => ({ ...c, autorizado: z(c.autorizado), modificado: z(c.modificado), devengado: z(c.devengado) })),
  };
}

/** Parses a golden report with the output schema (dummy provenance) to catch shape mistakes. */
function comprobarForma(archivo: string, r: GoldenReporte): void {
  const origen = { pagina: 1, bbox: [0, 0, 0, 0], fuente: 'texto', texto: '', confianza: null, inferido: null };
  const val = { estado: 'ok', comprobaciones: [] };
  const res = Reporte.safeParse({
    ...r,
    filas: r.filas.map(({ pagina: _p, validacion: _v, ...f }) => ({ ...f, validacion: val, origen })),
    presupuesto: r.presupuesto.map(({ pagina: _p, validacion: _v, ...c }) => ({ ...c, validacion: val, origen })),
  });
  if (!res.success) throw new Error(`${archivo}: golden report does not match the schema: ${res.error.message}`);
}

interface Otra {
  /** Font files: regular, bold. */
  font: [string, string];
  out: string;
}

async function generar(fx: Fixture, carpeta: Carpeta, otra?: Otra): Promise<string> {
  const OUT = otra ? otra.out : path.join(ROOT, 'fixtures', carpeta);
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.setTitle(`POA fixture ${fx.nombre}`);
  pdf.setSubject(fx.descripcion);
  pdf.setProducer('poa-extract fixtures (pdf-lib)');
  pdf.setCreator('scripts/make-fixtures.ts');
  pdf.setCreationDate(FECHA);
  pdf.setModificationDate(FECHA);
  let fuentes: [PDFFont, PDFFont] | undefined;
  if (otra) {
    pdf.registerFontkit(fontkit);
    fuentes = [await pdf.embedFont(readFileSync(otra.font[0]), { subset: true }), await pdf.embedFont(readFileSync(otra.font[1]), { subset: true })];
  }
  const l = new Lienzo(pdf, fuentes);
  const pares: [ReporteData, Colocacion, boolean][] = [];
  for (const s of fx.secciones) {
    const cols = renderSeccion(l, s);
    // A zero printed as a dash (accounting format) is no number on the page: the golden has null.
    const zeroAsDash = s.estilo?.cero !== undefined && !/\d/.test(s.estilo.cero);
    s.reportes.forEach((r, i) => {
      const c = cols[i];
      if (!c) throw new Error('missing placement');
      pares.push([r, c, zeroAsDash]);
    });
  }
  const archivo = `${carpeta}/${fx.nombre}.pdf`;
  const reportes = pares.map(([d, c, zeroAsDash]) => (zeroAsDash ? zerosToNull(goldenReporte(d, c)) : goldenReporte(d, c)));
  for (const r of reportes) {
    comprobarForma(archivo, r);
    verificarReporte(archivo, r);
  }
  const golden: GoldenDocumento = { archivo, reportes };
  const bytes = await pdf.save({ useObjectStreams: false, addDefaultPage: false });
  if (!otra && bytes.length > MAX_BYTES) throw new Error(`${archivo}: ${bytes.length} bytes, over ${MAX_BYTES}`);
  writeFileSync(path.join(OUT, `${fx.nombre}.pdf`), bytes);
  writeFileSync(path.join(OUT, `${fx.nombre}.golden.json`), `${JSON.stringify(golden, null, 2)}\n`);

  const filas = reportes.reduce((a, r) => a + r.filas.length, 0);
  const caps = reportes.reduce((a, r) => a + r.presupuesto.length, 0);
  const malas =
    reportes.reduce((a, r) => a + r.filas.filter((f) => f.validacion.estado === 'falla').length, 0) +
    reportes.reduce((a, r) => a + r.presupuesto.filter((c) => c.validacion.estado === 'falla').length, 0);
  return `${archivo}: ${pdf.getPageCount()} pages, ${reportes.length} reports, ${filas} rows + ${caps} budget chapters, ${malas} deliberately wrong, ${(bytes.length / 1024).toFixed(1)} KB`;
}

/** `--font REGULAR[,BOLD]` and `--out DIR` (held-out documents in another font), and the names given. */
function opciones(argv: readonly string[]): { otra?: Otra; nombres: string[] } {
  let font: string | undefined;
  let out: string | undefined;
  const nombres: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--font' || a === '--out') {
      const v = argv[++i];
      if (!v) throw new Error(`${a} needs a value`);
      if (a === '--font') font = v;
      else out = path.resolve(v);
    } else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else nombres.push(a);
  }
  if (!font && !out && nombres.length === 0) return { nombres };
  if (!font || !out) throw new Error('--font and --out go together (held-out documents in another font), with the fixture names, if any');
  const [regular, bold = regular] = font.split(',') as [string, string?];
  return { otra: { font: [regular, bold], out }, nombres };
}

async function main(): Promise<void> {
  const { otra, nombres: pedidos } = opciones(process.argv.slice(2));
  if (otra) {
    mkdirSync(otra.out, { recursive: true });
    const todos = [...FIXTURES.map((fx) => [fx, 'digital'] as const), ...STRESS.map((fx) => [fx, 'stress'] as const)];
    const desconocidos = pedidos.filter((n) => !todos.some(([fx]) => fx.nombre === n));
    if (desconocidos.length > 0) throw new Error(`no such fixture: ${desconocidos.join(', ')}`);
    for (const [fx, carpeta] of todos) if (pedidos.length === 0 || pedidos.includes(fx.nombre)) console.log(await generar(fx, carpeta, otra));
    return;
  }
  const nombres = new Set<string>();
  for (const [carpeta, lista] of [
    ['digital', FIXTURES],
    ['stress', STRESS],
  ] as const) {
    mkdirSync(path.join(ROOT, 'fixtures', carpeta), { recursive: true });
    for (const fx of lista) {
      if (nombres.has(fx.nombre)) throw new Error(`duplicate fixture ${fx.nombre}`);
      nombres.add(fx.nombre);
      console.log(await generar(fx, carpeta));
    }
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
