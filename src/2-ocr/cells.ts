/**
 * Table cells of a scanned page, built from its ruling lines, and the ink
 * inside each cell: what the OCR engine needs to read numeric cells one by one.
 * Pure functions.
 */
import { binarize, components, crop, nextInk, wordView, type Binary, type Component, type Gray, type Rect } from './image.js';
import type { Segment } from './lines.js';
import { betweenCharacters, dollarMark, figuresOf, looksNumeric } from './numbers.js';

export interface GridCell extends Rect {
  /** Index of the row band / column band of the cell's top-left corner in the grid levels. */
  row: number;
  col: number;
  /** How many row bands / column bands the cell spans (merged cells). */
  rowSpan: number;
  colSpan: number;
}

function clusterLevels(values: number[], tol: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const groups: number[][] = [];
  for (const v of sorted) {
    const g = groups[groups.length - 1];
    if (g && v - g[g.length - 1]! <= tol) g.push(v);
    else groups.push([v]);
  }
  return groups.map((g) => g.reduce((s, v) => s + v, 0) / g.length);
}

/** Fraction of [lo, hi] covered by segments lying at `level` (within tol). */
function coverage(segs: readonly Segment[], level: number, lo: number, hi: number, tol: number): number {
  const spans: Array<[number, number]> = [];
  for (const s of segs) {
    if (Math.abs(s.c - level) > tol + s.thickness / 2) continue;
    const a = Math.max(lo, s.a0);
    const b = Math.min(hi, s.a1);
    if (b > a) spans.push([a, b]);
  }
  if (spans.length === 0 || hi <= lo) return 0;
  spans.sort((p, q) => p[0] - q[0]);
  let covered = 0;
  let [cs, ce] = spans[0]!;
  for (const [a, b] of spans.slice(1)) {
    if (a > ce) {
      covered += ce - cs;
      cs = a;
      ce = b;
    } else if (b > ce) ce = b;
  }
  covered += ce - cs;
  return covered / (hi - lo);
}

/**
 * The cells enclosed by the ruling lines. The levels of all horizontal and
 * vertical lines cut the page into elementary rectangles; neighbours not
 * separated by a line are joined (merged cells), and only rectangles closed by
 * lines on every side are cells. Sorted top to bottom, left to right.
 *
 * @param tol how far apart (pixels) two lines may be and still be one level
 */
export function gridCells(horizontal: readonly Segment[], vertical: readonly Segment[], tol: number): GridCell[] {
  const ys = clusterLevels(horizontal.map((s) => s.c), tol);
  const xs = clusterLevels(vertical.map((s) => s.c), tol);
  const nr = ys.length - 1;
  const nc = xs.length - 1;
  if (nr < 1 || nc < 1) return [];
  const MIN_COVER = 0.6;
  // sepRight[i][j]: a vertical line at xs[j+1] separates (i,j) from (i,j+1) — also used for the outer edges.
  const vSep = (i: number, j: number) => coverage(vertical, xs[j]!, ys[i]!, ys[i + 1]!, tol) >= MIN_COVER;
  const hSep = (i: number, j: number) => coverage(horizontal, ys[i]!, xs[j]!, xs[j + 1]!, tol) >= MIN_COVER;
  const vs: boolean[][] = [];
  const hs: boolean[][] = [];
  for (let i = 0; i < nr; i++) {
    vs.push([]);
    for (let j = 0; j <= nc; j++) vs[i]!.push(vSep(i, j));
  }
  for (let i = 0; i <= nr; i++) {
    hs.push([]);
    for (let j = 0; j < nc; j++) hs[i]!.push(hSep(i, j));
  }
  // Union-find over elementary rectangles.
  const parent = Array.from({ length: nr * nc }, (_, k) => k);
  const find = (k: number): number => {
    while (parent[k] !== k) {
      parent[k] = parent[parent[k]!]!;
      k = parent[k]!;
    }
    return k;
  };
  const join = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[rb] = ra;
  };
  for (let i = 0; i < nr; i++) {
    for (let j = 0; j < nc; j++) {
      if (j + 1 < nc && !vs[i]![j + 1]) join(i * nc + j, i * nc + j + 1);
      if (i + 1 < nr && !hs[i + 1]![j]) join(i * nc + j, (i + 1) * nc + j);
    }
  }
  const regions = new Map<number, number[]>();
  for (let k = 0; k < nr * nc; k++) {
    const r = find(k);
    const list = regions.get(r);
    if (list) list.push(k);
    else regions.set(r, [k]);
  }
  const cells: GridCell[] = [];
  for (const members of regions.values()) {
    let i0 = Infinity, i1 = -Infinity, j0 = Infinity, j1 = -Infinity;
    for (const k of members) {
      const i = Math.floor(k / nc);
      const j = k % nc;
      i0 = Math.min(i0, i);
      i1 = Math.max(i1, i);
      j0 = Math.min(j0, j);
      j1 = Math.max(j1, j);
    }
    // Rectangular and closed on every side.
    if (members.length !== (i1 - i0 + 1) * (j1 - j0 + 1)) continue;
    let closed = true;
    for (let j = j0; j <= j1 && closed; j++) closed = hs[i0]![j]! && hs[i1 + 1]![j]!;
    for (let i = i0; i <= i1 && closed; i++) closed = vs[i]![j0]! && vs[i]![j1 + 1]!;
    if (!closed) continue;
    cells.push({
      x0: xs[j0]!,
      y0: ys[i0]!,
      x1: xs[j1 + 1]!,
      y1: ys[i1 + 1]!,
      row: i0,
      col: j0,
      rowSpan: i1 - i0 + 1,
      colSpan: j1 - j0 + 1,
    });
  }
  cells.sort((a, b) => a.row - b.row || a.col - b.col);
  return cells;
}

export interface CellInk {
  /** Bounding box of the ink kept, image pixels (x1, y1 exclusive). */
  box: Rect;
  /** The components kept (specks and stray bits of rule dropped). */
  parts: Component[];
  /** Number of text lines the ink forms (components grouped by vertical overlap). */
  lines: number;
}

export interface InkOptions {
  dpi: number;
  /** Pixels left out along each border (the rule and its blur), at least. */
  inset?: number;
  /** No border above / below (a line of a cell cut out of it: see cellLines). */
  openTop?: boolean;
  openBottom?: boolean;
}

/**
 * The ink inside a cell, or null when the cell is empty. Specks (noise, JPEG
 * artefacts) and thin bits of the border lines at the crop's edge do not count.
 *
 * The cell is looked at inside an inset from its borders (their blur). A figure
 * set hard against a side border (right-aligned without padding) runs on past
 * the inset, where the crop would cut its last digit (`6,000` read `6,00C`): it
 * is taken again up to the border's own erased band on that side.
 */
export function cellInk(bin: Binary, cell: Rect, opts: InkOptions): CellInk | null {
  const s = opts.dpi / 300;
  const inset = opts.inset ?? Math.max(3, Math.round(5 * s));
  const r = { x0: cell.x0 + inset, y0: cell.y0 + (opts.openTop ? 0 : inset), x1: cell.x1 - inset, y1: cell.y1 - (opts.openBottom ? 0 : inset) };
  if (r.x1 - r.x0 < 3 || r.y1 - r.y0 < 3) return null;
  let marks = inkWithin(bin, r, s);
  if (!marks) return null;
  // (2 px from the rule's centre at 300 dpi: inside its erased band, a 3 px rule and its
  // 1 px halo. At 3 px a figure flush against the rule lost the column next to the band.)
  const edge = Math.max(2, Math.round(2 * s));
  if (opts.inset === undefined && inset > edge) {
    const H = Math.max(...marks.map((c) => c.y1 - c.y0));
    const against = (c: Component) => c.y1 - c.y0 >= 0.4 * H && c.x1 - c.x0 >= 2;
    const left = marks.some((c) => against(c) && c.x0 <= Math.round(r.x0));
    const right = marks.some((c) => against(c) && c.x1 >= Math.round(r.x1));
    if (left || right) {
      const wide = { x0: left ? cell.x0 + edge : r.x0, y0: r.y0, x1: right ? cell.x1 - edge : r.x1, y1: r.y1 };
      marks = inkWithin(bin, wide, s) ?? marks;
    }
  }
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const c of marks) {
    x0 = Math.min(x0, c.x0);
    y0 = Math.min(y0, c.y0);
    x1 = Math.max(x1, c.x1);
    y1 = Math.max(y1, c.y1);
  }
  return { box: { x0, y0, x1, y1 }, parts: marks, lines: countLines(marks) };
}

/**
 * The marks of the ink in `box` at threshold `t` (image coordinates), when they
 * are one line of it; else null. At a darker threshold than the page's, a
 * stamp's lighter line that touched the figures, making one tall mark of them,
 * is left out and the figures' own marks are left.
 */
export function inkAt(img: Gray, box: Rect, t: number, dpi: number): Component[] | null {
  const x0 = Math.round(box.x0);
  const y0 = Math.round(box.y0);
  const piece = crop(img, { x0, y0, x1: Math.round(box.x1), y1: Math.round(box.y1) });
  const ink = cellInk(binarize(piece, t), { x0: 0, y0: 0, x1: piece.width, y1: piece.height }, { dpi, inset: 0 });
  if (!ink || ink.lines !== 1) return null;
  return ink.parts.map((p) => ({ ...p, x0: p.x0 + x0, x1: p.x1 + x0, y0: p.y0 + y0, y1: p.y1 + y0 }));
}

/**
 * The marks of the ink in `box` at 0.8, then 0.6 of the ink threshold (see
 * inkAt), the first that `fits` accepts, or null. Where a stamp's lighter
 * line touches a figure, only the darker print is left of them.
 */
export function darkerFit(img: Gray, box: Rect, threshold: number, dpi: number, fits: (parts: Component[]) => boolean): Component[] | null {
  for (const f of [0.8, 0.6]) {
    const parts = inkAt(img, box, Math.round(threshold * f), dpi);
    if (parts && fits(parts)) return parts;
  }
  return null;
}

/** The marks worth reading inside `r` (see keepMarks), or null when there is nothing but specks. */
function inkWithin(bin: Binary, r: Rect, s: number): Component[] | null {
  const minArea = Math.max(6, Math.round(14 * s * s));
  const minSize = Math.max(4, Math.round(9 * s)); // a dash is ≥ 9 px long at 300 dpi, a digit ≥ 20 px tall
  const all = components(bin, r).filter((c) => {
    const cw = c.x1 - c.x0;
    const ch = c.y1 - c.y0;
    // A sliver along the crop's edge is what is left of a border line.
    const thin = Math.min(cw, ch) <= Math.max(2, 3 * s);
    const atEdge = c.x0 <= Math.round(r.x0) || c.y0 <= Math.round(r.y0) || c.x1 >= Math.round(r.x1) || c.y1 >= Math.round(r.y1);
    return !(thin && atEdge && Math.max(cw, ch) > 3 * Math.min(cw, ch));
  });
  // The cell has ink when something bigger than a speck is there.
  const significant = (c: Component) => c.area >= minArea && (c.x1 - c.x0 >= minSize || c.y1 - c.y0 >= minSize);
  if (!all.some(significant)) return null;
  return mergeStacked(keepMarks(all, significant));
}

/**
 * The marks of a cell worth reading: its characters (the significant
 * components, far bigger than specks) and, of the small marks, only those a
 * number has — a decimal point or a thousands comma low between two
 * characters, a minus sign (flat) just before them. Other specks and dust are
 * left out.
 */
export function keepMarks(parts: readonly Component[], significant: (c: Component) => boolean): Component[] {
  const big = parts.filter(significant);
  if (big.length === 0) return [];
  const H = Math.max(...big.map((c) => c.y1 - c.y0));
  const chars = big.filter((c) => c.y1 - c.y0 >= 0.4 * H || c.x1 - c.x0 >= 0.4 * H);
  const by0 = Math.min(...chars.map((c) => c.y0));
  const by1 = Math.max(...chars.map((c) => c.y1));
  const bx0 = Math.min(...chars.map((c) => c.x0));
  const bx1 = Math.max(...chars.map((c) => c.x1));
  // No point comes between a `$` and the first digit: a mark there that does not reach the
  // digits' line is dust (a round `0` after a point may pass for a `$` by its shape, and the
  // point after it sits on the line).
  const dollar = dollarMark(chars);
  const digits = chars.filter((c) => c !== dollar);
  const digitsFrom = Math.min(...digits.map((c) => c.x0));
  const line = digits.map((c) => c.y1).sort((a, b) => a - b)[Math.floor(digits.length / 2)]!;
  const dust = (c: Component) => dollar !== null && (c.x0 + c.x1) / 2 < digitsFrom && c.y1 < line - 0.15 * H;
  return parts.filter((c) => {
    if (chars.includes(c)) return true;
    const ch = c.y1 - c.y0;
    const cw = c.x1 - c.x0;
    if (ch > 0.6 * H) return significant(c);
    const cx = (c.x0 + c.x1) / 2;
    const cy = (c.y0 + c.y1) / 2;
    // Too small to be a point even at this size: dust.
    if (c.area < Math.max(2, 0.004 * H * H)) return false;
    // A piece of a character whose thin stroke broke (the foot of a Times `5`).
    if (chars.some((o) => cx >= o.x0 && cx <= o.x1) && cy >= by0 && cy <= by1) return true;
    // Between characters, low on the line (starting above the baseline), as big as a
    // printed point and not flat: a point or a comma.
    const between = betweenCharacters(cx, chars, H);
    const pointSized = cw >= 0.08 * H && ch >= 0.08 * H && ch >= 0.6 * cw;
    if (between && pointSized && !dust(c) && cx > bx0 && cx < bx1 && cy >= by0 + 0.55 * (by1 - by0) && c.y0 < by1 - 1) return true;
    // A minus sign: flat (and as long as a fifth of the height: not a speck), at mid height, right before the characters.
    const flat = cw >= 1.3 * ch && ch <= 0.35 * H && cw >= 0.2 * H;
    if (flat && c.x1 <= bx0 + 1 && bx0 - c.x1 < H && cy > by0 + 0.2 * (by1 - by0) && cy < by1 - 0.2 * (by1 - by0)) return true;
    return false;
  });
}

/**
 * Pieces of one glyph as one mark. A stroke the scan broke (the foot of a `2`
 * under its bowl, the flag of a `1` over its stem) is a component of its own,
 * shorter than the digits: counted apart, the number's ink looks too wide for
 * its height, and the piece like a point. Marks stacked one over the other —
 * overlapping over most of the narrower one's width, almost touching — are
 * merged (two lines of figures are set far further apart).
 */
export function mergeStacked(parts: readonly Component[]): Component[] {
  const out = parts.map((c) => ({ ...c }));
  let merged = true;
  while (merged) {
    merged = false;
    for (let i = 0; i < out.length && !merged; i++) {
      for (let j = i + 1; j < out.length; j++) {
        const a = out[i]!;
        const b = out[j]!;
        const overlap = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
        if (overlap < 0.6 * Math.min(a.x1 - a.x0, b.x1 - b.x0)) continue;
        const gap = Math.max(a.y0, b.y0) - Math.min(a.y1, b.y1);
        if (gap > Math.max(2, 0.15 * Math.max(a.y1 - a.y0, b.y1 - b.y0))) continue;
        out[i] = { x0: Math.min(a.x0, b.x0), y0: Math.min(a.y0, b.y0), x1: Math.max(a.x1, b.x1), y1: Math.max(a.y1, b.y1), area: a.area + b.area };
        out.splice(j, 1);
        merged = true;
        break;
      }
    }
  }
  return out;
}

/**
 * The text lines formed by the components, top to bottom, as vertical spans:
 * components whose vertical extents overlap are one line; marks much shorter
 * than the typical component (accents, dots, commas) do not start a line of
 * their own.
 */
export function lineSpans(parts: readonly Component[]): Array<[number, number]> {
  if (parts.length === 0) return [];
  const heights = parts.map((c) => c.y1 - c.y0).sort((a, b) => a - b);
  const median = heights[Math.floor(heights.length / 2)]!;
  const spans = parts
    .filter((c) => c.y1 - c.y0 >= 0.5 * median)
    .map((c) => [c.y0, c.y1] as [number, number])
    .sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const [a, b] of spans) {
    const last = out[out.length - 1];
    if (last && a < last[1] - 1) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** Number of text lines formed by the components (see lineSpans). */
export function countLines(parts: readonly Component[]): number {
  return lineSpans(parts).length;
}

/** One line of ink of a cell, and the band of the cell it was looked for in. */
export interface CellLine extends CellInk {
  band: Rect;
}

/**
 * The lines of a cell that holds several (a table ruled between actions only,
 * whose programmed, done and variance figures stack in one grid cell): the
 * cell cut halfway between its lines, and the ink of each band found as in a
 * cell of its own (points and commas told against their own line). Lines that
 * come out as more than one line again (ink that runs across) are left out.
 */
export function cellLines(bin: Binary, cell: Rect, ink: CellInk, opts: InkOptions): CellLine[] {
  const spans = lineSpans(ink.parts);
  if (spans.length < 2) return [];
  const out: CellLine[] = [];
  spans.forEach(([a, b], k) => {
    const top = k === 0 ? cell.y0 : Math.round((spans[k - 1]![1] + a) / 2);
    const bottom = k === spans.length - 1 ? cell.y1 : Math.round((b + spans[k + 1]![0]) / 2);
    const band = { x0: cell.x0, y0: top, x1: cell.x1, y1: bottom };
    const line = cellInk(bin, band, { ...opts, openTop: k > 0, openBottom: k < spans.length - 1 });
    if (line && line.lines === 1) out.push({ ...line, band });
  });
  return out;
}

/**
 * Boxes numbered in the order they were added, looked up by the column of
 * their right end and the rows they cover, in squares of `size` pixels. A box
 * that grows is added again where it now ends; stale entries only add
 * candidates, which the caller's test rules out.
 */
class BoxIndex {
  private readonly cells = new Map<number, number[]>();
  constructor(private readonly size: number) {}

  private key(cx: number, cy: number): number {
    return cx * 1_000_003 + cy;
  }

  add(i: number, r: Rect): void {
    const cx = Math.floor(r.x1 / this.size);
    for (let cy = Math.floor(r.y0 / this.size); cy <= Math.floor(r.y1 / this.size); cy++) {
      const k = this.key(cx, cy);
      const list = this.cells.get(k);
      if (list === undefined) this.cells.set(k, [i]);
      else if (list[list.length - 1] !== i) list.push(i);
    }
  }

  /** The lowest number whose box ends between x1Lo and x1Hi, covers a row of [y0, y1], and passes `test`; or null. */
  first(x1Lo: number, x1Hi: number, y0: number, y1: number, test: (i: number) => boolean): number | null {
    let best: number | null = null;
    for (let cx = Math.floor(x1Lo / this.size); cx <= Math.floor(x1Hi / this.size); cx++) {
      for (let cy = Math.floor(y0 / this.size); cy <= Math.floor(y1 / this.size); cy++) {
        for (const i of this.cells.get(this.key(cx, cy)) ?? []) if ((best === null || i < best) && test(i)) best = i;
      }
    }
    return best;
  }
}

/**
 * Word-sized blobs of ink (for tables without a full grid): ink is smeared
 * along the line across gaps narrower than `gapInches`, so the characters of a
 * number join while separate cells do not, and the connected blobs of a
 * text-line height are returned, in image pixels. Worked on a half-resolution
 * copy (ink kept where any pixel of a 2×2 block is ink) for speed.
 */
export function wordBlobs(bin: Binary, dpi: number, gapInches = 0.03): Rect[] {
  const f = dpi >= 250 ? 2 : 1;
  const w = Math.floor(bin.width / f);
  const h = Math.floor(bin.height / f);
  let small = bin.data;
  if (f === 2) {
    const src = bin.data;
    const W = bin.width;
    small = new Uint8Array(w * h);
    for (let y = 0; y < h; y++) {
      let a = 2 * y * W;
      let b = a + W;
      for (let x = 0, o = y * w; x < w; x++, o++, a += 2, b += 2) small[o] = src[a]! | src[a + 1]! | src[b]! | src[b + 1]!;
    }
  }
  const gap = Math.max(2, Math.round((gapInches * dpi) / f));
  const smeared = new Uint8Array(small);
  const words = wordView(small);
  for (let y = 0; y < h; y++) {
    const row = y * w;
    let last = -1;
    for (let x = nextInk(small, words, row, row + w) - row; x < w; x = nextInk(small, words, row + x + 1, row + w) - row) {
      if (last >= 0 && x - last - 1 <= gap) smeared.fill(1, row + last + 1, row + x);
      last = x;
    }
  }
  const sdpi = dpi / f;
  const minH = sdpi * 0.04; // ~3 pt: a dash is thinner but never alone in a cell we need
  const maxH = sdpi * 0.3;
  const maxW = sdpi * 2.5;
  // Join the pieces of one number that smearing left apart (`$ 7` and `,450.00`:
  // along the comma's rows the `7` is far): pieces on one line closer than
  // 0.4 of their height.
  let blobs: Rect[] = components({ width: w, height: h, data: smeared })
    .filter((c) => c.area >= 2 && c.y1 - c.y0 <= maxH)
    .map((c) => ({ x0: c.x0, y0: c.y0, x1: c.x1, y1: c.y1 }))
    .sort((a, b) => a.x0 - b.x0);
  // A point or comma: a small mark in the lower part of the line of `o`. In Courier it has
  // a character's width to itself, so the figures on either side of it lie farther apart
  // than 0.4 of their height (`1,200` was two blobs); across one, up to 0.8.
  const isMark = (b: Rect, o: Rect) => {
    const oh = o.y1 - o.y0;
    return b.y1 - b.y0 <= 0.45 * oh && b.x1 - b.x0 <= 0.45 * oh && b.y0 >= o.y0 + 0.4 * oh && b.y1 >= o.y1 - 0.25 * oh;
  };
  let merged = true;
  while (merged) {
    merged = false;
    const out: Rect[] = [];
    // Whether the rightmost piece of each blob of `out` is such a mark.
    const endsWithMark: boolean[] = [];
    // The first blob of `out` that `b` joins. Only one whose right end is at most 0.4 of a
    // line's height before b and not past b's own end, and whose rows meet b's, can: those
    // are looked up by where they are (see BoxIndex), not among all (a noisy page has tens
    // of thousands of blobs).
    const index = new BoxIndex(Math.max(1, Math.ceil(maxH)));
    for (const b of blobs) {
      const bh = b.y1 - b.y0;
      const k = index.first(b.x0 - 0.8 * maxH, b.x1, b.y0, b.y1, (i) => {
        const o = out[i]!;
        const oh = o.y1 - o.y0;
        const overlap = Math.min(o.y1, b.y1) - Math.max(o.y0, b.y0);
        const gap = b.x0 - o.x1;
        const reach = isMark(b, o) ? 0.8 * oh : endsWithMark[i] && bh >= 0.6 * oh ? 0.8 * bh : 0.4 * Math.max(oh, bh);
        return overlap >= 0.5 * Math.min(oh, bh) && gap <= reach && gap >= -Math.min(o.x1 - o.x0, b.x1 - b.x0);
      });
      const into = k === null ? undefined : out[k]!;
      if (k !== null && into && Math.max(into.y1, b.y1) - Math.min(into.y0, b.y0) <= maxH) {
        endsWithMark[k] = b.x1 >= into.x1 ? isMark(b, into) : endsWithMark[k]!;
        into.x0 = Math.min(into.x0, b.x0);
        into.y0 = Math.min(into.y0, b.y0);
        into.x1 = Math.max(into.x1, b.x1);
        into.y1 = Math.max(into.y1, b.y1);
        index.add(k, into);
        merged = true;
      } else {
        out.push({ ...b });
        endsWithMark.push(false);
        index.add(out.length - 1, b);
      }
    }
    blobs = out.sort((a, b) => a.x0 - b.x0);
  }
  return blobs
    .filter((c) => {
      const bw = c.x1 - c.x0;
      const bh = c.y1 - c.y0;
      return bh <= maxH && bw <= maxW && (bh >= minH || bw >= 2 * minH);
    })
    .map((c) => ({ x0: c.x0 * f, y0: c.y0 * f, x1: c.x1 * f, y1: c.y1 * f }));
}

/**
 * Least gap between two figures of a blob a stamp joined, in figure heights: wider than
 * what a lost separator leaves within one figure (a point or comma and its spaces, under
 * one height), so the figures stand in columns of their own.
 */
export const JOINED_FIGURES_GAP = 1.2;

/**
 * The figures in one blob of ink once a stamp's lighter ink is taken out of it: `core`
 * is the blob's region with only the print left (see nearDark), binarized, whose top
 * left is at `at` in the page. Two figures or more, side by side on one line, at least
 * JOINED_FIGURES_GAP of their height apart: a stamp's letters or frame across a row of
 * a table without rules made one blob of them. Marks under half the height of the
 * tallest are no figures (a speck with a dark core). Else null.
 */
export function figuresApart(core: Binary, dpi: number, at: { x: number; y: number }): Rect[] | null {
  const all = wordBlobs(core, dpi).map((b) => ({ x0: b.x0 + at.x, y0: b.y0 + at.y, x1: b.x1 + at.x, y1: b.y1 + at.y }));
  if (all.length < 2) return null;
  const tallest = Math.max(...all.map((b) => b.y1 - b.y0));
  const figures = all.filter((b) => b.y1 - b.y0 >= 0.5 * tallest).sort((a, b) => a.x0 - b.x0);
  if (figures.length < 2) return null;
  const heights = figures.map((b) => b.y1 - b.y0).sort((a, b) => a - b);
  const h = heights[Math.floor(heights.length / 2)]!;
  const top = Math.max(...figures.map((b) => b.y0));
  const bottom = Math.min(...figures.map((b) => b.y1));
  if (bottom - top < 0.5 * h) return null;
  for (let i = 1; i < figures.length; i++) if (figures[i]!.x0 - figures[i - 1]!.x1 < JOINED_FIGURES_GAP * h) return null;
  return figures;
}

/**
 * Blobs of ink side by side that the page pass read as one number (`1,290,1`
 * and `15.25`: a Times `1` is narrow, and two of them are set as far apart as
 * words are), joined. Only where the gap is less than the blobs' height.
 */
export function joinRead(blobs: readonly Rect[], words: ReadonlyArray<Rect & { text: string }>): Rect[] {
  const out: Rect[] = [];
  for (const b of [...blobs].sort((p, q) => p.x0 - q.x0)) {
    const h = (r: Rect) => r.y1 - r.y0;
    const into = out.find((a) => {
      const overlap = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
      const gap = b.x0 - a.x1;
      if (overlap < 0.5 * Math.min(h(a), h(b)) || gap < 0 || gap > Math.max(h(a), h(b))) return false;
      return words.some((w) => looksNumeric(w.text) && w.x0 < a.x1 && w.x1 > b.x0 && Math.min(w.y1, a.y1, b.y1) - Math.max(w.y0, a.y0, b.y0) > 0);
    });
    if (!into) {
      out.push({ ...b });
      continue;
    }
    into.x0 = Math.min(into.x0, b.x0);
    into.y0 = Math.min(into.y0, b.y0);
    into.x1 = Math.max(into.x1, b.x1);
    into.y1 = Math.max(into.y1, b.y1);
  }
  return out;
}

/**
 * Groups of cells that touch (share a border): the tables of the page.
 * Returns, for each cell (same order), the size of its group.
 */
export function tableSizes(cells: readonly Rect[], tol: number): number[] {
  const parent = cells.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const overlap = (a0: number, a1: number, b0: number, b1: number) => Math.min(a1, b1) - Math.max(a0, b0) > tol;
  for (let i = 0; i < cells.length; i++) {
    for (let j = i + 1; j < cells.length; j++) {
      const a = cells[i]!;
      const b = cells[j]!;
      const side =
        ((Math.abs(a.x1 - b.x0) <= tol || Math.abs(b.x1 - a.x0) <= tol) && overlap(a.y0, a.y1, b.y0, b.y1)) ||
        ((Math.abs(a.y1 - b.y0) <= tol || Math.abs(b.y1 - a.y0) <= tol) && overlap(a.x0, a.x1, b.x0, b.x1));
      if (side) parent[find(j)] = find(i);
    }
  }
  const size = new Map<number, number>();
  for (let i = 0; i < cells.length; i++) size.set(find(i), (size.get(find(i)) ?? 0) + 1);
  return cells.map((_, i) => size.get(find(i))!);
}

/**
 * Holes in the ink of `r`: regions of paper inside it that do not reach its
 * edge (4-connected). A `0` has one, an `8` two, a `1` or a `7` none.
 */
export function holes(bin: Binary, r: Rect): number {
  return holeShapes(bin, r).length;
}

/** The holes in the ink of `r` (see holes): each one's area in pixels and box, in image coordinates. */
function holeShapes(bin: Binary, r: Rect): Array<Rect & { area: number }> {
  const x0 = Math.round(r.x0);
  const y0 = Math.round(r.y0);
  const w = Math.round(r.x1) - x0;
  const h = Math.round(r.y1) - y0;
  if (w < 3 || h < 3) return [];
  const seen = new Uint8Array(w * h);
  const paper = (x: number, y: number) => bin.data[(y0 + y) * bin.width + x0 + x] === 0;
  const out: Array<Rect & { area: number }> = [];
  const stack: number[] = [];
  for (let start = 0; start < w * h; start++) {
    const sx = start % w;
    const sy = (start / w) | 0;
    if (seen[start] || !paper(sx, sy)) continue;
    let edge = false;
    let area = 0;
    let bx0 = sx;
    let by0 = sy;
    let bx1 = sx;
    let by1 = sy;
    seen[start] = 1;
    stack.push(start);
    while (stack.length > 0) {
      const i = stack.pop()!;
      area++;
      const x = i % w;
      const y = (i / w) | 0;
      if (x < bx0) bx0 = x;
      if (x > bx1) bx1 = x;
      if (y < by0) by0 = y;
      if (y > by1) by1 = y;
      if (x === 0 || y === 0 || x === w - 1 || y === h - 1) edge = true;
      for (const [nx, ny] of [[x - 1, y], [x + 1, y], [x, y - 1], [x, y + 1]] as const) {
        if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
        const j = ny * w + nx;
        if (seen[j] || !paper(nx, ny)) continue;
        seen[j] = 1;
        stack.push(j);
      }
    }
    if (!edge) out.push({ area, x0: x0 + bx0, y0: y0 + by0, x1: x0 + bx1 + 1, y1: y0 + by1 + 1 });
  }
  return out;
}

/** Digits with no bowl that blur closes: a `5`'s or a `6`'s curl, a `3`'s top, may close at 300 dpi. */
const OPEN_DIGITS = '1237';

/**
 * Where a digit's one bowl stands, as shares of the mark's height: its height and its
 * middle. A `0`'s is tall (0.7–0.9 of the mark) and centred; a `6`'s short (0.3–0.5)
 * and low (middle 0.6–0.7); a `9`'s short and high (0.2–0.4). Measured on 2,950 `0`,
 * 410 `6` and 470 `9` read surely in DejaVu Serif Condensed scans (seed f26), and
 * alike in Nimbus Mono PS, URW Bookman and the fixtures' fonts.
 */
function bowlDenies(digit: string, bowl: Rect, mark: Rect): boolean {
  const h = mark.y1 - mark.y0;
  const tall = (bowl.y1 - bowl.y0) / h;
  const middle = ((bowl.y0 + bowl.y1) / 2 - mark.y0) / h;
  const short = tall < 0.55;
  const centred = Math.abs(middle - 0.5) < 0.1;
  if (digit === '0') return short && !centred;
  if (digit === '6') return middle < 0.45 || (!short && centred);
  if (digit === '9') return middle > 0.55 || (!short && centred);
  // A bowl a third of the mark high or more where the digit has none (a `9`'s loop
  // read `3`); a blur-closed curl is smaller (a Bookman `3`'s top, a fifth).
  if (OPEN_DIGITS.includes(digit)) return tall >= 0.3;
  return false;
}

/**
 * The digits of `text` cannot be the marks `parts` (ink of `bin`): paired one to
 * one, left to right, a mark's one bowl stands where its digit's does not, or its
 * digit has none (see bowlDenies): DejaVu Serif's `9` read `3`, its `6`'s short low
 * bowl read `0`, both surely. A bowl is a closed region of paper at least a sixth
 * of the mark's height across (not a speck of paper inside a stroke). Marks with
 * two bowls or more tell nothing (an `8`, or a `6`'s or `9`'s curl closed by blur;
 * a `5`'s bowl closed so looks like a `6`'s, and tells nothing either). Nothing is
 * told unless the marks as tall as the tallest but for two fifths are as many as
 * the digits and the signs as tall (`$`, parentheses, a `%`: URW Gothic's `26%`
 * read `20%`), and the digits' no wider than tall (two digits run together, a
 * stamp's stroke through one).
 */
export function holesContradict(bin: Binary, text: string, parts: readonly Rect[]): boolean {
  // The signs as tall as digits are marks too, one each (a `%`'s stroke, its rings smaller).
  const glyphs = [...text].filter((c) => (c >= '0' && c <= '9') || TALL_SIGNS.includes(c));
  if (!glyphs.some((c) => c >= '0' && c <= '9') || parts.length === 0) return false;
  const H = Math.max(...parts.map((p) => p.y1 - p.y0));
  const marks = parts.filter((p) => p.y1 - p.y0 >= 0.6 * H).sort((a, b) => a.x0 - b.x0);
  if (marks.length !== glyphs.length) return false;
  const digitMarks = marks.flatMap((p, i) => (TALL_SIGNS.includes(glyphs[i]!) ? [] : [{ p, digit: glyphs[i]! }]));
  if (digitMarks.some(({ p }) => p.x1 - p.x0 > p.y1 - p.y0)) return false;
  return digitMarks.some(({ p, digit }) => {
    const h = p.y1 - p.y0;
    const least = Math.max(4, (h / 6) ** 2);
    const box = { x0: Math.max(0, p.x0 - 1), y0: Math.max(0, p.y0 - 1), x1: Math.min(bin.width, p.x1 + 1), y1: Math.min(bin.height, p.y1 + 1) };
    const bowls = holeShapes(bin, box).filter((o) => o.area >= least);
    return bowls.length === 1 && bowlDenies(digit, bowls[0]!, p);
  });
}

/** Signs of a figure as tall as its digits, or nearly: one mark each (see holesContradict). */
const TALL_SIGNS = '$()%';

/**
 * `text` with its `0`s and `6`s as `other` reads them, where the two readings differ
 * in those alone, figure for figure (separators aside), and the marks' bowls then deny
 * none of its digits (see holesContradict); else null. URW Gothic's `6`, its curl's
 * gap closed by the blur, is read `0` at the cell's scales (`2,650` as `2,050`, 96
 * sure), its bowl a `6`'s, low and short, and the page pass read it `6`: two things
 * apart say `6`. (The bowl alone cannot: a `5`'s, closed so, looks like a `6`'s.)
 */
export function zeroSixSettled(bin: Binary, text: string, other: string, parts: readonly Rect[]): string | null {
  const at = [...text].flatMap((c, i) => (c >= '0' && c <= '9' ? [i] : []));
  const theirs = figuresOf(other);
  if (at.length === 0 || at.length !== theirs.length) return null;
  const out = [...text];
  let changed = false;
  for (const [k, i] of at.entries()) {
    if (out[i] === theirs[k]) continue;
    if (!((out[i] === '0' && theirs[k] === '6') || (out[i] === '6' && theirs[k] === '0'))) return null;
    out[i] = theirs[k]!;
    changed = true;
  }
  const fixed = out.join('');
  return changed && !holesContradict(bin, fixed, parts) ? fixed : null;
}

/**
 * The ink of `r` is a plain upright bar: every row but the ends (a foot, the
 * tip of a flag: a fifth of the height each) is one run of ink, no wider than
 * a quarter of the height (a Times stem is 4 px of 19 at 300 dpi) and centred
 * on the same column (±1.5 px) — not a slanted stroke, no bowl.
 */
export function uprightBar(bin: Binary, r: Rect): boolean {
  const h = r.y1 - r.y0;
  if (h < 8) return false;
  const centers: number[] = [];
  let bad = 0;
  for (let y = r.y0; y < r.y1; y++) {
    const runs: Array<[number, number]> = [];
    let start = -1;
    for (let x = r.x0; x <= r.x1; x++) {
      const ink = x < r.x1 && bin.data[y * bin.width + x] === 1;
      if (ink && start < 0) start = x;
      else if (!ink && start >= 0) {
        runs.push([start, x]);
        start = -1;
      }
    }
    const end = y < r.y0 + 0.2 * h || y >= r.y1 - 0.2 * h;
    if (runs.length !== 1 || runs[0]![1] - runs[0]![0] > 0.25 * h) {
      if (!end) bad++;
      continue;
    }
    if (!end) centers.push((runs[0]![0] + runs[0]![1]) / 2);
  }
  // (The ends are 0.2 h each: every row between them, at least half the height, is counted.)
  if (bad > 0 || centers.length < 0.5 * h) return false;
  const sorted = [...centers].sort((a, b) => a - b);
  const mid = sorted[Math.floor(sorted.length / 2)]!;
  return centers.every((c) => Math.abs(c - mid) <= 1.5);
}

/** A cell of a table without rules, told by the figures around it (see virtualCells). */
export interface VirtualCell {
  cell: Rect;
  /** The top and bottom of the figures of its row (medians): the line a figure there sits on. */
  line: [number, number];
}

/**
 * The cells of a table without rules where no figure was read, told by the
 * figures that were: a row is figures side by side (at least `minRow`), a
 * column figures one over another in a block of rows (rows no more than 2.5
 * figure heights apart), found in at least `share` of the block's rows.
 * A cell reaches a figure height past its column's edges (five heights
 * left of its right edge at least: figures set flush right, as amounts are,
 * or centred, may be wider than the ones read), and no further than the
 * columns beside it. A crossing of a row
 * and a column is returned when nothing in `occupied` (whatever was read
 * there, sure or not) overlaps it. Where a stamp's frame joins the figures it
 * crosses to its letters, no word-sized ink is left there to find them by.
 */
export function virtualCells(figures: readonly Rect[], occupied: readonly Rect[], opts: { minRow?: number; share?: number } = {}): VirtualCell[] {
  const minRow = opts.minRow ?? 3;
  const share = opts.share ?? 0.3;
  if (figures.length < 2 * minRow) return [];
  const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const h = mid(figures.map((f) => f.y1 - f.y0));
  // Rows: figures whose middles are within half a figure height of the row's.
  const rows: Array<{ members: Rect[]; cy: number }> = [];
  for (const f of [...figures].sort((a, b) => a.y0 + a.y1 - b.y0 - b.y1)) {
    const cy = (f.y0 + f.y1) / 2;
    const row = rows.find((r) => Math.abs(r.cy - cy) <= 0.5 * h);
    if (row) {
      row.members.push(f);
      row.cy = row.members.reduce((s, m) => s + (m.y0 + m.y1) / 2, 0) / row.members.length;
    } else rows.push({ members: [f], cy });
  }
  const lines = rows
    .filter((r) => r.members.length >= minRow)
    .map((r) => ({ members: r.members, band: [mid(r.members.map((m) => m.y0)), mid(r.members.map((m) => m.y1))] as [number, number] }))
    .sort((a, b) => a.band[0] - b.band[0]);
  const blocks: Array<typeof lines> = [];
  for (const l of lines) {
    const last = blocks[blocks.length - 1];
    if (last && l.band[0] - last[last.length - 1]!.band[1] <= 2.5 * h) last.push(l);
    else blocks.push([l]);
  }
  const out: VirtualCell[] = [];
  for (const block of blocks) {
    if (block.length < 2) continue;
    // Columns: figures of the block whose spans overlap.
    const columns: Array<{ x0: number; x1: number; rows: Set<number> }> = [];
    const placed = block.flatMap((l, r) => l.members.map((m) => ({ m, r }))).sort((a, b) => a.m.x0 - b.m.x0);
    for (const { m, r } of placed) {
      const col = columns[columns.length - 1];
      if (col && m.x0 < col.x1) {
        col.x1 = Math.max(col.x1, m.x1);
        col.rows.add(r);
      } else columns.push({ x0: m.x0, x1: m.x1, rows: new Set([r]) });
    }
    const kept = columns.filter((c) => c.rows.size >= Math.max(2, share * block.length));
    kept.forEach((c, k) => {
      const before = k > 0 ? kept[k - 1]!.x1 : -Infinity;
      const after = k + 1 < kept.length ? kept[k + 1]!.x0 : Infinity;
      const x0 = Math.max(before + 0.2 * h, Math.min(c.x0 - h, c.x1 - 5 * h));
      const x1 = Math.min(after - 0.2 * h, c.x1 + h);
      block.forEach((l, r) => {
        if (c.rows.has(r)) return;
        const above = r > 0 ? (block[r - 1]!.band[1] + l.band[0]) / 2 : -Infinity;
        const below = r + 1 < block.length ? (l.band[1] + block[r + 1]!.band[0]) / 2 : Infinity;
        const cell = { x0, y0: Math.max(above, l.band[0] - 0.35 * h), x1, y1: Math.min(below, l.band[1] + 0.35 * h) };
        const taken = occupied.some((o) => {
          const cy = (o.y0 + o.y1) / 2;
          return cy >= cell.y0 && cy < cell.y1 && Math.min(o.x1, cell.x1) - Math.max(o.x0, cell.x0) > 0;
        });
        if (!taken) out.push({ cell, line: l.band });
      });
    });
  }
  return out;
}
