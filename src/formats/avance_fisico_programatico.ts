/**
 * Format module: PROGRAMA OPERATIVO ANUAL · AVANCE FÍSICO PROGRAMÁTICO (TMM-F004).
 *
 * Header block of LABEL value lines; a table LÍNEA DE ACCIÓN P.M.D. | METAS Y
 * ACCIONES | UNIDAD MEDIDA | META ANUAL | ENE-MAR … OCT-DIC (P, A each) |
 * AVANCE ABSOLUTO | ACUMULADO RELATIVO | OBSERVACIONES; signers at the foot.
 * Rows coded x00 are the metas of their block, the rest its acciones.
 */
import type { LaidOutPage, Line } from '../3-layout/lines.js';
import { cellText, cellWords, readRows, resolveColumns, type ColumnAnchor, type TableRow } from '../3-layout/table.js';
import type { Word } from '../ir/page.js';
import type { Clave } from '../schema/document.js';
import { PERIODOS_TRIMESTRE } from '../schema/document.js';
import { clean, fold, similarity } from '../6-normalize/text.js';
import { isNumberText } from '../6-normalize/numbers.js';
import {
  afterLabel,
  anchorsFrom,
  inferMissingAnchors,
  median,
  findSigners,
  lineCodes,
  rowNumber,
  rowOrigen,
  phrases,
  placeAlternating,
  signatureTop,
  type LabelSpec,
} from './shared/common.js';
import type { DraftFila, DraftReporte, FormatModule, Section, SectionHeader } from '../5-parse/types.js';
import { validateFila } from '../7-validate/index.js';
import { inferenceNote } from './shared/placement.js';
import { placeTmmNumbers, tokensOf, type PrintedCell } from './tmm-placement.js';
import { headerBlock, periodoFromFecha, titleLines, yearIn } from './shared/header.js';
import { noteUnsure } from './shared/unsure.js';

const QUARTERS = ['ENE-MAR', 'ABR-JUN', 'JUL-SEP', 'OCT-DIC'] as const;

const TOP_LABELS: LabelSpec[] = [
  { key: 'meta_anual', test: (f) => /ANUAL/.test(f) },
  { key: 'avance_absoluto', test: (f) => /ABSOLUT|BSOLUTO/.test(f) },
  { key: 'avance_relativo', test: (f) => /RELATIV|ELATIVO/.test(f) },
  { key: 'observaciones', test: (f) => /OBSERVACION/.test(f) },
  { key: 'unidad', test: (f) => /UNIDAD|MEDIDA/.test(f) },
  { key: 'lineas', test: (f) => /P\.?\s?A?\.?\s?M\.?\s?D|L[I]NEAS? DE/.test(f) },
  { key: 'descripcion', test: (f) => /ACCIONES|^METAS? Y$/.test(f) },
];

/** The columns up to the first quarter's, left to right. */
const LEFT_COLUMNS = ['lineas', 'descripcion', 'unidad', 'meta_anual', 'T1.P'];
/** The columns from the last quarter's, left to right. */
const RIGHT_COLUMNS = ['T4.A', 'avance_absoluto', 'avance_relativo', 'observaciones'];

/**
 * What follows a row code: `.-` (OCR may read the point as a comma or a colon on a scan:
 * `104,-`, `201:-`), `.`, `-`.
 */
const CODE_MARK = String.raw`(?:[.,:]\s*-|\.|-|–)`;
const ROW_START = new RegExp(String.raw`^\d{3}\s*${CODE_MARK}`);
/** A row code that lost a figure, its `.-` read (`02.-` of 302.-, the 3 under a stamp). */
const SHORT_CODE = new RegExp(String.raw`^\d{2}\s*[.,:]\s*-$`);
/** A row's code and its text. */
const CODED_ROW = new RegExp(String.raw`^(\d{3})\s*${CODE_MARK}?\s*(.*)$`);

/** A row code with a mark OCR put before it (`'202.-`), on a scan: the text from the code on. */
function unmarked(t: string, ocr: boolean): string {
  return ocr ? t.replace(/^[^\p{L}\p{N}\s]{1,2}(?=\d{3}\s*\.\s*-)/u, '') : t;
}

export const avanceFisicoProgramatico: FormatModule = {
  formato: 'avance_fisico_programatico',
  valueFields: (f) => ['programado_anual', ...f.periodos.flatMap((p) => [`${p.periodo}.programado`, `${p.periodo}.realizado`]), 'avance_absoluto', 'avance_relativo'],

  score(lp) {
    const top = lp.lines.slice(0, 12).map((l) => fold(l.text));
    if (top.some((t) => /AVANCE FISICO PROGRAMATICO/.test(t))) return 1;
    if (top.some((t) => /TMM-?F0?0?4|TMM-FO04/.test(t))) return 0.9;
    if (top.some((t) => /FISICO PROGRAM/.test(t))) return 0.8;
    if (top.some((t) => /AVANCE F.SICO|SICO PROGRAM/.test(t))) return 0.7;
    return 0;
  },

  refine,

  continuation(lp, previous) {
    // Rows of the table (a `301.-` code and numbers) on a page with no title: the table goes on.
    // (On a scan, a code that lost a figure to a stamp, its `.-` read: `02.-`; see garbledCode.)
    const starts = (t: string) => ROW_START.test(t) || (lp.page.source === 'ocr' && SHORT_CODE.test(t));
    return findTable(previous.lines) !== null && lp.lines.some((l) => l.words.some((w) => starts(w.text.trim())));
  },

  parse(lp, previous) {
    const { page, lines } = lp;
    const header: SectionHeader = {};
    const title = titleLines(lines, 8);
    header.ente = title.ente;
    header.dependencia = null;
    header.titulo = 'AVANCE FÍSICO PROGRAMÁTICO';
    // A continuation page without the table header reads with the columns of the page before.
    const ownTable = findTable(lines);
    const inherited = !ownTable && previous ? findTable(previous.lines) : null;
    const table = ownTable ?? (inherited ? { headerTop: 0, bodyTop: 0, anchors: inherited.anchors } : null);
    const blockEnd = table ? table.headerTop : lines[lines.length - 1]!.y1 + 1;
    // Title area: the lines above the first label of the header block (or of the table).
    const firstLabel = lines.findIndex((l) => l.y0 < blockEnd && /^(RAMO|PROGRAMA\b\W*\d|PROGRAMA:|UNIDAD EJECUTORA)/.test(fold(l.text.replace(/^\s*[-•*]\s+/, ''))));
    let titleEnd = firstLabel;
    if (titleEnd < 0) titleEnd = Math.max(0, lines.findIndex((l) => l.y0 >= blockEnd));
    // The header block starts right after the title: a first label that cannot be read
    // (a stamp over it) is still a line of the block, not of the title area.
    // (The title half under a stamp: `AVANCE FÍSICO cionado`.)
    const titleIdx = lines.findIndex((l) => l.y0 < blockEnd && /FISICO PROGRAM|^AVANCE FISICO\b/.test(fold(l.text)));
    const blockStart = titleIdx >= 0 && titleIdx + 1 < titleEnd ? titleIdx + 1 : titleEnd;
    const top = lines.slice(0, titleEnd).flatMap((l) => phrases(l));
    const poa = top.find((p) => /PROGRAMA OPERATIVO ANUAL/.test(fold(p.text)));
    header.ejercicio = poa ? yearIn(poa.text) : null;
    const form = top.find((p) => /TMM-?F/.test(fold(p.text)));
    header.formulario = form ? (/TMM-?F\w+/i.exec(form.text)?.[0] ?? null) : null;
    if (header.formulario) header.formulario = header.formulario.toUpperCase().replace(/O(?=\d)/g, '0');
    // FECHA sits in a corner of the title area, or after the header block.
    const above = lines.filter((l) => l.y0 < blockEnd).flatMap((l) => phrases(l));
    const fp = above.find((p) => /^FECHA\b/.test(fold(p.text)));
    if (fp) {
      let value = clean((afterLabel(fp.text, ['FECHA']) ?? '').replace(/_+/g, ''));
      // The period may be printed beside the label or just below it.
      if (!value) {
        const h = fp.y1 - fp.y0;
        const near = above.find((p) => p !== fp && periodoFromFecha(p.text) !== null && p.y0 >= fp.y0 - 1 && p.y0 < fp.y1 + 3 * h);
        value = near ? clean(near.text) : '';
      }
      header.fecha = value || null;
      header.periodo_reportado = value ? periodoFromFecha(value) : null;
    } else {
      // No FECHA label: a short phrase in the title area that names the quarter (`Ene-Mar-26`).
      const q = top.find((p) => p.text.length <= 30 && periodoFromFecha(p.text) !== null && !/PROGRAMA|AVANCE/.test(fold(p.text)));
      if (q) {
        header.fecha = clean(q.text);
        header.periodo_reportado = periodoFromFecha(q.text);
      }
    }

    const block = headerBlock(
      lines.slice(blockStart).filter((l) => l.y0 < blockEnd),
      {
        ramo: ['RAMO'],
        programa: ['PROGRAMA'],
        unidad: ['UNIDAD EJECUTORA', 'UNIDAD RESPONSABLE'],
        finalidad: ['FINALIDAD'],
        funcion: ['FUNCION'],
        subfuncion: ['SUBFUNCION'],
        ejes: ['EJES DE GOBIERNO', 'EJE DE GOBIERNO'],
        lineas_accion: ['LINEAS DE ACCION', 'LINEA DE ACCION'],
        fecha: ['FECHA'],
      },
      { multi: ['ejes', 'lineas_accion'] },
    );
    redistributeValues(block);
    const one = (k: string): Clave | null => block.get(k)?.[0] ?? null;
    if (block.has('ramo')) header.ramo = one('ramo');
    if (block.has('programa')) header.programa = one('programa');
    if (block.has('unidad')) header.unidad = one('unidad');
    if (block.has('finalidad')) header.finalidad = one('finalidad');
    if (block.has('funcion')) header.funcion = one('funcion');
    if (block.has('subfuncion')) header.subfuncion = one('subfuncion');
    if (block.has('ejes')) header.ejes = block.get('ejes')!;
    if (block.has('lineas_accion')) header.lineas_accion = block.get('lineas_accion')!;

    const filas: DraftFila[] = [];
    if (table) {
      const sigTop = signatureTop(lines, table.bodyTop, page.source === 'ocr') ?? Infinity;
      const footer = lines.find((l) => l.y0 > table.bodyTop && /^FECHA\b|NOMBRE Y FIRMA/.test(fold(l.text)));
      const bottom = Math.min(sigTop, footer ? footer.y0 - 1 : Infinity, page.height);
      const region = { x0: 0, y0: table.bodyTop, x1: page.width, y1: bottom };
      // (A label left unread between two that the body told, as in findTable.)
      const labels = page.words.filter((w) => w.y0 >= table.headerTop && w.y1 <= table.bodyTop && !/^[PA]$/.test(fold(w.text)));
      const anchors = inferMissingAnchors(bodyAnchors(table.anchors, page.words, region), LEFT_COLUMNS, labels, TOP_LABELS);
      const columns = resolveColumns(page, anchors, region);
      // A code whose `.-` the OCR lost (`101 Brindar …`) still starts a row when it
      // follows or precedes a code read whole (100.-, 102.-).
      const codes = new Set(
        page.words.map((w) => unmarked(w.text.trim(), page.source === 'ocr')).filter((t) => ROW_START.test(t)).map((t) => Number(/^\d{3}/.exec(t)![0])),
      );
      const nextToCode = (n: number) => codes.has(n - 1) || codes.has(n + 1);
      // (And one next to such a code, and so on: `100 Garantizar`, `101 Brindar`, `102 Realizar`
      // before `103.- Impartir`; or two such in a row with no code read whole on the page, `200`,
      // `201`, `202`. Only bare codes in the acciones' column count.)
      const desc = columns.find((c) => c.key === 'descripcion');
      const chained = new Set(codes);
      const bareCodes = page.words
        .filter((w) => desc !== undefined && (w.x0 + w.x1) / 2 > desc.x0 && (w.x0 + w.x1) / 2 < desc.x1)
        .map((w) => /^(\d{3})$/.exec(w.text.trim())?.[1])
        .filter((t): t is string => t !== undefined)
        .map(Number);
      for (const n of bareCodes) if (bareCodes.includes(n + 1)) chained.add(n).add(n + 1);
      for (let grew = true; grew; ) {
        grew = false;
        for (const n of bareCodes) {
          if (chained.has(n) || !(chained.has(n - 1) || chained.has(n + 1))) continue;
          chained.add(n);
          grew = true;
        }
      }
      const bareStart = (t: string) => {
        const bare = /^(\d{3})\s+\p{L}/u.exec(t);
        if (bare !== null && (nextToCode(Number(bare[1])) || chained.has(Number(bare[1])))) return true;
        // (A chained code alone on its line: the acción's text wraps below it.)
        return /^\d{3}$/.test(t.trim()) && chained.has(Number(t.trim()));
      };
      // Codes of the page's rows, read whole or bare: a misread one is told by the gap it leaves.
      const bare = page.words.map((w) => w.text.trim()).filter((t) => /^\d{3}$/.test(t) && nextToCode(Number(t)));
      const known = new Set([...codes, ...bare.map(Number)]);
      const isRowStart = (text: string) => {
        const t = unmarked(text, page.source === 'ocr');
        if (ROW_START.test(t)) return true;
        // (On a scan, PMD codes or specks may come before the code: `412 203.- Expedir`.)
        const pre = page.source === 'ocr' ? /^(\S{1,12}(?:\s+\S{1,12})?)\s+[^\p{L}\p{N}\s]{0,2}\d{3}\s*\.\s*-/u.exec(t) : null;
        if (pre && !/\p{L}{3}/u.test(pre[1]!)) return true;
        return bareStart(t) || (page.source === 'ocr' && garbledCode(t, known) !== null);
      };
      const rows = readRows(page, columns, region, { anchor: 'descripcion', isRowStart });
      for (const row of rows) {
        const fila = toFila(lp, row, columns.map((c) => c.key), known);
        if (fila) filas.push(fila);
      }
    }
    return [
      {
        formato: 'avance_fisico_programatico',
        pagina: page.number,
        header,
        filas,
        presupuesto: [],
        responsables: findSigners(lines, table?.bodyTop ?? 0, page.source === 'ocr'),
        // Rows printed (their codes) but no table header to read them by: say so.
        avisos:
          !table && lines.some((l) => l.words.some((w) => ROW_START.test(w.text.trim())))
            ? [{ codigo: 'POA_TABLE_UNREAD', mensaje: 'the table was not read: its column headers are unreadable' }]
            : [],
      } satisfies Section,
    ];
  },
};

const SINGLE = ['ramo', 'programa', 'unidad', 'finalidad', 'funcion', 'subfuncion'] as const;

/**
 * Repairs a header block read as a column of labels followed by a list of
 * values (a transcript of a two-column block): the values all land under the
 * last label. They go back in label order, by kind — x.y.z codes are líneas de
 * acción, a programa code has three digits, what is left after the single
 * fields are the ejes. Separately, a one-number code among the líneas (`5
 * IGUALDAD E INCLUSIÓN`) is an eje.
 */
function redistributeValues(block: Map<string, Clave[]>): void {
  const lineas = block.get('lineas_accion') ?? [];
  const empty = SINGLE.filter((k) => block.has(k) && block.get(k)!.length === 0);
  if (empty.length >= 3 && lineas.length > 0) {
    const rest = lineas.filter((v) => !/^\d+\.\d+\.\d+$/.test(v.clave ?? ''));
    block.set('lineas_accion', lineas.filter((v) => /^\d+\.\d+\.\d+$/.test(v.clave ?? '')));
    const queue = [...rest];
    for (const k of SINGLE) {
      if (!empty.includes(k) || queue.length === 0) continue;
      if (k === 'programa' && !/^\d{3}$/.test(queue[0]!.clave ?? '')) continue;
      block.set(k, [queue.shift()!]);
    }
    if (queue.length > 0) block.set('ejes', [...(block.get('ejes') ?? []), ...queue]);
  }
  const current = block.get('lineas_accion') ?? [];
  const ejes = current.filter((v) => /^\d+$/.test(v.clave ?? ''));
  if (ejes.length > 0) {
    block.set('lineas_accion', current.filter((v) => !ejes.includes(v)));
    block.set('ejes', [...(block.get('ejes') ?? []), ...ejes]);
  }
}

interface FoundTable {
  headerTop: number;
  bodyTop: number;
  anchors: ColumnAnchor[];
}

/** A line of the header block: its label (no colon) and a code (`EJE DE GOBIERNO 4 …`, `LINEAS DE ACCION 4.5.3 …`). */
const BLOCK_LINE = /^(RAMO|PROGRAMA|UNIDAD (EJECUTORA|RESPONSABLE)|FINALIDAD|FUNCION|SUBFUNCION|EJES? DE GOBIERNO|LINEAS? DE ACCION) \d/;

/**
 * The quarter a header word names, and where in it its label starts: the label in it, or
 * the word one character off it (`JUL-S0P`, a small bold face read at the page pass;
 * `¡EBNE-MAR`, a stamp's mark before it).
 */
function quarterOf(text: string): { i: number; at: number } | null {
  const f = fold(text);
  const i = QUARTERS.findIndex((q) => f.includes(q));
  if (i >= 0) return { i, at: f.indexOf(QUARTERS[i]!) };
  const t = f.replace(/0/g, 'O').replace(/[^A-Z-]/g, '');
  if (t.length < 6) return null;
  const near = QUARTERS.flatMap((q, k) => (similarity(t, q) >= 0.85 ? [k] : []));
  if (near.length !== 1) return null;
  // (From its end where it does not begin as the label does: `¡EBNE-MAR`.)
  const q = QUARTERS[near[0]!]!;
  return { i: near[0]!, at: t.startsWith(q.slice(0, 3)) ? 0 : t.length - q.length };
}

/** How many quarters a line names: in its text, or word by word (see quarterOf). */
function quartersIn(l: Line): number {
  const inText = QUARTERS.flatMap((q, i) => (fold(l.text).includes(q) ? [i] : []));
  const byWord = l.words.flatMap((w) => quarterOf(w.text)?.i ?? []);
  return new Set([...inText, ...byWord]).size;
}

/** The table header: the line of P/A leaves, the quarter line and the labels above. */
function findTable(lines: readonly Line[]): FoundTable | null {
  const leafIdx = lines.findIndex((l) => l.words.filter((w) => /^[PA]$/.test(fold(w.text))).length >= 6);
  const quarterIdx = lines.findIndex((l) => quartersIn(l) >= 3);
  // Without readable quarter labels (OCR garbage such as `E N M A A B R J`), the line of the
  // top labels and the letter-only lines under it make the header.
  let labelIdx = -1;
  if (quarterIdx < 0 && leafIdx < 0) {
    labelIdx = lines.findIndex((l) => /ANUAL/.test(fold(l.text)) && /ABSOLUTO|RELATIVO/.test(fold(l.text)));
    if (labelIdx < 0) return null;
    while (labelIdx + 1 < lines.length && lines[labelIdx + 1]!.words.length >= 4 && lines[labelIdx + 1]!.words.every((w) => /^\p{L}{1,3}$/u.test(w.text))) labelIdx++;
  }
  const foundIdx = Math.max(leafIdx, quarterIdx, labelIdx);
  let lastHeaderIdx = foundIdx;
  // Labels of stacked header cells may sit below the line found (`META` / `ANUAL`,
  // `AVANCE` / `ABSOLUTO`), and on a scan the leaf line may be unreadable: the
  // header runs on over lines of labels or of short letter marks, up to the first row.
  const isHeaderish = (l: Line) =>
    !l.words.some((w) => ROW_START.test(w.text.trim())) &&
    (l.words.some((w) => TOP_LABELS.some((spec) => spec.test(fold(w.text)))) || l.words.every((w) => w.illegible || /^\W*\p{L}{0,2}\W*$/u.test(w.text)));
  while (leafIdx < 0 && lastHeaderIdx + 1 < lines.length && lastHeaderIdx - Math.max(quarterIdx, labelIdx) < 3 && isHeaderish(lines[lastHeaderIdx + 1]!)) lastHeaderIdx++;
  const lastHeader = lines[lastHeaderIdx]!;
  // Header labels: the lines just above the quarter/leaf lines, up to a gap, a
  // header-block line or a title line. The gap is measured in word heights (a
  // line grouped from stacked labels is taller than one line of text).
  // (Of the line found too: the header run on over a line of `a`, `A` leaves, their boxes
  // short, made the gap above it a break.)
  const wordH = Math.max(...[lastHeader, lines[foundIdx]!].map((l) => median(l.words.map((w) => w.y1 - w.y0))));
  let firstIdx = lastHeaderIdx;
  while (firstIdx > 0) {
    const prev = lines[firstIdx - 1]!;
    const cur = lines[firstIdx]!;
    if (prev.y1 < cur.y0 - 1.2 * wordH) break;
    const f = fold(prev.text);
    // (A label with its value after the colon: a short label alone with its colon is the
    // table's own, P.M.D. read `PLD:`.)
    if (/^[A-Z ]{3,30}:\s*\S/.test(f) || /^\d+(\.\d+)+\s+\S/.test(prev.text.trim())) break;
    // A header-block line without its colon, its label then its code (`LINEAS DE ACCION 4.5.3 …`):
    // a stamp's marks between it and the table's labels may have closed the gap.
    if (BLOCK_LINE.test(f)) break;
    if (/AYUNTAMIENTO|OPERATIVO ANUAL|FISICO PROGRAMATICO|TMM-?F|^FECHA\b/.test(f)) break;
    firstIdx--;
  }
  const headerLines = lines.slice(firstIdx, lastHeaderIdx + 1);
  const headerWords = headerLines.flatMap((l) => l.words);
  const labelWords = headerWords.filter((w) => !/^[PA]$/.test(fold(w.text)));
  const anchors: ColumnAnchor[] = anchorsFrom(labelWords, TOP_LABELS);
  // Leaves: P and A of each quarter, left to right.
  const leafWords = leafIdx >= 0 ? [...lines[leafIdx]!.words].filter((w) => /^[PA]$/.test(fold(w.text))).sort((a, b) => a.x0 - b.x0) : [];
  // Some of them under a stamp: the others place them, at their even steps.
  const leaves = leafWords.length >= 8 ? leafWords.slice(0, 8) : placeAlternating(leafWords, 8, (w) => fold(w.text) === 'P');
  if (leaves) {
    leaves.forEach((w, i) => {
      const q = PERIODOS_TRIMESTRE[Math.floor(i / 2)]!;
      anchors.push({ key: `${q}.${i % 2 === 0 ? 'P' : 'A'}`, x0: w.x0, x1: w.x1 });
    });
  } else if (quarterIdx >= 0) {
    // No leaf line: split each quarter label in two halves.
    const qWords = lines[quarterIdx]!.words.filter((w) => quarterOf(w.text) !== null);
    // Each label by what it reads (ENE-MAR is T1 …); a label OCR could not read is
    // placed at the step between the ones it did.
    // A label read with junk beside it (`JUL-SEPCIP`, a stamp's letters) is as wide as the
    // clean ones, from the side its quarter's text starts.
    const clean = qWords.filter((w) => QUARTERS.includes(fold(w.text).replace(/[^A-Z-]/g, '') as (typeof QUARTERS)[number]));
    // (The narrowest clean one: an OCR box errs on the wide side.)
    const labelW = clean.length > 0 ? Math.min(...clean.map((w) => w.x1 - w.x0)) : null;
    const byQuarter = new Map<number, { x0: number; x1: number }>();
    for (const w of qWords) {
      const { i, at } = quarterOf(w.text)!;
      if (byQuarter.has(i)) continue;
      const box = labelW === null ? w : at === 0 ? { x0: w.x0, x1: w.x0 + labelW } : { x0: w.x1 - labelW, x1: w.x1 };
      byQuarter.set(i, box);
    }
    const known = [...byQuarter.entries()].sort((a, b) => a[0] - b[0]);
    const ordered = known.every(([, w], k) => k === 0 || w.x0 > known[k - 1]![1].x0);
    if (known.length >= 2 && known.length < 4 && ordered) {
      const [i0, w0] = known[0]!;
      const [i1, w1] = known[known.length - 1]!;
      const step = (w1.x0 - w0.x0) / (i1 - i0);
      const width = w0.x1 - w0.x0;
      for (let i = 0; i < 4; i++) if (!byQuarter.has(i)) byQuarter.set(i, { x0: w0.x0 + (i - i0) * step, x1: w0.x0 + (i - i0) * step + width });
    }
    const quarterBoxes = byQuarter.size === 4 || !ordered ? [...byQuarter.entries()].sort((a, b) => a[0] - b[0]).map(([, w]) => w) : qWords.sort((a, b) => a.x0 - b.x0);
    quarterBoxes.forEach((w, i) => {
      const q = PERIODOS_TRIMESTRE[i];
      if (!q) return;
      const mid = (w.x0 + w.x1) / 2;
      anchors.push({ key: `${q}.P`, x0: w.x0, x1: mid - 0.5 }, { key: `${q}.A`, x0: mid + 0.5, x1: w.x1 });
    });
  } else {
    // No quarter labels at all: eight P/A columns evenly between META ANUAL and AVANCE ABSOLUTO.
    const left = anchors.find((a) => a.key === 'meta_anual');
    const right = anchors.find((a) => a.key === 'avance_absoluto');
    if (left && right && right.x0 > left.x1) {
      const w = (right.x0 - left.x1) / 8;
      for (let i = 0; i < 8; i++) {
        const q = PERIODOS_TRIMESTRE[Math.floor(i / 2)]!;
        const x0 = left.x1 + i * w;
        anchors.push({ key: `${q}.${i % 2 === 0 ? 'P' : 'A'}`, x0: x0 + 0.25 * w, x1: x0 + 0.75 * w });
      }
    }
  }
  // A label a stamp left unreadable between two read ones takes its place in the form's order
  // (on either side of the quarters: `ESOLUTO` between the last A and RELATIVO).
  const all = inferMissingAnchors(inferMissingAnchors(anchors, LEFT_COLUMNS, labelWords, TOP_LABELS), RIGHT_COLUMNS, labelWords, TOP_LABELS);
  return { headerTop: headerLines[0]!.y0 - 1, bodyTop: lastHeader.y1 + 0.5, anchors: all };
}

/**
 * Columns whose labels went unread, told by what the body prints in them (a
 * stamp over `METAS Y ACCIONES` or `META ANUAL`; `LÍNEA DE ACCIÓN` read as
 * words that no label matches alone):
 * - the acciones' column is where the row codes (`505.-`) stand, and the
 *   P.M.D. column where the x.y.z codes left of them do (and so, with the
 *   acciones' label read, where only P.M.D.'s is lost);
 * - META ANUAL is where the figures left of the first quarter's stand.
 * Without such words, the anchors as they were.
 */
export function bodyAnchors(anchors: readonly ColumnAnchor[], words: readonly Word[], region: { y0: number; y1: number }): ColumnAnchor[] {
  // META ANUAL is printed left of ENE-MAR: an `ANUAL` right of it is another line's (the
  // title's `PROGRAMA OPERATIVO ANUAL 2026`, its first words under a stamp, taken into the
  // header block).
  const t1 = anchors.find((a) => a.key === 'T1.P');
  const out = anchors.filter((a) => !(a.key === 'meta_anual' && t1 && a.x0 >= t1.x0));
  const has = (k: string) => out.some((a) => a.key === k);
  const span = (key: string, ws: readonly Word[]): ColumnAnchor => ({ key, x0: Math.min(...ws.map((w) => w.x0)), x1: Math.max(...ws.map((w) => w.x1)) });
  const body = words.filter((w) => (w.y0 + w.y1) / 2 > region.y0 && (w.y0 + w.y1) / 2 < region.y1);
  const figure = (w: Word) => /\d/.test(w.text) && isNumberText(w.text) && !w.illegible;
  // (On how many lines: one figure a row.)
  const lines = (ws: readonly Word[]) => new Set(ws.map((w) => Math.round((w.y0 + w.y1) / 2))).size;
  if (!has('descripcion')) {
    const firstNumber = Math.min(...anchors.filter((a) => a.key !== 'lineas').map((a) => a.x0));
    const codes = body.filter((w) => ROW_START.test(w.text.trim()) && w.x1 < firstNumber);
    if (codes.length > 0) {
      const d = span('descripcion', codes);
      out.push(d);
      const pmd = body.filter((w) => /^\d+\.\d+\.\d+/.test(w.text.trim()) && w.x1 < d.x0);
      if (!has('lineas') && pmd.length > 0) out.push(span('lineas', pmd));
    }
  }
  // P.M.D. alone unread (`PLD:`): where the x.y.z codes left of the row codes stand.
  if (!has('lineas')) {
    const codes = body.filter((w) => ROW_START.test(w.text.trim()));
    const left = codes.length > 0 ? Math.min(...codes.map((w) => w.x0)) : -Infinity;
    const pmd = body.filter((w) => /^\d+\.\d+\.\d+/.test(w.text.trim()) && w.x1 < left);
    if (lines(pmd) >= 2) {
      out.push(span('lineas', pmd));
      // (The row codes begin the acciones' column: its anchor reaches them.)
      const d = out.findIndex((a) => a.key === 'descripcion');
      if (d >= 0 && out[d]!.x0 > left) out[d] = { ...out[d]!, x0: left };
    }
  }
  const q1 = out.find((a) => a.key === 'T1.P');
  const text = out.filter((a) => a.key === 'descripcion' || a.key === 'unidad');
  if (!has('meta_anual') && q1 && text.length > 0) {
    const after = Math.max(...text.map((a) => a.x1));
    // Figures between the text columns and the first quarter.
    const figures = body.filter((w) => w.x0 > after && w.x1 < q1.x0 && figure(w));
    if (lines(figures) >= 2) out.push(span('meta_anual', figures));
  }
  // AVANCE ABSOLUTO / RELATIVO: the figures right of the last quarter's, percentages the second.
  const q4 = out.find((a) => a.key === 'T4.A');
  if (q4 && (!has('avance_absoluto') || !has('avance_relativo'))) {
    const obs = out.find((a) => a.key === 'observaciones');
    // (Clear of the last quarter's own figures, which may run past its label: a column's width.)
    const from = q4.x1 + Math.max(q4.x1 - q4.x0, 1);
    const right = body.filter((w) => w.x0 > from && (!obs || w.x1 < obs.x0) && figure(w));
    const pct = right.filter((w) => /%$/.test(w.text.trim()));
    if (!has('avance_relativo') && lines(pct) >= 2) out.push(span('avance_relativo', pct));
    const rel = out.find((a) => a.key === 'avance_relativo');
    const abs = right.filter((w) => !/%$/.test(w.text.trim()) && (!rel || w.x1 < rel.x0));
    if (!has('avance_absoluto') && lines(abs) >= 2) out.push(span('avance_absoluto', abs));
  }
  return out;
}

/** The numbers of a transcript row as printed, in column order, for placement by arithmetic. */
const printedNumbers = new WeakMap<DraftFila, PrintedCell[]>();

const NUMERIC_KEYS = ['meta_anual', ...PERIODOS_TRIMESTRE.flatMap((q) => [`${q}.P`, `${q}.A`]), 'avance_absoluto', 'avance_relativo'];

/**
 * A row's code that OCR misread into a mark or two (`202.-` read `2 2"`): the
 * line starts with one or two short tokens of digits and punctuation, then a
 * capitalised word, and the codes read on the page (`known`) leave a gap in
 * their sequence that begins with the same digit (200, 201, 203: 202); or the
 * token is two figures and the `.-` (`02.-`). The marks, else null. The code
 * itself is not guessed: the row keeps none.
 */
export function garbledCode(text: string, known: ReadonlySet<number>): string | null {
  const m = /^((?:[\d"'’.,:;\-–]{1,6}\s+){1,2})\p{Lu}\p{L}{2}/u.exec(text);
  // (A code read whole, with or without its `.-`, is no misread one.)
  if (!m || !/^\d/.test(m[1]!) || /^\d{3}(?!\d)/.test(text)) return null;
  // Two figures and the code's own `.-` (`02.- Entregar`, the 3 of 302 under a stamp): a code
  // that lost a figure, wherever the page's codes leave a gap or none (the first row of a
  // page the table ran onto).
  if (SHORT_CODE.test(m[1]!.trim())) return m[1]!.trim();
  const sorted = [...known].sort((a, b) => a - b);
  const gap = sorted.some((c, i) => {
    const next = sorted[i + 1];
    return next !== undefined && next - c === 2 && Math.floor(c / 100) === Math.floor(next / 100) && String(c + 1)[0] === m[1]![0];
  });
  return gap ? m[1]!.trim() : null;
}

function toFila(lp: LaidOutPage, row: TableRow, keys: string[], known: ReadonlySet<number> = new Set()): DraftFila | null {
  let raw = cellText(row, 'descripcion');
  if (raw === '') return null;
  let lineas = cellText(row, 'lineas');
  // A transcript may shift the row's code into the first column: `400 | DESARROLLAR …`.
  if (!/^\d{3}\b/.test(raw) && /^\d{3}$/.test(lineas)) {
    raw = `${lineas} ${raw}`;
    lineas = '';
  }
  raw = unmarked(raw, lp.page.source === 'ocr');
  // On a scan whose P.M.D. column label was not read, the row's PMD codes (or specks)
  // come before its code: `4.2.1 201.- Celebrar …`, `a11 101.- Dictaminar …`.
  if (lp.page.source === 'ocr' && !/^\d{3}\s*(\.\s*-|\.|-|–)/.test(raw)) {
    const pre = /^(\S{1,12}(?:\s+\S{1,12})?)\s+[^\p{L}\p{N}\s]{0,2}(\d{3}\s*\.\s*-.*)$/u.exec(raw);
    if (pre && !/\p{L}{3}/u.test(pre[1]!)) {
      lineas = clean(`${lineas} ${pre[1]!.split(/\s+/).filter((t) => /^\d+\.\d+\.\d+/.test(t)).join(' ')}`);
      raw = pre[2]!;
    }
  }
  // A code misread into marks (see garbledCode): the row has no code, its text starts after them.
  const marks = lp.page.source === 'ocr' ? garbledCode(raw, known) : null;
  if (marks !== null) raw = raw.slice(raw.indexOf(marks) + marks.length).trim();
  const m = marks === null ? CODED_ROW.exec(raw) : null;
  const accion_clave = m ? m[1]! : null;
  // No code and no number read in any number column, and hardly a word: specks, a
  // stamp or a signature, no row.
  if (!accion_clave) {
    const legible = NUMERIC_KEYS.some((k) => cellWords(row, k).some((w) => !w.illegible && /\d/.test(w.text)));
    const words = raw.split(/\s+/).filter((t) => t.replace(/[^\p{L}]/gu, '').length >= 4).length;
    if (!legible && (words < 2 || /^P\.?\s?M\.?\s?D\.?$/i.test(raw.trim()))) return null;
  }
  const descripcion = clean(m ? m[2]! : raw);
  const ilegibles: string[] = [];
  const unsure = new Map<string, number>();
  const num = (key: string, field: string) => {
    const c = rowNumber(row, key);
    if (c.ilegible) ilegibles.push(field);
    if (c.unsure !== undefined) unsure.set(field, c.unsure);
    return c.value;
  };
  const programado_anual = num('meta_anual', 'programado_anual');
  const periodos = PERIODOS_TRIMESTRE.map((q) => ({
    periodo: q,
    programado: num(`${q}.P`, `${q}.programado`),
    realizado: num(`${q}.A`, `${q}.realizado`),
    variacion: null,
  }));
  const avance_absoluto = num('avance_absoluto', 'avance_absoluto');
  const avance_relativo = num('avance_relativo', 'avance_relativo');
  const isMeta = accion_clave !== null && accion_clave.endsWith('00');
  const obs = cellText(row, 'observaciones');
  const fila: DraftFila = {
    tipo: isMeta ? 'meta' : 'accion',
    actividad: null,
    meta_clave: isMeta ? accion_clave : null,
    meta: isMeta ? descripcion : null,
    accion_clave,
    descripcion,
    unidad_medida: cellText(row, 'unidad') || null,
    lineas_accion: lineCodes(lineas),
    programado_anual,
    realizado_anual: null,
    variacion_anual: null,
    avance_absoluto,
    avance_relativo,
    periodos,
    observaciones: obs || null,
    ilegibles,
    origen: rowOrigen(lp.page, row, keys),
  };
  for (const [field, v] of unsure) noteUnsure(fila, field, v);
  if (lp.page.source === 'transcripcion') {
    const slotOf = (k: string) => {
      const m = /^T(\d)\.([PA])$/.exec(k);
      return m ? (Number(m[1]) - 1) * 2 + (m[2] === 'A' ? 1 : 0) : undefined;
    };
    printedNumbers.set(
      fila,
      [...NUMERIC_KEYS, 'observaciones'].map((k) => ({ text: cellText(row, k), slot: slotOf(k) })).filter((c) => c.text !== ''),
    );
  }
  return fila;
}

/**
 * After the pages of a report are joined (so the quarter reported is known):
 * transcript rows whose cells as read do not add up get their printed numbers
 * placed by the arithmetic (see tmm-placement.ts).
 */
function refine(r: DraftReporte): void {
  for (const f of r.filas) {
    const printed = printedNumbers.get(f);
    if (!printed) continue;
    const asRead = validateFila(r, f);
    if (asRead.estado === 'ok') continue;
    const { tokens, rest } = tokensOf(printed);
    const placed = placeTmmNumbers(tokens, r.periodo_reportado);
    if (!placed) continue;
    // Text that had shifted into the numeric cells is the row's observation.
    if (rest) f.observaciones = rest;
    f.programado_anual = placed.programado_anual;
    f.avance_absoluto = placed.avance_absoluto;
    f.avance_relativo = placed.avance_relativo;
    f.periodos = f.periodos.map((p, q) => ({ ...p, programado: placed.P[q] ?? null, realizado: placed.A[q] ?? null }));
    f.ilegibles = placed.ambiguous;
    f.origen = { ...f.origen, inferido: inferenceNote(placed.dropped, placed.ambiguous, tokens.length) };
  }
}
