/**
 * Stage 5 — parse: classified pages → draft reports.
 *
 * Each page is parsed by its format module into sections; consecutive sections
 * of one report (same formato and identity, or a continuation page that prints
 * no identity) are joined, so a table that runs onto the next page continues
 * the same report.
 */
import type { ClassifiedPage } from '../4-classify/index.js';
import { formatModule } from '../formats/index.js';
import { valueCount } from '../formats/shared/common.js';
import type { Clave, Mensaje } from '../schema/document.js';
import { clean, fold, similarity } from '../6-normalize/text.js';
import type { DraftFila, DraftReporte, Section } from './types.js';
import { confirmByArithmetic, valueOf } from '../7-validate/index.js';
import { isNumberText } from '../6-normalize/numbers.js';
import { unsureReadings } from '../formats/shared/unsure.js';

export function parsePages(pages: readonly ClassifiedPage[], mensajes: Mensaje[] = []): DraftReporte[] {
  const reports: DraftReporte[] = [];
  let current: DraftReporte | null = null;
  for (const page of pages) {
    if (!page.formato) {
      current = null;
      continue;
    }
    const sections = formatModule(page.formato).parse(page, page.previous);
    for (const s of sections) {
      for (const a of s.avisos ?? []) mensajes.push({ pagina: s.pagina, codigo: a.codigo, nivel: 'aviso', mensaje: `${page.page.file}: page ${s.pagina}: ${a.mensaje}` });
    }
    // Lines of numbers on a page that gave no row at all (its table header unreadable
    // and not even its heading found): say so, rather than lose them quietly.
    const read = sections.some((s) => s.filas.length > 0 || s.presupuesto.length > 0 || (s.avisos?.length ?? 0) > 0);
    const numberLines = page.lines.filter((l) => valueCount(l.words) >= 4).length;
    if (!read && numberLines >= 2) {
      mensajes.push({
        pagina: page.page.number,
        codigo: 'POA_TABLE_UNREAD',
        nivel: 'aviso',
        mensaje: `${page.page.file}: page ${page.page.number}: ${numberLines} lines of numbers were not read into any row (the table's headers are unreadable)`,
      });
    }
    for (const [i, section] of sections.entries()) {
      // A page's second section and after: the format module split them apart on purpose.
      if (current && i === 0 && continues(current, section)) merge(current, section);
      else {
        current = start(section);
        reports.push(current);
      }
    }
  }
  for (const r of reports) {
    carryContext(r);
    formatModule(r.formato).refine?.(r);
    // Figures read unsurely that the row's arithmetic bears out.
    for (const f of r.filas) confirmByArithmetic(r, f, unsureReadings(f));
    const fields = formatModule(r.formato).valueFields;
    if (fields) for (const f of r.filas) markUnplacedFigures(f, fields(f));
    dropStrayRows(r, pages[0]?.page.file ?? '', mensajes);
  }
  const kept = reports.filter((r) => r.filas.length > 0 || r.presupuesto.length > 0 || r.programa !== null);
  for (const r of kept) {
    // A report whose ramo, programa and unit were all unread (a stamp over the header's labels):
    // its rows are kept, and the reader is told why they name no ramo, programa nor unit.
    if (r.ramo || r.programa || r.unidad) continue;
    const pp = r.paginas.length > 1 ? `pages ${r.paginas[0]}-${r.paginas[r.paginas.length - 1]}` : `page ${r.paginas[0]}`;
    mensajes.push({
      pagina: r.paginas[0]!,
      codigo: 'POA_HEADER_UNREAD',
      nivel: 'aviso',
      mensaje: `${pages[0]?.page.file ?? ''}: ${pp}: the report's ramo, programa and unit could not be read; its rows are kept without them`,
    });
  }
  return kept;
}

/**
 * A row whose own text shows figures while none of its value fields holds one: the
 * figures were read but not placed in the columns (its lines' measure labels
 * unread, say, so that no line could be told PROGRAMADO from REALIZADO). Its values
 * are unknown, not empty: every value field is marked ilegible, and the row cannot
 * pass as `ok` with nulls where the page prints numbers. (The row's own codes, the
 * `1` of `1 - ATENDER …`, are no values, nor is a dash; a row printed empty shows no figures.)
 */
export function markUnplacedFigures(f: DraftFila, fields: readonly string[]): void {
  if (fields.length === 0 || f.ilegibles.length > 0 || fields.some((k) => valueOf(f, k) !== null)) return;
  const codes = [f.accion_clave, f.meta_clave].filter((c): c is string => c !== null);
  const figures = (f.origen.texto ?? '').split(/[\s|]+/).filter((t) => /\d/.test(t) && isNumberText(t));
  for (const c of codes) {
    const i = figures.indexOf(c);
    if (i >= 0) figures.splice(i, 1);
  }
  if (figures.length >= UNPLACED_FIGURES) f.ilegibles = [...fields];
}

/** A few letters or figures at most: `L -`, `Ear`, `2`, `..`. */
const scrap = (t: string | null) => (t ?? '').replace(/[^\p{L}\p{N}]/gu, '').length <= 3;

/**
 * A row of a scan with nothing of a row in it: no code, no value (nor one that could
 * not be read), no lines of action nor remarks, and a few letters or figures at most for
 * its text and its unit (`L -`, `Ear`, `2`). A stamp's letters or a scribble's strokes
 * beside a table, read as a row of their own; a row the form prints has a code or a text.
 * Its text may be longer when it has no unit and OCR read a word of it (its least sure,
 * `origen.confianza`) under half sure: `RECIO:` (44) of a stamp's RECIBIDO over acción
 * 1's text, above its figures. A row the form prints with no code, value nor unit is
 * none, so one doubted word is enough.
 */
export function strayRow(f: DraftFila): boolean {
  if (f.origen.fuente !== 'ocr' || f.accion_clave !== null || (f.actividad?.clave ?? null) !== null) return false;
  if (f.ilegibles.length > 0 || f.lineas_accion.length > 0 || f.observaciones !== null) return false;
  const values = [f.programado_anual, f.realizado_anual, f.variacion_anual, f.avance_absoluto, f.avance_relativo, ...f.periodos.flatMap((p) => [p.programado, p.realizado, p.variacion])];
  const doubted = f.unidad_medida === null && f.origen.confianza !== null && f.origen.confianza < DOUBTED_ROW;
  return values.every((v) => v === null) && (scrap(f.descripcion) || doubted) && scrap(f.unidad_medida);
}

/** An OCR confidence under which every word of a row is more likely a stamp's than print (see strayRow). */
const DOUBTED_ROW = 50;

/** Leaves out the report's stray rows (see strayRow), each with a warning that names its page. */
export function dropStrayRows(r: DraftReporte, file: string, mensajes: Mensaje[]): void {
  r.filas = r.filas.filter((f) => {
    if (!strayRow(f)) return true;
    mensajes.push({
      pagina: f.origen.pagina,
      codigo: 'POA_STRAY_ROW',
      nivel: 'aviso',
      mensaje: `${file}: page ${f.origen.pagina}: a row with no code, no value and no words (${JSON.stringify(f.origen.texto)}) was left out, a stamp's or a scribble's marks`,
    });
    return false;
  });
}

/** The fewest figures, besides its codes, that a row's text must show to be more than a row printed empty. */
const UNPLACED_FIGURES = 3;

const bareCode = (c: string) => c.replace(/^0+(?=\d)/, '');

/** Code `p` is code `q` read a figure short, at its end or at its start (bare codes, see bareCode). */
const figureShort = (p: string, q: string) => q.length === p.length + 1 && (q.startsWith(p) || q.endsWith(p));

/** Code `p` is a lone figure, the first of code `q` of three or more (`1` for 121, the rest under a stamp). No code printed is one figure. */
const startOnly = (p: string, q: string) => p.length === 1 && q.length >= 3 && q.startsWith(p);

function sameClave(a: Clave | null | undefined, b: Clave | null | undefined, othersAgree = false): boolean {
  if (!a || !b) return true;
  let short = false;
  if (a.clave && b.clave) {
    // (A code OCR read without its leading zero, `81` for 081, is the same code.)
    const [p, q] = [bareCode(a.clave), bareCode(b.clave)].sort((x, y) => x.length - y.length) as [string, string];
    if (p === q) return true;
    // A code read a figure short (`120 RECCIÓN` for 1201 DIRECCIÓN, its last figure run into
    // the name under a stamp; `201` for 1201, its first lost) is the same code only when
    // the names say so too. So is one read a figure long, leading zero and all (`1030` for
    // 030, a stamp's mark before it).
    const [rp, rq] = [a.clave, b.clave].sort((x, y) => x.length - y.length) as [string, string];
    // (Only its start read, `1 CON CCIÓN Y MANTENIMIENTO …` for 121 CONSTRUCCIÓN Y
    // MANTENIMIENTO …: the names must agree as for a name read without its code; a name
    // cut short as well tells nothing.)
    if (startOnly(rp, rq)) return similarNames(a, b);
    if (!figureShort(p, q) && !figureShort(rp, rq)) return false;
    short = true;
  }
  // One name read without its code (OCR): the same name, give or take a few characters (see
  // similarNames). With the code a figure short, a name cut short too, five letters or more,
  // that begins the other: `12 CONSTRU` for 121 CONSTRUCCIÓN Y MANTENIMIENTO …
  const na = letters(a.nombre ?? '');
  const nb = letters(b.nombre ?? '');
  const cut = short && Math.min(na.length, nb.length) >= 5 && (na.startsWith(nb) || nb.startsWith(na));
  // (With the code a figure off where the report's two other codes agree with the page's, names
  // that begin with the same kind of office will do: `1002 COORDINACIÓN RAPROGRAMAS LES`, a
  // stamp's mark before 002, against `002 COORDINACIÓN DE PROGRA!`.)
  const kind = officeKind(a.nombre);
  const alike = short && othersAgree && kind !== null && kind === officeKind(b.nombre);
  return cut || alike || similarNames(a, b);
}

/**
 * Two names alike but for OCR's damage: the same, one inside the other (a stamp's specks:
 * `'AS PÚBLICAS` is the end of DIRECCIÓN DE OBRAS PÚBLICAS), 80% the same, or three quarters
 * of the shorter in one piece of the other (a value that ran on into the lines under it, its
 * label's start under a stamp: `INA DEL TITULAR RECIBIDO 0 APOYO …` is OFICINA DEL TITULAR).
 */
function similarNames(a: Clave, b: Clave): boolean {
  const na = letters(a.nombre ?? '');
  const nb = letters(b.nombre ?? '');
  const shorter = Math.min(na.length, nb.length);
  return na === nb || (shorter >= 8 && (na.includes(nb) || nb.includes(na) || similarity(na, nb) >= 0.8 || commonRun(na, nb) >= Math.max(10, 0.75 * shorter)));
}

/** A name's letters and figures, folded, each run of anything else one space. */
const letters = (s: string) => clean(fold(s).replace(/[^A-Z0-9 ]/g, ' '));

/** The length of the longest run of characters two strings share. */
export function commonRun(a: string, b: string): number {
  let best = 0;
  let prev = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const row = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++) {
      if (a[i - 1] !== b[j - 1]) continue;
      row[j] = prev[j - 1]! + 1;
      if (row[j]! > best) best = row[j]!;
    }
    prev = row;
  }
  return best;
}

function continues(r: DraftReporte, s: Section): boolean {
  if (r.formato !== s.formato) return false;
  // Signatures close a report: a page after them that repeats the signature block is another.
  if (r.responsables.length > 0 && s.responsables.length > 0) return false;
  const h = s.header;
  const hasIdentity = Boolean(h.ramo || h.programa || h.unidad);
  // A page that names nothing continues the report's table, unless the report is signed: a
  // table that goes on to another page has its signatures at the end, so the page after them
  // starts another report whose ramo, programa and unit a stamp left unread (its rows had
  // been given the unit of the report before).
  if (!hasIdentity) return r.responsables.length === 0;
  // A page that names its ramo, programa or unit where the report so far could not be read
  // (a stamp over the first page's UNIDAD EJECUTORA) is no continuation of a report already
  // signed: nothing says it is the same, and joining it would give the report's rows this
  // page's unit. A report not signed yet goes on (its table runs onto this page).
  // (Unread: none at all, or no code and a few letters of the label for a name: `ECUTO!`.)
  const unread = (a: Clave | null) => a === null || (!a.clave && letters(a.nombre ?? '').replace(/ /g, '').length < 8);
  const unknownBefore = (a: Clave | null, b: Clave | null | undefined) => unread(a) && !!b && !!(b.clave || b.nombre);
  const signed = r.responsables.length > 0;
  if (signed && (unknownBefore(r.ramo, h.ramo) || unknownBefore(r.programa, h.programa) || unknownBefore(r.unidad, h.unidad))) return false;
  // Where two of ramo, programa and unit agree by code, a third whose code is unread on
  // either side (its name under a stamp: `SEQUINL 1/0 TRIMESTRE 2026 RECIBIDO`) is no other.
  const pairs: Array<[Clave | null, Clave | null | undefined]> = [
    [r.ramo, h.ramo],
    [r.programa, h.programa],
    [r.unidad, h.unidad],
  ];
  // (Not when both names say what kind of office they are, and the kinds differ: `DEPARTAMENTO
  // DE PROYECTOS` under a report of the DIRECCIÓN DE OBRAS PÚBLICAS is another unit.)
  const byCode = pairs.filter(([a, b]) => !!a?.clave && !!b?.clave && bareCode(a.clave) === bareCode(b.clave)).length;
  return pairs.every(([a, b]) => sameClave(a, b, byCode >= 2) || (byCode >= 2 && (!a?.clave || !b?.clave) && !otherKind(a?.nombre, b?.nombre)));
}

/** Words that begin the name of an office and say what kind it is. */
const OFFICE_KINDS = ['DIRECCION', 'SUBDIRECCION', 'DEPARTAMENTO', 'COORDINACION', 'OFICINA', 'JEFATURA', 'UNIDAD', 'SECRETARIA', 'SINDICATURA', 'TESORERIA', 'INSTITUTO', 'DELEGACION'];

/** The kind of office a name begins with (one of OFFICE_KINDS, a letter or so off), if any. */
function officeKind(name: string | null | undefined): string | null {
  const first = fold(name ?? '').split(/\s+/)[0]!.replace(/[^A-Z]/g, '');
  if (first.length < 6) return null;
  return OFFICE_KINDS.find((k) => similarity(first, k) >= 0.85) ?? null;
}

/** Two names of offices of different kinds (DIRECCIÓN …, DEPARTAMENTO …). */
function otherKind(a: string | null | undefined, b: string | null | undefined): boolean {
  const ka = officeKind(a);
  const kb = officeKind(b);
  return ka !== null && kb !== null && ka !== kb;
}

function start(s: Section): DraftReporte {
  const h = s.header;
  return {
    formato: s.formato,
    paginas: [s.pagina],
    ente: h.ente ?? null,
    dependencia: h.dependencia ?? null,
    titulo: h.titulo ?? '',
    formulario: h.formulario ?? null,
    ejercicio: h.ejercicio ?? null,
    periodo_reportado: h.periodo_reportado ?? null,
    fecha: h.fecha ?? null,
    ramo: h.ramo ?? null,
    programa: h.programa ?? null,
    unidad: h.unidad ?? null,
    finalidad: h.finalidad ?? null,
    funcion: h.funcion ?? null,
    subfuncion: h.subfuncion ?? null,
    ejes: h.ejes ?? [],
    lineas_accion: h.lineas_accion ?? [],
    fin: h.fin ?? null,
    proposito: h.proposito ?? null,
    responsables: [...s.responsables],
    filas: [...s.filas],
    presupuesto: [...s.presupuesto],
  };
}

/** Fields a continuation page may fill in when the first page left them empty. */
function merge(r: DraftReporte, s: Section): void {
  if (!r.paginas.includes(s.pagina)) r.paginas.push(s.pagina);
  const last = r.filas[r.filas.length - 1];
  if (last && s.previousRow) {
    for (const c of s.previousRow.lineas_accion) if (!last.lineas_accion.includes(c)) last.lineas_accion.push(c);
    if (s.previousRow.observaciones) last.observaciones = last.observaciones ? `${last.observaciones} ${s.previousRow.observaciones}` : s.previousRow.observaciones;
  }
  const h = s.header;
  r.ente ??= h.ente ?? null;
  r.dependencia ??= h.dependencia ?? null;
  r.ejercicio ??= h.ejercicio ?? null;
  r.periodo_reportado ??= h.periodo_reportado ?? null;
  r.fecha ??= h.fecha ?? null;
  // (A name read without its code gives way to the page's, code and all; so does a code
  // read without its leading zero, or a figure short.)
  const better = (a: Clave | null, b: Clave | null | undefined) => {
    if (!b?.clave) return a ?? b ?? null;
    const [ba, bb] = [bareCode(a?.clave ?? ''), bareCode(b.clave)];
    if (!a?.clave || (ba === bb && b.clave.length > a.clave.length) || figureShort(ba, bb) || startOnly(a.clave, b.clave)) return b;
    return a;
  };
  r.ramo = better(r.ramo, h.ramo);
  r.programa = better(r.programa, h.programa);
  r.unidad = better(r.unidad, h.unidad);
  r.finalidad ??= h.finalidad ?? null;
  r.funcion ??= h.funcion ?? null;
  r.subfuncion ??= h.subfuncion ?? null;
  r.fin ??= h.fin ?? null;
  r.proposito ??= h.proposito ?? null;
  if (r.ejes.length === 0 && h.ejes) r.ejes = h.ejes;
  for (const l of h.lineas_accion ?? []) if (!r.lineas_accion.some((x) => x.clave === l.clave)) r.lineas_accion.push(l);
  r.filas.push(...s.filas);
  r.presupuesto.push(...s.presupuesto);
  r.responsables.push(...s.responsables);
}

/**
 * Context that a continuation page does not repeat: the ACTIVIDAD of
 * avance_trimestral rows and the Meta of estimación rows carry over from the
 * row before; TMM-F004 acciones take the meta of their x00 block.
 */
function carryContext(r: DraftReporte): void {
  let actividad: Clave | null = null;
  let meta: { clave: string | null; texto: string | null } = { clave: null, texto: null };
  for (const f of r.filas) {
    if (r.formato === 'avance_trimestral') {
      if (f.actividad) actividad = f.actividad;
      else f.actividad = actividad;
    } else if (r.formato === 'estimacion_avances') {
      if (f.meta_clave || f.meta) meta = { clave: f.meta_clave, texto: f.meta };
      else {
        f.meta_clave = meta.clave;
        f.meta = meta.texto;
      }
    } else if (r.formato === 'avance_fisico_programatico') {
      // The rows after an x00 row are the acciones of its block.
      if (f.tipo === 'meta') meta = { clave: f.accion_clave, texto: f.descripcion };
      else if (meta.clave) {
        f.meta_clave = meta.clave;
        f.meta = meta.texto;
      }
    }
  }
}
