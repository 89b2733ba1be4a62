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
import { transpose, type Binary, type Gray } from './image.js';

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
export function rowSegments(bin: Binary, minRun: number, maxGap: number, maxThickness: number): Segment[] {
  const { width: w, height: h, data } = bin;
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
      if (data[row + x] === 0) {
        x++;
        continue;
      }
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
    let a0 = Infinity;
    let a1 = -Infinity;
    let ink = 0;
    // Weighted least squares of c (row centre) against a (run middle).
    let sw = 0, sa = 0, sc = 0, saa = 0, sac = 0;
    for (let k = 0; k < runs.length; k += 3) {
      const c = runs[k]! + 0.5;
      const s = runs[k + 1]!;
      const e = runs[k + 2]!;
      if (s < a0) a0 = s;
      if (e > a1) a1 = e;
      const wgt = e - s;
      const a = (s + e) / 2;
      ink += wgt;
      sw += wgt;
      sa += wgt * a;
      sc += wgt * c;
      saa += wgt * (a * a + (wgt * wgt) / 12); // the run's own spread keeps the fit well posed
      sac += wgt * a * c;
    }
    const length = a1 - a0;
    const thickness = ink / length;
    if (thickness > maxThickness) continue;
    const ma = sa / sw;
    const mc = sc / sw;
    const va = saa / sw - ma * ma;
    const slope = va > 1e-9 ? (sac / sw - ma * mc) / va : 0;
    // A rule is straight and level (after deskew): scribbles and the
    // circles of stamps are curved or slanted.
    if (Math.abs(slope) > 0.0175) continue;
    let res = 0;
    for (let k = 0; k < runs.length; k += 3) {
      const c = runs[k]! + 0.5;
      const s = runs[k + 1]!;
      const e = runs[k + 2]!;
      const d = c - (mc + slope * ((s + e) / 2 - ma));
      res += (e - s) * d * d;
    }
    if (Math.sqrt(res / sw) > Math.max(1.5, 0.6 * thickness)) continue;
    // A rule stands free: just beyond its edges, on both sides, the paper is
    // white along most of its length (crossing rules and touching letters
    // aside). The top or bottom edge of a line of bold letters is not.
    if (sideInk(bin, a0, a1, mc, ma, slope, thickness, -1) > 0.35) continue;
    if (sideInk(bin, a0, a1, mc, ma, slope, thickness, 1) > 0.35) continue;
    out.push({ a0, a1, c: mc, thickness, runs });
  }
  return out;
}

/** Fraction of the positions along a segment with ink 2–3 px beyond its edge on one side (-1 above, +1 below). */
function sideInk(bin: Binary, a0: number, a1: number, mc: number, ma: number, slope: number, thickness: number, side: -1 | 1): number {
  const { width: w, height: h, data } = bin;
  let inked = 0;
  let n = 0;
  const off = thickness / 2 + 2;
  for (let a = a0; a < a1; a++) {
    const c = mc + slope * (a + 0.5 - ma) + side * off;
    const r0 = Math.floor(c);
    n++;
    let hit = false;
    for (let r = r0; r <= r0 + 1 && !hit; r++) if (r >= 0 && r < h && data[r * w + a] !== 0) hit = true;
    if (hit) inked++;
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

/** Does segment `p` (one orientation) meet a segment of `others` (the other orientation) at its end `end`? */
function meets(end: number, c: number, others: readonly Segment[], tol: number): boolean {
  for (const o of others) {
    if (Math.abs(o.c - end) <= tol + o.thickness / 2 && c >= o.a0 - tol && c <= o.a1 + tol) return true;
  }
  return false;
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
  for (let round = 0; round < 3; round++) {
    const nextH = horizontal.filter(
      (s) => s.a1 - s.a0 >= longLen || (meets(s.a0, s.c, keptV, tol) && meets(s.a1, s.c, keptV, tol)),
    );
    const nextV = vertical.filter(
      (s) => s.a1 - s.a0 >= longLen || (meets(s.a0, s.c, keptH, tol) && meets(s.a1, s.c, keptH, tol)),
    );
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
 */
export function eraseLines(img: Gray, lines: DetectedLines, halo = 1): void {
  const { width: w, height: h, data } = img;
  for (const s of lines.horizontal) {
    const r = s.runs;
    for (let k = 0; k < r.length; k += 3) {
      const y = r[k]!;
      for (let yy = Math.max(0, y - halo); yy <= Math.min(h - 1, y + halo); yy++) {
        data.fill(255, yy * w + r[k + 1]!, yy * w + r[k + 2]!);
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
        for (let xx = x0; xx <= x1; xx++) data[row + xx] = 255;
      }
    }
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}
