/**
 * Format module: AVANCE DEL (PRIMER|SEGUNDO|TERCER|CUARTO) TRIMESTRE.
 *
 * RAMO / PROGRAMA / UNIDAD RESPONSABLE lines, an ACTIVIDAD (code and name),
 * then per META a small table: META | UNIDAD DE MEDIDA | PROG. | REAL |
 * quarters 1–4 with Prog. and Real each; under it the Plan Municipal de
 * Desarrollo line (code and name, or `-1` / `null`) and the OBSERVACIONES Y/O
 * JUSTIFICACIÓN text.
 */
import { groupLines, type LaidOutPage, type Line } from '../3-layout/lines.js';
import type { Word } from '../ir/page.js';
import { cellText, cellWords, readRows, resolveColumns, type ColumnAnchor, type TableRow } from '../3-layout/table.js';
import type { Clave } from '../schema/document.js';
import { PERIODOS_TRIMESTRE } from '../schema/document.js';
import { clean, fold, similarity } from '../6-normalize/text.js';
import { afterLabel, anchorsFrom, placeAlternating, rowNumber, rowOrigen, splitClave, valueCount } from './shared/common.js';
import { headerBlock, periodoFromOrdinal, titleLines, yearIn } from './shared/header.js';
import { noteUnsure } from './shared/unsure.js';
import type { DraftFila, DraftReporte, FormatModule, Section } from '../5-parse/types.js';
import { isPercentage, validateFila } from '../7-validate/index.js';
import { inferenceNote, numbersIn, placeInOrder, totalFits } from './shared/placement.js';
import { parseNumber } from '../6-normalize/numbers.js';

const PMD = /^(-1|\d+\.\d+\.\d+)\b\s*(.*)$/;
/** A Prog./Real leaf label, with what OCR puts around it (`Prog,`, `«Real`). */
const LEAF = /^[^A-Z0-9]?(PROG|REAL)[.,:;]?$/;

/**
 * Which leaf a header word is: P (Prog.) or R (Real), also with one letter of it
 * misread or lost under a stamp (`ROG.`, `Pros.`, `REA`); null for any other word.
 */
export function leafKind(text: string): 'P' | 'R' | null {
  const f = fold(text);
  if (LEAF.test(f)) return /PROG/.test(f) ? 'P' : 'R';
  // (Marks OCR put at either end, a stamp's stroke: `Prog.[`, `Prog!`.)
  const core = f.replace(/^[^A-Z0-9]+/, '').replace(/[^A-Z0-9]+$/, '');
  if (!/^[A-Z]{3,5}$/.test(core)) return null;
  const p = similarity(core, 'PROG');
  const r = similarity(core, 'REAL');
  return p >= 0.75 && p > r ? 'P' : r >= 0.75 && r > p ? 'R' : null;
}
/** The label above the observations (not a line of text that happens to start with OBSERVACIONES). */
const OBS_LABEL = /^OBSERVACIONES\s*Y\s*\/?\s*O\b|JUSTIFICACION/;

export const avanceTrimestral: FormatModule = {
  formato: 'avance_trimestral',
  valueFields: () => [...FIELDS],
  refine,

  score(lp) {
    const top = lp.lines.slice(0, 8).map((l) => fold(l.text));
    if (top.some((t) => /^AVANCE DEL? (PRIMER|SEGUNDO|TERCER|CUARTO) TRIMESTRE/.test(t))) return 1;
    if (top.some((t) => /AVANCE DEL? \w+ TRIMESTRE/.test(t))) return 0.8;
    // The quarter's ordinal read, the rest under a stamp (`AVANCE DEL SEGUNDO TRI!`).
    if (top.some((t) => /AVANCE DEL? (PRIMER|SEGUNDO|TERCER|CUARTO)\b/.test(t) || /AVANCE DEL? \w+ TRI/.test(t))) return 0.75;
    // A title a stamp half covers (`L CUA! TO TRIMESTRE`): TRIMESTRE on top and the
    // form's own table heading below.
    if (top.some((t) => /TRIMESTRE/.test(t) && !/ESTIMACION|FISICO/.test(t)) && lp.lines.some((l) => isTableTop(l))) return 0.6;
    if (top.some((t) => /^AVANCE DEL?\b/.test(t) && !/FISICO/.test(t)) && lp.lines.some((l) => isTableTop(l))) return 0.6;
    // The whole title under a stamp (`AVAN( DEL TERCE! 'RIMESTRE`): the form's own table
    // heading, and its ACTIVIDAD label or its PROG. / REAL leaves.
    const all = lp.lines.map((l) => fold(l.text));
    if (lp.lines.some((l) => isTableTop(l)) && all.some((t) => /^ACTIVIDAD\b/.test(t) || /\bPROG\b\.?\s*REAL\b/.test(t))) return 0.55;
    return 0;
  },

  parse(lp) {
    const { page, lines } = lp;
    const title = titleLines(lines, 6);
    const titleLine = lines.slice(0, 8).find((l) => /AVANCE DEL? \w+ TRIMESTRE/.test(fold(l.text)));
    // Half the title under a stamp (`AVANCE DEL TERCER RIMI 2026`): year and quarter from what is left.
    const titleLike = titleLine ?? lines.slice(0, 8).find((l) => /^AVANCE DEL?\b/.test(fold(l.text)) && !/FISICO/.test(fold(l.text)));
    const tables = lines.map((l, i) => (isTableTop(l) ? i : -1)).filter((i) => i >= 0);
    const firstTable = tables[0] ?? lines.length;
    const actIdx = lines.findIndex((l, i) => i < firstTable && /^ACTIVIDAD\b/.test(fold(l.text)));
    const block = headerBlock(lines.slice(0, actIdx >= 0 ? actIdx : firstTable), {
      ramo: ['RAMO'],
      programa: ['PROGRAMA'],
      unidad: ['UNIDAD RESPONSABLE', 'UNIDAD EJECUTORA'],
    });
    const header: Section['header'] = {
      ente: title.ente,
      dependencia: title.dependencia,
      titulo: titleLine ? clean(titleLine.text) : 'AVANCE TRIMESTRAL',
      formulario: null,
      ejercicio: titleLike ? yearIn(titleLike.text) : null,
      periodo_reportado: titleLike ? periodoFromOrdinal(titleLike.text) : null,
      fecha: null,
    };
    if (block.has('ramo')) header.ramo = block.get('ramo')![0] ?? null;
    if (block.has('programa')) header.programa = block.get('programa')![0] ?? null;
    if (block.has('unidad')) header.unidad = block.get('unidad')![0] ?? null;

    const filas: DraftFila[] = [];
    const lineas: Clave[] = [];
    const avisos: NonNullable<Section['avisos']> = [];
    let actividad: Clave | null = null;
    // Observations at the top of a page, before any table, end the meta of the page before.
    const carried: Carried = { lineas_accion: [], observaciones: observationsBefore(lines, firstTable) };
    // Walk the page: ACTIVIDAD lines set the activity of the tables below them.
    const starts = [...tables, lines.length];
    let scanFrom = 0;
    for (let t = 0; t < tables.length; t++) {
      const top = tables[t]!;
      const act = activityBetween(lines, scanFrom, top);
      if (act) actividad = act;
      const end = starts[t + 1]!;
      const read = readMeta(lp, top, end);
      // Numbers under a table whose header could not be read: say so, rather than lose them quietly.
      if (read.unread && lines.slice(top + 1, end).some((l) => valueCount(l.words) >= 3)) {
        avisos.push({ codigo: 'POA_TABLE_UNREAD', mensaje: `a META table (line ${top + 1}) was not read: its column headers are unreadable` });
      }
      for (const f of read.filas) {
        f.actividad = actividad;
        filas.push(f);
      }
      for (const l of read.lineas) if (!lineas.some((x) => x.clave === l.clave)) lineas.push(l);
      if (filas.length === 0) {
        carried.lineas_accion.push(...read.carried.lineas_accion);
        carried.observaciones ??= read.carried.observaciones;
      }
      scanFrom = read.lastLine;
    }
    if (lineas.length > 0) header.lineas_accion = lineas;
    const section: Section = { formato: 'avance_trimestral', pagina: page.number, header, filas, presupuesto: [], responsables: [], avisos };
    if (carried.lineas_accion.length > 0 || carried.observaciones) section.previousRow = carried;
    return [section];
  },
};

/** The OBSERVACIONES label and its text above the first table of a page, if any. */
function observationsBefore(lines: readonly Line[], firstTable: number): string | null {
  const i = lines.findIndex((l, k) => k < firstTable && OBS_LABEL.test(fold(l.text)));
  if (i < 0) return null;
  const parts: string[] = [];
  const rest = clean(lines[i]!.text.replace(/^\s*OBSERVACIONES\s+Y\s*\/\s*O\s+JUSTIFICACI[OÓ]N\s*:?/i, ''));
  if (rest) parts.push(rest);
  for (let k = i + 1; k < firstTable; k++) {
    if (/^ACTIVIDAD\b/.test(fold(lines[k]!.text))) break;
    parts.push(lines[k]!.text);
  }
  return clean(parts.join(' ')) || null;
}

function isTableTop(l: Line): boolean {
  const f = fold(l.text);
  return /CALENDARIZACION|METAS ESPERADAS/.test(f);
}

/** `ACTIVIDAD` then `1 Dirigir …` (or both on one line) between two lines. */
function activityBetween(lines: readonly Line[], from: number, to: number): Clave | null {
  for (let i = from; i < to; i++) {
    const rest = afterLabel(lines[i]!.text, ['ACTIVIDAD']);
    if (rest === null) continue;
    const parts = [rest, ...lines.slice(i + 1, to).map((l) => l.text)].filter((s) => s.trim() !== '');
    // Stop at a line that is neither the activity's name nor its continuation.
    const text = clean(parts.filter((p) => !OBS_LABEL.test(fold(p))).join(' '));
    return splitClave(text);
  }
  return null;
}

interface MetaRead {
  /** The table's header could not be read (its leaves under a stamp): its rows are not. */
  unread?: boolean;
  filas: DraftFila[];
  lineas: Clave[];
  lastLine: number;
  /** What a table without a values row holds for the meta before it (cut by a page break). */
  carried: Carried;
}

interface Carried {
  lineas_accion: string[];
  observaciones: string | null;
}

/** Reads one META table starting at line `top` (its first header line), up to line `end`. */
function readMeta(lp: LaidOutPage, top: number, end: number): MetaRead {
  const { page, lines } = lp;
  // Header: from `top` down to the line with the Prog./Real leaves.
  // A leaf the OCR could not read (an illegible cell in the leaves' row) still holds its place.
  const isLeaf = (w: Word) => leafKind(w.text) !== null;
  const leafLike = (l: Line) => l.words.filter((w) => isLeaf(w) || (w.illegible && l.words.some(isLeaf)));
  // (Up to ten lines down: OCR may give each stacked label of the header a line of its
  // own, seven on a held-out scan, where the text layer has four.)
  // (Five read will do where unreadable boxes among them make six: a stamp over the leaves of
  // two quarters, the annual pair on a line of its own above.)
  let leafIdx = -1;
  for (let i = top; i < Math.min(end, top + 10); i++) {
    const leaves = lines[i]!.words.filter(isLeaf).length;
    if (leaves >= 6 || (leaves >= 5 && leafLike(lines[i]!).length >= 6)) {
      leafIdx = i;
      break;
    }
  }
  // Four read on a line under the quarter numbers (a stamp over the last quarters' leaves):
  // the numbers read over the pairs place the others, or nothing is placed (see placeLeaves).
  const quarterNumbers = (from: number, to: number) => lines.slice(from, to).flatMap((l) => l.words).filter((w) => /^[1-4]$/.test(w.text.trim())).length;
  for (let i = top; leafIdx < 0 && i < Math.min(end, top + 10); i++) {
    if (lines[i]!.words.filter(isLeaf).length >= 4 && quarterNumbers(top, i) >= 2) leafIdx = i;
  }
  const obsIdx = lines.findIndex((l, i) => i > top && i < end && OBS_LABEL.test(fold(l.text)));
  if (leafIdx < 0) return { unread: true, filas: [], lineas: [], lastLine: end, carried: { lineas_accion: [], observaciones: null } };
  const headerLines = lines.slice(top, leafIdx + 1);
  const headerWords = headerLines.flatMap((l) => l.words);
  const anchors: ColumnAnchor[] = anchorsFrom(
    headerWords,
    [
      { key: 'meta', test: (f) => f === 'META' },
      { key: 'unidad', test: (f) => /UNIDAD|MEDIDA/.test(f) },
    ],
  );
  // Leaves, left to right: PROG. REAL (annual) then Prog. Real × 4 — by position.
  const found = headerLines.flatMap(leafLike).sort((a, b) => a.x0 - b.x0);
  // The quarter numbers over the leaves' pairs (`1 2 3 4`), where read: they place the leaves
  // when the annual pair is lost too.
  // (Not a figure OCR read with no confidence at all: the `4` of `META DE 4`, a stamp's
  // mark beside the META label, put a fourth quarter over the annual leaves.)
  const quarters = headerLines
    .slice(0, -1)
    .flatMap((l) => l.words)
    .filter((w) => /^[1-4]$/.test(w.text.trim()) && (w.conf === undefined || w.conf > 0))
    .map((w) => ({ q: Number(w.text.trim()), cx: (w.x0 + w.x1) / 2 }));
  // (All ten read, an unreadable box in their row is none of them: `1¿`, a stamp's mark
  // under the quarter number, between two leaves put every leaf after it off by one.)
  const read = found.filter(isLeaf);
  const leaves = read.length >= 10 ? read.slice(0, 10) : found.length >= 10 ? found.slice(0, 10) : placeLeaves(found, 10, quarters);
  if (!leaves) return { unread: true, filas: [], lineas: [], lastLine: end, carried: { lineas_accion: [], observaciones: null } };
  const keys = ['prog', 'real', ...PERIODOS_TRIMESTRE.flatMap((q) => [`${q}.P`, `${q}.R`])];
  leaves.forEach((w, i) => anchors.push({ key: keys[i]!, x0: w.x0, x1: w.x1 }));

  const bodyEnd = obsIdx >= 0 ? lines[obsIdx]!.y0 - 0.5 : end < lines.length ? lines[end]!.y0 - 0.5 : page.height;
  // Some transcripts print the Prog./Real leaves on the same line as the meta's values.
  const leafLine = lines[leafIdx]!;
  const leafSet = new Set(leaves);
  // (Not an unreadable box there, a stamp's mark among the leaves, nor a leaf: placed ones are
  // boxes of their own, not the words read.)
  const leafLineHasData = leafLine.words.some((w) => !leafSet.has(w) && !w.illegible && !isLeaf(w));
  const region = { x0: 0, y0: leafLineHasData ? leafLine.y0 - 0.5 : leafLine.y1 + 0.5, x1: page.width, y1: bodyEnd };
  // The META label under a stamp: the meta column is the first one, from the body's left edge
  // (left of UNIDAD DE MEDIDA's; that label unread too, of the annual PROG. leaf's, when all ten
  // leaves were read and none placed: the meta's column then takes all the text left of the
  // figures, the unit's words with it, so that none of them falls in PROG.'s cell).
  const unidad = anchors.find((a) => a.key === 'unidad');
  const unidadAnchor = unidad ?? (read.length >= 10 ? anchors.find((a) => a.key === 'prog') : undefined);
  if (!anchors.some((a) => a.key === 'meta') && unidadAnchor) {
    const left = page.words.filter((w) => (w.y0 + w.y1) / 2 > region.y0 && (w.y0 + w.y1) / 2 < region.y1 && w.x1 < unidadAnchor.x0);
    if (left.length > 0) {
      const x0 = Math.min(...left.map((w) => w.x0));
      const text = left.filter((w) => /\p{L}/u.test(w.text));
      anchors.push({ key: 'meta', x0, x1: unidad || text.length === 0 ? x0 + 1 : Math.max(...text.map((w) => w.x1)) });
    }
  }
  const columns = resolveColumns(page, anchors, region);
  const rows = readRows(page, columns, region, {
    anchor: 'meta',
    isRowStart: (t) => PMD.test(t.trim()),
    skip: (w) => leafSet.has(w) || leafKind(w.text) !== null,
  });

  const filas: DraftFila[] = [];
  const lineas: Clave[] = [];
  const carried: Carried = { lineas_accion: [], observaciones: null };
  for (const row of rows) {
    const text = cellText(row, 'meta');
    const pmd = PMD.exec(text);
    const hasNumbers = keys.some((k) => parseNumber(cellText(row, k)).kind === 'number');
    if (pmd && !hasNumbers) {
      // The Plan Municipal de Desarrollo line of the meta above.
      const rest = clean([pmd[2] ?? '', ...columns.filter((c) => c.key !== 'meta').map((c) => cellText(row, c.key))].join(' '));
      const last = filas[filas.length - 1];
      if (pmd[1] !== '-1') {
        // A table cut by a page break: the line belongs to the meta on the page before.
        if (last) last.lineas_accion.push(pmd[1]!);
        else carried.lineas_accion.push(pmd[1]!);
        lineas.push({ clave: pmd[1]!, nombre: rest && rest !== 'null' ? rest : null });
      }
      continue;
    }
    // Nothing at all in the number columns: no meta (a PMD `-1` misread as `1`, a label
    // a stamp garbled, specks). A meta whose numbers could not be read still has
    // its illegible words there.
    if (!NUMERIC.some((k) => cellWords(row, k).length > 0)) continue;
    filas.push(toFila(lp, row, columns.map((c) => c.key)));
  }
  // Observaciones: the text after the label, up to the next table or ACTIVIDAD.
  let lastLine = end;
  if (obsIdx >= 0) {
    const obsLines: string[] = [];
    const label = lines[obsIdx]!;
    const rest = clean(label.text.replace(/^\s*OBSERVACIONES\s+Y\s*\/\s*O\s+JUSTIFICACI[OÓ]N\s*:?/i, ''));
    if (rest && !OBS_LABEL.test(fold(rest))) obsLines.push(rest);
    let i = obsIdx + 1;
    for (; i < end; i++) {
      if (/^ACTIVIDAD\b/.test(fold(lines[i]!.text))) break;
      obsLines.push(lines[i]!.text);
    }
    lastLine = i;
    const obs = clean(obsLines.join(' '));
    const last = filas[filas.length - 1];
    if (last && obs) last.observaciones = obs;
    else if (obs) carried.observaciones = obs;
  }
  return { filas, lineas, lastLine, carried };
}

/**
 * The n Prog./Real leaves (PROG, REAL, PROG, REAL …, evenly spaced) when some
 * could not be read: see placeAlternating. `quarters`: the quarter numbers read
 * over the leaves (`2 3 4`), each centred over its quarter's pair (slots 2q, 2q + 1).
 */
export function placeLeaves(found: readonly Word[], n: number, quarters: ReadonlyArray<{ q: number; cx: number }> = []): Array<{ x0: number; x1: number }> | null {
  const place = (ws: readonly Word[]) =>
    placeAlternating(
      ws,
      n,
      (w) => leafKind(w.text) === 'P',
      quarters.map(({ q, cx }) => ({ slot: 2 * q, cx })),
    );
  // (An unreadable cell in the leaves' row holds a leaf's place, but its box may be a stamp's,
  // wider than a leaf: where the placement fails with it, the leaves read alone may place it.)
  const read = found.filter((w) => leafKind(w.text) !== null);
  const placed = place(found) ?? (read.length < found.length ? place(read) : null);
  if (placed || quarters.length < 2) return placed;
  // The annual pair stands at a spacing of its own: where one of its leaves read does not
  // place at one step with the quarters' (the other under a stamp), the quarters' leaves
  // alone do, where the quarter numbers read over their pairs (two at least) say so.
  const cx = (b: { x0: number; x1: number }) => (b.x0 + b.x1) / 2;
  for (const k of [1, 2]) {
    const at = place(read.slice(k));
    if (at && quarters.every(({ q, cx: mark }) => mark > cx(at[2 * q]!) && mark < cx(at[2 * q + 1]!))) return at;
  }
  return null;
}

/** A transcript row's printed numbers in reading order, for placement by arithmetic. */
const printedNumbers = new WeakMap<DraftFila, number[]>();
const NUMERIC = ['prog', 'real', ...PERIODOS_TRIMESTRE.flatMap((q) => [`${q}.P`, `${q}.R`])];
/** A row's value fields, by the names `ilegibles` uses, in the order of NUMERIC. */
const FIELDS = ['programado_anual', 'realizado_anual', ...PERIODOS_TRIMESTRE.flatMap((q) => [`${q}.programado`, `${q}.realizado`])];

/**
 * Transcript rows whose cells as read do not add up: the printed numbers go
 * into PROG. / REAL / Prog. and Real per quarter by the arithmetic.
 */
function refine(r: DraftReporte): void {
  for (const f of r.filas) {
    const tokens = printedNumbers.get(f);
    if (!tokens || validateFila(r, f).estado === 'ok') continue;
    const pct = isPercentage(f);
    const got = placeInOrder(tokens, 10, (v) => totalFits(v[0]!, [v[2]!, v[4]!, v[6]!, v[8]!], pct) && totalFits(v[1]!, [v[3]!, v[5]!, v[7]!, v[9]!], pct));
    if (!got) continue;
    f.programado_anual = got.values[0] ?? null;
    f.realizado_anual = got.values[1] ?? null;
    f.periodos = f.periodos.map((p, q) => ({ ...p, programado: got.values[2 + 2 * q] ?? null, realizado: got.values[3 + 2 * q] ?? null }));
    f.ilegibles = got.ambiguous.map((i) => FIELDS[i]!);
    f.origen = { ...f.origen, inferido: inferenceNote(got.dropped, f.ilegibles) };
  }
}

function toFila(lp: LaidOutPage, row: TableRow, keys: string[]): DraftFila {
  const ilegibles: string[] = [];
  const unsure = new Map<string, number>();
  const num = (key: string, field: string) => {
    const c = rowNumber(row, key);
    if (c.ilegible) ilegibles.push(field);
    if (c.unsure !== undefined) unsure.set(field, c.unsure);
    return c.value;
  };
  // A transcript may shift the PMD code into the unit's cell: `PROGRAMA DE PROMOCION 1.3.4`.
  let unidad = cellText(row, 'unidad');
  const shifted = /^(.*\S)\s+(\d+\.\d+\.\d+)$/.exec(unidad);
  const lineasAccion: string[] = [];
  if (shifted && lp.page.source === 'transcripcion') {
    unidad = shifted[1]!;
    lineasAccion.push(shifted[2]!);
  }
  const fila: DraftFila = {
    tipo: 'meta',
    actividad: null,
    meta_clave: null,
    meta: null,
    accion_clave: null,
    descripcion: cellText(row, 'meta'),
    unidad_medida: unidad || null,
    lineas_accion: lineasAccion,
    programado_anual: num('prog', 'programado_anual'),
    realizado_anual: num('real', 'realizado_anual'),
    variacion_anual: null,
    avance_absoluto: null,
    avance_relativo: null,
    periodos: PERIODOS_TRIMESTRE.map((q) => ({
      periodo: q,
      programado: num(`${q}.P`, `${q}.programado`),
      realizado: num(`${q}.R`, `${q}.realizado`),
      variacion: null,
    })),
    observaciones: null,
    ilegibles,
    origen: rowOrigen(lp.page, row, keys),
  };
  for (const [field, v] of unsure) noteUnsure(fila, field, v);
  if (lp.page.source === 'transcripcion') {
    const words = NUMERIC.flatMap((key) => cellWords(row, key));
    printedNumbers.set(fila, numbersIn(groupLines(words).flatMap((l) => l.words.map((w) => w.text))));
  }
  return fila;
}
