/**
 * Thin helpers over a tesseract.js worker: recognize a grayscale image (sent
 * as a binary PGM — raw pixels, no PNG encoding) and get words with boxes and
 * confidences from the TSV output.
 */
import type { Worker } from 'tesseract.js';
import { toPGM, type Gray } from './image.js';

export interface OcrWord {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  conf: number;
  /** Block / paragraph / line numbers from tesseract (for grouping). */
  block: number;
  line: number;
}

export interface RecognizeParams {
  /** Page segmentation mode: 3 auto, 6 block, 7 single line, 8 single word, 11 sparse text… */
  psm: number;
  dpi: number;
  whitelist?: string;
}

/** Parses tesseract's TSV (level 5 rows are words). */
export function parseTsv(tsv: string): OcrWord[] {
  const out: OcrWord[] = [];
  for (const row of tsv.split('\n')) {
    if (!row.startsWith('5\t')) continue;
    const c = row.split('\t');
    if (c.length < 12) continue;
    const text = c.slice(11).join('\t').trim();
    if (text === '') continue;
    const left = Number(c[6]);
    const top = Number(c[7]);
    const width = Number(c[8]);
    const height = Number(c[9]);
    out.push({
      text,
      x0: left,
      y0: top,
      x1: left + width,
      y1: top + height,
      conf: Math.max(0, Number(c[10])),
      block: Number(c[2]) * 1000 + Number(c[3]),
      line: Number(c[2]) * 1_000_000 + Number(c[3]) * 1000 + Number(c[4]),
    });
  }
  return out;
}

/** The tesseract parameters of a reading; every reading sets the same ones (no whitelist is the empty one). */
export function tesseractParams(p: RecognizeParams): Record<string, string> {
  return {
    tessedit_pageseg_mode: String(p.psm),
    user_defined_dpi: String(Math.round(p.dpi)),
    // Tesseract's own progress notes ("Detected 41 diacritics") would go to the console.
    debug_file: '/dev/null',
    tessedit_char_whitelist: p.whitelist ?? '',
    // Tesseract reads every line it is unsure of a second time as white on black.
    // What is read here is black on white (shading is flattened first). Measured
    // without that second reading: cell reads 14% quicker; on the held-out
    // 300 dpi scans the same number of exact fields (a few 200 dpi ones change).
    tessedit_do_invert: '0',
  };
}

/**
 * Posts one reading to `worker`: its parameters that differ from `set` (those
 * the worker will have when it comes to this reading; undefined: unknown, all
 * are sent), then the image. Parameters given with a recognize call are saved
 * and restored around it by tesseract.js — all of tesseract's, a few
 * milliseconds each time, a fifth of a small cell's read — so they are set on
 * the worker instead, when they change. The worker handles its messages in
 * the order posted, so a reading posted behind another one runs with its own
 * parameters. Both messages are posted before this returns, except the
 * image's, which tesseract.js posts once its microtasks have run (before any
 * timer or setImmediate callback).
 */
export function postRecognize(
  worker: Worker,
  img: Gray,
  params: Record<string, string>,
  set: Record<string, string> | undefined,
): { setting: Promise<unknown> | null; reading: Promise<OcrWord[]> } {
  const changed = Object.entries(params).filter(([k, v]) => set?.[k] !== v);
  const setting = changed.length > 0 ? worker.setParameters(Object.fromEntries(changed) as never) : null;
  const reading = worker.recognize(toPGM(img), {}, { text: false, tsv: true } as never).then((r) => parseTsv(r.data.tsv ?? ''));
  // Awaited by the caller; a failure is not left unhandled meanwhile.
  setting?.catch(() => undefined);
  reading.catch(() => undefined);
  return { setting, reading };
}
