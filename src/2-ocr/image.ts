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
      const ix = Math.floor(sx);
      const iy = Math.floor(sy);
      if (ix < 0 || iy < 0 || ix >= w - 1 || iy >= h - 1) {
        out[row + x] = 255;
        continue;
      }
      const fx = sx - ix;
      const fy = sy - iy;
      const p = iy * w + ix;
      const top = data[p]! + (data[p + 1]! - data[p]!) * fx;
      const bot = data[p + w]! + (data[p + w + 1]! - data[p + w]!) * fx;
      out[row + x] = (top + (bot - top) * fy + 0.5) | 0;
    }
  }
  return { width: w, height: h, data: out };
}

/** Shrinks by an integer factor, averaging each `f`×`f` block. */
export function downscale(img: Gray, f: number): Gray {
  if (f <= 1) return img;
  const w = Math.floor(img.width / f);
  const h = Math.floor(img.height / f);
  const out = new Uint8Array(w * h);
  const sums = new Uint32Array(w);
  const n = f * f;
  for (let y = 0; y < h; y++) {
    sums.fill(0);
    for (let k = 0; k < f; k++) {
      const row = (y * f + k) * img.width;
      for (let x = 0, sx = 0; x < w; x++) {
        let s = 0;
        for (let j = 0; j < f; j++, sx++) s += img.data[row + sx]!;
        sums[x]! += s;
      }
    }
    for (let x = 0; x < w; x++) out[y * w + x] = Math.round(sums[x]! / n);
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
  const h = new Uint32Array(256);
  const d = img.data;
  for (let i = 0; i < d.length; i++) h[d[i]!]!++;
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

/** Swaps x and y (for running a horizontal detector on vertical features). */
export function transpose<T extends Gray | Binary>(img: T): T {
  const { width: w, height: h, data } = img;
  const out = new Uint8Array(w * h);
  // Blocked for cache friendliness on large pages.
  const B = 64;
  for (let by = 0; by < h; by += B) {
    const ey = Math.min(h, by + B);
    for (let bx = 0; bx < w; bx += B) {
      const ex = Math.min(w, bx + B);
      for (let y = by; y < ey; y++) {
        const row = y * w;
        for (let x = bx; x < ex; x++) out[x * h + y] = data[row + x]!;
      }
    }
  }
  return { width: h, height: w, data: out } as T;
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
 * 8-connected, as bounding boxes (x1, y1 exclusive) in image coordinates.
 */
export function components(bin: Binary, r?: Rect): Component[] {
  const rx0 = Math.max(0, Math.round(r?.x0 ?? 0));
  const ry0 = Math.max(0, Math.round(r?.y0 ?? 0));
  const rx1 = Math.min(bin.width, Math.round(r?.x1 ?? bin.width));
  const ry1 = Math.min(bin.height, Math.round(r?.y1 ?? bin.height));
  const w = rx1 - rx0;
  const h = ry1 - ry0;
  if (w <= 0 || h <= 0) return [];
  const labels = new Int32Array(w * h).fill(-1);
  const out: Component[] = [];
  const stack: number[] = [];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (labels[i] !== -1 || bin.data[(y + ry0) * bin.width + x + rx0] === 0) continue;
      const id = out.length;
      const c: Component = { x0: x, y0: y, x1: x + 1, y1: y + 1, area: 0 };
      labels[i] = id;
      stack.push(i);
      while (stack.length > 0) {
        const p = stack.pop()!;
        const px = p % w;
        const py = (p - px) / w;
        c.area++;
        if (px < c.x0) c.x0 = px;
        if (px + 1 > c.x1) c.x1 = px + 1;
        if (py < c.y0) c.y0 = py;
        if (py + 1 > c.y1) c.y1 = py + 1;
        for (let dy = -1; dy <= 1; dy++) {
          const ny = py + dy;
          if (ny < 0 || ny >= h) continue;
          for (let dx = -1; dx <= 1; dx++) {
            const nx = px + dx;
            if (nx < 0 || nx >= w) continue;
            const q = ny * w + nx;
            if (labels[q] !== -1 || bin.data[(ny + ry0) * bin.width + nx + rx0] === 0) continue;
            labels[q] = id;
            stack.push(q);
          }
        }
      }
      out.push(c);
    }
  }
  for (const c of out) {
    c.x0 += rx0;
    c.x1 += rx0;
    c.y0 += ry0;
    c.y1 += ry0;
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
 * Max filter (dilation) of a binary image with a (2r+1)² square, separable.
 */
export function dilate(bin: Binary, r: number): Binary {
  const { width: w, height: h, data } = bin;
  if (r <= 0) return { width: w, height: h, data: new Uint8Array(data) };
  const tmp = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const row = y * w;
    let last = -Infinity; // last ink x seen
    for (let x = 0; x < w + r; x++) {
      if (x < w && data[row + x] !== 0) last = x;
      const o = x - r;
      if (o >= 0 && o < w && x - last <= 2 * r) tmp[row + o] = 1;
    }
  }
  const out = new Uint8Array(w * h);
  for (let x = 0; x < w; x++) {
    let last = -Infinity;
    for (let y = 0; y < h + r; y++) {
      if (y < h && tmp[y * w + x] !== 0) last = y;
      const o = y - r;
      if (o >= 0 && o < h && y - last <= 2 * r) out[o * w + x] = 1;
    }
  }
  return { width: w, height: h, data: out };
}

/**
 * Whitens "ghost" ink: strokes in a lighter shade than the print (a signature
 * in ballpoint, the ring and frame of a stamp) that run far from any dark
 * stroke. Print has a dark core (at most `dark`); its anti-aliased rim is
 * lighter but lies within `rim` pixels of the core, so it stays. A ghost
 * stroke is only removed as a whole, and only when it is big (`minSize`
 * pixels along its longer side): small light marks may be faint print.
 * Returns the number of pixels whitened.
 */
export function removeGhostInk(img: Gray, threshold: number, dark: number, rim: number, minSize: number, paper = 255): number {
  const { width: w, height: h, data } = img;
  const core = binarize(img, dark);
  const near = dilate(core, rim);
  const ghost = new Uint8Array(w * h);
  let any = false;
  for (let i = 0; i < ghost.length; i++) {
    if (data[i]! <= threshold && near.data[i] === 0) {
      ghost[i] = 1;
      any = true;
    }
  }
  if (!any) return 0;
  const g: Binary = { width: w, height: h, data: ghost };
  let removed = 0;
  for (const c of components(g)) {
    if (Math.max(c.x1 - c.x0, c.y1 - c.y0) < minSize) continue;
    for (let y = c.y0; y < c.y1; y++) {
      const row = y * w;
      for (let x = c.x0; x < c.x1; x++) {
        if (ghost[row + x] !== 0) {
          data[row + x] = paper;
          removed++;
        }
      }
    }
  }
  return removed;
}
