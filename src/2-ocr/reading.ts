/**
 * The reading passes of the OCR stage, each over a grayscale image with the
 * ruling lines erased: the whole-page pass, the signature blocks, the
 * upside-down probe, and the reading of one numeric cell (or word-sized blob)
 * on its own.
 */
import { wordBlobs } from './cells.js';
import { binarize, components, crop, downscale, pad, resize, rotateQuarter, type Binary, type Gray, type Rect } from './image.js';
import type { DetectedLines } from './lines.js';
import { conventional, dollarMark, isCellValue, NUMERIC_WHITELIST, plausibleWidth, separatorsAside } from './numbers.js';
import type { WorkerPool } from './pool.js';
import { recognize, type OcrWord } from './tesseract.js';

export { NUMERIC_WHITELIST };

export interface Tuning {
  /** Confidence (0–100) under which a cell reading is marked illegible. */
  illegibleBelow: number;
  /** Page pass on an image downscaled to this many dpi at most (0 = full resolution). */
  pagePassDpi: number;
  /** Cell crops smaller than this many dpi are scaled up to it. */
  cellDpi: number;
  /** Always run the full 180° probe (else only when the page pass reads poorly; a quick one always runs). */
  alwaysProbe: boolean;
  /** A first numeric reading at least this confident (and well formed) is taken without a second look. */
  acceptAt: number;
  /** The page is probed for being upside down when its words' mean confidence is below this. */
  probeBelow: number;
  /**
   * Read the numeric cells of a row together first (readStrip, two scales), confirming cell by
   * cell what they do not agree on. Measured on the fixtures: no faster (most strip readings
   * still need confirming, and long strips are slow to read), so off.
   */
  strips: boolean;
  /**
   * Cell crops are cleaned with the page's ink threshold times this; readings that
   * are not sure are read again with the other factors of 1, 0.8 and 0.6. Measured
   * (seed000-200 p10): 0.8 first leaves twice the cells illegible, with 1.6× the reads.
   */
  cellInk: number;
}

export const DEFAULT_TUNING: Tuning = {
  illegibleBelow: 80,
  pagePassDpi: 150,
  cellDpi: 0,
  alwaysProbe: false,
  acceptAt: 95,
  probeBelow: 70,
  strips: false,
  cellInk: 1,
};

export interface PageStats {
  ms: Record<string, number>;
  cellReads: number;
  probeConf?: [number, number];
  pageConf?: number;
  /** Lines read again on their own. */
  lineReads?: number;
  /** Row strips read. */
  stripReads?: number;
  /** Specks of a scan's grain taken out before reading (see specks.ts). */
  specks?: number;
}

export interface ReadImageInput {
  gray: Gray;
  /** Pixels per inch of `gray`. */
  dpi: number;
  /** Pixels per PDF point. */
  scale: number;
  file: string;
  number: number;
}

/**
 * Black-on-white copy of a crop: ink (at most `threshold`) → 0, paper → 255.
 * A gray crop on a white margin makes tesseract's own threshold take the
 * paper for ink (a black box, and a lone `1` vanishes).
 */
export function clean(img: Gray, threshold: number): Gray {
  const out = new Uint8Array(img.data.length);
  for (let i = 0; i < out.length; i++) out[i] = img.data[i]! <= threshold ? 0 : 255;
  return { width: img.width, height: img.height, data: out };
}

export function now(): number {
  return performance.now();
}

export function center(b: Rect): [number, number] {
  return [(b.x0 + b.x1) / 2, (b.y0 + b.y1) / 2];
}

export function inside(b: Rect, r: Rect): boolean {
  const [cx, cy] = center(b);
  return cx >= r.x0 && cx < r.x1 && cy >= r.y0 && cy < r.y1;
}

export function r1(v: number): number {
  return Math.round(v * 10) / 10;
}

/** Mean confidence of a page's words, weighted by their letters and digits. */
export function pageConfidence(words: readonly OcrWord[], minLetters = 20): number {
  let s = 0;
  let n = 0;
  for (const w of words) {
    const len = w.text.replace(/[^\p{L}\p{N}]/gu, '').length;
    s += w.conf * len;
    n += len;
  }
  return n < minLetters ? 0 : s / n;
}

/**
 * A row to cut the page at for reading its halves at the same time: the
 * middle of the longest run of inkless rows between 35% and 65% of the height
 * (between two lines of text, or two rows of a table once its lines are
 * erased), or null when there is none.
 */
export function splitRow(bin: Binary): number | null {
  const { width: w, height: h, data } = bin;
  const lo = Math.floor(h * 0.35);
  const hi = Math.ceil(h * 0.65);
  let best: [number, number] | null = null;
  let start = -1;
  for (let y = lo; y <= hi; y++) {
    let ink = false;
    if (y < hi) {
      const row = y * w;
      for (let x = 0; x < w; x++) {
        if (data[row + x] !== 0) {
          ink = true;
          break;
        }
      }
    }
    if (!ink && y < hi) {
      if (start < 0) start = y;
    } else if (start >= 0) {
      if (!best || y - start > best[1] - best[0]) best = [start, y];
      start = -1;
    }
  }
  if (!best || best[1] - best[0] < 3) return null;
  return Math.floor((best[0] + best[1]) / 2);
}

/**
 * The whole-page pass: page mode 11 (sparse text), on a copy at
 * `tuning.pagePassDpi` when the scan is finer. The page is cut in two at an
 * empty row and the halves read at the same time when there are two workers
 * free — and cut the same way with one, so that what is read does not depend
 * on --jobs (tesseract's layout of a half is not its layout of the page).
 */
export async function pagePass(pool: WorkerPool, erased: Gray, dpi: number, threshold: number, tuning: Tuning): Promise<OcrWord[]> {
  let img = erased;
  let k = 1;
  if (tuning.pagePassDpi > 0 && dpi > tuning.pagePassDpi * 1.2) {
    k = Math.round(dpi / tuning.pagePassDpi);
    img = downscale(erased, k);
  }
  const d = dpi / k;
  const scaleBack = (ws: OcrWord[], dy: number) =>
    ws.map((w) => ({ ...w, x0: w.x0 * k, y0: (w.y0 + dy) * k, x1: w.x1 * k, y1: (w.y1 + dy) * k }));
  const cut = splitRow(binarize(img, threshold));
  if (cut === null) return scaleBack(await pool.run((wk) => recognize(wk, img, { psm: 11, dpi: d })), 0);
  const top = crop(img, { x0: 0, y0: 0, x1: img.width, y1: cut });
  const bottom = crop(img, { x0: 0, y0: cut, x1: img.width, y1: img.height });
  const [a, b] = await Promise.all([
    pool.run((wk) => recognize(wk, top, { psm: 11, dpi: d })),
    pool.run((wk) => recognize(wk, bottom, { psm: 11, dpi: d })),
  ]);
  // Tesseract numbers lines per image: keep the halves' lines apart.
  return [...scaleBack(a, 0), ...scaleBack(b, cut).map((w) => ({ ...w, line: w.line + 500_000_000, block: w.block + 500_000_000 }))];
}

/**
 * Signature blocks: a lone horizontal rule (not part of a table) with the
 * signer's name and position printed under it — where scribbles cross the
 * print and page layout analysis reads worst. The text lines under each such
 * rule are found from the ink's row profile and read one by one in
 * single-line mode at full resolution; their readings replace the page
 * pass's words there when confident enough.
 */
export async function readSignatureBlocks(
  pool: WorkerPool,
  erased: Gray,
  inkBin: Binary,
  lines: DetectedLines,
  words: OcrWord[],
  dpi: number,
  threshold: number,
  stats: PageStats,
): Promise<OcrWord[]> {
  const tol = Math.max(3, dpi * 0.015);
  const lone = lines.horizontal.filter((hz) => {
    const len = hz.a1 - hz.a0;
    if (len < 0.8 * dpi || len > 4.5 * dpi) return false;
    return !lines.vertical.some((v) => v.c >= hz.a0 - tol && v.c <= hz.a1 + tol && v.a0 <= hz.c + tol && v.a1 >= hz.c - tol);
  });
  if (lone.length === 0) return words;
  const w = inkBin.width;
  const regions = lone.map((hz) => ({
    x0: Math.max(0, Math.round(hz.a0 - 0.4 * dpi)),
    x1: Math.min(w, Math.round(hz.a1 + 0.4 * dpi)),
    y0: Math.max(0, Math.round(hz.c + hz.thickness)),
    y1: Math.min(inkBin.height, Math.round(hz.c + 0.55 * dpi)),
  }));
  const jobs = regions.map(async (r) => {
    // Rows with ink, grouped into bands as tall as a line of small print.
    const counts: number[] = [];
    for (let y = r.y0; y < r.y1; y++) {
      let n = 0;
      for (let x = r.x0; x < r.x1; x++) n += inkBin.data[y * w + x]!;
      counts.push(n);
    }
    // Print rows are dense; the rows a scribble only crosses are not.
    const min = Math.max(3, 0.01 * (r.x1 - r.x0), 0.25 * Math.max(0, ...counts));
    const bands: Array<[number, number]> = [];
    let start = -1;
    counts.forEach((n, i) => {
      if (n >= min && start < 0) start = i;
      else if (n < min && start >= 0) {
        bands.push([start, i]);
        start = -1;
      }
    });
    if (start >= 0) bands.push([start, counts.length]);
    const readings = await Promise.all(
      bands
        .filter(([a, b]) => b - a >= 0.05 * dpi && b - a <= 0.25 * dpi)
        .map(async ([a, b]) => {
          const pad = Math.round(0.25 * (b - a));
          const rect = { x0: r.x0, y0: r.y0 + a - pad, x1: r.x1, y1: r.y0 + b + pad };
          const img = crop(erased, rect);
          const read = async (g: Gray) => {
            const got = await pool.run((wk) => recognize(wk, g, { psm: 7, dpi }));
            stats.lineReads = (stats.lineReads ?? 0) + 1;
            return { rect, got, conf: pageConfidence(got, 3) };
          };
          let best = await read(img);
          // A signature's strokes across the name: they are lighter than the print (a pen's
          // blue or gray against black type); with darker thresholds only the print is left.
          // The surest of the readings stands.
          for (const f of [0.6, 0.45]) {
            if (best.conf >= 85) break;
            const other = await read(clean(img, Math.round(threshold * f)));
            if (other.conf > best.conf) best = other;
          }
          return best;
        }),
    );
    return readings.filter((x) => x.conf >= 55);
  });
  const found = (await Promise.all(jobs)).flat();
  if (found.length === 0) return words;
  const kept = words.filter((wd) => !found.some((f) => inside(wd, f.rect)));
  for (const f of found) {
    const line = 800_000_000 + Math.round(f.rect.y0);
    for (const g of f.got) {
      kept.push({ ...g, x0: g.x0 + Math.round(f.rect.x0), x1: g.x1 + Math.round(f.rect.x0), y0: g.y0 + Math.round(f.rect.y0), y1: g.y1 + Math.round(f.rect.y0), line, block: line });
    }
  }
  return kept;
}

/**
 * Decides between the page as it is and turned 180° by reading a few word
 * blobs both ways (mean confidence, 0–100): turned when that reads more than
 * `lead` better. The page as it is is read first; when it reads so well that
 * the turned page could not win, that is not read.
 */
export async function probeUpsideDown(
  pool: WorkerPool,
  erased: Gray,
  dpi: number,
  threshold: number,
  stats: PageStats,
  lead: number,
  count = 6,
  maxInches = 3,
): Promise<{ up: number; down: number | null; flip: boolean }> {
  const f = Math.max(1, Math.round(dpi / 100));
  const small = downscale(erased, f);
  const sbin = binarize(small);
  const sdpi = dpi / f;
  // Word blobs: smear letters together along the line.
  const gap = Math.max(2, Math.round(sdpi * 0.05));
  const sm = new Uint8Array(sbin.data);
  const w = sbin.width;
  for (let y = 0; y < sbin.height; y++) {
    let last = -1;
    for (let x = 0; x < w; x++) {
      if (sbin.data[y * w + x] === 0) continue;
      if (last >= 0 && x - last - 1 <= gap) sm.fill(1, y * w + last + 1, y * w + x);
      last = x;
    }
  }
  const blobs = components({ width: w, height: sbin.height, data: sm }).filter((c) => {
    const bw = c.x1 - c.x0;
    const bh = c.y1 - c.y0;
    return bh >= sdpi * 0.06 && bh <= sdpi * 0.25 && bw >= 2.5 * bh && bw <= sdpi * maxInches;
  });
  if (blobs.length === 0) return { up: 0, down: 0, flip: false };
  blobs.sort((a, b) => b.x1 - b.x0 - (a.x1 - a.x0));
  const chosen = blobs.slice(0, count);
  // Stack the blobs (full resolution) into one small image.
  const margin = Math.round(dpi * 0.05);
  const crops = chosen.map((c) =>
    clean(crop(erased, { x0: c.x0 * f - margin / 2, y0: c.y0 * f - margin / 2, x1: c.x1 * f + margin / 2, y1: c.y1 * f + margin / 2 }), threshold),
  );
  const width = Math.max(...crops.map((c) => c.width)) + 2 * margin;
  const height = crops.reduce((s, c) => s + c.height + margin, margin);
  const sheet: Gray = { width, height, data: new Uint8Array(width * height).fill(255) };
  let y = margin;
  for (const c of crops) {
    for (let r = 0; r < c.height; r++) sheet.data.set(c.data.subarray(r * c.width, (r + 1) * c.width), (y + r) * width + margin);
    y += c.height + margin;
  }
  const score = (ws: OcrWord[]) => {
    let s = 0;
    let n = 0;
    for (const wd of ws) {
      const len = wd.text.replace(/\W/g, '').length;
      s += wd.conf * len;
      n += len;
    }
    return n === 0 ? 0 : s / n;
  };
  // Read at about 150 dpi: enough to tell, and quick.
  const k = Math.max(1, Math.round(dpi / 150));
  const small2 = k > 1 ? downscale(sheet, k) : sheet;
  const t = now();
  const up = score(await pool.run((wk) => recognize(wk, small2, { psm: 6, dpi: dpi / k })));
  const down = up + lead < 100 ? score(await pool.run((wk) => recognize(wk, rotateQuarter(small2, 180), { psm: 6, dpi: dpi / k }))) : null;
  stats.ms.probe = (stats.ms.probe ?? 0) + now() - t;
  stats.probeConf = [up, down ?? NaN];
  return { up, down, flip: down !== null && down > up + lead };
}

export interface Unit {
  /** Page number (debug dumps). */
  page?: number;
  /** Where the value is, image pixels (ink box). */
  box: Rect;
  /** The marks to read (their boxes); anything else in the crop is left out. */
  parts: Rect[];
  /** Crop limits (inside the cell borders). */
  limit: Rect;
}

/** The pixels of a unit: its marks copied onto white, inside its crop limits (specks around them left out). */
function unitImage(erased: Gray, u: Unit, dpi: number): { img: Gray; rect: Rect } {
  const m = Math.round(dpi * 0.02);
  const r = {
    x0: Math.round(Math.max(u.limit.x0, u.box.x0 - m)),
    y0: Math.round(Math.max(u.limit.y0, u.box.y0 - m)),
    x1: Math.round(Math.min(u.limit.x1, u.box.x1 + m)),
    y1: Math.round(Math.min(u.limit.y1, u.box.y1 + m)),
  };
  const w = Math.max(1, r.x1 - r.x0);
  const h = Math.max(1, r.y1 - r.y0);
  const out = new Uint8Array(w * h).fill(255);
  for (const p of u.parts) {
    const x0 = Math.max(r.x0, Math.round(p.x0) - 1);
    const x1 = Math.min(r.x1, Math.round(p.x1) + 1);
    const y0 = Math.max(r.y0, Math.round(p.y0) - 1);
    const y1 = Math.min(r.y1, Math.round(p.y1) + 1);
    for (let y = y0; y < y1; y++) {
      const src = y * erased.width;
      const dst = (y - r.y0) * w - r.x0;
      for (let x = x0; x < x1; x++) out[dst + x] = erased.data[src + x]!;
    }
  }
  return { img: { width: w, height: h, data: out }, rect: r };
}

/** The looser measure of a `$` (see looseDollar). */
const LOOSE_DOLLAR = { taller: 1, gap: 0.3 };

/**
 * A unit without its leading `$` (read from its shape, see dollarMark), and the
 * prefix to put back. `loose`: by a looser measure than dollarMark's (at least as
 * tall as the digits, reaching past them at both ends) set at least 0.3 of a digit
 * height apart from the amount (digits are set closer).
 */
function withoutDollar(u: Unit, loose = false): { unit: Unit; prefix: string } {
  const dollar = dollarMark(u.parts, loose ? LOOSE_DOLLAR : undefined);
  if (!dollar) return { unit: u, prefix: '' };
  return { unit: { ...u, parts: u.parts.filter((p) => p !== dollar), box: { ...u.box, x0: dollar.x1 + 1 } }, prefix: '$ ' };
}

/** The unit without a `$` told by the looser measure (see withoutDollar), or null when there is none. */
function looseDollar(u: Unit): Unit | null {
  const { unit, prefix } = withoutDollar(u, true);
  return prefix === '' ? null : unit;
}

export interface UnitReading {
  text: string;
  conf: number;
  /** Readings made (1 when the first was confident). */
  reads: number;
  /** The readings disagreed and no two matched: the value is not trustworthy. */
  disputed: boolean;
  /**
   * The readings that agree differ in the kind of a separator (`12,450,300.00` and
   * `12.450.300.00`): the digits stand, the separators only where the ink tells them.
   */
  mixed?: boolean;
}

/**
 * Reads one unit on its own: its marks, black on white, single-line mode;
 * digits only when `whitelist` is given. A lone glyph is where tesseract is
 * least stable (it may return nothing, or a wrong digit, for one scale and
 * the right one for another), so a numeric reading that is not confident is
 * repeated at 2× and 1.5× the scale and settled by agreement — or at once when
 * the page pass read the same there (`seen`).
 */
export async function readUnit(
  pool: WorkerPool,
  erased: Gray,
  u: Unit,
  dpi: number,
  threshold: number,
  tuning: Tuning,
  whitelist: string | null,
  scale = 1,
  priors: ReadonlyArray<{ text: string; conf: number }> = [],
  maxReads = 4,
  /** Scales already read (their readings among `priors`): skip the first `from`. */
  from = 0,
  /** The page pass's reading of the same ink: a first reading that says the same stands (two readings agree). */
  seen: { text: string; conf: number } | null = null,
): Promise<UnitReading> {
  // A leading `$` is read from its shape (see dollarMark), the amount on its own.
  const { unit: bare, prefix } = whitelist === null ? { unit: u, prefix: '' } : withoutDollar(u);
  const base = unitImage(erased, bare, dpi).img;
  const k0 = (tuning.cellDpi > 0 && dpi < tuning.cellDpi ? tuning.cellDpi / dpi : 1) * scale;
  // A `$` barely taller than the digits (some fonts) is not told by its shape alone; when
  // the reading itself begins with one, a mark of that shape standing well apart from
  // the amount is taken for it, and the amount is read again on its own.
  const apart = whitelist !== null && prefix === '' ? looseDollar(u) : null;
  let looseBase: Gray | null = null;
  const readImg = async (src: Gray, k: number, pre: string): Promise<{ text: string; conf: number }> => {
    let img = src;
    if (k !== 1) img = resize(src, Math.max(1, Math.round(src.width * k)), Math.max(1, Math.round(src.height * k)));
    const d = dpi * k;
    img = pad(clean(img, threshold), Math.round(d * 0.06));
    const words = await pool.run((wk) => recognize(wk, img, whitelist === null ? { psm: 7, dpi: d } : { psm: 7, dpi: d, whitelist }));
    if (words.length === 0) return { text: '', conf: 0 };
    // Confidence of the value: its least confident word, a lone `$` aside.
    const scored = words.filter((w) => w.text !== '$');
    const conf = Math.min(...(scored.length > 0 ? scored : words).map((w) => w.conf));
    return { text: pre + words.map((w) => w.text).join(' '), conf };
  };
  const readAt = async (k: number): Promise<{ text: string; conf: number }> => {
    const r = await readImg(base, k, prefix);
    if (!apart || !r.text.startsWith('$')) return r;
    looseBase ??= unitImage(erased, apart, dpi).img;
    return readImg(looseBase, k, '$ ');
  };
  if (whitelist === null) {
    const free = await readAt(k0);
    return { ...free, reads: 1, disputed: false };
  }
  // Measured on the scanned fixtures: 2× first is right most often, at 300 and at 200 dpi.
  const scales = [2, 1.5, 1, 3].slice(from, from + maxReads);
  const valid = (r: { text: string }) => r.text !== '' && isCellValue(r.text) && plausibleWidth(r.text, u.parts);
  const key = (t: string) => t.replace(/\s+/g, '');
  // Readings made already (in row strips) count as votes.
  const all: Array<{ text: string; conf: number }> = [...priors];
  for (const k of scales) {
    const r = await readAt(k0 * k);
    all.push(r);
    // A bare `$` (an amount cell left empty, `$ -`): nothing more to read there.
    if (all.length === 1 && priors.length === 0 && u.parts.length === 1 && r.text === '$' && r.conf >= 90) return { ...r, reads: 1, disputed: true };
    if (all.length === 1 && priors.length === 0 && valid(r)) {
      if (r.conf >= tuning.acceptAt) return { ...r, reads: 1, disputed: false };
      if (seen && key(seen.text) === key(r.text) && Math.max(r.conf, seen.conf) >= tuning.illegibleBelow) return { ...r, conf: Math.max(r.conf, seen.conf), reads: 1, disputed: false };
    }
    const agreed = all.filter((o) => valid(o) && all.filter((q) => key(q.text) === key(o.text)).length >= 2);
    if (agreed.length > 0) {
      const text = agreed[0]!.text;
      const conf = Math.max(...agreed.map((o) => o.conf));
      // Two readings agree, neither surely (a long amount, each of its many characters a
      // chance to doubt): a third scale, if any is left, must say the same too — and then
      // three readings of the ink at three scales are as good as a sure one.
      if (conf < tuning.illegibleBelow && agreed.length === 2 && all.length === agreed.length && key(text).replace(/[^\d]/g, '').length >= 5) {
        const rest = scales.slice(scales.indexOf(k) + 1);
        if (rest.length > 0) {
          const third = await readAt(k0 * rest[0]!);
          const reads = all.length + 1;
          if (valid(third) && key(third.text) === key(text)) return { text, conf: Math.max(conf, third.conf, tuning.illegibleBelow), reads, disputed: false };
          return { text, conf, reads, disputed: false };
        }
      }
      return { text, conf, reads: all.length, disputed: false };
    }
  }
  // No two readings agree exactly. Two that agree but for the kind of a separator
  // (`12,450,300.00` and `12.450.300.00`, one of them well-formed) agree on the digits:
  // the well-formed one stands, its separators to be told by the ink (see checkSeparators).
  // (The readings that say what `t` says, the kind of their separators aside.)
  const twins = (t: string) => all.filter((q) => q.text !== '' && separatorsAside(q.text) === separatorsAside(t));
  const alike = all.find((o) => valid(o) && twins(o.text).length >= 2);
  if (alike) {
    const conf = Math.max(...twins(alike.text).map((q) => q.conf));
    return { text: alike.text, conf, reads: all.length - priors.length, disputed: false, mixed: true };
  }
  // Nor well-formed, any of them (`$ 3,690.004.55` and `$ 3.690.004.55`): the digits are theirs,
  // the separators where an amount sets them (see conventional), each to be told by the ink.
  const formed = all.find((o) => o.text !== '' && conventional(o.text) !== null && twins(o.text).length >= 2);
  const text = formed ? conventional(formed.text)! : null;
  if (formed && text !== null && valid({ text })) {
    const conf = Math.max(...twins(formed.text).map((q) => q.conf));
    return { text, conf, reads: all.length - priors.length, disputed: false, mixed: true };
  }
  // No two readings agree. One confident reading that no other contradicts
  // (the others read nothing at all) stands.
  const said = all.filter((o) => o.text !== '');
  const reads = all.length - priors.length;
  if (said.length === 1 && valid(said[0]!) && said[0]!.conf >= 93) return { ...said[0]!, reads, disputed: false };
  const best = all.filter(valid).sort((a, b) => b.conf - a.conf)[0] ?? [...all].sort((a, b) => b.conf - a.conf)[0]!;
  return { ...best, reads, disputed: true };
}

/**
 * A lone glyph read in context: tesseract's line model is least sure of one
 * character alone (a Times `1` reads `1` at 50–75% confidence, or nothing),
 * and sure of the same glyph repeated. The unit's ink (one glyph) is set
 * `times` times side by side, a quarter of its height apart, and read
 * at `k`× the scale, digits-only unless `whitelist` is null; the reading
 * (spaces left out) and its confidence are returned. The caller decides what
 * a reading of one digit repeated `times` times means. (A bare bar — a Times
 * `1` whose serifs the blur took — reads as nothing even so: see uprightBar.)
 */
export async function readRepeated(
  pool: WorkerPool,
  erased: Gray,
  u: Unit,
  dpi: number,
  threshold: number,
  k = 2,
  times = 3,
  whitelist: string | null = NUMERIC_WHITELIST,
): Promise<{ text: string; conf: number }> {
  const x0 = Math.round(Math.min(...u.parts.map((p) => p.x0)));
  const y0 = Math.round(Math.min(...u.parts.map((p) => p.y0)));
  const x1 = Math.round(Math.max(...u.parts.map((p) => p.x1)));
  const y1 = Math.round(Math.max(...u.parts.map((p) => p.y1)));
  const { img } = unitImage(erased, { ...u, box: { x0, y0, x1, y1 }, limit: { x0, y0, x1, y1 } }, 0);
  const glyph = clean(resize(img, Math.max(1, Math.round(img.width * k)), Math.max(1, Math.round(img.height * k))), threshold);
  const gap = Math.max(2, Math.round(0.25 * glyph.height));
  const width = times * glyph.width + (times - 1) * gap;
  const row: Gray = { width, height: glyph.height, data: new Uint8Array(width * glyph.height).fill(255) };
  for (let i = 0; i < times; i++) {
    const dx = i * (glyph.width + gap);
    for (let r = 0; r < glyph.height; r++) row.data.set(glyph.data.subarray(r * glyph.width, (r + 1) * glyph.width), r * width + dx);
  }
  const d = dpi * k;
  const words = await pool.run((wk) => recognize(wk, pad(row, Math.round(d * 0.06)), whitelist === null ? { psm: 7, dpi: d } : { psm: 7, dpi: d, whitelist }));
  if (words.length === 0) return { text: '', conf: 0 };
  return { text: words.map((w) => w.text).join(''), conf: Math.min(...words.map((w) => w.conf)) };
}

/**
 * Reads the numeric units of one table row in a single call: each unit's
 * marks, cropped as for a reading on its own, are set side by side on one
 * line with wide blank gaps between them (aligned on their baselines) and read
 * in single-line mode with the digits-only set; the words are given back to
 * the units by position. A lone digit reads more steadily beside others than
 * alone, and one call per row instead of one per cell is several times
 * faster. Returns, per unit, the reading (null when its words cannot be told
 * apart from a neighbour's) — to be confirmed or overruled by readUnit.
 */
export async function readStrip(
  pool: WorkerPool,
  erased: Gray,
  units: readonly Unit[],
  dpi: number,
  threshold: number,
  k = 2,
): Promise<Array<{ text: string; conf: number } | null>> {
  const pieces = units.map((u) => {
    const { unit, prefix } = withoutDollar(u);
    const { img, rect } = unitImage(erased, unit, dpi);
    const tall = unit.parts.filter((p) => p.y1 - p.y0 >= 0.6 * Math.max(...unit.parts.map((q) => q.y1 - q.y0)));
    const base = tall.map((p) => p.y1).sort((a, b) => a - b)[Math.floor(tall.length / 2)] ?? rect.y1;
    const scaled = clean(resize(img, Math.max(1, Math.round(img.width * k)), Math.max(1, Math.round(img.height * k))), threshold);
    return { img: scaled, baseline: (base - rect.y0) * k, prefix, H: Math.max(...unit.parts.map((q) => q.y1 - q.y0)) * k };
  });
  const H = Math.max(...pieces.map((p) => p.H));
  const gap = Math.round(3 * H);
  const above = Math.max(...pieces.map((p) => p.baseline));
  const below = Math.max(...pieces.map((p) => p.img.height - p.baseline));
  const margin = Math.round(0.3 * H);
  const height = Math.ceil(above + below) + 2 * margin;
  const spans: Array<[number, number]> = [];
  let x = gap;
  for (const p of pieces) {
    spans.push([x, x + p.img.width]);
    x += p.img.width + gap;
  }
  const strip: Gray = { width: x, height, data: new Uint8Array(x * height).fill(255) };
  pieces.forEach((p, i) => {
    const x0 = spans[i]![0];
    const y0 = Math.round(margin + above - p.baseline);
    for (let r = 0; r < p.img.height; r++) {
      const y = y0 + r;
      if (y < 0 || y >= height) continue;
      strip.data.set(p.img.data.subarray(r * p.img.width, (r + 1) * p.img.width), y * strip.width + x0);
    }
  });
  const words = await pool.run((wk) => recognize(wk, strip, { psm: 7, dpi: dpi * k, whitelist: NUMERIC_WHITELIST }));
  const mine: OcrWord[][] = pieces.map(() => []);
  const split = new Set<number>();
  for (const w of words) {
    const hit = spans.map(([a, b], i) => (Math.min(w.x1, b + gap / 2) - Math.max(w.x0, a - gap / 2) > 0 ? i : -1)).filter((i) => i >= 0);
    if (hit.length === 1) mine[hit[0]!]!.push(w);
    else for (const i of hit) split.add(i);
  }
  return pieces.map((p, i) => {
    const ws = mine[i]!;
    if (split.has(i) || ws.length === 0) return null;
    // A `$` read that its shape did not tell (see looseDollar): the unit is read on its own.
    if (p.prefix === '' && ws[0]!.text.startsWith('$') && looseDollar(units[i]!)) return null;
    const scored = ws.filter((w) => w.text !== '$');
    return { text: p.prefix + ws.map((w) => w.text).join(' '), conf: Math.min(...(scored.length > 0 ? scored : ws).map((w) => w.conf)) };
  });
}

