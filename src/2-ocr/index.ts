/**
 * Stage 2 — OCR of scanned pages, offline, with a pool of tesseract.js workers.
 *
 *   const ocr = await createOcrEngine({ jobs: 2, dpi: 300 });
 *   const page = await ocr.readPdfPage(doc, 1, 'x.pdf');   // Page, source 'ocr'
 *   await ocr.close();
 *
 * The language data comes from node_modules/@tesseract.js-data/spa (never a
 * CDN); a missing file is a `POA_OCR_UNAVAILABLE` error before any worker starts.
 * Workers start lazily (the first page that needs OCR) and are reused across
 * pages and files. At most `jobs + 1` page images are held at once: a page is
 * rendered (or its scan decoded) only when there is room, so memory stays
 * bounded however many pages are asked for together.
 */
import type { PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api.js';
import { PoaError, isPoaError } from '../errors.js';
import type { Page } from '../ir/page.js';
import { DEFAULT_TUNING, readImage, type PageStats, type Tuning } from './engine.js';
import { languageDir, WorkerPool } from './pool.js';
import { pageImage } from './source.js';
import type { OcrEngine, OcrOptions } from './types.js';

export type { OcrEngine, OcrOptions } from './types.js';
export { DEFAULT_TUNING, isNumberText, NUMERIC_WHITELIST, readImage, type PageStats, type Tuning } from './engine.js';
export { languageDir, WorkerPool } from './pool.js';
export { pageImage, type PageImage } from './source.js';

/** A counting semaphore. */
class Slots {
  private free: number;
  private readonly queue: Array<() => void> = [];
  constructor(n: number) {
    this.free = n;
  }
  async take(): Promise<void> {
    if (this.free > 0) {
      this.free--;
      return;
    }
    await new Promise<void>((resolve) => this.queue.push(resolve));
  }
  give(): void {
    const next = this.queue.shift();
    if (next) next();
    else this.free++;
  }
}

export interface OcrEngineInternals extends OcrEngine {
  /** Tuning knobs (for the bench); defaults are the measured best. */
  tuning: Tuning;
  /** Per-page timings of the last pages read, newest last (bench). */
  stats: PageStats[];
}

export async function createOcrEngine(opts: OcrOptions): Promise<OcrEngineInternals> {
  const jobs = Math.max(1, Math.floor(opts.jobs || 1));
  const dpi = opts.dpi > 0 ? opts.dpi : 300;
  if (dpi < 72 || dpi > 600) {
    throw new PoaError('POA_INVALID_OPTION', `OCR resolution ${dpi} dpi is out of range (72–600)`);
  }
  // Fails now, with a clear error, rather than crashing a worker later.
  const langPath = languageDir();
  const pool = new WorkerPool(jobs, langPath);
  const slots = new Slots(jobs + 1);
  const stats: PageStats[] = [];
  const engine: OcrEngineInternals = {
    tuning: { ...DEFAULT_TUNING },
    stats,
    async readPdfPage(doc: PDFDocumentProxy, number: number, file: string): Promise<Page> {
      await slots.take();
      try {
        const t0 = performance.now();
        const img = await pageImage(doc, number, dpi);
        const st: PageStats = { ms: { image: performance.now() - t0 }, cellReads: 0 };
        const page = await readImage(
          pool,
          { gray: img.gray, dpi: img.dpi, scale: img.scale, file, number },
          engine.tuning,
          st,
        );
        st.ms.total = performance.now() - t0;
        stats.push(st);
        if (stats.length > 1000) stats.shift();
        return page;
      } catch (err) {
        if (isPoaError(err)) throw err;
        throw new PoaError('POA_OCR_FAILED', `${file}: page ${number}: OCR failed (${String((err as Error)?.message ?? err)})`, {
          file,
          page: number,
        });
      } finally {
        slots.give();
      }
    },
    async close(): Promise<void> {
      await pool.close();
    },
  };
  return engine;
}
