/**
 * Stage 2 — OCR: a page image → `Page` (IR) with words, confidences and the
 * ruling lines found in the image.
 *
 * 1. Orientation and skew: text direction from the shape of word blobs
 *    (a page turned 90°/270°), skew from projection profiles; the image is
 *    turned back and straightened. Upside down (180°) is told by reading a few
 *    words both ways and keeping the more confident reading.
 * 2. Ruling lines are found in the straightened image and erased from a copy,
 *    which is read whole-page (sparse text, page mode 11): titles, header block,
 *    descriptions, signers.
 * 3. Grid cells come from the ruling lines. Every cell with ink that is one
 *    line of numeric-looking text (or that the whole-page pass left unread) is
 *    cropped inside its borders and read on its own with a digits-only
 *    character set in single-line mode: one word per cell, `cellRead: true`,
 *    `illegible: true` when the reading is not trustworthy. Without a grid,
 *    numeric words of the whole-page pass and blobs of ink it missed are read
 *    the same way, one by one.
 */
import type { Page, Rule, Word } from '../ir/page.js';
import { cellInk, gridCells, type GridCell } from './cells.js';
import {
  binarize,
  components,
  crop,
  downscale,
  otsuThreshold,
  pad,
  resize,
  rotate,
  rotateQuarter,
  type Binary,
  type Gray,
  type Rect,
  toPGM,
} from './image.js';
import { detectLines, eraseLines, type DetectedLines } from './lines.js';
import type { WorkerPool } from './pool.js';
import { estimateSkew, textDirection } from './skew.js';
import { recognize, type OcrWord } from './tesseract.js';

/** Characters a numeric cell may hold. */
export const NUMERIC_WHITELIST = '0123456789.,()$%-';

export interface Tuning {
  /** Confidence (0–100) under which a cell reading is marked illegible. */
  illegibleBelow: number;
  /** Page pass on an image downscaled to this many dpi at most (0 = full resolution). */
  pagePassDpi: number;
  /** Cell crops smaller than this many dpi are scaled up to it. */
  cellDpi: number;
  /** Always probe 180° (else only when the upright reading is not confident). */
  alwaysProbe: boolean;
}

export const DEFAULT_TUNING: Tuning = {
  illegibleBelow: 70,
  pagePassDpi: 0,
  cellDpi: 0,
  alwaysProbe: false,
};

export interface PageStats {
  ms: Record<string, number>;
  cellReads: number;
  probeConf?: [number, number];
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

/** Looks like a number as printed in these reports: `$ 1,350,142.92`, `(10.73)`, `25%`, `-1`, `2,500`. */
const NUMBER_RE = /^\$?\s?\(?-?\$?\s?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?\)?\s?%?$/;

export function isNumberText(s: string): boolean {
  return NUMBER_RE.test(s.replace(/\s+/g, ' ').trim());
}

/** Characters OCR confuses with digits when it reads without a whitelist. */
const DIGITISH = /^[\d.,()$%\-\s|lIiOoSsBZz!]+$/;

/** Page-pass text that could be a number misread (or read right). */
export function looksNumeric(s: string): boolean {
  const t = s.replace(/\s+/g, '');
  if (t === '' || !DIGITISH.test(t)) return false;
  // At least one real digit, or a lone confusable character (a `1` read as `l`).
  return /\d/.test(t) || t.length <= 2;
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

function now(): number {
  return performance.now();
}

/** Decides between the page as it is and turned 180° by reading a few word blobs both ways. */
async function probeUpsideDown(pool: WorkerPool, erased: Gray, dpi: number, threshold: number, stats: PageStats, tuning: Tuning): Promise<boolean> {
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
    return bh >= sdpi * 0.06 && bh <= sdpi * 0.25 && bw >= 2.5 * bh && bw <= sdpi * 3;
  });
  if (blobs.length === 0) return false;
  blobs.sort((a, b) => b.x1 - b.x0 - (a.x1 - a.x0));
  const chosen = blobs.slice(0, 6);
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
  const t = now();
  const up = score(await pool.run((wk) => recognize(wk, sheet, { psm: 6, dpi })));
  let down = 0;
  if (tuning.alwaysProbe || up < 80) down = score(await pool.run((wk) => recognize(wk, rotateQuarter(sheet, 180), { psm: 6, dpi })));
  stats.ms.probe = now() - t;
  stats.probeConf = [up, down];
  return down > up + 10;
}

interface Unit {
  /** Where the value is, image pixels (ink box). */
  box: Rect;
  /** Crop limits (inside the cell borders). */
  limit: Rect;
}

/** Reads one unit on its own: crop inside its limits, black on white, single line; digits only when `whitelist` is given. */
async function readUnit(
  pool: WorkerPool,
  erased: Gray,
  u: Unit,
  dpi: number,
  threshold: number,
  tuning: Tuning,
  whitelist: string | null,
): Promise<{ text: string; conf: number }> {
  const m = Math.round(dpi * 0.02);
  const r = {
    x0: Math.max(u.limit.x0, u.box.x0 - m),
    y0: Math.max(u.limit.y0, u.box.y0 - m),
    x1: Math.min(u.limit.x1, u.box.x1 + m),
    y1: Math.min(u.limit.y1, u.box.y1 + m),
  };
  let img = clean(crop(erased, r), threshold);
  let d = dpi;
  if (tuning.cellDpi > 0 && dpi < tuning.cellDpi) {
    const k = tuning.cellDpi / dpi;
    img = resize(img, Math.round(img.width * k), Math.round(img.height * k));
    d = tuning.cellDpi;
  }
  img = pad(img, Math.round(d * 0.06));
  if (process.env.POA_OCR_DUMP) {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(`${process.env.POA_OCR_DUMP}/cell-${Math.round(u.box.x0)}-${Math.round(u.box.y0)}.pgm`, toPGM(img));
  }
  const words = await pool.run((wk) => recognize(wk, img, whitelist === null ? { psm: 7, dpi: d } : { psm: 7, dpi: d, whitelist }));
  if (words.length === 0) return { text: '', conf: 0 };
  const text = words.map((w) => w.text).join(' ');
  const conf = Math.min(...words.map((w) => w.conf));
  return { text, conf };
}

function center(b: Rect): [number, number] {
  return [(b.x0 + b.x1) / 2, (b.y0 + b.y1) / 2];
}

function inside(b: Rect, r: Rect): boolean {
  const [cx, cy] = center(b);
  return cx >= r.x0 && cx < r.x1 && cy >= r.y0 && cy < r.y1;
}

function r1(v: number): number {
  return Math.round(v * 10) / 10;
}

export async function readImage(pool: WorkerPool, input: ReadImageInput, tuning: Tuning = DEFAULT_TUNING, stats: PageStats = { ms: {}, cellReads: 0 }): Promise<Page> {
  const { dpi } = input;
  let t = now();
  let gray = input.gray;

  // 1. Text direction (quarter turns) on a ~100 dpi copy.
  const f = Math.max(1, Math.round(dpi / 100));
  const dir = textDirection(binarize(downscale(gray, f)), dpi / f);
  let rotation: 0 | 90 | 180 | 270 = 0;
  if (dir.direction === 'vertical') {
    gray = rotateQuarter(gray, 90);
    rotation = 90;
  }
  stats.ms.direction = now() - t;

  // 2. Skew, on a ~150 dpi copy (the angle does not depend on the scale).
  t = now();
  const f2 = Math.max(1, Math.round(dpi / 150));
  const skew = estimateSkew(binarize(downscale(gray, f2)), { sample: 1 });
  if (Math.abs(skew) >= 0.05) gray = rotate(gray, -skew);
  stats.ms.deskew = now() - t;

  // 3. Ruling lines; a copy without them for reading.
  t = now();
  const threshold = otsuThreshold(gray);
  let bin = binarize(gray, threshold);
  let lines = detectLines(bin, { dpi });
  let erased: Gray = { width: gray.width, height: gray.height, data: new Uint8Array(gray.data) };
  eraseLines(erased, lines);
  stats.ms.lines = now() - t;

  // 4. Upside down?
  if (await probeUpsideDown(pool, erased, dpi, threshold, stats, tuning)) {
    t = now();
    gray = rotateQuarter(gray, 180);
    rotation = ((rotation + 180) % 360) as 0 | 90 | 180 | 270;
    bin = binarize(gray, threshold);
    lines = detectLines(bin, { dpi });
    erased = { width: gray.width, height: gray.height, data: new Uint8Array(gray.data) };
    eraseLines(erased, lines);
    stats.ms.flip = now() - t;
  }
  const inkBin: Binary = binarize(erased, threshold);

  // 5. Whole-page pass (sparse text) on the image without lines.
  t = now();
  let pageWords: OcrWord[];
  if (tuning.pagePassDpi > 0 && dpi > tuning.pagePassDpi * 1.2) {
    const k = Math.round(dpi / tuning.pagePassDpi);
    const small = downscale(erased, k);
    pageWords = (await pool.run((wk) => recognize(wk, small, { psm: 11, dpi: dpi / k }))).map((w) => ({
      ...w,
      x0: w.x0 * k,
      y0: w.y0 * k,
      x1: w.x1 * k,
      y1: w.y1 * k,
    }));
  } else {
    pageWords = await pool.run((wk) => recognize(wk, erased, { psm: 11, dpi }));
  }
  stats.ms.pagePass = now() - t;

  // 6. Grid cells and their ink; numeric ones are read one by one.
  t = now();
  const tol = Math.max(3, dpi * 0.012);
  const cells = gridCells(lines.horizontal, lines.vertical, tol);
  const inset = Math.max(3, Math.round(dpi * 0.012));
  const units: Array<{ unit: Unit; kind: 'numeric' | 'unknown'; mine: OcrWord[] }> = [];
  for (const cell of cells) {
    const ink = cellInk(inkBin, cell, { dpi });
    if (!ink || ink.lines !== 1) continue;
    const mine = pageWords.filter((w) => inside(w, cell));
    const text = mine.map((w) => w.text).join(' ');
    const unit: Unit = { box: ink.box, limit: { x0: cell.x0 + inset, y0: cell.y0 + inset, x1: cell.x1 - inset, y1: cell.y1 - inset } };
    if (mine.length > 0 && looksNumeric(text)) units.push({ unit, kind: 'numeric', mine });
    // Nothing read there, or a letter or two (a `1` read as `T`, or a header `P`): look again.
    else if (text.replace(/[^\p{L}\p{N}]/gu, '').length <= 2) units.push({ unit, kind: 'unknown', mine });
  }
  stats.ms.cells = now() - t;

  t = now();
  type Outcome = { type: 'number'; text: string; conf: number } | { type: 'text'; text: string; conf: number } | { type: 'keep' };
  const outcomes = await Promise.all(
    units.map(async (u): Promise<Outcome> => {
      if (u.kind === 'unknown') {
        stats.cellReads++;
        const free = await readUnit(pool, erased, u.unit, dpi, threshold, tuning, null);
        if (free.text === '' || !looksNumeric(free.text)) {
          if (/\p{L}/u.test(free.text) && free.conf >= 60) return { type: 'text', text: free.text, conf: free.conf };
          return { type: 'keep' };
        }
      }
      stats.cellReads++;
      const rd = await readUnit(pool, erased, u.unit, dpi, threshold, tuning, NUMERIC_WHITELIST);
      return { type: 'number', text: rd.text, conf: rd.conf };
    }),
  );
  stats.ms.cellReads = now() - t;

  // 7. Words: page-pass words not replaced by a cell read, then one word per cell read.
  const consumed = new Set<OcrWord>();
  units.forEach((u, i) => {
    if (outcomes[i]!.type !== 'keep') for (const w of u.mine) consumed.add(w);
  });
  const words: Word[] = [];
  for (const w of pageWords) {
    if (consumed.has(w)) continue;
    // Junk from specks, stamps and scribbles: no letter or digit, low confidence.
    if (!/[\p{L}\p{N}]/u.test(w.text) && w.conf < 50) continue;
    words.push({ text: w.text, x0: w.x0, y0: w.y0, x1: w.x1, y1: w.y1, conf: Math.round(w.conf * 10) / 10 });
  }
  units.forEach((u, i) => {
    const o = outcomes[i]!;
    if (o.type === 'keep') return;
    const conf = Math.round(o.conf * 10) / 10;
    if (o.type === 'text') {
      words.push({ text: o.text, ...u.unit.box, conf });
      return;
    }
    // Ink that reads as nothing: unknown value.
    const text = o.text === '' ? '?' : o.text;
    const word: Word = { text, ...u.unit.box, conf, cellRead: true };
    if (o.text === '' || o.conf < tuning.illegibleBelow || !isNumberText(o.text)) word.illegible = true;
    words.push(word);
  });
  words.sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
  const rules: Rule[] = lines.rules;
  const confs = words.filter((w) => w.conf !== undefined && w.text !== '').map((w) => w.conf!);
  const meanConfidence = confs.length === 0 ? 0 : Math.round((confs.reduce((s, c) => s + c, 0) / confs.length) * 100) / 100;
  return {
    file: input.file,
    number: input.number,
    width: gray.width,
    height: gray.height,
    source: 'ocr',
    words: words.map((w) => ({ ...w, x0: r1(w.x0), y0: r1(w.y0), x1: r1(w.x1), y1: r1(w.y1) })),
    rules,
    scale: input.scale,
    rotation,
    skew,
    meanConfidence,
  };
}

export type { DetectedLines };
