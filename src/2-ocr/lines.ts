/**
 * Ruling lines of a scanned page: the horizontal and vertical strokes of a
 * table grid, found in a binary image as long runs of ink, grouped across
 * neighbouring rows, with the pieces of one line (broken by noise or JPEG)
 * merged into one segment and the strokes of letters dropped.
 *
 * Pure functions over `Binary`; lengths are given in inches and turned into
 * pixels with the image's dpi so the same settings work at 200 and 300 dpi.
 */
import type { Rule } from '../ir/page.js';
import { nextInk, transpose, wordView, type Binary, type Gray } from './image.js';

export interface LineOptions {
  /** Pixels per inch of the image. */
  dpi: number;
  /** Shortest line kept, inches (≈ 20 px at 300 dpi). */
  minLength?: number;
  /** A line at least this long stands on its own; a shorter one must join other lines at both ends. Inches. */
  longLength?: number;
  /** Widest white gap bridged inside one line, inches. */
  maxGap?: number;
  /** Thickest stroke that is still a line, inches. */
  maxThickness?: number;
}

/** One detected line, in the coordinates of the image it was found in. */
export interface Segment {
  /** Along the line. */
  a0: number;
  a1: number;
  /** Across the line: its centre. */
  c: number;
  /** Mean thickness, pixels. */
  thickness: number;
  /** The pixel runs that make it up: triples (row, start, end) in scan coordinates (end exclusive). */
  runs: number[];
}

export interface DetectedLines {
  /** Horizontal segments (a = x, c = y). */
  horizontal: Segment[];
  /** Vertical segments (a = y, c = x). */
  vertical: Segment[];
  /** Both, as `Rule`s (y0 === y1 for horizontal, x0 === x1 for vertical), rounded to 0.1 px. */
  rules: Rule[];
}

interface Defaults {
  minLength: number;
  longLength: number;
  maxGap: number;
  maxThickness: number;
}

const DEFAULTS: Defaults = {
  minLength: 0.07,
  longLength: 1.0,
  maxGap: 0.007,
  maxThickness: 0.035,
};

/**
 * Finds the long runs in every row of `bin` (horizontal features) and
 * groups them into segments.
 */
export function rowSegments(
  bin: Binary,
  minRun: number,
  maxGap: number,
  maxThickness: number,
  onReject?: (why: string, a0: number, a1: number, c: number, value: number) => void,
): Segment[] {
  const { width: w, height: h, data } = bin;
  const words = wordView(data);
  // Runs of the previous row, to link with runs of this row: [start, end, group].
  let prev: number[] = [];
  const parent: number[] = [];
  const groupRuns: number[][] = [];
  const find = (g: number): number => {
    while (parent[g] !== g) {
      parent[g] = parent[parent[g]!]!;
      g = parent[g]!;
    }
    return g;
  };
  for (let y = 0; y < h; y++) {
    const row = y * w;
    const cur: number[] = [];
    let x = 0;
    while (x < w) {
      x = nextInk(data, words, row + x, row + w) - row;
      if (x === w) break;
      const start = x;
      let end = x + 1; // exclusive end of the last ink pixel
      let gap = 0;
      x++;
      while (x < w) {
        if (data[row + x] !== 0) {
          end = x + 1;
          gap = 0;
        } else if (++gap > maxGap) break;
        x++;
      }
      x = end;
      if (end - start < minRun) continue;
      // Link to overlapping runs of the previous row.
      let g = -1;
      for (let k = 0; k < prev.length; k += 3) {
        if (prev[k]! < end && prev[k + 1]! > start) {
          const pg = find(prev[k + 2]!);
          if (g === -1) g = pg;
          else if (pg !== g) {
            parent[pg] = g;
            groupRuns[g]!.push(...groupRuns[pg]!);
            groupRuns[pg] = [];
          }
        }
      }
      if (g === -1) {
        g = parent.length;
        parent.push(g);
        groupRuns.push([]);
      }
      groupRuns[g]!.push(y, start, end);
      cur.push(start, end, g);
    }
    prev = cur;
  }
  const out: Segment[] = [];
  for (let g = 0; g < parent.length; g++) {
    if (parent[g] !== g) continue;
    const runs = groupRuns[g]!;
    if (runs.length === 0) continue;
    for (const piece of straighten(runs, maxThickness, maxGap, minRun)) {
      const seg = checkSegment(bin, piece, maxThickness, onReject);
      if (seg) out.push(seg);
    }
  }
  return out;
}

interface Fit {
  ma: number;
  mc: number;
  slope: number;
}

/** Weighted least squares of c (row centre) against a (along the line) over runs (row, start, end). */
function fitRuns(runs: readonly number[]): Fit {
  let sw = 0, sa = 0, sc = 0, saa = 0, sac = 0;
  for (let k = 0; k < runs.length; k += 3) {
    const c = runs[k]! + 0.5;
    const s = runs[k + 1]!;
    const e = runs[k + 2]!;
    const wgt = e - s;
    const a = (s + e) / 2;
    sw += wgt;
    sa += wgt * a;
    sc += wgt * c;
    saa += wgt * (a * a + (wgt * wgt) / 12); // the run's own spread keeps the fit well posed
    sac += wgt * a * c;
  }
  const ma = sa / sw;
  const mc = sc / sw;
  const va = saa / sw - ma * ma;
  const slope = va > 1e-9 ? (sac / sw - ma * mc) / va : 0;
  return { ma, mc, slope };
}

/**
 * The straight lines in a group of runs, each split where it has a gap. A
 * group can hold more than one rule: the edge of a stamp or a stroke of a
 * letter crossing two rules joins them, and those runs are not rules either.
 * So: take the densest row, keep the runs on the straight line through it
 * (refitted a few times), set them aside as one line, and repeat with what
 * is left while a row still has enough ink to be a line.
 */
function straighten(runs: readonly number[], maxThickness: number, maxGap: number, minRun: number): number[][] {
  const pieces: number[][] = [];
  let rest: number[] = [...runs];
  for (let round = 0; round < 64 && rest.length > 0; round++) {
    const ink = new Map<number, number>();
    for (let k = 0; k < rest.length; k += 3) ink.set(rest[k]!, (ink.get(rest[k]!) ?? 0) + rest[k + 2]! - rest[k + 1]!);
    let mode = rest[0]!;
    for (const [row, n] of ink) if (n > (ink.get(mode) ?? 0) || (n === ink.get(mode) && row < mode)) mode = row;
    if ((ink.get(mode) ?? 0) < minRun) break;
    let fit: Fit = { ma: 0, mc: mode + 0.5, slope: 0 };
    let kept: number[] = [];
    let tol = maxThickness / 2 + 1;
    for (let iter = 0; iter < 3; iter++) {
      const next: number[] = [];
      for (let k = 0; k < rest.length; k += 3) {
        const c = rest[k]! + 0.5;
        const a = (rest[k + 1]! + rest[k + 2]!) / 2;
        if (Math.abs(c - (fit.mc + fit.slope * (a - fit.ma))) <= tol) next.push(rest[k]!, rest[k + 1]!, rest[k + 2]!);
      }
      if (next.length === 0) break;
      kept = next;
      fit = fitRuns(kept);
      tol = Math.max(2, maxThickness / 3);
    }
    if (kept.length === 0) {
      // Cannot happen (the mode row is on its own line), but never loop forever.
      break;
    }
    const keptSet = new Set<string>();
    for (let k = 0; k < kept.length; k += 3) keptSet.add(`${kept[k]},${kept[k + 1]}`);
    const left: number[] = [];
    for (let k = 0; k < rest.length; k += 3) if (!keptSet.has(`${rest[k]},${rest[k + 1]}`)) left.push(rest[k]!, rest[k + 1]!, rest[k + 2]!);
    rest = left;
    // Split along the line where no run covers a stretch longer than the bridged gap.
    const order: number[] = [];
    for (let k = 0; k < kept.length; k += 3) order.push(k);
    order.sort((p, q) => kept[p + 1]! - kept[q + 1]!);
    let cur: number[] = [];
    let end = -Infinity;
    for (const k of order) {
      const s = kept[k + 1]!;
      if (cur.length > 0 && s > end + maxGap) {
        pieces.push(cur);
        cur = [];
        end = -Infinity;
      }
      cur.push(kept[k]!, s, kept[k + 2]!);
      end = Math.max(end, kept[k + 2]!);
    }
    if (cur.length > 0) pieces.push(cur);
  }
  return pieces;
}

/** A piece of a group as a segment, or null when it is not a rule. */
function checkSegment(
  bin: Binary,
  runs: number[],
  maxThickness: number,
  onReject?: (why: string, a0: number, a1: number, c: number, value: number) => void,
): Segment | null {
  let a0 = Infinity;
  let a1 = -Infinity;
  let ink = 0;
  for (let k = 0; k < runs.length; k += 3) {
    a0 = Math.min(a0, runs[k + 1]!);
    a1 = Math.max(a1, runs[k + 2]!);
    ink += runs[k + 2]! - runs[k + 1]!;
  }
  const { ma, mc, slope } = fitRuns(runs);
  const length = a1 - a0;
  const thickness = ink / length;
  if (thickness > maxThickness) {
    onReject?.('thick', a0, a1, mc, thickness);
    return null;
  }
  // A rule is straight and level (after deskew): scribbles and the
  // circles of stamps are curved or slanted.
  if (Math.abs(slope) > 0.0175) {
    onReject?.('slope', a0, a1, mc, slope);
    return null;
  }
  let res = 0;
  for (let k = 0; k < runs.length; k += 3) {
    const d = runs[k]! + 0.5 - (mc + slope * ((runs[k + 1]! + runs[k + 2]!) / 2 - ma));
    res += (runs[k + 2]! - runs[k + 1]!) * d * d;
  }
  if (Math.sqrt(res / ink) > Math.max(1.5, 0.6 * thickness)) {
    onReject?.('curved', a0, a1, mc, Math.sqrt(res / ink));
    return null;
  }
  // A rule stands free: just beyond its edges, on both sides, the paper is
  // white along most of its length (crossing rules and touching letters
  // aside). The top or bottom edge of a line of bold letters is not.
  const above = sideInk(bin, a0, a1, mc, ma, slope, thickness, -1);
  const below = sideInk(bin, a0, a1, mc, ma, slope, thickness, 1);
  if (above > 0.4 || below > 0.4) {
    onReject?.('side', a0, a1, mc, Math.max(above, below));
    return null;
  }
  return { a0, a1, c: mc, thickness, runs };
}

/**
 * Fraction of the positions along a segment with ink 3 px beyond its edge on
 * one side (-1 above, +1 below). Not nearer: a slightly tilted or blurred rule
 * has partly inked rows next to the ones its runs were found in.
 */
function sideInk(bin: Binary, a0: number, a1: number, mc: number, ma: number, slope: number, thickness: number, side: -1 | 1): number {
  const { width: w, height: h, data } = bin;
  let inked = 0;
  let n = 0;
  const off = thickness / 2 + 3;
  for (let a = a0; a < a1; a++) {
    const r = Math.floor(mc + slope * (a + 0.5 - ma) + side * off);
    n++;
    if (r >= 0 && r < h && data[r * w + a] !== 0) inked++;
  }
  return n === 0 ? 0 : inked / n;
}

/** Merges segments that lie on one line (centres within `tolC`) and whose gap along it is at most `gapA`. */
export function mergeCollinear(segs: readonly Segment[], tolC: number, gapA: number): Segment[] {
  let cur = segs.map((s) => ({ ...s, runs: [...s.runs] }));
  let merged = true;
  while (merged) {
    merged = false;
    cur.sort((p, q) => p.c - q.c || p.a0 - q.a0);
    const out: Segment[] = [];
    const used = new Array<boolean>(cur.length).fill(false);
    for (let i = 0; i < cur.length; i++) {
      if (used[i]) continue;
      let s = cur[i]!;
      for (let j = i + 1; j < cur.length && cur[j]!.c - s.c <= 2 * tolC; j++) {
        const t = cur[j]!;
        if (used[j] || Math.abs(t.c - s.c) > tolC) continue;
        if (Math.max(t.a0 - s.a1, s.a0 - t.a1) > gapA) continue;
        used[j] = true;
        merged = true;
        const la = s.a1 - s.a0;
        const lb = t.a1 - t.a0;
        s = {
          a0: Math.min(s.a0, t.a0),
          a1: Math.max(s.a1, t.a1),
          c: (s.c * la + t.c * lb) / (la + lb),
          thickness: (s.thickness * la + t.thickness * lb) / (la + lb),
          runs: s.runs.concat(t.runs),
        };
      }
      out.push(s);
    }
    cur = out;
  }
  return cur;
}

/**
 * A short segment that is the border of a small cell: lines of the other
 * orientation cross it at (or near) both its ends. It may overshoot a line a
 * little — a digit printed right against the border continues it — so it is
 * trimmed to the outermost lines it joins (its runs too). Null when it does
 * not join two lines: the stroke of a letter.
 */
function attach(s: Segment, others: readonly Segment[], tol: number, minLen: number): Segment | null {
  const len = s.a1 - s.a0;
  const reach = Math.max(tol, 0.3 * len);
  const joins = others.filter(
    (o) => s.c >= o.a0 - tol && s.c <= o.a1 + tol && o.c >= s.a0 - tol - o.thickness / 2 && o.c <= s.a1 + tol + o.thickness / 2,
  );
  if (joins.length < 2) return null;
  const first = joins.reduce((p, q) => (q.c < p.c ? q : p));
  const last = joins.reduce((p, q) => (q.c > p.c ? q : p));
  if (first.c > s.a0 + reach || last.c < s.a1 - reach || last.c - first.c < minLen) return null;
  const a0 = Math.max(s.a0, Math.floor(first.c - first.thickness / 2 - 1));
  const a1 = Math.min(s.a1, Math.ceil(last.c + last.thickness / 2 + 1));
  if (a0 === s.a0 && a1 === s.a1) return s;
  const runs: number[] = [];
  for (let k = 0; k < s.runs.length; k += 3) {
    const r0 = Math.max(a0, s.runs[k + 1]!);
    const r1 = Math.min(a1, s.runs[k + 2]!);
    if (r1 > r0) runs.push(s.runs[k]!, r0, r1);
  }
  return { ...s, a0, a1, runs };
}

/**
 * Finds the ruling lines of a binary page image. Long lines are kept as they
 * are; short ones only where both their ends meet a kept line of the other
 * orientation (the border of a small cell), which drops the strokes of letters.
 */
export function detectLines(bin: Binary, options: LineOptions): DetectedLines {
  const o = { ...DEFAULTS, ...stripUndefined(options), dpi: options.dpi };
  const px = (inches: number) => inches * o.dpi;
  const minLen = Math.max(8, Math.round(px(o.minLength)));
  const longLen = px(o.longLength);
  const maxGap = Math.max(1, Math.round(px(o.maxGap)));
  const maxThick = Math.max(3, px(o.maxThickness));
  const tolC = Math.max(2, px(0.01));
  const gapA = Math.max(4, px(0.06));

  const find = (b: Binary) =>
    mergeCollinear(rowSegments(b, minLen, maxGap, maxThick), tolC, gapA).filter((s) => s.a1 - s.a0 >= minLen);
  let horizontal = find(bin);
  let vertical = find(transpose(bin));

  // Keep long lines; accept short ones that join kept lines at both ends (iterate: a short
  // border may hang between other short borders).
  const tol = Math.max(3, px(0.015));
  let keptH = horizontal.filter((s) => s.a1 - s.a0 >= longLen);
  let keptV = vertical.filter((s) => s.a1 - s.a0 >= longLen);
  const settle = (segs: Segment[], others: Segment[]) =>
    segs.flatMap((s) => {
      if (s.a1 - s.a0 >= longLen) return [s];
      const a = attach(s, others, tol, minLen);
      return a ? [a] : [];
    });
  for (let round = 0; round < 3; round++) {
    const nextH = settle(horizontal, keptV);
    const nextV = settle(vertical, keptH);
    const stable = nextH.length === keptH.length && nextV.length === keptV.length;
    keptH = nextH;
    keptV = nextV;
    if (stable) break;
  }
  horizontal = keptH.sort((p, q) => p.c - q.c || p.a0 - q.a0);
  vertical = keptV.sort((p, q) => p.c - q.c || p.a0 - q.a0);
  const r1 = (v: number) => Math.round(v * 10) / 10;
  const rules: Rule[] = [
    ...horizontal.map((s) => ({ x0: r1(s.a0), y0: r1(s.c), x1: r1(s.a1), y1: r1(s.c) })),
    ...vertical.map((s) => ({ x0: r1(s.c), y0: r1(s.a0), x1: r1(s.c), y1: r1(s.a1) })),
  ];
  return { horizontal, vertical, rules };
}

/**
 * Whitens the pixels of the given lines in `img` (in place), plus `halo`
 * pixels on each side across the line, so OCR does not read them as text.
 * On a binary image, `paper` 0 clears them.
 */
export function eraseLines(img: Gray | Binary, lines: DetectedLines, halo = 1, paper = 255): void {
  const { width: w, height: h, data } = img;
  for (const s of lines.horizontal) {
    const r = s.runs;
    for (let k = 0; k < r.length; k += 3) {
      const y = r[k]!;
      for (let yy = Math.max(0, y - halo); yy <= Math.min(h - 1, y + halo); yy++) {
        data.fill(paper, yy * w + r[k + 1]!, yy * w + r[k + 2]!);
      }
    }
  }
  for (const s of lines.vertical) {
    const r = s.runs;
    // Runs were found in the transposed image: row = x, start/end = y.
    for (let k = 0; k < r.length; k += 3) {
      const x = r[k]!;
      const x0 = Math.max(0, x - halo);
      const x1 = Math.min(w - 1, x + halo);
      for (let y = r[k + 1]!; y < r[k + 2]!; y++) {
        const row = y * w;
        for (let xx = x0; xx <= x1; xx++) data[row + xx] = paper;
      }
    }
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

/** What a word needs to be split: its text and box. */
interface Boxed {
  text: string;
  conf?: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const NUMERIC_PART = String.raw`[-$(]?[\d][\d.,]*\)?%?`;
const LETTER_PART = String.raw`\p{L}{3}[\p{L}.]*`;
const NUMBER_THEN_LETTERS = new RegExp(`^(${NUMERIC_PART})(${LETTER_PART})$`, 'u');
const LETTERS_THEN_NUMBER = new RegExp(`^(${LETTER_PART})(${NUMERIC_PART})$`, 'u');

/**
 * A word read across a vertical rule, cut at the rule. The whole-page pass
 * reads the image with the rules erased, where a figure set hard against its
 * cell's right border and the label in the next cell (`95.5` | `PROGRAMADO`)
 * are one word, `95.5PROGRAMADO`. Cut only where one rule crosses the word
 * and the text turns there from a number to letters (three at least) or
 * back, in a word read with some confidence (not a stamp's letters run into
 * a figure); otherwise the word is returned as it is.
 */
export function splitAtRules<W extends Boxed>(w: W, vertical: readonly Segment[]): W[] {
  const h = w.y1 - w.y0;
  const cy = (w.y0 + w.y1) / 2;
  const cuts = vertical.filter((s) => s.c > w.x0 + 0.2 * h && s.c < w.x1 - 0.2 * h && s.a0 <= cy && s.a1 >= cy);
  if (cuts.length !== 1 || (w.conf !== undefined && w.conf < 50)) return [w];
  const m = NUMBER_THEN_LETTERS.exec(w.text) ?? LETTERS_THEN_NUMBER.exec(w.text);
  if (!m) return [w];
  const rule = cuts[0]!;
  const half = Math.max(1, rule.thickness / 2);
  return [
    { ...w, text: m[1]!, x1: rule.c - half },
    { ...w, text: m[2]!, x0: rule.c + half },
  ];
}
