/**
 * Makes scanned versions of the digital fixtures: `fixtures/digital/<name>.pdf`
 * → `fixtures/scanned/<name>-300.pdf` and `<name>-200.pdf` (one grayscale JPEG
 * per page, no text layer), plus `<name>-300.golden.json` / `-200.golden.json`:
 * the digital golden with `archivo` changed to the scanned path.
 *
 * Each page is rasterized with pdfjs + @napi-rs/canvas, then made to look
 * scanned: a stamp (circle or rectangle of text, another shade) over some
 * text, a signature scribble over each signer's name, a small rotation
 * (0.5–3°), blur, paper tone, dust and speckle noise, and JPEG artefacts
 * (quality 50–70). One page of each file is upside down, and in the 200 dpi
 * version another one is turned a quarter. Deterministic: every random choice
 * comes from a PRNG seeded with the file name, resolution and page number.
 *
 * Scans are big, so by default only a selection is made (SELECTION below:
 * every format, ruling style and font at least once, both resolutions, under
 * ~12 MB in all); `--all` makes every digital fixture at both resolutions.
 *
 *   npx tsx scripts/make-scans.ts                 (the selection)
 *   npx tsx scripts/make-scans.ts --all
 *   npx tsx scripts/make-scans.ts seed004@300 obras2024@200 …
 *   npx tsx scripts/make-scans.ts stress/stress3-mixto@300   (a fixture of another folder)
 *
 * Held-out scans (never committed; measured with POA_SCANNED_DIR or
 * `npm run bench -- --scanned`) go to another folder, with `--seed` so that a
 * file also in the fixtures gets another skew, noise and stamp:
 *
 *   npx tsx scripts/make-scans.ts --out out/heldout --seed heldout sindicatura2023@300 stress/stress-avance@300 …
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { PDFDocument } from 'pdf-lib';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { textLayerPage, type PDFDocumentProxy } from '../src/1-extract/pdf.js';
import { rotate, rotateQuarter, toGray, type Gray } from '../src/2-ocr/image.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIGITAL = path.join(ROOT, 'fixtures', 'digital');
const SCANNED = path.join(ROOT, 'fixtures', 'scanned');
const RESOLUTIONS = [300, 200] as const;
type Dpi = (typeof RESOLUTIONS)[number];

/**
 * The default selection: TMM-F004 with lone digits at both resolutions
 * (seed004), the three other formats at both (obras2024 at 300, seed000 at
 * 200), a table without rules in Times (dif2025_t3), rules only between rows
 * (obras2024) and Courier (seguridad2024).
 */
const SELECTION: Array<[string, Dpi]> = [
  ['seed004', 300],
  ['seed004', 200],
  ['obras2024', 300],
  ['dif2025_t3', 300],
  ['seed000', 200],
  ['seguridad2024', 200],
];

/**
 * Opens a PDF for rendering. pdfjs in Node reads the standard fonts with
 * fs.readFile, which takes a path (a file:// string is not found and the
 * fonts fall back to a system face), so the folder is given as a path.
 */
async function openForRender(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  const require = createRequire(import.meta.url);
  const root = path.dirname(require.resolve('pdfjs-dist/package.json'));
  return pdfjs.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    standardFontDataUrl: path.join(root, 'standard_fonts') + path.sep,
    cMapUrl: path.join(root, 'cmaps') + path.sep,
    cMapPacked: true,
    verbosity: 0,
  }).promise;
}

// ---------------------------------------------------------------------------
// Seeded PRNG (mulberry32) and helpers

function hashString(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

export class Rng {
  private state: number;
  constructor(seed: number | string) {
    this.state = typeof seed === 'string' ? hashString(seed) : seed >>> 0;
  }
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  range(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }
  int(lo: number, hi: number): number {
    return Math.floor(this.range(lo, hi + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  /** Standard normal (Box–Muller). */
  gauss(): number {
    const u = Math.max(1e-12, this.next());
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}

// ---------------------------------------------------------------------------
// Baseline grayscale JPEG encoder (one component, standard tables), so the
// scans are true grayscale JPEGs and byte-identical on every run.

const ZIGZAG = [
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28, 35,
  42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
];
const LUMA_Q = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80,
  62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98,
  112, 100, 103, 99,
];
const DC_BITS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
const DC_VALS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const AC_BITS = [0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7d];
const AC_VALS = [
  0x01, 0x02, 0x03, 0x00, 0x04, 0x11, 0x05, 0x12, 0x21, 0x31, 0x41, 0x06, 0x13, 0x51, 0x61, 0x07, 0x22, 0x71, 0x14, 0x32,
  0x81, 0x91, 0xa1, 0x08, 0x23, 0x42, 0xb1, 0xc1, 0x15, 0x52, 0xd1, 0xf0, 0x24, 0x33, 0x62, 0x72, 0x82, 0x09, 0x0a, 0x16,
  0x17, 0x18, 0x19, 0x1a, 0x25, 0x26, 0x27, 0x28, 0x29, 0x2a, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a, 0x43, 0x44, 0x45,
  0x46, 0x47, 0x48, 0x49, 0x4a, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69,
  0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x92, 0x93, 0x94,
  0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6,
  0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8,
  0xd9, 0xda, 0xe1, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8,
  0xf9, 0xfa,
];

function huffmanCodes(bits: number[], vals: number[]): Map<number, [number, number]> {
  const out = new Map<number, [number, number]>();
  let code = 0;
  let k = 0;
  for (let len = 1; len <= 16; len++) {
    for (let i = 0; i < bits[len - 1]!; i++) out.set(vals[k++]!, [code++, len]);
    code <<= 1;
  }
  return out;
}
const DC_CODES = huffmanCodes(DC_BITS, DC_VALS);
const AC_CODES = huffmanCodes(AC_BITS, AC_VALS);

const COS = (() => {
  const t = new Float64Array(64);
  for (let x = 0; x < 8; x++) for (let u = 0; u < 8; u++) t[x * 8 + u] = Math.cos(((2 * x + 1) * u * Math.PI) / 16);
  return t;
})();

export function encodeGrayJpeg(img: Gray, quality: number, dpi: number): Uint8Array {
  const scale = quality < 50 ? 5000 / quality : 200 - 2 * quality;
  const q = LUMA_Q.map((v) => Math.min(255, Math.max(1, Math.floor((v * scale + 50) / 100))));
  const bytes: number[] = [];
  const u16 = (v: number) => bytes.push((v >> 8) & 0xff, v & 0xff);
  bytes.push(0xff, 0xd8);
  // APP0 JFIF with the resolution.
  bytes.push(0xff, 0xe0);
  u16(16);
  bytes.push(0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 1);
  u16(dpi);
  u16(dpi);
  bytes.push(0, 0);
  // DQT
  bytes.push(0xff, 0xdb);
  u16(67);
  bytes.push(0);
  for (let k = 0; k < 64; k++) bytes.push(q[ZIGZAG[k]!]!);
  // SOF0
  bytes.push(0xff, 0xc0);
  u16(11);
  bytes.push(8);
  u16(img.height);
  u16(img.width);
  bytes.push(1, 1, 0x11, 0);
  // DHT
  bytes.push(0xff, 0xc4);
  u16(2 + 17 + DC_VALS.length + 17 + AC_VALS.length);
  bytes.push(0x00, ...DC_BITS, ...DC_VALS, 0x10, ...AC_BITS, ...AC_VALS);
  // SOS
  bytes.push(0xff, 0xda);
  u16(8);
  bytes.push(1, 1, 0x00, 0, 63, 0);

  let acc = 0;
  let nbits = 0;
  const put = (code: number, len: number) => {
    acc = (acc << len) | (code & ((1 << len) - 1));
    nbits += len;
    while (nbits >= 8) {
      const b = (acc >> (nbits - 8)) & 0xff;
      bytes.push(b);
      if (b === 0xff) bytes.push(0);
      nbits -= 8;
    }
    acc &= (1 << nbits) - 1;
  };
  const category = (v: number) => {
    let a = Math.abs(v);
    let c = 0;
    while (a > 0) {
      c++;
      a >>= 1;
    }
    return c;
  };
  const block = new Float64Array(64);
  const tmp = new Float64Array(64);
  const coef = new Int32Array(64);
  let prevDC = 0;
  const { width: w, height: h, data } = img;
  for (let by = 0; by < h; by += 8) {
    for (let bx = 0; bx < w; bx += 8) {
      for (let y = 0; y < 8; y++) {
        const sy = Math.min(h - 1, by + y);
        for (let x = 0; x < 8; x++) block[y * 8 + x] = data[sy * w + Math.min(w - 1, bx + x)]! - 128;
      }
      // Separable DCT-II.
      for (let y = 0; y < 8; y++) {
        for (let u = 0; u < 8; u++) {
          let s = 0;
          for (let x = 0; x < 8; x++) s += block[y * 8 + x]! * COS[x * 8 + u]!;
          tmp[y * 8 + u] = s * (u === 0 ? Math.SQRT1_2 : 1) * 0.5;
        }
      }
      for (let u = 0; u < 8; u++) {
        for (let v = 0; v < 8; v++) {
          let s = 0;
          for (let y = 0; y < 8; y++) s += tmp[y * 8 + u]! * COS[y * 8 + v]!;
          const f = s * (v === 0 ? Math.SQRT1_2 : 1) * 0.5;
          coef[v * 8 + u] = Math.round(f / q[v * 8 + u]!);
        }
      }
      const dc = coef[0]!;
      const diff = dc - prevDC;
      prevDC = dc;
      const dcCat = category(diff);
      const [dcCode, dcLen] = DC_CODES.get(dcCat)!;
      put(dcCode, dcLen);
      if (dcCat > 0) put(diff < 0 ? diff + (1 << dcCat) - 1 : diff, dcCat);
      let run = 0;
      for (let k = 1; k < 64; k++) {
        const v = coef[ZIGZAG[k]!]!;
        if (v === 0) {
          run++;
          continue;
        }
        while (run >= 16) {
          const [c, l] = AC_CODES.get(0xf0)!;
          put(c, l);
          run -= 16;
        }
        const cat = category(v);
        const [c, l] = AC_CODES.get((run << 4) | cat)!;
        put(c, l);
        put(v < 0 ? v + (1 << cat) - 1 : v, cat);
        run = 0;
      }
      if (run > 0) {
        const [c, l] = AC_CODES.get(0x00)!;
        put(c, l);
      }
    }
  }
  if (nbits > 0) put(0x7f, 8 - nbits);
  bytes.push(0xff, 0xd9);
  return Uint8Array.from(bytes);
}

// ---------------------------------------------------------------------------
// Scan effects on a grayscale page

/** 3×3 blur, weights [1 2 1]² / 16, mixed with the original by `amount` (0–1). */
function blur(img: Gray, amount: number): Gray {
  const { width: w, height: h, data } = img;
  const tmp = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    const row = y * w;
    for (let x = 0; x < w; x++) {
      const l = data[row + Math.max(0, x - 1)]!;
      const r = data[row + Math.min(w - 1, x + 1)]!;
      tmp[row + x] = (l + 2 * data[row + x]! + r) / 4;
    }
  }
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const up = Math.max(0, y - 1) * w;
    const dn = Math.min(h - 1, y + 1) * w;
    const row = y * w;
    for (let x = 0; x < w; x++) {
      const b = (tmp[up + x]! + 2 * tmp[row + x]! + tmp[dn + x]!) / 4;
      out[row + x] = Math.round(data[row + x]! * (1 - amount) + b * amount);
    }
  }
  return { width: w, height: h, data: out };
}

/** Paper tone, gentle uneven lighting, sensor noise, dust and specks. */
function noise(img: Gray, rng: Rng, dpi: number): Gray {
  const { width: w, height: h } = img;
  const data = new Uint8Array(img.data);
  const paper = rng.range(232, 246);
  const ink = rng.range(18, 45);
  const gx = rng.range(-8, 8);
  const gy = rng.range(-8, 8);
  const sigma = rng.range(1, 1.8);
  // Cheap reproducible noise: a table of normals indexed by a running hash.
  const table = new Float32Array(4096);
  for (let i = 0; i < table.length; i++) table[i] = rng.gauss() * sigma;
  let hsh = hashString(`${w}x${h}`);
  for (let y = 0; y < h; y++) {
    const light = gy * (y / h - 0.5);
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      hsh = (Math.imul(hsh ^ (hsh >>> 13), 0x5bd1e995) + i) >>> 0;
      const v = data[i]! / 255;
      // Map white → paper, black → ink, plus lighting and noise.
      const tone = ink + (paper - ink) * v + light + gx * (x / w - 0.5) + table[hsh & 4095]!;
      data[i] = tone < 0 ? 0 : tone > 255 ? 255 : Math.round(tone);
    }
  }
  // Dust: small dark specks; a few larger blots.
  const specks = Math.round((w * h) / rng.range(15000, 30000));
  for (let k = 0; k < specks; k++) {
    const cx = rng.int(0, w - 1);
    const cy = rng.int(0, h - 1);
    const r = rng.next() < 0.9 ? rng.range(0.6, 1.6) : rng.range(1.5, 3) * (dpi / 300);
    const shade = rng.range(40, 150);
    for (let y = Math.floor(cy - r); y <= Math.ceil(cy + r); y++) {
      for (let x = Math.floor(cx - r); x <= Math.ceil(cx + r); x++) {
        if (x < 0 || y < 0 || x >= w || y >= h) continue;
        if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r) data[y * w + x] = Math.min(data[y * w + x]!, Math.round(shade));
      }
    }
  }
  return { width: w, height: h, data };
}

// ---------------------------------------------------------------------------
// Stamp and signatures, drawn on the rendered page (canvas 2D, multiply)

interface Ctx2D {
  save(): void;
  restore(): void;
  translate(x: number, y: number): void;
  rotate(a: number): void;
  beginPath(): void;
  arc(x: number, y: number, r: number, a0: number, a1: number): void;
  rect(x: number, y: number, w: number, h: number): void;
  moveTo(x: number, y: number): void;
  bezierCurveTo(a: number, b: number, c: number, d: number, e: number, f: number): void;
  stroke(): void;
  fillText(s: string, x: number, y: number): void;
  measureText(s: string): { width: number };
  fillRect(x: number, y: number, w: number, h: number): void;
  getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
  lineWidth: number;
  lineCap: string;
  lineJoin: string;
  strokeStyle: string;
  fillStyle: string;
  font: string;
  textAlign: string;
  textBaseline: string;
  globalCompositeOperation: string;
}

function drawStamp(ctx: Ctx2D, rng: Rng, cx: number, cy: number, px: number): void {
  const shade = Math.round(rng.range(95, 140));
  const color = `rgb(${shade},${shade},${Math.min(255, shade + 40)})`;
  ctx.save();
  ctx.globalCompositeOperation = 'multiply';
  ctx.translate(cx, cy);
  ctx.rotate(rng.range(-0.35, 0.35));
  ctx.strokeStyle = color;
  ctx.fillStyle = color;
  ctx.lineWidth = 0.025 * px;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  const circle = rng.next() < 0.5;
  if (circle) {
    const r = rng.range(0.5, 0.65) * px;
    ctx.beginPath();
    ctx.arc(0, 0, r, 0, 2 * Math.PI);
    ctx.stroke();
    ctx.beginPath();
    ctx.arc(0, 0, r * 0.8, 0, 2 * Math.PI);
    ctx.stroke();
    ctx.font = `bold ${Math.round(0.1 * px)}px sans-serif`;
    ctx.fillText('TESORERÍA', 0, -0.3 * r);
    ctx.fillText('RECIBIDO', 0, 0.05 * r);
    ctx.font = `${Math.round(0.08 * px)}px sans-serif`;
    ctx.fillText(`${rng.int(1, 28)} ABR 2026`, 0, 0.38 * r);
  } else {
    const w = rng.range(1.5, 1.9) * px;
    const h = rng.range(0.55, 0.7) * px;
    ctx.beginPath();
    ctx.rect(-w / 2, -h / 2, w, h);
    ctx.stroke();
    ctx.font = `bold ${Math.round(0.11 * px)}px sans-serif`;
    ctx.fillText('RECIBIDO', 0, -0.22 * h);
    ctx.font = `${Math.round(0.08 * px)}px sans-serif`;
    ctx.fillText('AYUNTAMIENTO DE MEXICALI', 0, 0.08 * h);
    ctx.fillText(`${rng.int(1, 28)}/04/2026  ${rng.int(8, 17)}:${String(rng.int(0, 59)).padStart(2, '0')}`, 0, 0.32 * h);
  }
  ctx.restore();
}

function drawScribble(ctx: Ctx2D, rng: Rng, cx: number, cy: number, width: number, px: number): void {
  const shade = Math.round(rng.range(40, 90));
  ctx.save();
  ctx.globalCompositeOperation = 'multiply';
  ctx.strokeStyle = `rgb(${shade},${shade},${Math.min(255, shade + 60)})`;
  ctx.lineWidth = rng.range(0.008, 0.014) * px;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  ctx.beginPath();
  let x = cx - width / 2;
  let y = cy + rng.range(-0.05, 0.05) * px;
  ctx.moveTo(x, y);
  const loops = rng.int(4, 7);
  for (let k = 0; k < loops; k++) {
    const nx = x + width / loops;
    const ny = cy + rng.range(-0.12, 0.12) * px;
    ctx.bezierCurveTo(
      x + rng.range(-0.1, 0.3) * px, y - rng.range(0.1, 0.3) * px,
      nx - rng.range(-0.1, 0.3) * px, ny + rng.range(0.1, 0.3) * px,
      nx, ny,
    );
    x = nx;
    y = ny;
  }
  // The final flourish back under the name.
  ctx.bezierCurveTo(x + 0.1 * px, y + 0.15 * px, cx, cy + 0.12 * px, cx - width / 2 - 0.1 * px, cy + rng.range(0.02, 0.1) * px);
  ctx.stroke();
  ctx.restore();
}

// ---------------------------------------------------------------------------

interface ScanPlan {
  skew: number;
  quality: number;
  blur: number;
  quarter: 0 | 90 | 180 | 270;
}

async function scanPage(
  doc: PDFDocumentProxy,
  n: number,
  dpi: number,
  rng: Rng,
  plan: ScanPlan,
  file: string,
): Promise<{ jpeg: Uint8Array; width: number; height: number }> {
  const page = await doc.getPage(n);
  const text = await textLayerPage(doc, n, file);
  const scale = dpi / 72;
  const vp = page.getViewport({ scale });
  const w = Math.round(vp.width);
  const h = Math.round(vp.height);
  const factory = (doc as unknown as { canvasFactory: { create(w: number, h: number): { canvas: unknown; context: Ctx2D }; destroy(c: unknown): void } }).canvasFactory;
  const cc = factory.create(w, h);
  const ctx = cc.context;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, w, h);
  await page.render({ canvasContext: ctx as never, viewport: vp, canvas: cc.canvas as never }).promise;
  page.cleanup();

  // A stamp over some of the title / header text (top quarter of the page).
  const px = dpi; // pixels per inch
  const top = text.words.filter((wd) => wd.y1 < text.height * 0.25 && wd.text.length >= 4);
  if (top.length > 0) {
    const wd = top[Math.floor(rng.next() * top.length)]!;
    drawStamp(ctx, rng, wd.x1 * scale + rng.range(0.1, 0.5) * px, ((wd.y0 + wd.y1) / 2) * scale + rng.range(-0.15, 0.15) * px, px);
  } else {
    drawStamp(ctx, rng, w * rng.range(0.68, 0.8), h * rng.range(0.1, 0.18), px);
  }
  // A signature over each signer's name: the line above each "RESPONSABLE …" caption.
  const captions = text.words.filter((wd) => /^RESPONSABLE/i.test(wd.text));
  for (const c of captions) {
    const names = text.words.filter((wd) => wd.y1 <= c.y0 + 1 && wd.y1 > c.y0 - 14 && wd.x1 > c.x0 - 60 && wd.x0 < c.x1 + 60);
    const ref = names.length > 0 ? names : [c];
    const x0 = Math.min(...ref.map((r) => r.x0));
    const x1 = Math.max(...ref.map((r) => r.x1));
    const yMid = (Math.min(...ref.map((r) => r.y0)) + Math.max(...ref.map((r) => r.y1))) / 2;
    drawScribble(ctx, rng, ((x0 + x1) / 2) * scale, (yMid - rng.range(2, 6)) * scale, Math.max(1.2 * px, (x1 - x0) * scale * 0.9), px);
  }
  const rgba = ctx.getImageData(0, 0, w, h).data;
  factory.destroy(cc);
  let img = toGray(rgba, w, h, 4);
  img = rotate(img, plan.skew);
  img = blur(img, plan.blur);
  img = noise(img, rng, dpi);
  if (plan.quarter !== 0) img = rotateQuarter(img, plan.quarter);
  return { jpeg: encodeGrayJpeg(img, plan.quality, dpi), width: img.width, height: img.height };
}

async function makeScans(fixture: string, resolutions: readonly Dpi[], outDir: string, seed: string): Promise<void> {
  // `stress/stress3-mixto` names a fixture of another folder (for held-out scans); plain names are digital ones.
  const dir = fixture.includes('/') ? path.join(ROOT, 'fixtures', path.dirname(fixture)) : DIGITAL;
  const name = path.basename(fixture);
  const src = path.join(dir, `${name}.pdf`);
  const bytes = new Uint8Array(readFileSync(src));
  const goldenPath = path.join(dir, `${name}.golden.json`);
  const golden = JSON.parse(readFileSync(goldenPath, 'utf8')) as { archivo: string };
  for (const dpi of resolutions) {
    const archivo = `scanned/${name}-${dpi}.pdf`;
    const doc = await openForRender(bytes);
    const out = await PDFDocument.create();
    out.setProducer('poa-extract make-scans');
    out.setCreator('poa-extract make-scans');
    const fixed = new Date(Date.UTC(2026, 3, 1));
    out.setCreationDate(fixed);
    out.setModificationDate(fixed);
    const pages = doc.numPages;
    const upside = Math.min(pages, 2);
    const sideways = dpi === 200 && pages >= 3 ? 3 : 0;
    const t0 = Date.now();
    for (let n = 1; n <= pages; n++) {
      const rng = new Rng(`${seed ? `${seed}:` : ''}${name}:${dpi}:${n}`);
      const sign = rng.next() < 0.5 ? -1 : 1;
      const plan: ScanPlan = {
        skew: sign * rng.range(0.5, 3),
        quality: Math.round(rng.range(50, 65)),
        blur: rng.range(0.4, 0.9),
        quarter: n === upside ? 180 : n === sideways ? 90 : 0,
      };
      const { jpeg, width, height } = await scanPage(doc, n, dpi, rng, plan, archivo);
      const img = await out.embedJpg(jpeg);
      const pw = (width * 72) / dpi;
      const ph = (height * 72) / dpi;
      const page = out.addPage([pw, ph]);
      page.drawImage(img, { x: 0, y: 0, width: pw, height: ph });
      process.stdout.write(
        `${archivo} p${n}: skew ${plan.skew.toFixed(2)}°, q${plan.quality}${plan.quarter ? `, turned ${plan.quarter}°` : ''}, ${(jpeg.length / 1024).toFixed(0)} KB\n`,
      );
    }
    await doc.destroy();
    const pdfBytes = await out.save({ useObjectStreams: false });
    writeFileSync(path.join(outDir, `${name}-${dpi}.pdf`), pdfBytes);
    writeFileSync(
      path.join(outDir, `${name}-${dpi}.golden.json`),
      JSON.stringify({ ...golden, archivo }, null, 2) + '\n',
    );
    process.stdout.write(`${archivo}: ${pages} pages, ${(pdfBytes.length / 1024 / 1024).toFixed(2)} MB, ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  }
}

/** `--out DIR` and `--seed TEXT` (each followed by its value); the rest are fixture names. */
function options(argv: readonly string[]): { outDir: string; seed: string; args: string[] } {
  let outDir = SCANNED;
  let seed = '';
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--out' || a === '--seed') {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${a} needs a value`);
      if (a === '--out') outDir = path.resolve(v);
      else seed = v;
    } else args.push(a);
  }
  return { outDir, seed, args };
}

async function main(): Promise<void> {
  const { outDir, seed, args } = options(process.argv.slice(2));
  mkdirSync(outDir, { recursive: true });
  const available = readdirSync(DIGITAL)
    .filter((f) => f.endsWith('.pdf'))
    .map((f) => f.slice(0, -4))
    .sort();
  let jobs: Array<[string, Dpi]>;
  if (args.includes('--all')) jobs = available.flatMap((n) => RESOLUTIONS.map((d): [string, Dpi] => [n, d]));
  else if (args.length > 0) {
    jobs = args.flatMap((a): Array<[string, Dpi]> => {
      const [n, d] = a.split('@');
      const dpis = d ? [Number(d) as Dpi] : [...RESOLUTIONS];
      return dpis.map((x): [string, Dpi] => [n!, x]);
    });
  } else {
    jobs = SELECTION.filter(([n]) => available.includes(n));
    // The fixtures' folder holds exactly the selection.
    if (outDir !== SCANNED) throw new Error('--out needs the fixtures to scan (names, or --all)');
    const keep = new Set(jobs.flatMap(([n, d]) => [`${n}-${d}.pdf`, `${n}-${d}.golden.json`]));
    for (const f of readdirSync(SCANNED)) if (/-(200|300)\.(pdf|golden\.json)$/.test(f) && !keep.has(f)) unlinkSync(path.join(SCANNED, f));
  }
  for (const [name] of jobs) {
    const exists = name.includes('/') ? existsSync(path.join(ROOT, 'fixtures', `${name}.pdf`)) : available.includes(name);
    if (!exists) throw new Error(`no fixture ${name}.pdf`);
  }
  const names = [...new Set(jobs.map(([n]) => n))];
  for (const name of names) await makeScans(name, jobs.filter(([n]) => n === name).map(([, d]) => d), outDir, seed);
  const total = readdirSync(outDir).reduce((s, f) => s + statSync(path.join(outDir, f)).size, 0);
  process.stdout.write(`${path.relative(ROOT, outDir)}: ${(total / 1024 / 1024).toFixed(2)} MB\n`);
  if (outDir === SCANNED && total > 12.5 * 1024 * 1024) process.stdout.write('warning: over the ~12 MB budget for scanned fixtures\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 1;
  });
}
