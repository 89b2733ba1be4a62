/**
 * What a numeric cell may say, and whether the ink can hold what was read.
 * Pure functions over text and the boxes of the cell's marks (pixels).
 */
import type { Rect } from './image.js';

/** Characters a numeric cell may hold. */
export const NUMERIC_WHITELIST = '0123456789.,()$%-';

/** Looks like a number as printed in these reports: `$ 1,350,142.92`, `(10.73)`, `25%`, `-1`, `2,500`. */
const AMOUNT = '-?\\$?\\s?(\\d{1,3}(,\\d{3})+|\\d+)(\\.\\d+)?\\s?%?';
const NUMBER_RE = new RegExp(`^\\$?\\s?(${AMOUNT}|\\(${AMOUNT}\\))$`);

export function isNumberText(s: string): boolean {
  return NUMBER_RE.test(s.replace(/\s+/g, ' ').trim());
}

/** Codes of the Plan Municipal de Desarrollo, one or several: `4.5.3`, `1.6.3, 2.3.1`. */
const CODES_RE = /^\d+(\.\d+)+(\s*[,;]?\s*\d+(\.\d+)+)*$/;

/** A well-formed reading of a numeric cell: a number, or a list of codes. */
export function isCellValue(s: string): boolean {
  const t = s.replace(/\s+/g, ' ').trim();
  return NUMBER_RE.test(t) || CODES_RE.test(t);
}

/** Characters OCR confuses with digits when it reads without a whitelist. */
const DIGITISH = /^[\d.,:;()$%\-\s|lIiOoSsBZz!]+$/;

/** Page-pass text that could be a number misread (or read right). */
export function looksNumeric(s: string): boolean {
  const t = s.replace(/[\s"'`´‘’“”«»·]+/g, '');
  if (t === '' || !DIGITISH.test(t)) return false;
  // At least one real digit, or a lone letter a digit is mistaken for (a `1` read as `l`).
  return /\d/.test(t) || (t.length <= 2 && /[|lIiOoSsBZz!]/.test(t));
}

/**
 * What the page pass's words over a cell's ink say it holds: a figure
 * (`numeric`), nothing sure — nothing read, or a letter or two (a `1` read as
 * `T`, a header's `P`) — to look at again (`unknown`), or text (null). Marks
 * that are no character (a stamp's frame line read as `*———`) beside a figure
 * do not make it text.
 */
export function cellKind(texts: readonly string[]): 'numeric' | 'unknown' | null {
  const text = texts.join(' ');
  if (texts.length > 0 && looksNumeric(text)) return 'numeric';
  const rest = texts.filter((t) => /[\p{L}\p{N}$%]/u.test(t));
  if (rest.length < texts.length && rest.some((t) => /\d/.test(t)) && looksNumeric(rest.join(' '))) return 'numeric';
  if (text.replace(/[^\p{L}\p{N}]/gu, '').length <= 2 && !/^[$%().,-]+$/.test(text)) return 'unknown';
  return null;
}

/**
 * Junk from specks, stamps and scribbles, left out of a page's words: no letter or
 * digit and unsure, or a letter or two (no digit) and quite unsure — a loop of a
 * signature read as `a`.
 */
export function junk(w: { text: string; conf: number }): boolean {
  if (!/[\p{L}\p{N}]/u.test(w.text) && w.conf < 50) return true;
  return w.text.replace(/[^\p{L}\p{N}]/gu, '').length <= 2 && !/\d/.test(w.text) && w.conf < 70;
}

/**
 * cellKind of a word-sized blob of ink outside the grid (`box`), from the page pass's
 * words over it; what would be dropped as junk does not make a figure text when the
 * rest is a figure read surely (80) over most of the blob (`385,600` (96) and `mz`
 * (47): a Courier amount's `.12` read apart, unsurely, and the amount left unread
 * and short). Not a stamp's marks about an unsure `86` (7): such a blob is left to
 * the cells told by the figures around it (see virtualCells).
 */
export function blobKind(words: ReadonlyArray<{ text: string; conf: number; x0: number; x1: number }>, box: { x0: number; x1: number }): ReturnType<typeof cellKind> {
  const kind = cellKind(words.map((w) => w.text));
  const read = words.filter((w) => !junk(w));
  if (kind !== null || read.length === 0 || read.length === words.length) return kind;
  const sure = read.every((w) => w.conf >= 80);
  const span = Math.max(...read.map((w) => w.x1)) - Math.min(...read.map((w) => w.x0));
  return sure && span >= 0.5 * (box.x1 - box.x0) && cellKind(read.map((w) => w.text)) === 'numeric' ? 'numeric' : kind;
}

/**
 * Of the readings made already of one cell's ink, cleaned in other ways (at
 * other darker thresholds, or with a stamp's strokes masked), the first that
 * names the same value as `r`, the kind of its separators aside (the
 * digits-only set reads a comma as a point as often as not), when one of the
 * two is at least `least` sure; else undefined. Under a stamp no single
 * reading may be sure, but two readings of differently cleaned ink that agree
 * on every digit are: a stamp's stroke seldom turns a digit into the same
 * other digit at two thresholds.
 */
export function agreeingReading<T extends { text: string; conf: number }>(tried: readonly T[], r: { text: string; conf: number }, least: number): T | undefined {
  if (r.text === '' || !/\d/.test(r.text)) return undefined;
  return tried.find((q) => separatorsAside(q.text) === separatorsAside(r.text) && Math.max(q.conf, r.conf) >= least);
}

/** The figures of a reading, nothing else: `$ 1,987,003.10` → `198700310`. */
/** The digits of a reading, its separators, signs and spaces aside. */
export const figuresOf = (t: string) => t.replace(/\D/g, '');

/**
 * Whether the page pass read the same figures in a cell (its words there, `mine`) as the
 * cell's own reading, separators and spaces aside (`1.987,003.10` for `1,987,003.10`) — but
 * not a stamp's time or date (`11:26`, `12/04`), whose figures a cell reading may share.
 */
export function pagePassAgrees(text: string, mine: ReadonlyArray<{ text: string }>): boolean {
  if (mine.length === 0 || mine.some((w) => /[:/]/.test(w.text))) return false;
  return figuresOf(mine.map((w) => w.text).join('')) === figuresOf(text);
}

/** The fewest figures a reading under the bar must have for the page pass's agreeing with it to count (see borneOut). */
export const BORNE_FIGURES = 2;
/** The least confidence of such a reading (see borneOut). */
export const BORNE_FLOOR = 50;

/**
 * A reading under the OCR's bar that the page pass bears out: its scales did not disagree,
 * it is at least BORNE_FLOOR sure, and the page pass read the same figures there, two at
 * least (a lone figure may be read alike wrongly by both, a `1` for a `7`). The cell's
 * scales agreeing can repeat one misreading; the page pass is a reading made apart, at
 * another scale and with the page's layout.
 */
export function borneOut(r: { text: string; conf: number; disputed: boolean }, mine: ReadonlyArray<{ text: string }>): boolean {
  return !r.disputed && r.conf >= BORNE_FLOOR && figuresOf(r.text).length >= BORNE_FIGURES && pagePassAgrees(r.text, mine);
}

/**
 * Whether one reading of a figure under a stamp stands on its own: sure (90 or
 * more, its scales agreeing), and, where it was made of thinned ink (`thin`:
 * at 0.6 of the ink threshold or darker, where a `4` whose diagonal broke
 * reads surely `1` and an `8` whose waist broke `6`), said too, however
 * unsurely, by a reading of the wider strokes (`wider`).
 */
export function standsAlone(r: { text: string; conf: number; disputed: boolean }, thin: boolean, wider: readonly string[]): boolean {
  if (r.text === '' || r.disputed || r.conf < 90) return false;
  return !thin || wider.some((t) => separatorsAside(t) === separatorsAside(r.text));
}

/**
 * A reading of an amount in thousands with its separators set as such figures
 * set them: commas before each group of three digits, a point before the
 * cents (`$ 3,690.004.55` → `$ 3,690,004.55`); null when its separators do
 * not fall so (at least one group of three is needed: `12,50` tells nothing).
 */
export function conventional(text: string): string | null {
  const m = /^(\$ ?)?([(-]?)(\d{1,3})((?:[.,]\d{3})+)([.,]\d{1,2})?(\)?%?)$/.exec(text.trim());
  if (!m) return null;
  const [, dollar = '', open = '', head = '', groups = '', cents = '', close = ''] = m;
  const out = `${dollar}${open}${head}${groups.replace(/[.,]/g, ',')}${cents.replace(/[.,]/, '.')}${close}`;
  return isCellValue(out) ? out : null;
}

/**
 * The separators where a figure's digits fall settle, whatever their marks
 * look like (SPEC §2 writes thousands with commas and cents with a point):
 * an amount in groups of three (`6.200.000.00` → `6,200,000.00`; two
 * separators cannot both be decimal points), or one separator before one or
 * two last digits (`12,5` → `12.5`: a decimal comma would mean the same).
 * Null where they do not: one separator before the last three digits
 * (`4.000`: four thousand, or four to three decimals?), unless the page's
 * figures write thousands with commas.
 */
export function settledSeparators(text: string, thousands?: ','): string | null {
  const seps = (text.match(/[.,]/g) ?? []).length;
  if (seps === 0) return text;
  const decimal = /^(\$ ?)?[(-]?\d+[.,]\d{1,2}\)?%?$/.test(text.trim()) ? text.trim().replace(',', '.') : null;
  const out = decimal ?? conventional(text);
  if (out === null || !isCellValue(out)) return null;
  if (seps === 1 && /,\d{3}\)?%?$/.test(out) && thousands !== ',') return null;
  return out;
}

/** A reading with its spaces left out and its commas taken for points: two readings that differ only in the kind of their separators are equal so. */
export function separatorsAside(text: string): string {
  return text.replace(/\s+/g, '').replace(/,/g, '.');
}

/**
 * The leftmost mark when it is a dollar sign: taller than the digits (it
 * reaches above and below them), not narrow like a parenthesis, with digits
 * after it. Tesseract gives an amount with its `$` no confidence at all (0),
 * and the same amount without it full confidence, so the `$` is read from
 * its shape and the amount on its own.
 */
export function dollarMark(parts: readonly Rect[], loose?: { taller: number; gap: number }): Rect | null {
  if (parts.length < 2) return null;
  const sorted = [...parts].sort((a, b) => a.x0 - b.x0);
  const first = sorted[0]!;
  const rest = sorted.slice(1);
  const heights = rest.map((p) => p.y1 - p.y0).sort((a, b) => a - b);
  const digitH = heights[heights.length - 1]!;
  const tallRest = rest.filter((p) => p.y1 - p.y0 >= 0.6 * digitH);
  if (tallRest.length === 0) return null;
  const medianH = tallRest.map((p) => p.y1 - p.y0).sort((a, b) => a - b)[Math.floor(tallRest.length / 2)]!;
  const fh = first.y1 - first.y0;
  const fw = first.x1 - first.x0;
  const top = Math.min(...tallRest.map((p) => p.y0));
  const bottom = Math.max(...tallRest.map((p) => p.y1));
  if (fh < (loose?.taller ?? 1.1) * medianH || fw < 0.35 * fh || fw > 0.9 * fh) return null;
  // It reaches past the digits at both ends…
  if (first.y0 > top || first.y1 < bottom) return null;
  // …and a space separates it from the amount (digits are set closer).
  const next = rest.reduce((a, b) => (b.x0 < a.x0 ? b : a));
  return next.x0 - first.x1 >= (loose?.gap ?? 0.2) * medianH ? first : null;
}

/**
 * The leftmost mark is a `$` (see dollarMark) set well apart from the amount,
 * at least two digit heights of paper between them, as the forms set it at the
 * left of a right-aligned figure: no leading digit of the amount, whatever a
 * stamp over it did to its shape.
 */
export function dollarApart(parts: readonly Rect[]): boolean {
  const d = dollarMark(parts);
  if (!d) return false;
  const rest = parts.filter((p) => p !== d);
  const h = Math.max(...rest.map((p) => p.y1 - p.y0));
  return Math.min(...rest.map((p) => p.x0)) - d.x1 >= 2 * h;
}

/**
 * A fair reading (confidence 70 or more, well-formed) whose digits are not those
 * of `text`: a later reading that says otherwise is not to be taken on its own
 * word (a stamp's line across a digit can make another digit of it).
 */
export function contradictsDigits(first: { text: string; conf: number }, text: string): boolean {
  return first.conf >= 70 && isCellValue(first.text) && figuresOf(first.text) !== figuresOf(text);
}

/** Width of each character relative to the height of a digit (generous: fonts differ). */
function charUnits(ch: string): number {
  if (/\d|\$/.test(ch)) return 1;
  if (ch === '%') return 1.3;
  if (ch === '.' || ch === ',') return 0.4;
  if (ch === '(' || ch === ')') return 0.5;
  if (ch === '-') return 0.6;
  return 0.5;
}

/**
 * How wide the ink of a unit is for the characters read: ink width over
 * (height × character units). Gaps wider than a third of the height (the
 * space between `$` and the amount) count as a third. About 0.6–0.85 for a
 * proportional font, up to ~1.1 for Courier.
 */
export function widthRatio(text: string, parts: readonly Rect[]): number {
  if (parts.length === 0) return Infinity;
  const H = Math.max(...parts.map((p) => p.y1 - p.y0));
  const spans = parts.map((p) => [p.x0, p.x1] as [number, number]).sort((a, b) => a[0] - b[0]);
  let width = 0;
  let end = -Infinity;
  for (const [a, b] of spans) {
    if (a > end) {
      if (end > -Infinity) width += Math.min(a - end, H / 3);
      width += b - a;
      end = b;
    } else if (b > end) {
      width += b - end;
      end = b;
    }
  }
  const units = [...text.replace(/\s+/g, '')].reduce((sum, c) => sum + charUnits(c), 0);
  return units === 0 ? Infinity : width / (H * units);
}

/**
 * `x` lies in the gap between two characters set as in one number: not in the
 * wide space between a `$` and a right-aligned amount, where a speck of dust
 * is no point (gaps around a Courier comma reach about 1.2 digit heights).
 */
export function betweenCharacters(x: number, chars: readonly Rect[], H: number): boolean {
  const left = Math.max(...chars.filter((o) => o.x1 <= x).map((o) => o.x1));
  const right = Math.min(...chars.filter((o) => o.x0 >= x).map((o) => o.x0));
  return Number.isFinite(left) && Number.isFinite(right) && right - left <= 1.5 * H;
}

/** Small marks low between characters — the points and commas the ink shows — left to right. */
function separatorMarks(parts: readonly Rect[]): Rect[] {
  if (parts.length < 3) return [];
  const H = Math.max(...parts.map((p) => p.y1 - p.y0));
  const tall = parts.filter((p) => p.y1 - p.y0 >= 0.6 * H);
  if (tall.length === 0) return [];
  const top = Math.min(...tall.map((p) => p.y0));
  const bottom = Math.max(...tall.map((p) => p.y1));
  const marks = parts.filter((p) => {
    if (p.y1 - p.y0 >= 0.45 * H) return false;
    if (p.x1 - p.x0 < 0.08 * H || p.y1 - p.y0 < 0.08 * H || p.y1 - p.y0 < 0.6 * (p.x1 - p.x0)) return false;
    const cx = (p.x0 + p.x1) / 2;
    const cy = (p.y0 + p.y1) / 2;
    // In a gap between characters (not a broken piece of one), low, starting above the baseline.
    if (tall.some((o) => cx >= o.x0 && cx <= o.x1)) return false;
    return cy > top + 0.6 * (bottom - top) && p.y0 < bottom - 1 && betweenCharacters(cx, tall, H);
  });
  // One gap between two characters holds one separator: of two marks there (a comma
  // broken in two, a speck beside it) the bigger is the separator.
  const gapOf = (p: Rect) => Math.max(...tall.filter((o) => o.x1 <= (p.x0 + p.x1) / 2).map((o) => o.x1));
  const area = (p: Rect) => (p.x1 - p.x0) * (p.y1 - p.y0);
  const byGap = new Map<number, Rect>();
  for (const m of marks) {
    const g = gapOf(m);
    const had = byGap.get(g);
    if (!had || area(m) > area(had)) byGap.set(g, m);
  }
  return [...byGap.values()].sort((a, b) => a.x0 - b.x0);
}

/**
 * Point or comma, from the shape of the mark: a comma's tail goes below the
 * baseline and it is taller than wide; a point sits on the baseline. Measured
 * on the fixtures: tails reach 0.06–0.18 of the digit height below, points
 * 0–0.05 (Times at 300 dpi has commas that look like points: `?`).
 */
function separatorKind(mark: Rect, baseline: number, H: number): ',' | '.' | '?' {
  const descent = (mark.y1 - baseline) / H;
  const tallness = (mark.y1 - mark.y0) / Math.max(1, mark.x1 - mark.x0);
  if (descent >= 0.08 || (descent >= 0.05 && tallness >= 1.6)) return ',';
  if (descent <= 0.02 && tallness <= 1.5) return '.';
  return '?';
}

/**
 * Where a mark's faint ink ends below it (see faintBottom): the bottom row
 * (exclusive) of the mark with the blur around it, or NaN when it cannot be
 * told (the faint ink runs on, into something else).
 */
export type FaintBottom = (mark: Rect, maxRows: number) => number;

/**
 * How many rows below the digits' own faint bottom a mark's faint ink ends
 * (see FaintBottom); NaN when it cannot be told.
 */
function faintDescent(mark: Rect, tall: readonly Rect[], H: number, bottom: FaintBottom): number {
  const limit = Math.ceil(0.45 * H);
  const bases = tall.map((p) => bottom(p, limit)).filter((b) => Number.isFinite(b)).sort((a, b) => a - b);
  if (bases.length === 0 || bases.length < tall.length / 2) return NaN;
  const base = bases[Math.floor(bases.length / 2)]!;
  const end = bottom(mark, limit);
  return Number.isFinite(end) ? end - base : NaN;
}

/**
 * A mark the binary shape leaves unclear, told by its faint ink. The thin
 * tail of a small comma (Times at 300 dpi) is lighter than the ink threshold:
 * binarized, the comma is a dot a pixel lower than a point. At a lighter
 * threshold the tail shows, reaching 0.15–0.2 of the digit height below the
 * digits' own faint bottom; a point ends with them (0–0.05). In between, or
 * when the faint ink runs on: still unknown.
 */
function faintKind(mark: Rect, rows: number, H: number): ',' | '.' | '?' {
  if (!Number.isFinite(rows)) return '?';
  const descent = rows / H;
  if (descent >= 0.12 && rows >= 2) return ',';
  // A point is round (a tall narrow mark that ends on the line is no point).
  if (descent <= 0.05 && mark.y1 - mark.y0 <= 1.5 * Math.max(1, mark.x1 - mark.x0)) return '.';
  return '?';
}

/**
 * Checks the points and commas of a reading against the marks in the ink.
 * Tesseract often reads the comma of `120,000` as a point (then `120.000`, a
 * valid but wrong number). Where the ink clearly shows the other mark the
 * reading takes it; where the ink cannot tell and the reading would be a
 * number with three decimals (`1.200`: one thousand two hundred, or one
 * point two?) the reading is ambiguous. Before three digits a point must be
 * confirmed by its faint ink too: a 200 dpi comma loses its tail to the
 * threshold and its binary shape is a point's. With `thousands` (the page's
 * figures show commas as thousands separators: see thousandsEvidence) such a
 * point is taken for a thousands comma instead; a wrong guess there breaks
 * the report's arithmetic, which the validation stage reports. A point the
 * ink shows before three digits must also end as low as the page's decimal
 * points do (`points`, see decimalPointDepths): in some fonts (URW Gothic) a
 * thousands comma is a short stroke that barely reaches below the digits, and
 * no figure of these reports has three decimals.
 */
export function checkSeparators(
  text: string,
  parts: readonly Rect[],
  faint?: FaintBottom,
  thousands?: ',',
  /** The ink can tell no separator's kind (a stamp over the figure, which its marks were masked from). */
  untold = false,
  /** How low the page's decimal points end (see decimalPointDepths); none read: undefined. */
  points?: number,
): { text: string; ambiguous: boolean; /** The ink told every separator. */ told: boolean } {
  const seps = [...text].filter((c) => c === '.' || c === ',');
  if (seps.length === 0) return { text, ambiguous: false, told: true };
  const threeDecimals = /\.\d{3}(?!\d)/.test(text);
  // Marks that do not match the reading's separators one for one tell none of them either.
  const kinds = (untold ? null : separatorKinds(text, parts, faint, points)) ?? (untold || thousands === ',' ? seps.map(() => '?' as const) : null);
  if (!kinds) return { text, ambiguous: threeDecimals, told: false };
  // Where the ink cannot tell, a point before exactly three digits is a thousands comma
  // on a page whose figures show commas there (see thousandsEvidence), else unknown.
  let ambiguous = false;
  let i = 0;
  const out = text.replace(/[.,]/g, (c, at: number) => {
    const k = kinds[i++]!;
    if (k !== '?') return k;
    if (c !== '.' || !beforeThree(text, at)) return c;
    if (thousands === ',' && /\d/.test(text.slice(0, at))) return ',';
    ambiguous = true;
    return c;
  });
  return { text: out, ambiguous, told: kinds.every((k) => k !== '?') };
}

/** The separator at `at` is followed by exactly three digits (a point and a comma both make a number). */
function beforeThree(text: string, at: number): boolean {
  return /^\d{3}(?!\d)/.test(text.slice(at + 1));
}

/** A reading's separators and the marks of its ink, one for one (null when they are not). */
function separatorMarksOf(text: string, parts: readonly Rect[]) {
  const seps = [...text.matchAll(/[.,]/g)];
  const marks = separatorMarks(parts);
  if (marks.length !== seps.length) return null;
  const H = Math.max(...parts.map((p) => p.y1 - p.y0));
  const tallParts = parts.filter((p) => p.y1 - p.y0 >= 0.6 * H);
  const tall = tallParts.map((p) => p.y1).sort((a, b) => a - b);
  const baseline = tall[Math.floor(tall.length / 2)] ?? 0;
  return { marks, seps, H, tallParts, baseline };
}

/**
 * The kind the ink shows for each separator of a reading ('?' where it cannot
 * tell), left to right; null when the marks in the ink do not match the
 * reading's separators one for one.
 */
function separatorKinds(text: string, parts: readonly Rect[], faint?: FaintBottom, points?: number): Array<',' | '.' | '?'> | null {
  const ink = separatorMarksOf(text, parts);
  if (!ink) return null;
  const { marks, seps, H, tallParts, baseline } = ink;
  return marks.map((m, i) => {
    const k = separatorKind(m, baseline, H);
    const three = beforeThree(text, seps[i]!.index!);
    // A point there is taken only when its faint ink ends with the digits: a blurred comma
    // (200 dpi) loses its tail to the threshold and looks like a point (`9,539` read 9.539);
    // and, before three digits, only where it ends as the page's decimal points do.
    if (k === '?' || (k === '.' && three)) {
      if (!faint) return '?';
      const rows = faintDescent(m, tallParts, H, faint);
      const f = faintKind(m, rows, H);
      if (f === '.' && three && !(points !== undefined && rows / H <= points + POINT_DEPTH_TOLERANCE)) return '?';
      return f;
    }
    return k;
  });
}

/**
 * How much lower than the page's decimal points a point before three digits
 * may end (digit heights). URW Gothic's commas end 0.04–0.09 below the digits,
 * its points −0.04–0 (held-out scans, 300 dpi).
 */
const POINT_DEPTH_TOLERANCE = 0.02;

/**
 * How low below the digits the faint ink of a reading's decimal points ends
 * (digit heights): its separators before a last two digits (`96.36`, where
 * SPEC §2's figures put their decimal point). The page's median of these
 * tells a point from a short comma before three digits (see checkSeparators).
 */
export function decimalPointDepths(text: string, parts: readonly Rect[], faint: FaintBottom): number[] {
  const ink = /[.,]\d{2}$/.test(text) && /\d/.test(text.slice(0, -3)) ? separatorMarksOf(text, parts) : null;
  if (!ink) return [];
  const { marks, H, tallParts } = ink;
  const rows = faintDescent(marks[marks.length - 1]!, tallParts, H, faint);
  return Number.isFinite(rows) ? [rows / H] : [];
}

/**
 * What a reading's ink tells of the page's thousands separator: separators
 * before a last group of exactly three digits that the ink shows to be commas,
 * and ones it shows to be points (`1.250`, a point as thousands separator or
 * three decimals). A page whose figures show commas there, and never a point,
 * writes thousands with commas (SPEC §2: `2,500`).
 */
export function thousandsEvidence(text: string, parts: readonly Rect[], faint?: FaintBottom, points?: number): { comma: number; point: number } {
  const out = { comma: 0, point: 0 };
  const kinds = /[.,]/.test(text) ? separatorKinds(text, parts, faint, points) : null;
  if (!kinds) return out;
  [...text.matchAll(/[.,]/g)].forEach((m, i) => {
    if (!beforeThree(text, m.index!) || !/\d/.test(text.slice(0, m.index!))) return;
    if (kinds[i] === ',') out.comma++;
    else if (kinds[i] === '.') out.point++;
  });
  return out;
}

/**
 * Could the ink hold what was read? Two digits that touch can be read as one
 * with full confidence (`56` → `6`): the ink is then too wide for the text; a
 * point the ink clearly shows must be in the text (`3.5.5` read `355`).
 */
export function plausibleWidth(text: string, parts: readonly Rect[]): boolean {
  const r = widthRatio(text, parts);
  if (!(r >= 0.2 && r <= 1.4)) return false;
  if (moreDigitsThanMarks(text, parts)) return false;
  const seps = (text.match(/[.,]/g) ?? []).length;
  return seps >= separatorMarks(parts).length;
}

/**
 * More digits read than the ink has glyphs. Where every full-width mark is about
 * as wide as the others, each is one glyph (a glyph broken in two makes more
 * marks, never fewer; two 1s side by side may touch and make one mark, so a
 * `11` counts once). Where some are wider (glyphs run together, URW Gothic's
 * `36`, a blurred `000`), each holds as many glyphs as it is wide in single
 * ones, and the count is taken only with no 1 read (its narrow ink makes a mark
 * that is no whole number of glyphs wide). Marks far taller than the glyphs (a
 * stamp's) leave the count untaken. Carlito's `9` was read `92`, `90,000` as
 * `920,000` at three scales: the width ratio alone could not tell, its digits narrow.
 */
export function moreDigitsThanMarks(text: string, parts: readonly Rect[]): boolean {
  const digits = (text.match(/\d/g) ?? []).length;
  if (parts.length === 0 || digits < 2) return false;
  // The glyphs' height; a mark far taller is a stamp's or runs into one, and the count is not taken.
  const heights = parts.map((p) => p.y1 - p.y0).sort((a, b) => a - b);
  const big = heights.filter((h) => h >= heights[heights.length - 1]! / 3);
  const top = big[Math.floor(big.length / 2)]!;
  if (heights[heights.length - 1]! > 1.4 * top) return false;
  // Tall marks, pieces one above the other counted once.
  const tall = parts.filter((p) => p.y1 - p.y0 >= 0.6 * top).sort((a, b) => a.x0 - b.x0);
  const columns: Rect[] = [];
  for (const p of tall) {
    const last = columns[columns.length - 1];
    if (last && p.x0 < last.x1 - 0.5 * Math.min(last.x1 - last.x0, p.x1 - p.x0)) columns[columns.length - 1] = { ...last, x1: Math.max(last.x1, p.x1), y0: Math.min(last.y0, p.y0), y1: Math.max(last.y1, p.y1) };
    else columns.push(p);
  }
  const wide = columns.map((c) => c.x1 - c.x0).filter((w) => w >= 0.45 * top);
  if (wide.length < 2) return false;
  const least = Math.min(...wide);
  // (One glyph is no wider than it is tall: a mark that is holds more.)
  if (Math.max(...wide) <= 1.35 * least && columns.every((c) => c.x1 - c.x0 <= c.y1 - c.y0)) {
    // (Two 1s side by side may touch and make one mark no wider than another glyph's.)
    const ones = (text.match(/11/g) ?? []).length;
    return digits - ones > columns.length;
  }
  // Some marks hold glyphs run together (`000` one mark): each holds as many glyphs as it
  // is wide in single glyphs. Not with a 1 read: its ink is narrow, and a mark holding it is
  // no whole number of glyphs wide.
  if (/1/.test(text)) return false;
  const singles = wide.filter((w) => w <= 1.35 * least).sort((a, b) => a - b);
  const glyph = singles[Math.floor(singles.length / 2)]!;
  const glyphs = columns.reduce((n, c) => n + Math.max(1, Math.round((c.x1 - c.x0) / glyph)), 0);
  return digits > glyphs;
}

/**
 * Wide gaps between two full-width characters with no mark in them: where a
 * point or comma the scan lost may have been (`89.27` read `8927`, the point
 * gone): far wider than the number's other gaps (or, with none to compare,
 * nearly half the height). Characters narrower than half the height (a `1`)
 * are set with wide gaps and do not count, nor does the space after a `$`.
 */
export function emptyGaps(parts: readonly Rect[]): number {
  if (parts.length < 2) return 0;
  const H = Math.max(...parts.map((p) => p.y1 - p.y0));
  const dollar = dollarMark(parts);
  const tall = parts.filter((p) => p !== dollar && p.y1 - p.y0 >= 0.6 * H).sort((a, b) => a.x0 - b.x0);
  const small = parts.filter((p) => p !== dollar && p.y1 - p.y0 < 0.6 * H);
  const gaps = tall.slice(1).map((b, i) => b.x0 - tall[i]!.x1);
  let n = 0;
  for (let i = 1; i < tall.length; i++) {
    const a = tall[i - 1]!;
    const b = tall[i]!;
    const gap = gaps[i - 1]!;
    if (a.x1 - a.x0 < 0.5 * H || b.x1 - b.x0 < 0.5 * H) continue;
    // Far wider than the other gaps of the number, or (no other gap to compare) very wide.
    const others = gaps.filter((_, j) => j !== i - 1).sort((x, y) => x - y);
    const usual = others.length > 0 ? others[Math.floor(others.length / 2)]! : null;
    if (gap < 0.35 * H || (usual === null ? gap < 0.45 * H : gap < usual + 0.25 * H)) continue;
    if (small.some((m) => (m.x0 + m.x1) / 2 > a.x1 - 1 && (m.x0 + m.x1) / 2 < b.x0 + 1)) continue;
    n++;
  }
  return n;
}
