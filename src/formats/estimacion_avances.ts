/**
 * Format module: ESTIMACIÓN Y AVANCES DE ACCIÓN.
 *
 * `Ramo:` and `Programa:` lines (a new Programa can start mid-page), then per
 * `Meta: N - text` a table whose header carries the months 1–12; each acción
 * `N - text` takes three lines PROGRAMADO / REALIZADO / VARIACION, each with a
 * total and twelve months; negatives are printed in parentheses.
 */
import type { LaidOutPage, Line } from '../3-layout/lines.js';
import { cellText, charX, hasInnerRules, readRows, resolveColumns, verticalRuleXs, type Cell, type ColumnAnchor, type Column, type TableRow } from '../3-layout/table.js';
import type { Word } from '../ir/page.js';
import { PERIODOS_MES } from '../schema/document.js';
import { clean, fold, similarity } from '../6-normalize/text.js';
import { afterLabel, isValueWord, median, numberCell, rowOrigen, splitClave, valueCount } from './shared/common.js';
import { titleLines, withoutStrayTail, yearIn } from './shared/header.js';
import type { DraftFila, DraftReporte, FormatModule, Section } from '../5-parse/types.js';
import { isPercentage, validateFila } from '../7-validate/index.js';
import { groupLines } from '../3-layout/lines.js';
import { inferenceNote, numbersIn, placeInOrder, totalFits } from './shared/placement.js';
import { isNumberText } from '../6-normalize/numbers.js';
import { noteUnsure } from './shared/unsure.js';

const MEASURES = ['PROGRAMADO', 'REALIZADO', 'VARIACION'] as const;
type Measure = (typeof MEASURES)[number];
const ROW_START = /^\d+\s*[-–.]\s*\S/;

export const estimacionAvances: FormatModule = {
  formato: 'estimacion_avances',
  valueFields: (f) => ['programado_anual', 'realizado_anual', 'variacion_anual', ...f.periodos.flatMap((p) => [`${p.periodo}.programado`, `${p.periodo}.realizado`, `${p.periodo}.variacion`])],
  refine,

  score(lp) {
    const top = lp.lines.slice(0, 8).map((l) => fold(l.text));
    if (top.some((t) => /ESTIMACION Y AVANCES? DE ACCION/.test(t))) return 1;
    if (top.some((t) => /ESTIMACION Y AVANCE/.test(t))) return 0.8;
    // Half the title under a stamp: what is left of it, or the form's own month table.
    if (top.some((t) => /ESTIMACI\S* Y AVAN|Y AVANCES? DE ACCI/.test(t))) return 0.7;
    if (lp.lines.some((l) => isMonthHeader(l)) && lp.lines.some((l) => /PROGRAMADO/.test(fold(l.text))) && lp.lines.some((l) => /REALIZADO/.test(fold(l.text)))) return 0.55;
    return 0;
  },

  parse(lp) {
    const { page, lines } = lp;
    const title = titleLines(lines, 6);
    const titleLine = lines.slice(0, 8).find((l) => /ESTIMACION Y AVANCE/.test(fold(l.text)));
    // Half the title under a stamp: the year from what is left of it.
    const titleLike = titleLine ?? lines.slice(0, 8).find((l) => /ESTIMACI\S* Y AVAN|Y AVANCES? DE ACCI/.test(fold(l.text)));
    const base = {
      ente: title.ente,
      dependencia: title.dependencia,
      titulo: titleLine ? clean(titleLine.text) : 'ESTIMACIÓN Y AVANCES DE ACCIÓN',
      formulario: null,
      ejercicio: titleLike ? yearIn(titleLike.text) : null,
      periodo_reportado: null,
      fecha: null,
    };
    const sections: Section[] = [];
    let current: Section = { formato: 'estimacion_avances', pagina: page.number, header: { ...base }, filas: [], presupuesto: [], responsables: [] };
    sections.push(current);
    let ramo: ReturnType<typeof splitClave> | undefined;
    let meta: { clave: string | null; texto: string } | null = null;

    // Events down the page: Ramo, Programa, Meta lines and table headers.
    const events: Array<{ kind: 'ramo' | 'programa' | 'meta' | 'table'; idx: number; value?: string }> = [];
    // A Programa line whose label cannot be read (a stamp over it): `070 - PREVENCIÓN …`
    // on its own line between the title and the first Meta, when no Programa label is read there.
    const firstMeta = lines.findIndex((l) => META_VALUE.test(metaValue(l.text) ?? ''));
    const labelled = lines.some((l, i) => (firstMeta < 0 || i < firstMeta) && /^\d/.test(afterLabel(l.text, ['PROGRAMA']) ?? ''));
    lines.forEach((l, idx) => {
      // (Ramo and Programa values are one short line: words far right of them are a stamp's.)
      const short = withoutStrayTail(l).text;
      if (!labelled && idx < firstMeta && idx > 0 && afterLabel(l.text, ['RAMO']) === null) {
        const m = /(?:^|\s)(\d{3})\s*[-–]\s*(\S.*)$/.exec(short);
        if (m && !events.some((e) => e.kind === 'programa')) return void events.push({ kind: 'programa', idx, value: `${m[1]} - ${m[2]}` });
      }
      const r = afterLabel(short, ['RAMO']);
      if (r !== null && r !== '') return void events.push({ kind: 'ramo', idx, value: r });
      // Further down, a new programa whose label OCR lost (`082 - ATENCIÓN A LA JUVENTUD`): a line
      // of its own, its code first and no figure after it, right above a Meta line.
      const below = lines[idx + 1];
      if (below && idx > firstMeta && META_VALUE.test(metaValue(below.text) ?? '') && afterLabel(short, ['PROGRAMA']) === null && valueCount(l.words.slice(1)) === 0) {
        const m = /^(\d{3})\s*[-–]\s*(\p{L}.*)$/u.exec(short);
        if (m) return void events.push({ kind: 'programa', idx, value: `${m[1]} - ${m[2]}` });
      }
      // (Not an acción's text wrapped so that a line begins `PROGRAMA`, beside its row of figures:
      // `AVANCE DEL` / `PROGRAMA 0 0 0 … (1) VARIACION`.)
      const p = afterLabel(short, ['PROGRAMA']);
      if (p !== null && p !== '' && /^\d/.test(p) && valueCount(l.words) < 3) return void events.push({ kind: 'programa', idx, value: p });
      const m = metaValue(l.text);
      if (m !== null && m !== '' && META_VALUE.test(m)) return void events.push({ kind: 'meta', idx, value: m });
      if (isMonthHeader(l)) events.push({ kind: 'table', idx });
    });

    for (let e = 0; e < events.length; e++) {
      const ev = events[e]!;
      const nextIdx = events[e + 1]?.idx ?? lines.length;
      if (ev.kind === 'ramo') {
        ramo = splitClave(ev.value!);
        current.header.ramo = ramo;
      } else if (ev.kind === 'programa') {
        const programa = splitClave(ev.value!);
        if (current.filas.length > 0 || current.header.programa) {
          current = { formato: 'estimacion_avances', pagina: page.number, header: { ...base, ...(ramo ? { ramo } : {}) }, filas: [], presupuesto: [], responsables: [] };
          sections.push(current);
        }
        current.header.programa = programa;
        meta = null;
      } else if (ev.kind === 'meta') {
        // The meta text may wrap onto the lines below, up to the next event.
        const extra = lines.slice(ev.idx + 1, nextIdx).map((l) => l.text);
        const text = clean([ev.value!, ...extra].join(' '));
        const mm = /^(\d+)\s*(?:[-–—:]\s*)?(\S.*)$/.exec(text);
        meta = mm ? { clave: mm[1]!, texto: clean(mm[2]!) } : { clave: null, texto: text };
      } else {
        const headerLine = lines[ev.idx]!;
        const endLine = lines[nextIdx];
        const bottom = endLine ? endLine.y0 - 0.5 : page.height;
        for (const fila of readTable(lp, headerLine, bottom)) {
          // Set in place: the row object keys what refine() needs.
          fila.meta_clave = meta?.clave ?? null;
          fila.meta = meta?.texto ?? null;
          current.filas.push(fila);
        }
      }
    }
    // PROGRAMADO lines with numbers but no month header read above them: say so.
    const firstTable = events.find((e) => e.kind === 'table')?.idx ?? lines.length;
    const orphan = lines.slice(0, firstTable).filter((l) => /PROGRAMADO/.test(fold(l.text)) && valueCount(l.words) >= 3).length;
    if (orphan > 0) sections[0]!.avisos = [{ codigo: 'POA_TABLE_UNREAD', mensaje: `${orphan} acción(es) were not read: the month header above them is unreadable` }];
    return sections.filter((s, i) => i === 0 || s.filas.length > 0 || s.header.programa);
  },
};

/**
 * `3 - COORDINAR …` after `Meta:` (OCR may lose the dash: `3 COORDINAR …`, or read it as a
 * long dash or a colon: `2 — ATENDER`, `3: MEDIR` in Nimbus Mono).
 */
const META_VALUE = /^\d+\s*(?:[-–—:]\s*)?\p{L}/u;

/**
 * What follows a line's `Meta:` label, or null. OCR may misread a letter of it (`Neta: 5 -
 * IMPULSAR …`, a stamp's ink over the M): a word of four letters a letter off, its colon read.
 */
function metaValue(text: string): string | null {
  const m = afterLabel(text, ['META']);
  if (m !== null) return m;
  const o = /^\s*(\p{L}{4}):\s*(.*)$/u.exec(text);
  return o && similarity(o[1]!, 'META') >= 0.75 ? clean(o[2]!) : null;
}

const TRAILING_MEASURE = /^(.*?\S)\s*(PROGRAMADO|REALIZADO|VARIACI[OÓ]N)$/i;

/** A run OCR made of a figure and the label beside it, the label misread: `301REMIZADO`, `309PROGRAMADO—`, `-EVARJACION`. */
const FIGURE_THEN_LETTERS = /^([^\p{L}]*?)(\p{L}{5,})[^\p{L}\d]*$/u;

/** A label misread by a letter or two (`REMIZADO`, `PROBRAMADO`, `EVARJACION`): the measure it is closest to, if close. */
function misreadMeasure(letters: string): Measure | undefined {
  const best = MEASURES.map((m) => ({ m, s: similarity(letters, m) })).sort((a, b) => b.s - a.s)[0]!;
  if (best.s >= 0.75) return best.m;
  // A label run on into a stamp's letters (`SPROGRAMYDOESORERÍ`): a stretch of the run as long
  // as the label, nearly the same (one letter in ten).
  return MEASURES.find((m) => Array.from({ length: letters.length - m.length + 1 }, (_, i) => letters.slice(i, i + m.length)).some((piece) => similarity(piece, m) >= 0.85));
}

export function splitMeasureLabels(words: readonly Word[]): Word[] {
  return words.flatMap((w) => {
    const m = TRAILING_MEASURE.exec(w.text);
    if (m && w.cell === undefined) {
      const cut = w.text.length - m[2]!.length;
      return [
        { ...w, text: m[1]!, x1: charX(w, m[1]!.length) },
        { ...w, text: m[2]!, x0: charX(w, cut) },
      ];
    }
    // OCR: the page pass's run of the month-12 figure and a misread label. The figure
    // is read on its own from its cell (a word of its own where this run began): the
    // label is what is left of the run, as the measure it is closest to.
    // (Something before the letters, a figure or a dash: a word of the text is left alone.)
    const o = w.cellRead ? null : FIGURE_THEN_LETTERS.exec(w.text);
    const measure = o && o[1]!.trim() !== '' ? misreadMeasure(o[2]!) : undefined;
    if (!o || !measure) return [w];
    const label = { ...w, text: measure, x0: charX(w, o[1]!.length), cellRead: false, illegible: false };
    if (!/\d/.test(o[1]!)) return [label];
    const figure = { ...w, text: o[1]!.trim(), x1: charX(w, o[1]!.length) };
    const readAlone = words.some((v) => v !== w && v.cellRead && Math.min(v.x1, figure.x1) - Math.max(v.x0, figure.x0) > 0.5 * (v.x1 - v.x0) && Math.min(v.y1, w.y1) > Math.max(v.y0, w.y0));
    return readAlone ? [label] : [figure, label];
  });
}

function isMonthHeader(l: Line): boolean {
  return monthColumns(l) !== null;
}

const MONTH = /^(1[0-2]|[1-9])$/;

/**
 * The twelve month columns of a header line, left to right. Printed months
 * 1–12 stand at equal steps; when OCR could not read some of them (a stamp,
 * an illegible cell), the ones read place the others: x = a + b·month,
 * fitted on the months read, which must agree with it to a fifth of a step.
 * Needs eight distinct months read, or (on an OCR'd page) six read and the
 * rest marked illegible in between.
 */
export function monthColumns(l: Line): Array<{ x0: number; x1: number }> | null {
  const read = l.words.filter((w) => !w.illegible && MONTH.test(w.text.trim()));
  const months = new Set(read.map((w) => Number(w.text.trim())));
  const illegible = l.words.filter((w) => w.illegible).length;
  // (Eight read place the rest by the fit below, which must hold: a stamp over three months.)
  if (months.size < 8 && !(months.size >= 6 && months.size + illegible >= 10)) return null;
  // Least squares on the centres, then the months that fit.
  const pts = read.map((w) => ({ m: Number(w.text.trim()), x: (w.x0 + w.x1) / 2, w }));
  const fit = (ps: typeof pts) => {
    const n = ps.length;
    const mm = ps.reduce((s, p) => s + p.m, 0) / n;
    const mx = ps.reduce((s, p) => s + p.x, 0) / n;
    const sxy = ps.reduce((s, p) => s + (p.m - mm) * (p.x - mx), 0);
    const sxx = ps.reduce((s, p) => s + (p.m - mm) ** 2, 0);
    const b = sxx === 0 ? 0 : sxy / sxx;
    return { a: mx - b * mm, b };
  };
  // Least squares, dropping the worst outlier (a stray digit read beside the header) a few times.
  let inliers = pts;
  let { a, b } = fit(inliers);
  for (let k = 0; k < 3 && inliers.length > 6; k++) {
    const worst = inliers.reduce((w, p) => (Math.abs(a + b * p.m - p.x) > Math.abs(a + b * w.m - w.x) ? p : w));
    if (Math.abs(a + b * worst.m - worst.x) <= 0.2 * Math.abs(b)) break;
    inliers = inliers.filter((p) => p !== worst);
    ({ a, b } = fit(inliers));
  }
  inliers = inliers.filter((p) => Math.abs(a + b * p.m - p.x) <= 0.2 * Math.abs(b));
  if (b <= 0 || new Set(inliers.map((p) => p.m)).size < 6) return null;
  ({ a, b } = fit(inliers));
  if (inliers.some((p) => Math.abs(a + b * p.m - p.x) > 0.2 * b)) return null;
  // With every month read, their own boxes; otherwise boxes as wide as the widest month read.
  if (months.size === 12 && inliers.length === 12) return inliers.sort((p, q) => p.m - q.m).map((p) => ({ x0: p.w.x0, x1: p.w.x1 }));
  const half = Math.max(...inliers.map((p) => (p.w.x1 - p.w.x0) / 2));
  return Array.from({ length: 12 }, (_, i) => {
    const byRead = inliers.find((p) => p.m === i + 1);
    if (byRead) return { x0: byRead.w.x0, x1: byRead.w.x1 };
    const c = a + b * (i + 1);
    return { x0: c - half, x1: c + half };
  });
}

/** Reads one acción table from its month header line down to `bottom`. */
function readTable(lp: LaidOutPage, headerLine: Line, bottom: number): DraftFila[] {
  // A right-aligned month 12 and the measure label beside it may come as one run: `1,200 PROGRAMADO`.
  const page = { ...lp.page, words: splitMeasureLabels(lp.page.words) };
  const monthBoxes = monthColumns(headerLine)!;
  page.words = inferMeasureLabels(page.words, monthBoxes[11]!.x1, headerLine.y1, bottom);
  const anchors: ColumnAnchor[] = [];
  monthBoxes.forEach((w, i) => anchors.push({ key: PERIODOS_MES[i]!, x0: w.x0, x1: w.x1 }));
  const m1 = monthBoxes[0]!;
  const m12 = monthBoxes[11]!;
  const region = { x0: 0, y0: headerLine.y1 + 0.5, x1: page.width, y1: bottom };
  const bodyWords = page.words.filter((w) => {
    const cy = (w.y0 + w.y1) / 2;
    return cy > region.y0 && cy < region.y1;
  });

  // The measure label column, right of month 12.
  const measureWords = bodyWords.filter((w) => w.x0 > m12.x1 && MEASURES.some((m) => fold(w.text).startsWith(m.slice(0, 6))));
  if (measureWords.length > 0) {
    anchors.push({ key: 'medida', x0: Math.min(...measureWords.map((w) => w.x0)), x1: Math.max(...measureWords.map((w) => w.x1)) });
  }

  // Columns left of month 1: acción, unidad, total — from their labels when printed.
  const leftLabels = headerLine.words.filter((w) => w.x1 < m1.x0);
  // (As printed, or a letter off: `JOTAL` under a stamp's ink.)
  const labelOf = (re: RegExp, names: readonly string[]) =>
    leftLabels.find((w) => re.test(fold(w.text))) ?? leftLabels.find((w) => names.some((n) => similarity(fold(w.text).replace(/[^A-Z]/g, ''), n) >= 0.8));
  const lTotal = labelOf(/TOTAL|ANUAL/, ['TOTAL', 'ANUAL']);
  const lUnidad = labelOf(/UNIDAD|MEDIDA/, ['UNIDAD', 'MEDIDA']);
  const lAccion = labelOf(/ACCION|DESCRIPCION|META/, ['ACCION', 'DESCRIPCION']);
  if (lTotal && lUnidad && lAccion) {
    anchors.push({ key: 'total', x0: lTotal.x0, x1: lTotal.x1 }, { key: 'unidad', x0: lUnidad.x0, x1: lUnidad.x1 }, { key: 'accion', x0: lAccion.x0, x1: lAccion.x1 });
  } else {
    anchors.push(...leftAnchors(lp, bodyWords, m1, region.y0, region.y1));
  }

  const columns = resolveColumns(page, anchors, region);
  // Rows start at each acción's code when the acciones are ruled apart; otherwise at each
  // PROGRAMADO line (an acción's text may be centred on its three lines, below the first).
  const accionCol = columns.find((c) => c.key === 'accion');
  const byMeasure = columns.some((c) => c.key === 'medida') && accionCol !== undefined && !hasInnerRules(page, accionCol, region);
  const rows = byMeasure
    ? readRows(page, columns, region, { anchor: 'medida', isRowStart: (t) => measureOf(t) === 'PROGRAMADO', mergeAnchor: false })
    : readRows(page, columns, region, { anchor: 'accion', isRowStart: (t) => ROW_START.test(t) });
  const out: DraftFila[] = [];
  for (const row of rows) {
    const f = toFila(lp, row, columns);
    if (f) out.push(f);
  }
  return out;
}

/**
 * A measure label the OCR could not read (an illegible word right of month
 * 12) is told by its neighbours: the labels run PROGRAMADO, REALIZADO,
 * VARIACIÓN, again and again, down the table.
 */
export function inferMeasureLabels(words: readonly Word[], rightOf: number, y0: number, y1: number): Word[] {
  const inBand = (w: Word) => (w.y0 + w.y1) / 2 > y0 && (w.y0 + w.y1) / 2 < y1;
  // The labels' own column: from the left edge of the labels read (a month-12 value
  // may reach right of its header), or right of month 12 when none is read.
  const read = words.filter((w) => w.x0 > rightOf && inBand(w) && measureOf(w.text) !== undefined);
  const h = read.length > 0 ? Math.min(...read.map((w) => w.y1 - w.y0)) : 0;
  const left = read.length > 0 ? Math.max(rightOf, Math.min(...read.map((w) => w.x0)) - h) : rightOf;
  const inside = (w: Word) => w.x0 >= left && w.x0 > rightOf && inBand(w) && !(isNumberText(w.text) && !w.illegible);
  // A word there that is no measure (a stamp's `RACANDEO` over PROGRAMADO) stands for one
  // when it is the first word of the column on its line, illegible or on a line of values
  // (not the stamp's leftovers right of a label: `VARIACIÓN 0.4,`).
  const values = words.filter((w) => w.x1 <= rightOf && isValueWord(w));
  const onValueLine = (w: Word) => values.filter((v) => (v.y0 + v.y1) / 2 > w.y0 && (v.y0 + v.y1) / 2 < w.y1).length >= 3;
  const column = words.filter(inside).sort((a, b) => a.x0 - b.x0);
  // (On its line: a stamp's word two lines tall that only grazes it does not count.)
  const onLine = (o: Word, w: Word) => Math.min(o.y1, w.y1) - Math.max(o.y0, w.y0) > 0.5 * Math.min(o.y1 - o.y0, w.y1 - w.y0);
  const first = (w: Word) => !column.some((o) => o !== w && o.x0 < w.x0 && onLine(o, w));
  // (Nor a mark before a label read on the same line: `¡` of `¡REALIZADO`.)
  const besideLabel = (w: Word) => column.some((o) => o !== w && measureOf(o.text) !== undefined && onLine(o, w));
  const unknown = (w: Word) => measureOf(w.text) === undefined && (w.illegible || onValueLine(w)) && first(w) && !besideLabel(w);
  const inColumn = column.filter((w) => measureOf(w.text) !== undefined || unknown(w)).sort((a, b) => a.y0 - b.y0);
  const known = inColumn.map((w) => (unknown(w) ? undefined : measureOf(w.text)));
  const fixed = new Map<Word, Word>();
  const at = (m: Measure, step: number) => MEASURES[(((MEASURES.indexOf(m) + step) % 3) + 3) % 3]!;
  // The lines of values down the band, one label each: two labels are as many steps apart as
  // the lines of values between them (a label lost altogether, its letters run into the
  // month-12 cell by a stamp, is a step too). A label off every such line is one step.
  const valueLines: Array<{ y0: number; y1: number }> = [];
  for (const v of [...values].filter(inBand).sort((a, b) => a.y0 - b.y0)) {
    const cy = (v.y0 + v.y1) / 2;
    const line = valueLines.find((l) => cy > l.y0 && cy < l.y1);
    if (line) continue;
    const on = values.filter((o) => (o.y0 + o.y1) / 2 > v.y0 && (o.y0 + o.y1) / 2 < v.y1);
    if (on.length >= 3) valueLines.push({ y0: Math.min(...on.map((o) => o.y0)), y1: Math.max(...on.map((o) => o.y1)) });
  }
  const lineOf = (w: Word) => {
    const cy = (w.y0 + w.y1) / 2;
    const i = valueLines.findIndex((l) => cy > l.y0 && cy < l.y1);
    return i < 0 ? undefined : i;
  };
  const steps = (from: number, to: number) => {
    const a = lineOf(inColumn[from]!);
    const b = lineOf(inColumn[to]!);
    return a !== undefined && b !== undefined && a !== b ? b - a : to - from;
  };
  // Pass after pass, so two unreadable labels in a row are told from the labels around them.
  for (let changed = true; changed; ) {
    changed = false;
    inColumn.forEach((w, i) => {
      if (known[i] !== undefined) return;
      const prev = known[i - 1];
      const next = known[i + 1];
      const guess = prev ? at(prev, steps(i - 1, i)) : next ? at(next, -steps(i, i + 1)) : undefined;
      // Both neighbours must agree when there are two.
      if (!guess || (prev && next && at(next, -steps(i, i + 1)) !== guess)) return;
      known[i] = guess;
      changed = true;
      fixed.set(w, { ...w, text: guess, illegible: false, cellRead: false });
    });
  }
  // A line of values with no label at all (its letters run into the month-12 cell with a
  // stamp's) between two labels a step or two away whose lines count alike, or last under
  // its row's first or second: its label, where the column's labels stand.
  const labelled = inColumn.flatMap((w, i) => {
    const line = lineOf(w);
    const m = known[i];
    return line !== undefined && m !== undefined ? [{ line, m }] : [];
  });
  const added: Word[] = [];
  if (read.length > 0) {
    const x0 = median(read.map((w) => w.x0));
    const x1 = median(read.map((w) => w.x1));
    valueLines.forEach((l, k) => {
      if (inColumn.some((w) => lineOf(w) === k)) return;
      const above = labelled.filter((x) => x.line < k).at(-1);
      const below = labelled.find((x) => x.line > k);
      // (The last line of values, no label under it: the line after a PROGRAMADO or a
      // REALIZADO just above is that row's next measure.)
      const last = above !== undefined && below === undefined && k - above.line === 1 && above.m !== 'VARIACION';
      // (Likewise the first lines of values, no label over them: the lines before a REALIZADO
      // or a VARIACIÓN just below, back to that row's PROGRAMADO.)
      const first = above === undefined && below !== undefined && below.line - k <= MEASURES.indexOf(below.m);
      const told = above ? (below ? below.line - above.line <= 3 && at(above.m, below.line - above.line) === below.m : last) : first;
      if (!told) return;
      const text = above ? at(above.m, k - above.line) : at(below!.m, k - below!.line);
      // (The run of letters there, if one, is the label's: it stands where the label does.)
      const run = words.filter((w) => !isNumberText(w.text) && /\p{L}{3}/u.test(w.text) && lineOf(w) === k && (w.x0 + w.x1) / 2 > x0 && (w.x0 + w.x1) / 2 < x1);
      if (run.length === 1) fixed.set(run[0]!, { ...run[0]!, text, x0: Math.max(run[0]!.x0, x0), illegible: false, cellRead: false });
      else if (run.length === 0) added.push({ text, x0, y0: l.y0, x1, y1: l.y1, conf: 0 });
    });
  }
  return [...words.map((w) => fixed.get(w) ?? w), ...added];
}

/**
 * When the header leaves the first three columns unlabelled: from the vertical
 * rules left of month 1 when the table is ruled, else from the body words —
 * the numbers nearest month 1 are the total, text that starts a row is the
 * acción, the remaining text the unidad.
 */
export function leftAnchors(lp: LaidOutPage, bodyWords: Word[], m1: { x0: number; x1: number }, y0: number, y1: number): ColumnAnchor[] {
  const xs = verticalRuleXs(lp.page, y0, y1).filter((x) => x < m1.x0);
  if (xs.length >= 4) {
    const last = xs.slice(-4);
    return [
      { key: 'accion', x0: last[0]! + 1, x1: last[1]! - 1 },
      { key: 'unidad', x0: last[1]! + 1, x1: last[2]! - 1 },
      { key: 'total', x0: last[2]! + 1, x1: last[3]! - 1 },
    ];
  }
  const left = bodyWords.filter((w) => w.x1 < m1.x0 - 0.5);
  // Two words on one line: their middles less than half a text height `h` apart.
  const onLine = (a: Word, b: Word, h: number) => Math.abs((a.y0 + a.y1) / 2 - (b.y0 + b.y1) / 2) < 0.5 * h;
  // A row's code: `1 - ATENDER …` as one run (text layer), or OCR's `1-` / `1` as a word of
  // its own with the acción's first word right after it (where the lost dash was), or the
  // dash a word of its own between them (`2` `-` `PARTICIPAR`), or the code read twice over
  // itself, once with its dash (`2` and `2'-` at one x).
  const codeWord = (w: Word) => {
    if (!/^\d{1,2}\s*[-–.]?$/.test(w.text.trim())) return false;
    const h = w.y1 - w.y0;
    const after = (a: Word, test: (o: Word) => boolean) => left.find((o) => o !== a && o.x0 >= a.x0 && o.x0 - a.x1 < 2.5 * h && onLine(o, a, h) && test(o));
    const letters = (o: Word) => /^\p{L}/u.test(o.text);
    if (after(w, letters)) return true;
    const dash = after(w, (o) => /^[-–]$/.test(o.text.trim()) || (o.x0 - w.x0 < 0.5 * h && /^\d{1,2}\W{0,2}[-–]$/.test(o.text.trim())));
    return dash !== undefined && after(dash, letters) !== undefined;
  };
  // (Figures: a lone dash, between a row's code and its text, tells no column; nor does a
  // figure on a line without month figures, a stamp's date or time over the acciones.)
  const months = bodyWords.filter((w) => w.x0 >= m1.x0 && /\d/.test(w.text) && isNumberText(w.text));
  const withMonths = (w: Word) => months.filter((o) => onLine(o, w, w.y1 - w.y0)).length >= 2;
  const figures = left.filter((w) => isNumberText(w.text) && /\d/.test(w.text) && !codeWord(w));
  const lined = figures.some(withMonths) ? figures.filter(withMonths) : figures;
  // (And not a stray figure far left of where the others end: a stamp's over a line of figures.)
  const endAt = median(lined.map((w) => w.x1));
  const nums = lined.filter((w) => w.x1 >= endAt - 4 * (w.y1 - w.y0));
  const texts = left.filter((w) => !isNumberText(w.text) || codeWord(w));
  const totalX0 = Math.min(...nums.map((w) => w.x0));
  const totalX1 = Math.max(...nums.map((w) => w.x1));
  const starts = texts.filter((w) => ROW_START.test(w.text.trim()) || codeWord(w));
  const accionX0 = Math.min(...starts.map((w) => w.x0));
  // Unit words: text words that start to the right of every row-start word's left edge by a
  // margin, and after a gap on their line (OCR gives the acción's text word by word: its
  // words after the first are no unit).
  // (The dash of `1 - ENTREGAR` read as a word of its own is text of the row too.)
  const inRow = [...texts, ...left.filter((w) => /^[-–]$/.test(w.text.trim()))];
  const gapBefore = (w: Word) => {
    const h = w.y1 - w.y0;
    const before = inRow.filter((o) => o !== w && o.x1 <= w.x0 + 1 && onLine(o, w, h));
    return before.every((o) => w.x0 - o.x1 >= 1.5 * h);
  };
  // (Margins in text heights: points on a text layer, pixels on a scan.)
  const h = median(texts.map((w) => w.y1 - w.y0));
  // Nor left of where the acciones' first lines end: the words after each row's code, each
  // near the one before (a line of the acción's text whose first word OCR lost, `Y DEL
  // CENTRO HISTÓRICO`, starts with a gap before it too).
  const lineEnd = (start: Word) => {
    let end = start;
    for (;;) {
      // (Each next word starts right of the one before: the walk ends.)
      const next = inRow.filter((o) => o.x0 > end.x0 && o.x0 > end.x1 - 1 && o.x0 - end.x1 < 1.5 * h && onLine(o, start, h)).sort((a, b) => a.x0 - b.x0)[0];
      if (!next) return end.x1;
      end = next;
    }
  };
  const accionEnd = starts.length > 0 ? Math.max(...starts.map(lineEnd)) : -Infinity;
  const unitWords = texts.filter((w) => w.x0 > accionX0 + 3 * h && w.x0 >= accionEnd && w.x1 < totalX0 && !starts.includes(w) && !sameLineAsStartRightAfter(w, starts) && gapBefore(w));
  const unitX0 = unitWords.length > 0 ? Math.min(...unitWords.map((w) => w.x0)) : (accionX0 + totalX0) / 2;
  const unitX1 = unitWords.length > 0 ? Math.max(...unitWords.map((w) => w.x1)) : unitX0 + 1;
  return [
    { key: 'accion', x0: accionX0, x1: Math.min(unitX0 - 1, accionX0 + 1.5 * h) },
    { key: 'unidad', x0: unitX0, x1: unitX1 },
    { key: 'total', x0: totalX0, x1: totalX1 },
  ];
}

function sameLineAsStartRightAfter(w: Word, starts: Word[]): boolean {
  return starts.some((s) => Math.abs(s.y0 - w.y0) < 1 && Math.abs(s.x1 - w.x0) < 2);
}

/** A transcript row's printed numbers, line by line, for placement by arithmetic. */
const printedByMeasure = new WeakMap<DraftFila, Map<Measure, number[]>>();

function printedLines(row: TableRow): Map<Measure, number[]> {
  const out = new Map<Measure, number[]>();
  const words = [...row.cells.entries()].filter(([k]) => k !== 'accion' && k !== 'unidad').flatMap(([, cells]) => cells.flatMap((c) => c.words));
  for (const line of groupLines(words)) {
    const label = line.words.map((w) => measureOf(w.text)).find((m) => m !== undefined);
    if (label && !out.has(label)) out.set(label, numbersIn(line.words.filter((w) => measureOf(w.text) === undefined).map((w) => w.text)));
  }
  return out;
}

/**
 * Transcript rows whose cells as read do not add up: each measure line's
 * printed numbers are placed into TOTAL and months 1–12 by the arithmetic.
 */
function refine(r: DraftReporte): void {
  for (const f of r.filas) {
    const printed = printedByMeasure.get(f);
    if (!printed || validateFila(r, f).estado === 'ok') continue;
    const pct = isPercentage(f);
    const placed = new Map<Measure, number[]>();
    const ambiguous: string[] = [];
    let dropped = 0;
    for (const m of MEASURES) {
      const tokens = printed.get(m);
      if (!tokens) continue;
      const p = placed.get('PROGRAMADO');
      const rr = placed.get('REALIZADO');
      const fits =
        m === 'VARIACION' && p && rr
          ? (v: number[]) => v.every((x, i) => Math.abs(x - (rr[i]! - p[i]!)) < 0.005)
          : (v: number[]) => totalFits(v[0]!, v.slice(1), pct && m !== 'VARIACION');
      const got = placeInOrder(tokens, 13, fits);
      if (!got) continue;
      dropped += got.dropped;
      const field = m === 'PROGRAMADO' ? 'programado' : m === 'REALIZADO' ? 'realizado' : 'variacion';
      for (const i of got.ambiguous) ambiguous.push(i === 0 ? `${field}_anual` : `${PERIODOS_MES[i - 1]}.${field}`);
      if (got.ambiguous.length === 0) placed.set(m, got.values as number[]);
      f[`${field}_anual`] = got.values[0] ?? null;
      f.periodos = f.periodos.map((per, i) => ({ ...per, [field]: got.values[i + 1] ?? null }));
      f.ilegibles = f.ilegibles.filter((k) => !k.endsWith(field) && k !== `${field}_anual`);
    }
    if (placed.size === 0 && ambiguous.length === 0) continue;
    f.ilegibles.push(...ambiguous);
    f.origen = { ...f.origen, inferido: inferenceNote(dropped, ambiguous) };
  }
}

function toFila(lp: LaidOutPage, row: TableRow, columns: Column[]): DraftFila | null {
  const raw = cellText(row, 'accion');
  if (raw === '') return null;
  // On a scan the dash after the code may be lost: `2 CAPACITAR …`.
  const m = /^(\d+)\s*[-–.]\s*(.*)$/.exec(raw) ?? (lp.page.source === 'ocr' ? /^(\d{1,2})\s+(\p{L}.*)$/u.exec(raw) : null);
  const ilegibles: string[] = [];
  const unsure = new Map<string, number>();
  // Assign each numeric column's stacked cells to a measure by their line.
  // (On a scan, a stamp's mark read apart before the label joins its cell: `3 REALIZADO`; the
  // one word there that names a measure names the cell's. Not in a transcript, where a figure
  // there is a month's, shifted a cell: see the placement of shifted cells.)
  const cellMeasure = (c: Cell): Measure | undefined => {
    const named = new Set(c.words.map((w) => measureOf(w.text)).filter((x) => x !== undefined));
    return measureOf(c.text) ?? (lp.page.source === 'ocr' && named.size === 1 ? [...named][0] : undefined);
  };
  const labels = (row.cells.get('medida') ?? []).map((c) => ({ c, measure: cellMeasure(c) }));
  const measureCells = (key: string): Map<Measure, Cell> => {
    const cells = row.cells.get(key) ?? [];
    const out = new Map<Measure, Cell>();
    cells.forEach((c, i) => {
      let measure: Measure | undefined;
      if (labels.length > 0) {
        const cy = (c.bbox.y0 + c.bbox.y1) / 2;
        let best = Infinity;
        for (const l of labels) {
          const d = Math.abs((l.c.bbox.y0 + l.c.bbox.y1) / 2 - cy);
          if (l.measure && d < best) {
            best = d;
            measure = l.measure;
          }
        }
      } else if (cells.length === 3) measure = MEASURES[i];
      if (measure && !out.has(measure)) out.set(measure, c);
    });
    return out;
  };
  const value = (key: string, measure: Measure, field: string): number | null => {
    const cells = row.cells.get(key) ?? [];
    const cell = measureCells(key).get(measure);
    if (!cell) {
      // Printed values that could not be told apart by measure are unreadable, not empty.
      if (labels.length === 0 && cells.length > 0 && cells.length !== 3) ilegibles.push(field);
      return null;
    }
    const n = numberCell(cell.text, cell.words);
    if (n.ilegible) ilegibles.push(field);
    if (n.unsure !== undefined) unsure.set(field, n.unsure);
    return n.value;
  };
  const field = (m: Measure) => (m === 'PROGRAMADO' ? 'programado' : m === 'REALIZADO' ? 'realizado' : 'variacion');
  const total = (m: Measure) => value('total', m, `${field(m)}_anual`);
  const periodos = PERIODOS_MES.map((p) => ({
    periodo: p,
    programado: value(p, 'PROGRAMADO', `${p}.programado`),
    realizado: value(p, 'REALIZADO', `${p}.realizado`),
    variacion: value(p, 'VARIACION', `${p}.variacion`),
  }));
  const fila: DraftFila = {
    tipo: 'accion',
    actividad: null,
    meta_clave: null,
    meta: null,
    accion_clave: m ? m[1]! : null,
    descripcion: clean(m ? m[2]! : raw),
    unidad_medida: cellText(row, 'unidad') || null,
    lineas_accion: [],
    programado_anual: total('PROGRAMADO'),
    realizado_anual: total('REALIZADO'),
    variacion_anual: total('VARIACION'),
    avance_absoluto: null,
    avance_relativo: null,
    periodos,
    observaciones: null,
    ilegibles,
    origen: rowOrigen(lp.page, row, columns.map((c) => c.key)),
  };
  for (const [f, v] of unsure) noteUnsure(fila, f, v);
  if (lp.page.source === 'transcripcion') printedByMeasure.set(fila, printedLines(row));
  return fila;
}

function measureOf(text: string): Measure | undefined {
  // (A speck OCR read before the label is no part of it: `' REALIZADO`.)
  const f = fold(text).replace(/^[^A-Z0-9]+/, '');
  if (f.startsWith('PROG')) return 'PROGRAMADO';
  if (f.startsWith('REAL')) return 'REALIZADO';
  if (f.startsWith('VARIA')) return 'VARIACION';
  return undefined;
}
