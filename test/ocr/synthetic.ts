/**
 * Synthetic page images for the OCR unit tests: grids of ruling lines with
 * letter-sized blobs, drawn straight into a grayscale buffer (no canvas).
 */
import { createGray, type Gray } from '../../src/2-ocr/image.js';

export function fillRect(img: Gray, x0: number, y0: number, x1: number, y1: number, v = 0): void {
  for (let y = Math.max(0, Math.round(y0)); y < Math.min(img.height, Math.round(y1)); y++) {
    img.data.fill(v, y * img.width + Math.max(0, Math.round(x0)), y * img.width + Math.min(img.width, Math.round(x1)));
  }
}

export interface GridSpec {
  /** x of every vertical line. */
  xs: number[];
  /** y of every horizontal line. */
  ys: number[];
  thickness: number;
}

/** Draws a full grid: every horizontal line from the first to the last x, every vertical one from the first to the last y. */
export function drawGrid(img: Gray, g: GridSpec): void {
  const t = g.thickness;
  const x0 = g.xs[0]!;
  const x1 = g.xs[g.xs.length - 1]!;
  const y0 = g.ys[0]!;
  const y1 = g.ys[g.ys.length - 1]!;
  for (const y of g.ys) fillRect(img, x0 - t / 2, y - t / 2, x1 + t / 2, y + t / 2);
  for (const x of g.xs) fillRect(img, x - t / 2, y0 - t / 2, x + t / 2, y1 + t / 2);
}

/**
 * A "word": letter-sized blobs (tall rectangles, with stems and bars) in a
 * row starting at (x, y), letters `h` pixels tall.
 */
export function drawWord(img: Gray, x: number, y: number, letters: number, h: number): number {
  const w = Math.round(h * 0.6);
  const gap = Math.max(2, Math.round(h * 0.15));
  const stroke = Math.max(2, Math.round(h * 0.12));
  for (let i = 0; i < letters; i++) {
    const lx = x + i * (w + gap);
    // An "H"-like glyph: two stems and a bar; every third a "E"-like one.
    fillRect(img, lx, y, lx + stroke, y + h);
    if (i % 3 === 2) {
      fillRect(img, lx, y, lx + w, y + stroke);
      fillRect(img, lx, y + h / 2 - stroke / 2, lx + w * 0.8, y + h / 2 + stroke / 2);
      fillRect(img, lx, y + h - stroke, lx + w, y + h);
    } else {
      fillRect(img, lx + w - stroke, y, lx + w, y + h);
      fillRect(img, lx, y + h / 2 - stroke / 2, lx + w, y + h / 2 + stroke / 2);
    }
  }
  return letters * (w + gap);
}

/** A page-like image: a ruled table with words in some cells, and lines of text above it. */
export function tablePage(width = 1800, height = 1200): { img: Gray; grid: GridSpec } {
  const img = createGray(width, height);
  const grid: GridSpec = {
    xs: [150, 450, 600, 750, 900, 1050, 1200, 1650],
    ys: [400, 460, 540, 620, 700, 780],
    thickness: 3,
  };
  drawGrid(img, grid);
  // Text lines above the table (title, header block).
  for (let r = 0; r < 5; r++) {
    let x = 150;
    for (let k = 0; k < 6; k++) x += drawWord(img, x, 120 + r * 50, 3 + ((r + k) % 5), 24) + 30;
  }
  // Words in the first column, a "number" in some cells, others empty.
  for (let i = 1; i < grid.ys.length - 1; i++) {
    drawWord(img, 165, grid.ys[i]! + 25, 6, 24);
    drawWord(img, 640, grid.ys[i]! + 25, 1 + (i % 3), 24);
    if (i % 2 === 1) drawWord(img, 940, grid.ys[i]! + 25, 2, 24);
  }
  return { img, grid };
}

/** Mean of |a - b| over pairs matched in order. */
export function closeTo(actual: readonly number[], expected: readonly number[], tol: number): boolean {
  if (actual.length !== expected.length) return false;
  return actual.every((v, i) => Math.abs(v - expected[i]!) <= tol);
}
