/**
 * Page geometry of a scan: the skew angle (a few degrees, from projection
 * profiles) and whether the text runs across or down the image (a page turned
 * by 90°/270°). Telling 0° from 180° needs reading, so the engine does that
 * with OCR confidence. Pure functions over `Binary`.
 */
import { components, type Binary } from './image.js';

export interface SkewOptions {
  /** Largest skew looked for, degrees. */
  maxDegrees?: number;
  /** Take every n-th ink pixel in each direction (speed). */
  sample?: number;
}

/**
 * The angle, in degrees, by which the page's lines go down to the right
 * (negative: up to the right). Found as the angle whose projection profile is
 * sharpest (largest sum of squares): ruling lines and text lines then fall into
 * few rows. To straighten the page rotate it by minus this angle.
 */
export function estimateSkew(bin: Binary, opts: SkewOptions = {}): number {
  const maxDeg = opts.maxDegrees ?? 5;
  const step = opts.sample ?? 2;
  const { width: w, height: h, data } = bin;
  // Sample ink points (x relative to the centre so the profile stays compact).
  const xs: number[] = [];
  const ys: number[] = [];
  const cx = w / 2;
  for (let y = 0; y < h; y += step) {
    const row = y * w;
    for (let x = 0; x < w; x += step) {
      if (data[row + x] !== 0) {
        xs.push(x - cx);
        ys.push(y);
      }
    }
  }
  if (xs.length < 50) return 0;
  const pad = Math.ceil(w * Math.tan((maxDeg * Math.PI) / 180)) + 2;
  const bins = new Float64Array(h + 2 * pad + 2);
  const score = (deg: number): number => {
    const t = Math.tan((deg * Math.PI) / 180);
    bins.fill(0);
    for (let i = 0; i < xs.length; i++) {
      // Linear split between the two neighbouring rows keeps the score smooth in the angle.
      const yy = ys[i]! - xs[i]! * t + pad;
      const k = Math.floor(yy);
      const f = yy - k;
      bins[k]! += 1 - f;
      bins[k + 1]! += f;
    }
    let s = 0;
    for (let i = 0; i < bins.length; i++) s += bins[i]! * bins[i]!;
    return s;
  };
  const search = (lo: number, hi: number, d: number): number => {
    let best = lo;
    let bestScore = -1;
    for (let a = lo; a <= hi + 1e-9; a += d) {
      const s = score(a);
      if (s > bestScore) {
        bestScore = s;
        best = a;
      }
    }
    return best;
  };
  let best = search(-maxDeg, maxDeg, 0.25);
  best = search(best - 0.25, best + 0.25, 0.05);
  best = search(best - 0.05, best + 0.05, 0.01);
  return Math.round(best * 100) / 100;
}

/**
 * Joins ink along one direction across gaps up to `gap` pixels (run-length
 * smoothing): the letters of a word merge into one blob along the text's direction.
 */
function smear(bin: Binary, gap: number, vertical: boolean): Binary {
  const { width: w, height: h, data } = bin;
  const out = new Uint8Array(data);
  if (!vertical) {
    for (let y = 0; y < h; y++) {
      const row = y * w;
      let last = -1;
      for (let x = 0; x < w; x++) {
        if (data[row + x] === 0) continue;
        if (last >= 0 && x - last - 1 <= gap) out.fill(1, row + last + 1, row + x);
        last = x;
      }
    }
  } else {
    for (let x = 0; x < w; x++) {
      let last = -1;
      for (let y = 0; y < h; y++) {
        if (data[y * w + x] === 0) continue;
        if (last >= 0 && y - last - 1 <= gap) for (let k = last + 1; k < y; k++) out[k * w + x] = 1;
        last = y;
      }
    }
  }
  return { width: w, height: h, data: out };
}

export interface TextDirection {
  /** `horizontal`: text runs across the image (0° or 180°); `vertical`: down it (90° or 270°). */
  direction: 'horizontal' | 'vertical';
  /** Evidence for each: total length of word-shaped blobs along that direction, pixels. */
  horizontal: number;
  vertical: number;
}

/**
 * Which way the text runs. Smearing along the text direction merges letters
 * into long, thin word blobs; smearing across it does not. Blobs as thick as a
 * text line and at least three times as long count as words; rules are thinner
 * and paragraphs thicker, so neither counts.
 *
 * @param bin a binary page image at low resolution (≈ 75–100 dpi is plenty)
 * @param dpi its resolution
 */
export function textDirection(bin: Binary, dpi: number): TextDirection {
  const minThick = Math.max(3, Math.round(dpi * 0.04)); // ~3 pt
  const maxThick = Math.round(dpi * 0.3); // ~22 pt
  const gap = Math.max(2, Math.round(dpi * 0.05));
  const evidence = (vertical: boolean): number => {
    let total = 0;
    for (const c of components(smear(bin, gap, vertical))) {
      const along = vertical ? c.y1 - c.y0 : c.x1 - c.x0;
      const across = vertical ? c.x1 - c.x0 : c.y1 - c.y0;
      if (across < minThick || across > maxThick || along < 3 * across) continue;
      // Filled: a word blob is mostly ink after smearing (a stamp's ring is not).
      if (c.area < 0.45 * along * across) continue;
      total += along;
    }
    return total;
  };
  const horizontal = evidence(false);
  const vertical = evidence(true);
  return { direction: vertical > horizontal ? 'vertical' : 'horizontal', horizontal, vertical };
}
