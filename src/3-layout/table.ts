/**
 * Stage 3b — layout: tables from ruling lines where they exist, and from text
 * alignment where they do not.
 *
 * Generic geometry: callers (the format modules) name the columns by handing
 * in anchors (the x-extent of each leaf header label, with a key of their
 * choosing); this module turns anchors into column bounds and the table body
 * into rows of cells. It never knows what a column means.
 */
import { bboxOf, type BBox, type Page, type Rule, type Word } from '../ir/page.js';
import { groupLines } from './lines.js';

export interface ColumnAnchor {
  key: string;
  x0: number;
  x1: number;
}

export interface Column {
  key: string;
  x0: number;
  x1: number;
}

export interface Region {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface Cell {
  text: string;
  words: Word[];
  bbox: BBox;
}

export interface TableRow {
  y0: number;
  y1: number;
  /** Cells of each column inside the row, top to bottom (a column can hold several stacked cells). */
  cells: Map<string, Cell[]>;
}

const RULE_MERGE = 2;
/** How far apart (points) word edges may be and still line up along a column bound (see valley). */
const ALIGN_TOL = 1.5;

const isVertical = (r: Rule) => Math.abs(r.x0 - r.x1) < 1;
const isHorizontal = (r: Rule) => Math.abs(r.y0 - r.y1) < 1;

/** Clusters numbers closer than `tol` and returns the cluster means, ascending. */
function cluster(values: number[], tol: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[][] = [];
  for (const v of sorted) {
    const last = out[out.length - 1];
    if (last && v - last[last.length - 1]! <= tol) last.push(v);
    else out.push([v]);
  }
  return out.map((c) => c.reduce((s, v) => s + v, 0) / c.length);
}

/** The x positions of the vertical rules that run through a horizontal band (for at least part of it). */
export function verticalRuleXs(page: Page, y0: number, y1: number): number[] {
  const xs: number[] = [];
  const need = Math.min(6 * page.scale, (y1 - y0) / 2);
  for (const r of page.rules) {
    if (!isVertical(r)) continue;
    const overlap = Math.min(r.y1, y1) - Math.max(r.y0, y0);
    if (overlap >= need) xs.push(r.x0);
  }
  return cluster(xs, RULE_MERGE * page.scale);
}

/** An OCR confidence under which a word is more likely a stamp's or a scribble's marks than print. */
const DOUBTED = 50;

/**
 * Column bounds from header anchors. Between two neighbouring anchors the
 * boundary is the vertical rule found between them when the table is ruled;
 * otherwise the x, in the gap between the two labels, crossed by the fewest
 * body words (the whitespace valley), so wide left-aligned text and
 * right-aligned numbers fall in their own column.
 */
export function resolveColumns(page: Page, anchors: readonly ColumnAnchor[], body: Region): Column[] {
  const sorted = [...anchors].sort((a, b) => (a.x0 + a.x1) / 2 - (b.x0 + b.x1) / 2);
  if (sorted.length === 0) return [];
  // Rules that run through the body (a rule spanning only a header row does not count).
  const ruleXs = verticalRuleXs(page, body.y0, body.y1);
  // (Not the words OCR itself doubts, under half sure and no figure read in a cell: a
  // scribble's strokes read `SENNA` across two columns left no bound between them. Nor a
  // cell read under half sure and left illegible whose ink stands half again as tall as
  // the print's words: a stamp's ring or letters, `?` over months 6 and 7 of a table
  // without rules, its figures then put in the next column. An illegible `DE` as tall as
  // the print, between two labels, still counts.)
  const inBody = page.words.filter((w) => {
    const cy = (w.y0 + w.y1) / 2;
    return cy >= body.y0 && cy <= body.y1;
  });
  const heights = inBody.filter((w) => w.conf === undefined || w.conf >= DOUBTED).map((w) => w.y1 - w.y0).sort((a, b) => a - b);
  const printHeight = heights.length >= 5 ? heights[Math.floor(heights.length / 2)]! : Infinity;
  const doubted = (w: Word) => w.conf !== undefined && w.conf < DOUBTED && (!w.cellRead || (!!w.illegible && w.y1 - w.y0 > 1.5 * printHeight));
  const bodyWords = splitLeadingNumbers(inBody.filter((w) => !doubted(w)));
  const bounds: number[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const a = sorted[i]!;
    const b = sorted[i + 1]!;
    const ca = (a.x0 + a.x1) / 2;
    const cb = (b.x0 + b.x1) / 2;
    const gapMid = a.x1 < b.x0 ? (a.x1 + b.x0) / 2 : (ca + cb) / 2;
    const between = ruleXs.filter((x) => x > ca && x < cb);
    if (between.length > 0) {
      bounds.push(between.reduce((best, x) => (Math.abs(x - gapMid) < Math.abs(best - gapMid) ? x : best)));
    } else {
      bounds.push(valley(bodyWords, a, b, ALIGN_TOL * page.scale));
    }
  }
  // The table's own border where a rule runs left of its first label's middle (right of its
  // last's); rules only between the labels (a stamp's frame over the body) are no border.
  const first = sorted[0]!;
  const last = sorted[sorted.length - 1]!;
  const left = ruleXs.length > 0 && ruleXs[0]! <= (first.x0 + first.x1) / 2 ? Math.min(ruleXs[0]!, first.x0) : Math.min(body.x0, first.x0);
  const right =
    ruleXs.length > 0 && ruleXs[ruleXs.length - 1]! >= (last.x0 + last.x1) / 2 ? Math.max(ruleXs[ruleXs.length - 1]!, last.x1) : Math.max(body.x1, last.x1);
  return sorted.map((a, i) => ({
    key: a.key,
    x0: i === 0 ? left : bounds[i - 1]!,
    x1: i === sorted.length - 1 ? right : bounds[i]!,
  }));
}

interface Gap {
  count: number;
  x0: number;
  x1: number;
}

/**
 * The stretches of [lo, hi] crossed by the fewest words. Where two words touch
 * (`50%` ending where the next cell's text begins) the touching point itself
 * is a stretch of width 0.
 */
function emptiest(words: readonly Word[], lo: number, hi: number): Gap[] {
  // (Edges a hundredth apart touch: a run's width summed from its glyphs ends at 780.5000000000001
  // where the next cell's run begins at 780.5.)
  const crossing = (x: number) => words.reduce((n, w) => n + (w.x0 < x - 0.01 && w.x1 > x + 0.01 ? 1 : 0), 0);
  const edges = [...new Set([lo, hi, ...words.flatMap((w) => [w.x0, w.x1]).filter((x) => x > lo && x < hi)])].sort((a, b) => a - b);
  const gaps: Gap[] = [];
  for (let i = 0; i < edges.length; i++) {
    const e = edges[i]!;
    gaps.push({ count: crossing(e), x0: e, x1: e });
    const next = edges[i + 1];
    if (next !== undefined) gaps.push({ count: crossing((e + next) / 2), x0: e, x1: next });
  }
  const min = Math.min(...gaps.map((g) => g.count));
  return gaps.filter((g) => g.count === min);
}

/**
 * Where to put the bound between two columns without a rule between them: in
 * the gap between their labels, the stretch no word crosses that body words
 * line up against most (a column's left-aligned text beginning where it ends,
 * right-aligned figures ending where it begins: three words or more within
 * `tol`, their other edges ragged), else the widest such stretch; if every x
 * there is crossed (data reaching past its label), the emptiest x between the
 * two labels' centres, nearest the gap.
 */
function valley(words: readonly Word[], a: ColumnAnchor, b: ColumnAnchor, tol: number): number {
  const ca = (a.x0 + a.x1) / 2;
  const cb = (b.x0 + b.x1) / 2;
  const target = a.x1 < b.x0 ? (a.x1 + b.x0) / 2 : (ca + cb) / 2;
  if (a.x1 < b.x0) {
    const narrow = emptiest(words, a.x1, b.x0);
    if (narrow[0]?.count === 0) {
      // Words that end (begin) at the stretch count when their other edges are ragged: text
      // aligned there, not figures of one width that merely start at the same x.
      const lined = (ws: readonly Word[], far: (w: Word) => number) => {
        const xs = ws.map(far);
        return ws.length >= 3 && Math.max(...xs) - Math.min(...xs) > 2 * tol ? ws.length : 0;
      };
      const aligned = (g: Gap) =>
        lined(words.filter((w) => Math.abs(w.x1 - g.x0) <= tol), (w) => w.x0) + lined(words.filter((w) => Math.abs(w.x0 - g.x1) <= tol), (w) => w.x1);
      const best = Math.max(...narrow.map(aligned));
      const pool = best >= 3 ? narrow.filter((g) => aligned(g) === best) : narrow;
      const widest = pool.reduce((w, g) => (g.x1 - g.x0 > w.x1 - w.x0 ? g : w));
      return (widest.x0 + widest.x1) / 2;
    }
  }
  const wide = emptiest(words, Math.min(ca, cb), Math.max(ca, cb));
  const dist = (g: Gap) => (target < g.x0 ? g.x0 - target : target > g.x1 ? target - g.x1 : 0);
  const nearest = wide.reduce((n, g) => (dist(g) < dist(n) || (dist(g) === dist(n) && g.x1 - g.x0 > n.x1 - n.x0) ? g : n));
  return (nearest.x0 + nearest.x1) / 2;
}

/** Which column a word belongs to: the one holding its centre, else the one it overlaps most. */
export function columnOf(columns: readonly Column[], w: Word): Column | null {
  const cx = (w.x0 + w.x1) / 2;
  for (const c of columns) if (cx >= c.x0 && cx < c.x1) return c;
  let best: Column | null = null;
  let bestOverlap = 0;
  for (const c of columns) {
    const o = Math.min(c.x1, w.x1) - Math.max(c.x0, w.x0);
    if (o > bestOverlap) {
      bestOverlap = o;
      best = c;
    }
  }
  return best;
}

/** Horizontal rules that cross a column (cover at least half its width), as y positions. */
function horizontalRuleYs(page: Page, col: Column, region: Region): number[] {
  const ys: number[] = [];
  const width = col.x1 - col.x0;
  for (const r of page.rules) {
    if (!isHorizontal(r)) continue;
    if (r.y0 < region.y0 - 2 || r.y0 > region.y1 + 2) continue;
    const overlap = Math.min(r.x1, col.x1) - Math.max(r.x0, col.x0);
    if (overlap >= 0.5 * width) ys.push(r.y0);
  }
  return cluster(ys, RULE_MERGE * page.scale);
}

/** Does any horizontal rule cross the column inside the region (not at its edges)? */
export function hasInnerRules(page: Page, col: Column, region: Region): boolean {
  const edge = 2 * page.scale;
  return horizontalRuleYs(page, col, region).some((y) => y > region.y0 + edge && y < region.y1 - edge);
}

function makeCell(words: Word[]): Cell {
  const lines = groupLines(words);
  return {
    text: lines.map((l) => l.text).join(' ').replace(/\s+/g, ' ').trim(),
    words: lines.flatMap((l) => l.words),
    bbox: bboxOf(words)!,
  };
}

/**
 * The cells of one column in a region: between the horizontal rules that cross
 * the column when there are any, else one cell per text line.
 */
export function columnCells(page: Page, col: Column, words: readonly Word[], region: Region): Cell[] {
  const mine = words.filter((w) => {
    const cy = (w.y0 + w.y1) / 2;
    return cy >= region.y0 && cy <= region.y1;
  });
  if (mine.length === 0) return [];
  // Only rules inside the region split its cells; the region's own edges do not.
  const edge = 2 * page.scale;
  const inner = horizontalRuleYs(page, col, region).filter((y) => y > region.y0 + edge && y < region.y1 - edge);
  if (inner.length > 0) {
    const cells: Cell[] = [];
    const bands = [region.y0, ...inner, region.y1];
    for (let i = 0; i + 1 < bands.length; i++) {
      const y0 = bands[i]!;
      const y1 = bands[i + 1]!;
      const inBand = mine.filter((w) => {
        const cy = (w.y0 + w.y1) / 2;
        return cy >= y0 && cy < y1;
      });
      if (inBand.length > 0) cells.push(makeCell(inBand));
    }
    return cells;
  }
  return groupLines(mine).map((l) => ({ text: l.text, words: l.words, bbox: { x0: l.x0, y0: l.y0, x1: l.x1, y1: l.y1 } }));
}

export interface ReadRowsOptions {
  /** The column whose cells start the rows. */
  anchor: string;
  /**
   * For tables without horizontal rules: does this anchor-column line start a
   * new row (rather than continue the previous row's text)?
   */
  isRowStart?: (text: string) => boolean;
  /** Words to leave out of the body (header labels repeated inside it). */
  skip?: (w: Word) => boolean;
  /** Join the anchor column's stacked lines into one cell (default true). */
  mergeAnchor?: boolean;
}

/**
 * Reads the table body into rows. When the anchor column is ruled, a row is a
 * band between two rules that has text in the anchor column, together with the
 * bands below it that have none (cells that continue it). Otherwise a row runs
 * from a line that starts a row to the next one. Every other column's cells go
 * to the row their centre falls in.
 */
export function readRows(page: Page, columns: readonly Column[], region: Region, opts: ReadRowsOptions): TableRow[] {
  const byColumn = new Map<string, Word[]>();
  for (const c of columns) byColumn.set(c.key, []);
  const inside = page.words.filter((w) => {
    const cy = (w.y0 + w.y1) / 2;
    return cy >= region.y0 && cy <= region.y1;
  });
  // Text never runs across a column bound nor across a vertical rule.
  const boundaries = [...columns.slice(1).map((c) => c.x0), ...verticalRuleXs(page, region.y0, region.y1)].sort((a, b) => a - b);
  for (const w of splitAcross(splitLeadingNumbers(inside), boundaries)) {
    const cx = (w.x0 + w.x1) / 2;
    if (cx < region.x0 || cx > region.x1) continue;
    if (opts.skip?.(w)) continue;
    const c = columnOf(columns, w);
    if (c) byColumn.get(c.key)!.push(w);
  }
  const anchorCol = columns.find((c) => c.key === opts.anchor);
  if (!anchorCol) return [];
  const anchorWords = byColumn.get(anchorCol.key)!;
  const ruleYs = horizontalRuleYs(page, anchorCol, region).filter((y) => y > region.y0 + 0.5 && y < region.y1 - 0.5);
  const ruled = ruleYs.length >= 1;
  const inBand = (w: Word, b: { y0: number; y1: number }) => {
    const cy = (w.y0 + w.y1) / 2;
    return cy >= b.y0 && cy < b.y1;
  };

  // Row bands: from the rules that cross the anchor column, unless they do not
  // separate the rows (a signature line, a frame only): then from the text.
  let bands = ruled ? ruledBands() : [];
  if (!ruled || (opts.isRowStart && bands.some((b) => rowStarts(b) > 1))) bands = streamBands();

  function ruledBands(): Array<{ y0: number; y1: number }> {
    const out: Array<{ y0: number; y1: number }> = [];
    const edges = [region.y0, ...ruleYs, region.y1];
    for (let i = 0; i + 1 < edges.length; i++) {
      const band = { y0: edges[i]!, y1: edges[i + 1]! };
      const hasAnchor = anchorWords.some((w) => inBand(w, band));
      const hasAny = hasAnchor || columns.some((c) => byColumn.get(c.key)!.some((w) => inBand(w, band)));
      if (!hasAny) continue;
      const last = out[out.length - 1];
      if (!hasAnchor && last) last.y1 = band.y1;
      else if (hasAnchor) out.push(band);
    }
    return out;
  }

  function rowStarts(band: { y0: number; y1: number }): number {
    const lines = groupLines(anchorWords.filter((w) => inBand(w, band)));
    return lines.filter((l) => opts.isRowStart!(l.text)).length;
  }

  function streamBands(): Array<{ y0: number; y1: number }> {
    const anchorCells = groupLines(anchorWords).map((l) => ({ text: l.text, y0: l.y0 }));
    const starts = anchorCells.filter((c, i) => i === 0 || !opts.isRowStart || opts.isRowStart(c.text));
    return starts.map((c, i) => {
      const next = starts[i + 1];
      return { y0: i === 0 ? region.y0 : c.y0 - 0.5, y1: next ? next.y0 - 0.5 : region.y1 };
    });
  }

  return bands.map((band) => {
    const cells = new Map<string, Cell[]>();
    for (const col of columns) {
      const words = byColumn.get(col.key)!.filter((w) => inBand(w, band));
      const sub = columnCells(page, col, words, { x0: region.x0, x1: region.x1, y0: band.y0, y1: band.y1 });
      cells.set(col.key, col.key === opts.anchor && opts.mergeAnchor !== false && sub.length > 1 ? [mergeCells(sub)] : sub);
    }
    return { y0: band.y0, y1: band.y1, cells };
  });
}

/**
 * Text runs that cross a column boundary (a PDF writer or pdfjs may join two
 * neighbouring cells into one run: `814,015.58 $`) are split at the space
 * nearest the boundary, with extents estimated from the characters' share of
 * the run's width.
 */
const LEADING_NUMBER = /^(\(?\$?\s?-?[\d.,]+%?\)?)(?: |(?<=%))(?=\p{L})/u;

/**
 * Relative widths of characters in the usual report fonts (digit = 1): a run's
 * width is shared out by these, not evenly, so a split inside a long run of
 * numbers and spaces lands where the characters really are.
 */
function charWeight(c: string): number {
  if (c === ' ' || c === '\u00a0') return 0.5;
  if (c === '.' || c === ',' || c === ':' || c === ';') return 0.5;
  if (c === '(' || c === ')' || c === '-') return 0.6;
  if (c === '%') return 1.6;
  if (/[A-ZÁÉÍÓÚÑ]/.test(c)) return 1.25;
  if (/[a-záéíóúñ]/.test(c)) return 0.95;
  return 1;
}

/** x of the left edge of character `i` of a run, from the characters' relative widths. */
export function charX(w: Word, i: number): number {
  let before = 0;
  let total = 0;
  for (let k = 0; k < w.text.length; k++) {
    const cw = charWeight(w.text[k]!);
    if (k < i) before += cw;
    total += cw;
  }
  return total === 0 ? w.x0 : w.x0 + ((w.x1 - w.x0) * before) / total;
}

/**
 * A run that starts with a number and goes on with words (`50% Se incrementaron…`)
 * is two neighbouring cells that the PDF writer or pdfjs joined: split it after
 * the number, extents estimated from the characters' share of the width.
 */
export function splitLeadingNumbers(words: readonly Word[]): Word[] {
  const out: Word[] = [];
  for (const w of words) {
    const m = w.cell === undefined ? LEADING_NUMBER.exec(w.text) : null;
    if (!m) {
      out.push(w);
      continue;
    }
    const cut = m[1]!.length;
    const rest = w.text.slice(cut).replace(/^ /, '');
    out.push({ ...w, text: m[1]!, x1: charX(w, cut) }, { ...w, text: rest, x0: charX(w, w.text.length - rest.length) });
  }
  return out;
}

export function splitAcross(words: readonly Word[], boundaries: readonly number[]): Word[] {
  const out: Word[] = [];
  const queue = [...words];
  while (queue.length > 0) {
    const w = queue.shift()!;
    const margin = Math.min(3, (w.x1 - w.x0) / 4);
    const b = boundaries.find((x) => x > w.x0 + margin && x < w.x1 - margin);
    if (b === undefined || !w.text.includes(' ') || w.cell !== undefined) {
      out.push(w);
      continue;
    }
    const n = w.text.length;
    const perChar = (w.x1 - w.x0) / n;
    let best = -1;
    let bestDist = Infinity;
    // A number followed by words (`50% Se incrementaron`, `1,200 PROGRAMADO`) is two cells:
    // split right after the number rather than at the space nearest the bound.
    const lead = LEADING_NUMBER.exec(w.text);
    if (lead) {
      best = lead[1]!.length;
      bestDist = 0;
    } else {
      for (let i = 0; i < n; i++) {
        if (w.text[i] !== ' ') continue;
        const d = Math.abs((charX(w, i) + charX(w, i + 1)) / 2 - b);
        if (d < bestDist) {
          bestDist = d;
          best = i;
        }
      }
    }
    if (best < 0 || bestDist > 4 * perChar) {
      out.push(w);
      continue;
    }
    const left = w.text.slice(0, best).trimEnd();
    const right = w.text.slice(best + 1).trimStart();
    if (left) queue.unshift({ ...w, text: left, x1: charX(w, best) });
    if (right) queue.splice(left ? 1 : 0, 0, { ...w, text: right, x0: charX(w, best + 1) });
  }
  return out;
}

function mergeCells(cells: Cell[]): Cell {
  const words = cells.flatMap((c) => c.words);
  return { text: cells.map((c) => c.text).join(' ').trim(), words, bbox: bboxOf(words)! };
}

/** All the text of one column in a row, stacked cells joined with spaces. */
export function cellText(row: TableRow, key: string): string {
  return (row.cells.get(key) ?? []).map((c) => c.text).join(' ').replace(/\s+/g, ' ').trim();
}

export function cellWords(row: TableRow, key: string): Word[] {
  return (row.cells.get(key) ?? []).flatMap((c) => c.words);
}

