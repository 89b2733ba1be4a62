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

/** The tesseract parameters set on each worker (see recognize). */
const current = new WeakMap<Worker, Record<string, string>>();

/**
 * Reads `img` on `worker` (the caller has it to itself). Parameters given
 * with a recognize call are saved and restored around it by tesseract.js — all
 * of tesseract's, a few milliseconds each time, a fifth of a small cell's read —
 * so they are set on the worker instead, when they change; every call sets
 * the same ones (no whitelist is the empty one).
 */
export async function recognize(worker: Worker, img: Gray, p: RecognizeParams): Promise<OcrWord[]> {
  const params: Record<string, string> = {
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
  const set = current.get(worker);
  const changed = Object.entries(params).filter(([k, v]) => set?.[k] !== v);
  if (changed.length > 0) {
    // Unknown, should this fail, until set again.
    current.delete(worker);
    await worker.setParameters(Object.fromEntries(changed) as never);
    current.set(worker, params);
  }
  const r = await worker.recognize(toPGM(img), {}, { text: false, tsv: true } as never);
  return parseTsv(r.data.tsv ?? '');
}
