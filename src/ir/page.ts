/**
 * The one intermediate representation of a page.
 *
 * The PDF text layer (1-extract/pdf), the OCR (2-ocr) and a transcript
 * (1-extract/transcript) all produce `Page`s; every later stage reads only this.
 *
 * Coordinates are in page units with the origin at the top-left corner and y
 * growing downwards: PDF points for the text layer, pixels for OCR (then
 * `scale` says how many pixels make a point), and a synthetic grid for
 * transcripts (one column = 100 units, one line = 10 units).
 */

/** Where the words of a page came from. */
export type PageSource = 'texto' | 'ocr' | 'transcripcion';

/** A word or a run of text (pdfjs gives one item per run of text). */
export interface Word {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** OCR confidence 0–100; absent for the text layer and transcripts. */
  conf?: number;
  /**
   * Set on transcript words: the index of the table cell the word sat in,
   * counted from 0 in its row. Geometry for transcripts is synthetic, so this
   * keeps the order that the transcript printed.
   */
  cell?: number;
  /** For a word that stands for a whole cell read on its own (cell OCR). */
  cellRead?: boolean;
  /** OCR could not read this cell with enough confidence: its value is unknown. */
  illegible?: boolean;
  /**
   * OCR: the whole-page pass read the same figures in this cell as the cell's own reading
   * (separators and spaces aside). Two readings made apart — another scale, the page's
   * layout — agree; the cell's scales agreeing may repeat one misreading.
   */
  pagePassAgrees?: boolean;
}

/** A ruling line: horizontal when y0 === y1 (within tolerance), vertical when x0 === x1. */
export interface Rule {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface Page {
  /** Path of the input as given to the pipeline (relative to the folder given). */
  file: string;
  /** 1-based page number in the input. */
  number: number;
  width: number;
  height: number;
  source: PageSource;
  words: Word[];
  rules: Rule[];
  /** Pixels per point when `source` is `ocr`; 1 otherwise. */
  scale: number;
  /** Degrees the page image was turned back (OCR only): 0, 90, 180 or 270. */
  rotation?: number;
  /** Skew angle corrected, degrees (OCR only). */
  skew?: number;
  /** Mean OCR confidence of the page's words (OCR only). */
  meanConfidence?: number;
}

export interface BBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export function bboxOf(items: readonly BBox[]): BBox | null {
  if (items.length === 0) return null;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const b of items) {
    if (b.x0 < x0) x0 = b.x0;
    if (b.y0 < y0) y0 = b.y0;
    if (b.x1 > x1) x1 = b.x1;
    if (b.y1 > y1) y1 = b.y1;
  }
  return { x0, y0, x1, y1 };
}
