/**
 * Header lines common to the formats: the ente / dependencia / title lines at
 * the top, and blocks of `LABEL: value` lines whose values may run on over
 * several lines (several ejes, several líneas de acción, a long name).
 */
import type { Line } from '../../3-layout/lines.js';
import type { Clave, Reporte } from '../../schema/document.js';
import { clean, fold, similarity } from '../../6-normalize/text.js';
import { afterLabel, phrases, splitClave } from './common.js';

export interface TitleLines {
  ente: string | null;
  dependencia: string | null;
  /** Bottom of the last title line found. */
  lastY: number | null;
}

/** The ente (AYUNTAMIENTO …) and dependencia (TESORERIA …) lines among the first `n` lines. */
export function titleLines(lines: readonly Line[], n: number): TitleLines {
  let ente: string | null = null;
  let dependencia: string | null = null;
  let lastY: number | null = null;
  // Phrase by phrase: a corner label (TMM-F004, FECHA) may share the title's line.
  for (const p of lines.slice(0, n).flatMap((l) => phrases(l))) {
    const f = fold(p.text);
    if (!ente && /A[YV][UV]?N?T?A?MIENTO|AYUNTAM|MEXICAL/.test(f) && f.length < 80) {
      ente = clean(p.text);
      lastY = p.y1;
    } else if (!dependencia && /TESORER/.test(f)) {
      dependencia = clean(p.text);
      lastY = p.y1;
    }
  }
  return { ente, dependencia, lastY };
}

export function yearIn(text: string): number | null {
  const m = /\b(20\d\d)\b/.exec(text);
  return m ? Number(m[1]) : null;
}

const MONTH_QUARTER: Array<[RegExp, Reporte['periodo_reportado']]> = [
  [/\bENE(RO)?\b.*\bMAR(ZO)?\b/, 'T1'],
  [/\bABR(IL)?\b.*\bJUN(IO)?\b/, 'T2'],
  [/\bJUL(IO)?\b.*\bSEP(TIEMBRE)?\b/, 'T3'],
  [/\bOCT(UBRE)?\b.*\bDIC(IEMBRE)?\b/, 'T4'],
];

/** `ENERO - MARZO`, `Ene-Mar-26`, `ENERO-MARZO 2026` → T1 … */
export function periodoFromFecha(text: string): Reporte['periodo_reportado'] {
  const f = fold(text).replace(/[-_/]/g, ' ');
  for (const [re, q] of MONTH_QUARTER) if (re.test(f)) return q;
  return null;
}

const ORDINALS: Array<[RegExp, Reporte['periodo_reportado']]> = [
  [/PRIMER/, 'T1'],
  [/SEGUNDO/, 'T2'],
  [/TERCER/, 'T3'],
  [/CUARTO/, 'T4'],
];

/** `AVANCE DEL CUARTO TRIMESTRE` → T4. */
export function periodoFromOrdinal(text: string): Reporte['periodo_reportado'] {
  const f = fold(text);
  for (const [re, q] of ORDINALS) if (re.test(f)) return q;
  // OCR noise on the ordinal (`AVANCE DEL TERG RIME: ER`): the word after DEL, when it is
  // clearly closer to one ordinal than to the others.
  const word = /\bDEL?\s+(\S+)/.exec(f)?.[1];
  if (!word) return null;
  const scored = ORDINAL_WORDS.map(([w, q]) => ({ q, s: similarity(word, w) })).sort((a, b) => b.s - a.s);
  return scored[0]!.s >= 0.6 && scored[0]!.s - scored[1]!.s >= 0.2 ? scored[0]!.q : null;
}

const ORDINAL_WORDS: Array<[string, Reporte['periodo_reportado']]> = [
  ['PRIMER', 'T1'],
  ['SEGUNDO', 'T2'],
  ['TERCER', 'T3'],
  ['CUARTO', 'T4'],
];

/**
 * Reads `LABEL: value` lines. A line that starts with no known label continues
 * the label before it: for a multi-valued label a line that starts with a code
 * is a new item, any other line continues the last item's name.
 *
 * Labels are printed in the order given. Where the values stand in a column of
 * their own (a wide gap after each label), a line whose label cannot be read
 * (a stamp over it, OCR noise) still holds the next label's value: a line with
 * unreadable text in the label column, or a value line that starts with a code
 * right after a single value, is taken as the next label in order.
 */
export function headerBlock(
  lines: readonly Line[],
  labels: Record<string, readonly string[]>,
  opts: { multi?: readonly string[] } = {},
): Map<string, Clave[]> {
  const out = new Map<string, Clave[]>();
  const order = Object.keys(labels).filter((k) => k !== 'fecha');
  // Longest labels first, so UNIDAD EJECUTORA wins over a shorter prefix.
  const entries = Object.entries(labels).sort((a, b) => Math.max(...b[1].map((s) => s.length)) - Math.max(...a[1].map((s) => s.length)));
  const matchLabel = (line: Line, inLabelColumn: boolean): { key: string; rest: string } | null => {
    // Labels as printed first, then as OCR may have damaged them (so `FUNCIÓN:` is
    // FUNCIÓN and not a piece of SUBFUNCIÓN).
    for (const fuzzy of [false, true]) {
      for (const [key, names] of entries) {
        // FECHA may stand anywhere (a corner of the page); the other labels only in their column.
        if (!inLabelColumn && key !== 'fecha') continue;
        const rest = afterLabel(line.text, names, 0.8, fuzzy);
        if (rest !== null) return { key, rest };
      }
    }
    return null;
  };
  const valueX = valueColumn(lines, (l) => matchLabel(l, true) !== null);
  // Where the labels read stand (their lines' first words, the median), known before the first
  // is met: a title line above the block whose first word is a stamp's, far right of them
  // (`TESORERÍA  AVANCE DEL TERCER TRIMESTRE`, 16 line heights off), is no line of an unread
  // label; a label a stamp left only its end of (`D EJECUTO!`, 3 off) still is.
  const labelFirsts = lines.filter((l) => l.words.length > 0 && matchLabel(withoutStrayTail(l), true) !== null).map((l) => l.words[0]!);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const labelColumn = labelFirsts.length > 0 ? { x: median(labelFirsts.map((w) => w.x0)), h: median(labelFirsts.map((w) => w.y1 - w.y0)) } : null;
  // The key whose label's first word begins with `word` (three letters or more), when only one does.
  const labelByStart = (word: string): string | null => {
    const start = fold(word).replace(/[^A-Z]/g, '');
    if (start.length < 3) return null;
    const keys = entries.filter(([, names]) => names.some((n) => fold(n).split(/\s+/)[0]!.startsWith(start))).map(([k]) => k);
    return keys.length === 1 && keys[0] !== 'fecha' ? keys[0]! : null;
  };
  // The key one of whose labels has `word` among its words after the first, when only one has.
  const labelByLaterWord = (word: string): string | null => {
    const f = fold(word).replace(/[^A-Z]/g, '');
    if (f.length < 6) return null;
    const keys = new Set(entries.filter(([, names]) => names.some((n) => fold(n).split(/\s+/).slice(1).includes(f))).map(([k]) => k));
    return keys.size === 1 && !keys.has('fecha') ? [...keys][0]! : null;
  };
  let current: string | null = null;
  // Labels stand in the label column: once one is found, a line that starts far
  // to its right is a value (a wrapped value may begin with a label's word).
  let labelX: number | null = null;
  const add = (key: string, text: string) => {
    if (!out.has(key)) out.set(key, []);
    const v = splitClave(text);
    if (v) out.get(key)!.push(v);
  };
  const nextKey = () => {
    const from = current === null ? 0 : order.indexOf(current) + 1;
    return order.slice(from).find((k) => !out.has(k)) ?? null;
  };
  // The label of the next line after line `i` that starts with one (looking ahead, below).
  const nextLabel = (i: number): string | null => {
    for (const l of lines.slice(i + 1)) {
      const m = matchLabel(withoutStrayTail(l), true);
      if (m) return m.key;
    }
    return null;
  };
  for (const [i, raw] of lines.entries()) {
    const line = withoutStrayTail(raw);
    const first = line.words[0];
    const h = first ? first.y1 - first.y0 : 0;
    const inLabelColumn = labelX === null || !first || first.x0 <= labelX + 3 * h;
    const m = matchLabel(line, inLabelColumn);
    if (m) {
      current = m.key;
      if (labelX === null && first) labelX = first.x0;
      add(m.key, m.rest);
      continue;
    }
    // A stamp's date on a line of its own (`3 ABR 2026`, `12/04/2026 15:18`) is no value,
    // nor a part of the one above (but under FECHA).
    if (current !== 'fecha' && STAMP_DATE.test(fold(line.text).trim())) continue;
    // A label OCR left only the start of, under a stamp (`UNI 'ESPONS,  002 DIRECCIÓN …`): in
    // the label column once a label was read there, its first word the first three letters
    // or more of one label's first word and of no other's, a wide gap after the label's
    // words, and a code of three to five digits among the first words after it: the value
    // is from that code (a value read without its code, or with a piece of it, `17` of
    // 17301, is left to run on as before: it would part a report from its own pages). (Else
    // the line ran on into the value above: the next report's unit read as the ramo's name,
    // and the page taken for the last one's continuation.)
    if (labelX !== null && first && Math.abs(first.x0 - labelX) <= h) {
      const key = labelByStart(first.text);
      const gap = line.words.findIndex((w, j) => j > 0 && j <= 3 && w.x0 - line.words[j - 1]!.x1 > 1.5 * h);
      if (key && !out.has(key) && gap > 0) {
        const rest = line.words.slice(gap);
        const code = rest.findIndex((w, j) => j <= 2 && /^\d{3,5}$/.test(w.text));
        if (code >= 0) {
          current = key;
          add(key, clean(joinValue(rest.slice(code))));
          continue;
        }
      }
    }
    // A label a stamp left only a later word of, read whole (`AD RESPONSABLE 003 DEÍ MENTO …`
    // of UNIDAD RESPONSABLE): starting in the label column or a few letters right of it (its
    // first words lost), among the line's first two words, a word (six letters or more) of
    // one label's words after its first, and of no other's, and next to it (a word at most
    // between) a code of three to five digits: the value is from that code.
    if (labelX !== null && first && first.x0 >= labelX - h && first.x0 <= labelX + 6 * h) {
      const k = line.words.slice(0, 2).findIndex((w) => labelByLaterWord(w.text) !== null);
      const key = k >= 0 ? labelByLaterWord(line.words[k]!.text) : null;
      const code = key ? line.words.slice(k + 1, k + 3).findIndex((w) => /^\d{3,5}$/.test(w.text)) : -1;
      if (key && !out.has(key) && code >= 0) {
        current = key;
        add(key, clean(joinValue(line.words.slice(k + 1 + code))));
        continue;
      }
    }
    // Values right after their labels: a line starting where the labels do, between the
    // lines of two labels one apart in the order, holds the label between them, unread
    // (`PRO! RA   PROMOCIÓN …` between RAMO and UNIDAD); its value is what follows the
    // first wide gap.
    if (valueX === null && current !== null && labelX !== null && first && Math.abs(first.x0 - labelX) <= h) {
      const at: number = order.indexOf(current);
      const between: string | undefined = order[at + 1];
      const gap = line.words.findIndex((w, j) => j > 0 && j <= 3 && w.x0 - line.words[j - 1]!.x1 > 1.5 * h);
      if (between && !out.has(between) && gap > 0 && nextLabel(i) === order[at + 2]) {
        current = between;
        add(between, clean(joinValue(line.words.slice(gap))));
        continue;
      }
    }
    if (valueX !== null && first) {
      const value = clean(joinValue(line.words.filter((w) => w.x0 >= valueX - h)));
      const labelText = line.words.filter((w) => w.x1 < valueX - h);
      const single: boolean = current !== null && !opts.multi?.includes(current) && (out.get(current)?.length ?? 0) > 0;
      const inColumn = labelX !== null ? first.x0 <= labelX + 3 * h : labelColumn === null || first.x0 <= labelColumn.x + 6 * labelColumn.h;
      const unreadLabel = labelText.length > 0 && value !== '' && inColumn;
      // A value that starts with a code, right after a single value — or before any
      // label was read (the first label under a stamp).
      const codeAfterSingle: boolean = labelText.length === 0 && (single || current === null) && /^\d+(\.\d+)*\.?\s/.test(value);
      const key: string | null = unreadLabel || codeAfterSingle ? nextKey() : null;
      if (key) {
        current = key;
        add(key, value);
        continue;
      }
    }
    if (current === null) continue;
    const items = out.get(current)!;
    const text = clean(line.text.replace(/^[-–•*]\s*/, ''));
    if (text === '') continue;
    const startsWithCode = /^\d+(\.\d+)*\.?\s/.test(text);
    if (opts.multi?.includes(current) && (startsWithCode || items.length === 0)) {
      const v = splitClave(text);
      if (v) items.push(v);
    } else if (items.length > 0) {
      const last = items[items.length - 1]!;
      last.nombre = clean(`${last.nombre ?? ''} ${text}`);
    } else {
      const v = splitClave(text);
      if (v) items.push(v);
    }
  }
  return out;
}

function joinValue(words: readonly { text: string }[]): string {
  return words.map((w) => w.text).join(' ');
}

/**
 * The x where values start when they stand in a column of their own: on lines
 * whose label was read, the first word after a gap wider than a line height or
 * so. Null when the values follow their labels directly (`Ramo: 01 - …`).
 */
function valueColumn(lines: readonly Line[], isLabelLine: (l: Line) => boolean): number | null {
  const xs: number[] = [];
  for (const l of lines) {
    if (!isLabelLine(l)) continue;
    for (let i = 1; i < l.words.length; i++) {
      const w = l.words[i]!;
      const prev = l.words[i - 1]!;
      if (w.x0 - prev.x1 > 1.5 * (w.y1 - w.y0)) {
        xs.push(w.x0);
        break;
      }
    }
  }
  if (xs.length < 2) return null;
  xs.sort((a, b) => a - b);
  const mid = xs[Math.floor(xs.length / 2)]!;
  // The values must line up: most of them within a character or two of the median.
  const h = lines[0] ? lines[0].y1 - lines[0].y0 : 0;
  const near = xs.filter((x) => Math.abs(x - mid) <= h).length;
  return near >= Math.max(2, Math.ceil(xs.length / 2)) ? mid : null;
}

/**
 * On an OCR'd page, words far right of the rest of a header line (a gap of
 * four line heights or more) are no part of its value: a stamp's `TESORERÍA`,
 * `RECIBIDO` or date beside `RAMO: 54 BIENESTAR …`; nor is a stamp's word
 * that ends the line nearer. The text layer is left as it is.
 */
export function withoutStrayTail(line: Line): Line {
  if (!line.words.some((w) => w.conf !== undefined)) return line;
  const upTo = (i: number): Line => {
    const words = line.words.slice(0, i);
    return { ...line, words, text: words.map((x) => x.text).join(' '), x1: words[words.length - 1]!.x1 };
  };
  for (let i = 1; i < line.words.length; i++) {
    const w = line.words[i]!;
    const prev = line.words[i - 1]!;
    const h = Math.max(w.y1 - w.y0, prev.y1 - prev.y0);
    // Not the gap between a label and a value column: only after the value has begun.
    if (i >= 3 && w.x0 - prev.x1 > 4 * h) return upTo(i);
  }
  // Nearer, the stamp's own word (or what is left of it: `CIBIDO`) ends the line.
  const last = fold(line.words[line.words.length - 1]!.text).replace(/[^A-Z]/g, '');
  if (line.words.length >= 3 && last.length >= 5 && STAMP_WORDS.some((s) => s.includes(last) || similarity(last, s) >= 0.8)) return upTo(line.words.length - 1);
  return line;
}

/** A date as a stamp prints it, alone on a line: `3 ABR 2026`, `12/04/2026 15:18`. */
const STAMP_DATE = /^(?:(?:\d{1,2}\s*)?(?:ENE|FEB|MAR|ABR|MAY|JUN|JUL|AGO|SEP|OCT|NOV|DIC)[A-Z]*\.?\s*(?:DE\s+)?\d{4}|\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4})(?:\s+\d{1,2}[:.]\d{2})?$/;

/** Words the stamps on these reports print (`RECIBIDO`), never the end of a header value. */
const STAMP_WORDS = ['RECIBIDO'];
