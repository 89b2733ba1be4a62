/**
 * Grayscale image primitives for the OCR stage: pure functions over
 * `{ width, height, data }` (one byte per pixel, 0 = black, 255 = white,
 * row-major, origin top-left). No I/O, no canvas: unit-testable and fast.
 */

export interface Gray {
  width: number;
  height: number;
  data: Uint8Array;
}

/**
 * A binary image: `data[i]` is 1 where there is ink, 0 elsewhere.
 * Same layout as `Gray`.
 */
export interface Binary {
  width: number;
  height: number;
  data: Uint8Array;
}

export interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export function createGray(width: number, height: number, fill = 255): Gray {
  const data = new Uint8Array(width * height);
  if (fill !== 0) data.fill(fill);
  return { width, height, data };
}

/** Grayscale from interleaved RGBA (canvas ImageData) or RGB or gray pixels. */
export function toGray(pixels: Uint8Array | Uint8ClampedArray, width: number, height: number, channels: 1 | 3 | 4): Gray {
  const n = width * height;
  if (channels === 1) return { width, height, data: new Uint8Array(pixels.subarray(0, n)) };
  const out = new Uint8Array(n);
  for (let i = 0, j = 0; i < n; i++, j += channels) {
    // ITU-R 601 luma, integer.
    out[i] = (pixels[j]! * 77 + pixels[j + 1]! * 150 + pixels[j + 2]! * 29 + 128) >> 8;
  }
  return { width, height, data: out };
}

/** A copy of the rectangle [x0, x1) × [y0, y1), clamped to the image; outside pixels are white. */
export function crop(img: Gray, r: Rect): Gray {
  const x0 = Math.round(r.x0);
  const y0 = Math.round(r.y0);
  const w = Math.max(0, Math.round(r.x1) - x0);
  const h = Math.max(0, Math.round(r.y1) - y0);
  const out = createGray(w, h);
  const sx0 = Math.max(0, x0);
  const sx1 = Math.min(img.width, x0 + w);
  if (sx1 <= sx0) return out;
  for (let y = 0; y < h; y++) {
    const sy = y0 + y;
    if (sy < 0 || sy >= img.height) continue;
    out.data.set(img.data.subarray(sy * img.width + sx0, sy * img.width + sx1), y * w + (sx0 - x0));
  }
  return out;
}

/** Puts `img` on a white canvas with `margin` pixels on every side. */
export function pad(img: Gray, margin: number): Gray {
  const out = createGray(img.width + 2 * margin, img.height + 2 * margin);
  for (let y = 0; y < img.height; y++) {
    out.data.set(img.data.subarray(y * img.width, (y + 1) * img.width), (y + margin) * out.width + margin);
  }
  return out;
}

/** Turns the image clockwise by a multiple of 90 degrees. */
export function rotateQuarter(img: Gray, degrees: 0 | 90 | 180 | 270): Gray {
  const { width: w, height: h, data } = img;
  if (degrees === 0) return { width: w, height: h, data: new Uint8Array(data) };
  if (degrees === 180) {
    const out = new Uint8Array(w * h);
    for (let i = 0, j = w * h - 1; j >= 0; i++, j--) out[i] = data[j]!;
    return { width: w, height: h, data: out };
  }
  const out = new Uint8Array(w * h);
  // Output is h wide and w tall.
  if (degrees === 90) {
    // out(x', y') = in(x = y', y = h - 1 - x')
    for (let y = 0; y < h; y++) {
      const row = y * w;
      const xo = h - 1 - y;
      for (let x = 0; x < w; x++) out[x * h + xo] = data[row + x]!;
    }
  } else {
    // 270: out(x', y') = in(x = w - 1 - y', y = x')
    for (let y = 0; y < h; y++) {
      const row = y * w;
      for (let x = 0; x < w; x++) out[(w - 1 - x) * h + y] = data[row + x]!;
    }
  }
  return { width: h, height: w, data: out };
}

/**
 * Rotates the image about its centre by `degrees`, clockwise as seen on screen
 * (y grows downwards): a level line becomes one that goes down to the right by
 * `degrees`. Bilinear, same size, uncovered pixels white. To straighten a scan
 * whose lines go down to the right by `s` degrees, rotate by `-s`.
 */
export function rotate(img: Gray, degrees: number): Gray {
  const { width: w, height: h, data } = img;
  if (degrees === 0) return { width: w, height: h, data: new Uint8Array(data) };
  const out = new Uint8Array(w * h);
  const a = (degrees * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const cx = (w - 1) / 2;
  const cy = (h - 1) / 2;
  for (let y = 0; y < h; y++) {
    const dy = y - cy;
    // Source of output (x, y) is R(-a)·(x - cx, y - cy) + c.
    let sx = cos * -cx + sin * dy + cx;
    let sy = -sin * -cx + cos * dy + cy;
    const row = y * w;
    for (let x = 0; x < w; x++, sx += cos, sy -= sin) {
      // Truncation is the floor here: negative sources are outside.
      if (sx < 0 || sy < 0) {
        out[row + x] = 255;
        continue;
      }
      const ix = sx | 0;
      const iy = sy | 0;
      if (ix >= w - 1 || iy >= h - 1) {
        out[row + x] = 255;
        continue;
      }
      const p = iy * w + ix;
      const p00 = data[p]!;
      const p01 = data[p + 1]!;
      const p10 = data[p + w]!;
      const p11 = data[p + w + 1]!;
      // Paper all round (most of a page) is paper, without the arithmetic.
      if ((p00 & p01 & p10 & p11) === 255) {
        out[row + x] = 255;
        continue;
      }
      const fx = sx - ix;
      const fy = sy - iy;
      const top = p00 + (p01 - p00) * fx;
      const bot = p10 + (p11 - p10) * fx;
      out[row + x] = (top + (bot - top) * fy + 0.5) | 0;
    }
  }
  return { width: w, height: h, data: out };
}

/** Shrinks by an integer factor, averaging each `f`×`f` block (rounded as Math.round does). */
export function downscale(img: Gray, f: number): Gray {
  if (f <= 1) return img;
  const W = img.width;
  const w = Math.floor(W / f);
  const h = Math.floor(img.height / f);
  const src = img.data;
  const out = new Uint8Array(w * h);
  const n = f * f;
  // The mean of a block by its sum.
  const mean = new Uint8Array(255 * n + 1);
  for (let s = 0; s < mean.length; s++) mean[s] = Math.round(s / n);
  if (f === 2) {
    for (let y = 0; y < h; y++) {
      let a = 2 * y * W;
      let b = a + W;
      for (let x = 0, o = y * w; x < w; x++, o++, a += 2, b += 2) out[o] = mean[src[a]! + src[a + 1]! + src[b]! + src[b + 1]!]!;
    }
    return { width: w, height: h, data: out };
  }
  if (f === 3) {
    for (let y = 0; y < h; y++) {
      let a = 3 * y * W;
      let b = a + W;
      let c = b + W;
      for (let x = 0, o = y * w; x < w; x++, o++, a += 3, b += 3, c += 3) {
        out[o] = mean[src[a]! + src[a + 1]! + src[a + 2]! + src[b]! + src[b + 1]! + src[b + 2]! + src[c]! + src[c + 1]! + src[c + 2]!]!;
      }
    }
    return { width: w, height: h, data: out };
  }
  const sums = new Uint32Array(w);
  for (let y = 0; y < h; y++) {
    sums.fill(0);
    for (let k = 0; k < f; k++) {
      const row = (y * f + k) * W;
      for (let x = 0, sx = row; x < w; x++) {
        let s = 0;
        for (let j = 0; j < f; j++, sx++) s += src[sx]!;
        sums[x]! += s;
      }
    }
    for (let x = 0; x < w; x++) out[y * w + x] = mean[sums[x]!]!;
  }
  return { width: w, height: h, data: out };
}

/** Resamples to `width`×`height`, bilinear (for scaling a small crop up). */
export function resize(img: Gray, width: number, height: number): Gray {
  const out = new Uint8Array(width * height);
  const sx = img.width / width;
  const sy = img.height / height;
  for (let y = 0; y < height; y++) {
    const fy = Math.min(img.height - 1, Math.max(0, (y + 0.5) * sy - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(img.height - 1, y0 + 1);
    const ty = fy - y0;
    for (let x = 0; x < width; x++) {
      const fx = Math.min(img.width - 1, Math.max(0, (x + 0.5) * sx - 0.5));
      const x0 = Math.floor(fx);
      const x1 = Math.min(img.width - 1, x0 + 1);
      const tx = fx - x0;
      const a = img.data[y0 * img.width + x0]! * (1 - tx) + img.data[y0 * img.width + x1]! * tx;
      const b = img.data[y1 * img.width + x0]! * (1 - tx) + img.data[y1 * img.width + x1]! * tx;
      out[y * width + x] = Math.round(a * (1 - ty) + b * ty);
    }
  }
  return { width, height, data: out };
}

/** 256-bin histogram of the gray levels. */
export function histogram(img: Gray): Uint32Array {
  // Four histograms for the four pixels of a group, added up at the end: a
  // run of one gray level (paper) does not make each count wait for the last.
  const hs = new Uint32Array(1024);
  const d = img.data;
  const n4 = d.length - (d.length % 4);
  let i = 0;
  for (; i < n4; i += 4) {
    hs[d[i]!]!++;
    hs[256 + d[i + 1]!]!++;
    hs[512 + d[i + 2]!]!++;
    hs[768 + d[i + 3]!]!++;
  }
  for (; i < d.length; i++) hs[d[i]!]!++;
  const h = new Uint32Array(256);
  for (let v = 0; v < 256; v++) h[v] = hs[v]! + hs[256 + v]! + hs[512 + v]! + hs[768 + v]!;
  return h;
}

/** Otsu's threshold: the gray level that best separates ink from paper. */
export function otsuThreshold(img: Gray): number {
  const hist = histogram(img);
  let total = 0;
  let sum = 0;
  for (let i = 0; i < 256; i++) {
    total += hist[i]!;
    sum += i * hist[i]!;
  }
  let sumB = 0;
  let wB = 0;
  let best = 0;
  let threshold = 128;
  for (let t = 0; t < 256; t++) {
    wB += hist[t]!;
    if (wB === 0) continue;
    const wF = total - wB;
    if (wF === 0) break;
    sumB += t * hist[t]!;
    const mB = sumB / wB;
    const mF = (sum - sumB) / wF;
    const between = wB * wF * (mB - mF) * (mB - mF);
    if (between > best) {
      best = between;
      threshold = t;
    }
  }
  return threshold;
}

/** Ink where the gray level is at most `threshold` (Otsu's when omitted). */
export function binarize(img: Gray, threshold = otsuThreshold(img)): Binary {
  const out = new Uint8Array(img.data.length);
  const d = img.data;
  for (let i = 0; i < d.length; i++) out[i] = d[i]! <= threshold ? 1 : 0;
  return { width: img.width, height: img.height, data: out };
}

/**
 * Where the faint ink of a mark ends below it: scanning down from the mark's
 * bottom (`r.y1`, exclusive), rows with any pixel of the mark's columns (and
 * two to the left, where a comma's tail bends) darker than 70% of the way from
 * the ink threshold to the local paper. Returns the first row without (exclusive
 * bottom), or NaN when the faint ink runs on for `maxRows` rows or the paper
 * is too close to the threshold to tell.
 */
export function faintBottom(img: Gray, threshold: number): (r: Rect, maxRows: number) => number {
  return (r, maxRows) => {
    const x0 = Math.max(0, Math.round(r.x0) - 2);
    const x1 = Math.min(img.width, Math.round(r.x1) + 1);
    const y0 = Math.max(0, Math.round(r.y0));
    const y1 = Math.round(r.y1);
    const yEnd = Math.min(img.height, y1 + maxRows + 1);
    if (x1 <= x0 || y1 >= img.height) return NaN;
    // The local paper: a high percentile of the window (the mark is a small part of it).
    const vals: number[] = [];
    for (let y = y0; y < yEnd; y++) for (let x = x0; x < x1; x++) vals.push(img.data[y * img.width + x]!);
    vals.sort((a, b) => a - b);
    const paper = vals[Math.floor(vals.length * 0.9)]!;
    if (paper - threshold < 30) return NaN;
    const faint = threshold + 0.7 * (paper - threshold);
    for (let y = y1; y < yEnd; y++) {
      let ink = false;
      for (let x = x0; x < x1 && !ink; x++) ink = img.data[y * img.width + x]! <= faint;
      if (!ink) return y;
    }
    return NaN;
  };
}

/**
 * Swaps x and y (for running a horizontal detector on vertical features).
 * Only non-zero pixels are copied (the output starts at zero), four bytes at
 * a time skipped where they are all zero: fast for a binary image, mostly paper.
 */
export function transpose<T extends Gray | Binary>(img: T): T {
  const { width: w, height: h, data } = img;
  const n = data.length;
  const out = new Uint8Array(n);
  const words = wordView(data);
  for (let i = nextInk(data, words, 0, n); i < n; i = nextInk(data, words, i + 1, n)) {
    const y = (i / w) | 0;
    out[(i - y * w) * h + y] = data[i]!;
  }
  return { width: h, height: w, data: out } as T;
}

/** A view of `data` as 32-bit words for nextInk, or null when its bytes are not aligned for one. */
export function wordView(data: Uint8Array): Uint32Array | null {
  return data.byteOffset % 4 === 0 ? new Uint32Array(data.buffer, data.byteOffset, data.length >> 2) : null;
}

/**
 * The index of the first non-zero byte of `data` in [i, end), or `end`. Runs
 * of zeros (paper) are skipped four bytes at a time through `words` (see
 * wordView) when there is one.
 */
export function nextInk(data: Uint8Array, words: Uint32Array | null, i: number, end: number): number {
  if (words) {
    for (; i < end && (i & 3) !== 0; i++) if (data[i] !== 0) return i;
    while (i + 4 <= end && words[i >> 2] === 0) i += 4;
  }
  while (i < end && data[i] === 0) i++;
  return i;
}

/** Number of ink pixels inside a rectangle (clamped). */
export function inkCount(bin: Binary, r: Rect): number {
  const x0 = Math.max(0, Math.round(r.x0));
  const y0 = Math.max(0, Math.round(r.y0));
  const x1 = Math.min(bin.width, Math.round(r.x1));
  const y1 = Math.min(bin.height, Math.round(r.y1));
  let n = 0;
  for (let y = y0; y < y1; y++) {
    const row = y * bin.width;
    for (let x = x0; x < x1; x++) n += bin.data[row + x]!;
  }
  return n;
}

/** A connected component of ink (8-connectivity). */
export interface Component extends Rect {
  /** Number of ink pixels. */
  area: number;
}

/**
 * Connected components of ink inside `r` (the whole image when omitted),
 * 8-connected, as bounding boxes (x1, y1 exclusive) in image coordinates,
 * in the order of their first pixel (top to bottom, left to right).
 *
 * Found from the runs of ink of each row: a run joins the runs of the row
 * above that touch it (diagonally too), with union-find over the runs'
 * labels; a label always joins the older one, so the oldest label of a
 * component — the one of its first run — holds its box and area.
 */
export function components(bin: Binary, r?: Rect): Component[] {
  const rx0 = Math.max(0, Math.round(r?.x0 ?? 0));
  const ry0 = Math.max(0, Math.round(r?.y0 ?? 0));
  const rx1 = Math.min(bin.width, Math.round(r?.x1 ?? bin.width));
  const ry1 = Math.min(bin.height, Math.round(r?.y1 ?? bin.height));
  if (rx1 <= rx0 || ry1 <= ry0) return [];
  const { width: W, data } = bin;
  const words = wordView(data);
  // Per label: parent, then box and area (valid at the root).
  const parent: number[] = [];
  const box: number[] = []; // x0, y0, x1, y1, area
  const find = (g: number): number => {
    while (parent[g] !== g) {
      parent[g] = parent[parent[g]!]!;
      g = parent[g]!;
    }
    return g;
  };
  // Runs of the row above and of this row: start, end (exclusive), label.
  let prev: number[] = [];
  let cur: number[] = [];
  for (let y = ry0; y < ry1; y++) {
    const row = y * W;
    cur.length = 0;
    let k = 0; // first run above that may still touch
    let x = rx0;
    while (x < rx1) {
      x = nextInk(data, words, row + x, row + rx1) - row;
      if (x === rx1) break;
      const s = x;
      while (x < rx1 && data[row + x] !== 0) x++;
      const e = x;
      // Runs above touching [s - 1, e]: those with start <= e and end >= s.
      while (k < prev.length && prev[k + 1]! < s) k += 3;
      let g = -1;
      for (let j = k; j < prev.length && prev[j]! <= e; j += 3) {
        const pg = find(prev[j + 2]!);
        if (g === -1) g = pg;
        else if (pg !== g) {
          const keep = pg < g ? pg : g;
          const gone = pg < g ? g : pg;
          parent[gone] = keep;
          const q = 5 * keep;
          const o = 5 * gone;
          if (box[o]! < box[q]!) box[q] = box[o]!;
          if (box[o + 1]! < box[q + 1]!) box[q + 1] = box[o + 1]!;
          if (box[o + 2]! > box[q + 2]!) box[q + 2] = box[o + 2]!;
          if (box[o + 3]! > box[q + 3]!) box[q + 3] = box[o + 3]!;
          box[q + 4] = box[q + 4]! + box[o + 4]!;
          g = keep;
        }
      }
      if (g === -1) {
        g = parent.length;
        parent.push(g);
        box.push(s, y, e, y + 1, e - s);
      } else {
        const q = 5 * g;
        if (s < box[q]!) box[q] = s;
        if (e > box[q + 2]!) box[q + 2] = e;
        box[q + 3] = y + 1;
        box[q + 4] = box[q + 4]! + e - s;
      }
      cur.push(s, e, g);
    }
    const t = prev;
    prev = cur;
    cur = t;
  }
  const out: Component[] = [];
  for (let g = 0; g < parent.length; g++) {
    if (parent[g] !== g) continue;
    const q = 5 * g;
    out.push({ x0: box[q]!, y0: box[q + 1]!, x1: box[q + 2]!, y1: box[q + 3]!, area: box[q + 4]! });
  }
  return out;
}

/** A binary PGM (P5) file: raw grayscale with a 15-byte header, which Leptonica reads directly. */
export function toPGM(img: Gray): Buffer {
  const header = Buffer.from(`P5\n${img.width} ${img.height}\n255\n`, 'latin1');
  const out = Buffer.allocUnsafe(header.length + img.data.length);
  header.copy(out, 0);
  out.set(img.data, header.length);
  return out;
}

/**
 * The region `r` of `img` (whole pixels, inside the image) as nearDark leaves it, cut
 * out: the same pixels as nearDark over the whole page then cropped to `r`, without
 * a copy of the page (its core test looks `radius` pixels across, past `r`'s sides).
 */
export function nearDarkCrop(img: Gray, r: Rect, dark: number, radius: number): Gray {
  const wide = { x0: Math.max(0, r.x0 - radius), y0: r.y0, x1: Math.min(img.width, r.x1 + radius), y1: r.y1 };
  const inner = { x0: r.x0 - wide.x0, y0: 0, x1: r.x1 - wide.x0, y1: r.y1 - r.y0 };
  return crop(nearDark(crop(img, wide), inner, dark, radius), inner);
}

/**
 * `img` where, inside `r`, ink lighter than `dark` is kept only within
 * `radius` pixels of ink at `dark` or darker; elsewhere it is paper (255).
 * Printed figures have black cores and a blurred edge a pixel or two wide; a
 * stamp's lighter strokes have no such core, and are gone except where they
 * touch the figures. Unlike a darker threshold, the figures keep the width of
 * their strokes. Written into `into` (a copy of `img` made earlier, whose
 * other regions are kept) or into a new copy; pixels outside `r` are left.
 */
export function nearDark(img: Gray, r: Rect, dark: number, radius: number, into?: Gray): Gray {
  const x0 = Math.max(0, Math.round(r.x0));
  const y0 = Math.max(0, Math.round(r.y0));
  const x1 = Math.min(img.width, Math.round(r.x1));
  const y1 = Math.min(img.height, Math.round(r.y1));
  const target = into ?? { width: img.width, height: img.height, data: new Uint8Array(img.data) };
  const out = target.data;
  const w = x1 - x0;
  const h = y1 - y0;
  if (w <= 0 || h <= 0) return target;
  // Whether a core pixel is within `radius` across, then down (a separable max filter over a
  // square of side 2·radius+1); down, only the rows of `r` are looked at.
  const core = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let near = 0;
      for (let dx = -radius; dx <= radius && !near; dx++) {
        const xx = x0 + x + dx;
        if (xx >= 0 && xx < img.width && img.data[(y0 + y) * img.width + xx]! <= dark) near = 1;
      }
      core[y * w + x] = near;
    }
  }
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = (y0 + y) * img.width + x0 + x;
      if (img.data[i]! <= dark) continue;
      let near = false;
      for (let dy = -radius; dy <= radius && !near; dy++) {
        const yy = y + dy;
        if (yy >= 0 && yy < h && core[yy * w + x]) near = true;
      }
      out[i] = near ? img.data[i]! : 255;
    }
  }
  return target;
}
