/**
 * Shading: print on a shaded cell (the gray header rows of these forms, a
 * tinted table) brought to print on the paper. Without it, the OCR's page
 * layout takes a shaded header for a picture and reads none of its labels,
 * and the table is lost with them; a shaded cell's background is also close
 * to the ink threshold of a light scan.
 *
 * Only where the background is darker than the paper does anything change:
 * pages and regions without shading are read exactly as they were.
 */
import { histogram, type Gray } from './image.js';

/** The page's paper: the gray level 90% of its pixels are at or below. */
export function paperLevel(img: Gray): number {
  const hist = histogram(img);
  let seen = 0;
  const want = 0.9 * img.data.length;
  for (let v = 0; v < 256; v++) {
    seen += hist[v]!;
    if (seen >= want) return v;
  }
  return 255;
}

/** Max over f×f blocks: a coarse image, block (i, j) covering pixels [f·j, f·j+f) × [f·i, f·i+f). */
function blockMax(img: Gray, f: number): Gray {
  const w = Math.ceil(img.width / f);
  const h = Math.ceil(img.height / f);
  const out = new Uint8Array(w * h);
  for (let y = 0; y < img.height; y++) {
    const row = ((y / f) | 0) * w;
    const src = y * img.width;
    for (let x = 0; x < img.width; x++) {
      const v = img.data[src + x]!;
      const o = row + ((x / f) | 0);
      if (v > out[o]!) out[o] = v;
    }
  }
  return { width: w, height: h, data: out };
}

/**
 * Median over a (2r+1)² window of a small image (edges: the window cut to the
 * image), where it is below `below`; elsewhere 255. The median is under
 * `below` only where more than half the window is: counted first for every
 * window at once (a summed-area table), the sort is done only there — on a
 * page without shading, almost nowhere.
 */
function medianBelow(img: Gray, r: number, below: number): Gray {
  const { width: w, height: h, data } = img;
  const sat = new Int32Array((w + 1) * (h + 1));
  for (let y = 0; y < h; y++) {
    let run = 0;
    for (let x = 0; x < w; x++) {
      run += data[y * w + x]! < below ? 1 : 0;
      sat[(y + 1) * (w + 1) + x + 1] = sat[y * (w + 1) + x + 1]! + run;
    }
  }
  const out = new Uint8Array(w * h).fill(255);
  const buf = new Uint8Array((2 * r + 1) ** 2);
  for (let y = 0; y < h; y++) {
    const y0 = Math.max(0, y - r);
    const y1 = Math.min(h - 1, y + r) + 1;
    for (let x = 0; x < w; x++) {
      const x0 = Math.max(0, x - r);
      const x1 = Math.min(w - 1, x + r) + 1;
      const n = (y1 - y0) * (x1 - x0);
      const dark = sat[y1 * (w + 1) + x1]! - sat[y0 * (w + 1) + x1]! - sat[y1 * (w + 1) + x0]! + sat[y0 * (w + 1) + x0]!;
      if (dark <= n >> 1) continue;
      let k = 0;
      for (let yy = y0; yy < y1; yy++) for (let xx = x0; xx < x1; xx++) buf[k++] = data[yy * w + xx]!;
      out[y * w + x] = buf.subarray(0, k).sort()[k >> 1]!;
    }
  }
  return { width: w, height: h, data: out };
}

/**
 * Shaded cells brought to the paper's own tone (see the module comment); the
 * rest of the page is left exactly as it is, and a page without shading is
 * returned as it came.
 *
 * - The background: the page in blocks of 1/50 inch, each block's lightest
 *   pixel (a block holding any gap between strokes shows the background),
 *   then the median of those over 5×5 blocks — the white borders between
 *   shaded cells, and blocks all ink, are too few to move it.
 * - Where the background is darker than 95% of the paper, each pixel is
 *   divided by it and scaled to the paper, fully below 85% and by degrees in
 *   between (no edge where a light tint meets the paper). A background darker
 *   than 60% of the paper is no shading (a blot of ink): left alone.
 */
export function flattenShading(img: Gray, dpi: number): Gray {
  const paper = paperLevel(img);
  if (paper < 64) return img;
  const f = Math.max(2, Math.round(dpi / 50));
  const floor = 0.6 * paper;
  const full = 0.85 * paper;
  const none = 0.95 * paper;
  const bg = medianBelow(blockMax(img, f), 2, none);
  // Gain for each background level (1: untouched).
  const gain = new Float32Array(256);
  let any = false;
  for (let b = 0; b < 256; b++) {
    if (b < floor || b >= none) gain[b] = 1;
    else if (b <= full) gain[b] = paper / b;
    else gain[b] = 1 + (paper / b - 1) * ((none - b) / (none - full));
  }
  for (let i = 0; i < bg.data.length && !any; i++) any = gain[bg.data[i]!] !== 1;
  if (!any) return img;
  const out = new Uint8Array(img.data);
  const cw = bg.width;
  for (let y = 0; y < img.height; y++) {
    const crow = ((y / f) | 0) * cw;
    const row = y * img.width;
    for (let x = 0; x < img.width; x++) {
      const g = gain[bg.data[crow + ((x / f) | 0)]!]!;
      if (g === 1) continue;
      const v = img.data[row + x]! * g;
      out[row + x] = v >= 255 ? 255 : (v + 0.5) | 0;
    }
  }
  return { width: img.width, height: img.height, data: out };
}
