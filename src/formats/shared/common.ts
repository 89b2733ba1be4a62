/**
 * Helpers the format modules share: label: value header lines, code + name
 * splitting, signers, number cells, provenance. Nothing here knows a column
 * layout; the format modules do.
 */
import { bboxOf, type Page, type Word } from '../../ir/page.js';
import type { Line } from '../../3-layout/lines.js';
import { cellText, cellWords, type TableRow } from '../../3-layout/table.js';
import type { Clave, Origen, Responsable } from '../../schema/document.js';
import { parseNumber } from '../../6-normalize/numbers.js';
import { clean, fold, similarity } from '../../6-normalize/text.js';

/** `01 - PRESIDENCIA` / `54 BIENESTAR …` / `BIENESTAR …` → {clave, nombre}. */
export function splitClave(raw: string): Clave | null {
  // The tail of a label a stamp broke up (`UNIDAD RESPONS; E; 001 …`) is no part of the value,
  // nor a colon, semicolon or comma it ends with (OCR's speck after `CASAS DE LA CULTURA`).
  const s = clean(raw.replace(/^[-–:•*]+\s*/, '').replace(/^\p{L}{1,2}[;:,.]\s*(?=\d)/u, '').replace(/[\s:;,]+$/, ''));
  if (s === '') return null;
  // A code OCR broke at a space before its dash (`08 1-A GRUPOS` for `081 - ATENCIÓN A GRUPOS`):
  // codes nest (ramo 08, programa 081, unit 08101), so a short group after it continues it.
  const m = /^(\d+(?:\.\d+)*)\.?\s*(?:[-–]\s*)?(.*)$/.exec(s.replace(/^(\d{2,}) (\d{1,3})(?=\s*[-–])/, '$1$2'));
  if (m) return { clave: m[1]!, nombre: m[2] ? clean(m[2]) : null };
  return { clave: null, nombre: s };
}

/** Does a folded line start with one of these labels (a colon optional)? Returns the rest. */
export function afterLabel(raw: string, labels: readonly string[], minSimilarity = 0.8, fuzzy = true): string | null {
  const text = raw.replace(/^\s*[-•*]\s+/, '');
  const f = fold(text);
  for (const label of labels) {
    const L = fold(label);
    if (f === L || f === `${L}:`) return '';
    if (f.startsWith(L)) {
      const rest = text.slice(labelLength(text, L.length));
      if (/^\s*:/.test(rest) || /^\s/.test(rest)) return clean(rest.replace(/^\s*:\s*/, ''));
    }
  }
  if (!fuzzy) return null;
  for (const label of labels) {
    const L = fold(label);
    // OCR noise on the label: compare the first words of the line with the label,
    // as a whole or word by word (a word cut short by a stamp: `UNIDAD RESPONS,`).
    const labelWords = L.split(' ');
    const nWords = labelWords.length;
    const words = text.trim().split(/\s+/);
    const head = words.slice(0, nWords).join(' ').replace(/:$/, '');
    // A word is its label word, or a piece of it at least 60% as long (a stamp may
    // cover either end: `RESPONS,`, `FINALID`, `ECUTOR`), or close to it. After the
    // first word, read as such, a word of six letters or more that shares four in a row
    // with its label word will do too (a stamp over the middle: `UNIDAD INSABI`).
    const firstRead = fold(words[0] ?? '').replace(/[^A-Z0-9]/g, '') === labelWords[0];
    const byWord = (started: boolean) =>
      words.length >= nWords &&
      labelWords.every((b, i) => {
        const a = fold(words[i]!).replace(/[^A-Z0-9]/g, '');
        if (a === b || (a.length >= 4 && a.length >= 0.6 * b.length && b.includes(a)) || (nWords > 1 && a.length >= 3 && similarity(a, b) >= minSimilarity)) return true;
        // (With `started`, after it, the start of its word, four letters or more: `UNIDAD RESPO]`.)
        if (started && i > 0 && firstRead && a.length >= 4 && b.startsWith(a)) return true;
        return i > 0 && firstRead && a.length >= 6 && a.length >= 0.5 * b.length && a.length <= b.length && /^[A-Z]+$/.test(a) && hasPiece(b, a, 4);
      });
    if ((head.length >= 3 && similarity(head, L) >= minSimilarity) || byWord(false)) {
      return clean(words.slice(nWords).join(' ').replace(/^[:;,.]\s*/, ''));
    }
    // A label of two words or more that OCR broke apart elsewhere (`UNIDAI RESI PONSA`, a
    // stamp over its end): its letters, as far as the words go, are the label's.
    // (Words of letters only: a code after the label is the value's.)
    const letters = L.replace(/[^A-Z]/g, '');
    for (let k = nWords; nWords > 1 && k <= nWords + 1 && words.length > k; k++) {
      const head = words.slice(0, k);
      const got = head.map((x) => fold(x).replace(/[^A-Z]/g, '')).join('');
      if (!head.every((x) => /\p{L}/u.test(x)) || got.length < 0.7 * letters.length || got.length > letters.length + 1) continue;
      if (similarity(got, letters.slice(0, got.length)) >= minSimilarity) return clean(words.slice(k).join(' ').replace(/^[:;,.]\s*/, ''));
    }
    // Last, a label word cut to its start by a stamp over its end (`UNIDAD RESPO] DEPARTAMENTO`),
    // once its letters with the next word's are not the label's (`UNIDAD RESPO ISABLI`, above).
    if (byWord(true)) return clean(words.slice(nWords).join(' ').replace(/^[:;,.]\s*/, ''));
  }
  return null;
}

/**
 * Does a folded text hold a piece of `word` — any `n` letters of it in a row?
 * For header labels OCR read with a letter lost at either end (`EVENGADO`,
 * `UTORIZADO`). Words shorter than `n` must appear whole.
 */
export function hasPiece(folded: string, word: string, n = 6): boolean {
  if (word.length <= n) return folded.includes(word);
  for (let i = 0; i + n <= word.length; i++) if (folded.includes(word.slice(i, i + n))) return true;
  return false;
}

/** Length in the original string that folds to `n` characters (accents fold 1:1 here). */
function labelLength(text: string, n: number): number {
  const trimmed = text.length - text.trimStart().length;
  return trimmed + n;
}

export function findLine(lines: readonly Line[], re: RegExp, from = 0): number {
  for (let i = from; i < lines.length; i++) if (re.test(fold(lines[i]!.text))) return i;
  return -1;
}

/** A word that stands for a value: a cell OCR read on its own, or a number as printed. */
export function isValueWord(w: Word): boolean {
  return w.cellRead === true || parseNumber(w.text).kind === 'number';
}

/** How many words of a line stand for values. */
export function valueCount(words: readonly Word[]): number {
  return words.filter(isValueWord).length;
}

/** A number cell: its value, or `ilegible` when something is printed that is not a number. */
export interface NumberCell {
  value: number | null;
  ilegible: boolean;
  text: string;
  /** An ilegible cell that holds one figure read on its own, unsurely: what it was read as. */
  unsure?: number;
}

/** Below this OCR confidence, a number the page pass read (not a cell read on its own) is not trusted. */
export const PAGE_PASS_NUMBER_MIN_CONF = 80;

/**
 * The one figure read on its own among a cell's words, when the others are no part of
 * it: words of text on lines of their own above or below it (a line of the row's text
 * that ran over the number columns, a stamp's lettering), or a mark of a character or
 * less the page pass read unsurely far from it on its line, two figure heights off or
 * more (a stamp's `7` or `-` left of an amount). Null otherwise.
 */
export function loneFigure(words: readonly Word[]): Word | null {
  const read = words.filter((w) => w.cellRead);
  if (read.length !== 1 || read[0]!.illegible) return null;
  const n = read[0]!;
  const h = n.y1 - n.y0;
  const stray = (w: Word) => !w.cellRead && w.conf !== undefined && w.conf < PAGE_PASS_NUMBER_MIN_CONF && w.text.replace(/[^\p{L}\p{N}]/gu, '').length <= 1 && (n.x0 - w.x1 >= 2 * h || w.x0 - n.x1 >= 2 * h);
  const apart = words.every((w) => w === n || (!w.illegible && ((!/\d/.test(w.text) && /\p{L}/u.test(w.text) && (w.y0 >= n.y1 || w.y1 <= n.y0)) || stray(w))));
  return apart ? n : null;
}

export function numberCell(text: string, words: readonly Word[] = []): NumberCell {
  const lone = loneFigure(words);
  if (lone && words.length > 1) return numberCell(lone.text, [lone]);
  if (words.some((w) => w.illegible)) {
    const only = words.length === 1 && words[0]!.cellRead ? parseNumber(words[0]!.text) : null;
    return { value: null, ilegible: true, text, ...(only?.kind === 'number' ? { unsure: only.value } : {}) };
  }
  // A number OCR read only in its whole-page pass, unsurely (a stamp over the cell kept
  // it from being read on its own): its value is not known.
  if (words.some((w) => w.conf !== undefined && !w.cellRead && w.conf < PAGE_PASS_NUMBER_MIN_CONF && /\d/.test(w.text))) {
    return { value: null, ilegible: true, text };
  }
  const p = parseNumber(text);
  if (p.kind === 'invalid') return { value: null, ilegible: true, text };
  return { value: p.value, ilegible: false, text };
}

export function rowNumber(row: TableRow, key: string): NumberCell {
  return numberCell(cellText(row, key), cellWords(row, key));
}

/** PMD line-of-action codes in a text: `1.3.4, 1.4.3` → ['1.3.4', '1.4.3']. */
export function lineCodes(text: string): string[] {
  return [...text.matchAll(/\b\d+\.\d+\.\d+\b/g)].map((m) => m[0]);
}

/** Provenance of a table row. */
export function rowOrigen(page: Page, row: TableRow, keys: readonly string[]): Origen {
  const words = keys.flatMap((k) => cellWords(row, k));
  const b = bboxOf(words) ?? { x0: 0, y0: row.y0, x1: 0, y1: row.y1 };
  const confs = words.filter((w) => typeof w.conf === 'number').map((w) => w.conf!);
  return {
    pagina: page.number,
    bbox: [round(b.x0), round(b.y0), round(b.x1), round(b.y1)],
    fuente: page.source,
    texto: keys.map((k) => cellText(row, k)).join(' | '),
    confianza: confs.length > 0 ? round(Math.min(...confs)) : null,
    inferido: null,
  };
}

export function round(v: number): number {
  return Math.round(v * 100) / 100;
}

/** Merges the words of one line that sit close together into phrases (for OCR words). */
export function phrases(line: Line): Word[] {
  const out: Word[] = [];
  for (const w of line.words) {
    const last = out[out.length - 1];
    // The taller of the two: a hyphen or a comma is a word of almost no height.
    const h = Math.max(w.y1 - w.y0, last ? last.y1 - last.y0 : 0);
    if (last && w.x0 - last.x1 < 1.2 * h) {
      last.text = `${last.text} ${w.text}`;
      last.x1 = Math.max(last.x1, w.x1);
      last.y0 = Math.min(last.y0, w.y0);
      last.y1 = Math.max(last.y1, w.y1);
      if (w.conf !== undefined) last.conf = Math.min(last.conf ?? 100, w.conf);
    } else out.push({ ...w });
  }
  return out;
}

const CARGO = /^RESPONSABLE\s+(DE|DEL)\b|^(TITULAR|DIRECTOR|COORDINADOR|JEFE|SECRETARIO|TESORERO|ENLACE)\b/;
/** A cargo as OCR reads it under a scribble: `RESPONSABLE BEÉL PROGRAMA`, `RESPONSABI`. */
const CARGO_OCR = /^RESPONSAB/;

/**
 * The printed cargo of an OCR'd signature line, from the words left of it:
 * `RESPONSABLE DE LA UNID CUTORA` → `RESPONSABLE DE LA UNIDAD EJECUTORA`. Only
 * the three cargos these forms print are told apart; anything else stays as read.
 */
function cargoOf(text: string, ocr: boolean): string {
  const t = clean(text);
  if (!ocr) return t;
  const f = fold(t);
  if (/^RESPONSAB/.test(f)) {
    if (/\bRAMO\b|\bRAM0\b|\bDEL R/.test(f)) return 'RESPONSABLE DEL RAMO';
    if (/PRO?GR|GRAMA|\bDEL P/.test(f)) return 'RESPONSABLE DEL PROGRAMA';
    if (/UNID|EJECUT|CUTORA|\bDE LA\b/.test(f)) return 'RESPONSABLE DE LA UNIDAD EJECUTORA';
  }
  return t;
}

/**
 * A name as read, or null when what stands above the cargo is no name: fewer
 * than two words of three letters or more (`EERN`, `ZAS`, specks of a scribble).
 */
function nameOf(text: string): string | null {
  const t = clean(text.replace(/^[-–—.\s]+/, ''));
  const words = t.split(/\s+/).filter((x) => x.replace(/[^\p{L}]/gu, '').length >= 3);
  return words.length >= 2 ? t : null;
}

/**
 * Signers: each phrase that reads as a cargo (`RESPONSABLE DEL RAMO`) with the
 * name printed just above it. Returned in reading order.
 */
export function findSigners(lines: readonly Line[], fromY = 0, ocr = false): Responsable[] {
  const all = lines.filter((l) => l.y0 >= fromY).flatMap((l) => phrases(l).map((p) => ({ p, line: l })));
  const isCargo = (text: string) => CARGO.test(fold(text)) || (ocr && CARGO_OCR.test(fold(text)));
  const cargos = all.filter(({ p }) => isCargo(p.text));
  const out: Array<Responsable & { x: number; y: number; h: number }> = [];
  for (const { p: cargo } of cargos) {
    const cx = (cargo.x0 + cargo.x1) / 2;
    const h = cargo.y1 - cargo.y0;
    let best: Word | null = null;
    for (const { p } of all) {
      if (p === cargo || p.y1 > cargo.y0 + 0.2 * h) continue;
      if (cargo.y0 - p.y1 > 4 * h) continue;
      const overlaps = p.x0 <= cargo.x1 && p.x1 >= cargo.x0;
      const pcx = (p.x0 + p.x1) / 2;
      if (!overlaps && Math.abs(pcx - cx) > (cargo.x1 - cargo.x0)) continue;
      if (isCargo(p.text) || !/[A-ZÁÉÍÓÚÑ]{2}/.test(p.text)) continue;
      if (/NOMBRE Y FIRMA/.test(fold(p.text))) continue;
      if (!best || p.y1 > best.y1) best = p;
    }
    if (best) out.push({ nombre: ocr ? nameOf(best.text) : clean(best.text), cargo: cargoOf(cargo.text, ocr), x: cargo.x0, y: cargo.y0, h });
    // On a scan the name may be lost under the scribble: the cargo is still there.
    else if (ocr) out.push({ nombre: null, cargo: cargoOf(cargo.text, ocr), x: cargo.x0, y: cargo.y0, h });
  }
  // Reading order: rows of signers top to bottom, left to right within a row
  // (a row: cargos within a line height or so — in the page's own units, points or pixels).
  out.sort((a, b) => (Math.abs(a.y - b.y) < 1.5 * Math.max(a.h, b.h) ? a.x - b.x : a.y - b.y));
  return out.map(({ nombre, cargo }) => ({ nombre, cargo }));
}

/** The lowest y where the signature block begins (the name line above the first cargo), or null. */
export function signatureTop(lines: readonly Line[], fromY: number, ocr = false): number | null {
  const cargoIdx = lines.findIndex((l) => l.y0 > fromY && phrases(l).some((p) => CARGO.test(fold(p.text)) || (ocr && CARGO_OCR.test(fold(p.text)))));
  if (cargoIdx < 0) return null;
  const cargo = lines[cargoIdx]!;
  const above = lines[cargoIdx - 1];
  const h = cargo.y1 - cargo.y0;
  let top = cargoIdx;
  if (above && above.y0 > fromY && cargo.y0 - above.y1 < 3 * h) top = cargoIdx - 1;
  // On a scan, the scribbles of the signatures reach above the names: lines of
  // nothing but illegible marks and letter specks just above belong to the block.
  if (ocr) {
    const scribble = (l: Line) => l.words.every((w) => w.illegible || (w.conf ?? 100) < 50 || w.text.replace(/[^\p{L}\p{N}]/gu, '').length <= 2);
    while (top - 1 >= 0 && lines[top - 1]!.y0 > fromY && lines[top]!.y0 - lines[top - 1]!.y1 < 2 * h && scribble(lines[top - 1]!)) top--;
  }
  // (A tall mark grouped into the line reaches above the line's own top.)
  return Math.min(...lines[top]!.words.map((w) => w.y0), lines[top]!.y0) - 1;
}

/**
 * A column label OCR could not read (`UNIDAD DE MEDIDA` left as `IDA` by a
 * stamp): where two labels were found whose columns have exactly one column
 * between them in the form's order, the header words no spec matched lying
 * between them are that column's label. `order`: keys left to right.
 */
export function inferMissingAnchors(
  anchors: ReadonlyArray<{ key: string; x0: number; x1: number }>,
  order: readonly string[],
  words: readonly Word[],
  specs: readonly LabelSpec[],
): Array<{ key: string; x0: number; x1: number }> {
  const out = [...anchors];
  const at = (k: string) => out.find((a) => a.key === k);
  for (let i = 0; i + 2 < order.length; i++) {
    const left = at(order[i]!);
    const missing = order[i + 1]!;
    const right = at(order[i + 2]!);
    if (!left || !right || at(missing) || right.x0 <= left.x1) continue;
    const between = words.filter(
      (w) => w.x0 > left.x1 && w.x1 < right.x0 && !w.illegible && /\p{L}{2}/u.test(w.text) && !specs.some((s) => s.test(fold(w.text))),
    );
    if (between.length === 0) continue;
    out.push({ key: missing, x0: Math.min(...between.map((w) => w.x0)), x1: Math.max(...between.map((w) => w.x1)) });
  }
  return out;
}

/** The middle value (the upper one of an even count); 0 for none. */
export function median(vs: readonly number[]): number {
  const s = [...vs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s[Math.floor(s.length / 2)]!;
}

export interface LabelSpec {
  key: string;
  test: (folded: string) => boolean;
}

/**
 * Column anchors from header words: each word goes to the first spec it
 * matches, and a key's anchor spans all its words (a label printed on two lines).
 */
export function anchorsFrom(ws: readonly Word[], specs: readonly LabelSpec[]): Array<{ key: string; x0: number; x1: number }> {
  const found = new Map<string, { key: string; x0: number; x1: number; y1: number }>();
  const sorted = [...ws].sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
  // An OCR box may run over the next word of its line (`ABSOLUTO` drawn to the end of
  // `RELATIVO`): a word ends where the next one starts.
  const clipped = new Map<Word, number>();
  // Its left neighbour: the nearest word ending just before it, centred on the same line.
  const byX = [...ws].sort((a, b) => a.x0 - b.x0);
  const leftOf = new Map<Word, Word>();
  for (const w of byX) {
    const h = w.y1 - w.y0;
    const cy = (w.y0 + w.y1) / 2;
    let best: Word | null = null;
    for (const o of byX) {
      // (Transcript words in different cells are never one phrase.)
      if (o === w || o.x0 >= w.x0 || o.cell !== w.cell) continue;
      const oh = o.y1 - o.y0;
      if (Math.abs((o.y0 + o.y1) / 2 - cy) > 0.5 * Math.max(h, oh)) continue;
      if (w.x0 - o.x1 > 1.2 * Math.max(h, oh)) continue;
      if (!best || o.x1 > best.x1) best = o;
    }
    if (best) {
      leftOf.set(w, best);
      if (best.x1 > w.x0) clipped.set(best, Math.min(clipped.get(best) ?? Infinity, w.x0));
    }
  }
  // Only a key named by another word too gives one of its words away (a label's only word stays its own).
  const ownKey = new Map<Word, string | null>(ws.map((w) => [w, specs.find((s) => s.test(fold(w.text)))?.key ?? null]));
  const named = new Map<string, number>();
  for (const k of ownKey.values()) if (k) named.set(k, (named.get(k) ?? 0) + 1);
  // Words of one label printed as one phrase (`DESCRIPCIÓN CAPÍTULO`; OCR gives them
  // apart, the text layer as one run): a word right after a label's word on its
  // line, closer than a line height, belongs to that label whatever it reads.
  const keyOf = new Map<Word, string | null>();
  const follows = new Map<Word, string>();
  for (const w of byX) {
    const own = ownKey.get(w) ?? null;
    const left = leftOf.get(w);
    const leftKey = left ? (keyOf.get(left) ?? null) : null;
    if (leftKey && own && own !== leftKey && (named.get(own) ?? 0) >= 2) {
      follows.set(w, leftKey);
      keyOf.set(w, leftKey);
    } else keyOf.set(w, own ?? leftKey);
  }
  for (const w of sorted) {
    const key = follows.get(w) ?? ownKey.get(w);
    const spec = key ? specs.find((s) => s.key === key) : undefined;
    if (!spec) continue;
    const h = w.y1 - w.y0;
    const x1 = clipped.get(w) ?? w.x1;
    // `DESCRIPCIÓN` over `CAPÍTULO`: a word printed under another label's word is part of that label.
    const under = [...found.values()].some(
      (a) => a.key !== spec.key && a.y1 <= w.y0 + 0.5 * h && w.y0 - a.y1 < 1.5 * h && Math.min(a.x1, x1) - Math.max(a.x0, w.x0) > 0.5 * (x1 - w.x0),
    );
    if (under) continue;
    const a = found.get(spec.key);
    if (a) {
      a.x0 = Math.min(a.x0, w.x0);
      a.x1 = Math.max(a.x1, x1);
      a.y1 = Math.max(a.y1, w.y1);
    } else found.set(spec.key, { key: spec.key, x0: w.x0, x1, y1: w.y1 });
  }
  return [...found.values()].map(({ key, x0, x1 }) => ({ key, x0, x1 }));
}

/**
 * The n labels of a row of pairs (PROG, REAL, PROG, REAL …; P, A, P, A …),
 * evenly spaced, when some could not be read (a stamp over them): each label
 * read takes the slot its distance from the first one gives, in steps of the
 * narrowest gap between a pair's two; `isFirst` labels take even slots, the
 * others odd ones. The missing slots are placed at those steps. Null when the
 * labels read do not fit one such row, or fit it more than one way and the
 * `pairs` (a mark read centred over the pair from `slot`, at `cx`) do not
 * tell which.
 */
export function placeAlternating(
  found: readonly Word[],
  n: number,
  isFirst: (w: Word) => boolean,
  pairs: ReadonlyArray<{ slot: number; cx: number }> = [],
): Array<{ x0: number; x1: number }> | null {
  // Fewer than seven in ten read: only where the marks over the pairs confirm the placement,
  // and at least half read.
  const few = found.length < Math.ceil(0.7 * n);
  if (few && (pairs.length < 2 || found.length < Math.ceil(0.5 * n))) return null;
  const cx = (w: { x0: number; x1: number }) => (w.x0 + w.x1) / 2;
  const gaps: number[] = [];
  for (let i = 1; i < found.length; i++) if (isFirst(found[i]!) !== isFirst(found[i - 1]!)) gaps.push(cx(found[i]!) - cx(found[i - 1]!));
  if (gaps.length === 0) return null;
  // The step between neighbouring labels: the middle of the gaps between neighbours (not
  // the least of them: OCR boxes are a little off either way, and a pair may stand closer
  // than the others, as an avance's annual PROG. / REAL do).
  const least = Math.min(...gaps);
  const near = gaps.filter((g) => g < 1.5 * least).sort((a, b) => a - b);
  const step = near[Math.floor((near.length - 1) / 2)]!;
  if (step <= 0) return null;
  const x0 = cx(found[0]!);
  const rel = found.map((w) => (cx(w) - x0) / step);
  if (rel.some((r) => Math.abs(r - Math.round(r)) > 0.25)) return null;
  const slots = rel.map(Math.round);
  if (new Set(slots).size !== slots.length) return null;
  const offsets: number[] = [];
  for (let o = 0; o + Math.max(...slots) < n; o++) {
    if (found.every((w, k) => (slots[k]! + o) % 2 === (isFirst(w) ? 0 : 1))) offsets.push(o);
  }
  const half = Math.max(...found.map((w) => (w.x1 - w.x0) / 2));
  const place = (o: number) =>
    Array.from({ length: n }, (_, i) => {
      const k = slots.indexOf(i - o);
      if (k >= 0) return { x0: found[k]!.x0, x1: found[k]!.x1 };
      const c = x0 + (i - o) * step;
      return { x0: c - half, x1: c + half };
    });
  if (offsets.length === 1 && !few) return place(offsets[0]!);
  // More than one placement fits (an avance's annual pair lost: the quarters' leaves alone
  // fit from the first slot as well as from the third): the marks read over the pairs (the
  // quarter numbers `2 3 4`) tell which, when at least two say the same.
  if (offsets.length === 0 || pairs.length < 2) return null;
  const fits = offsets.filter((o) => {
    const at = place(o);
    return pairs.every(({ slot, cx: mark }) => {
      const p = at[slot];
      const r = at[slot + 1];
      return p !== undefined && r !== undefined && mark > cx(p) && mark < cx(r);
    });
  });
  return fits.length === 1 ? place(fits[0]!) : null;
}
