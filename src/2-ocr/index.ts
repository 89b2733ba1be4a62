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
 *
 * Pages asked for one at a time: while the workers read a page, the main
 * thread would wait. So once its whole-page pass is under way, the next page
 * of the document, when nobody has asked for it yet and a page slot is free,
 * is rendered and prepared (direction, skew, lines) ahead — one page at most,
 * taken when it is asked for next, dropped when another page is.
 */
import type { PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api.js';
import { PoaError, isPoaError } from '../errors.js';
import type { Page } from '../ir/page.js';
import { DEFAULT_TUNING, prepareImage, readPrepared, type PageStats, type PreparedImage, type Tuning } from './engine.js';
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
    if (this.tryTake()) return;
    await new Promise<void>((resolve) => this.queue.push(resolve));
  }
  /** Takes a slot if one is free now. */
  tryTake(): boolean {
    if (this.free === 0) return false;
    this.free--;
    return true;
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
  const pool = new WorkerPool(jobs, langPath, opts.readTimeout === undefined ? {} : { readTimeoutMs: opts.readTimeout * 1000 });
  const slots = new Slots(jobs + 1);
  const stats: PageStats[] = [];
  // Pages asked for and not yet read.
  const asked: Array<{ doc: PDFDocumentProxy; number: number }> = [];
  // The page prepared ahead (it holds a slot of its own), if any.
  let ahead: { doc: PDFDocumentProxy; number: number; stats: PageStats; prepared: Promise<PreparedImage | null> } | null = null;
  const prepare = async (doc: PDFDocumentProxy, number: number, file: string, st: PageStats): Promise<PreparedImage> => {
    const t0 = performance.now();
    const img = await pageImage(doc, number, dpi);
    st.ms.image = performance.now() - t0;
    return prepareImage({ gray: img.gray, dpi: img.dpi, scale: img.scale, file, number }, st);
  };
  const dropAhead = () => {
    if (!ahead) return;
    void ahead.prepared.then(() => slots.give());
    ahead = null;
  };
  let closed = false;
  const prepareNext = (doc: PDFDocumentProxy, number: number, file: string) => {
    if (closed || ahead || number > doc.numPages || asked.some((a) => a.doc === doc && a.number === number) || !slots.tryTake()) return;
    const st: PageStats = { ms: {}, cellReads: 0 };
    // A page that cannot be prepared now is prepared again when asked for (and fails then).
    ahead = { doc, number, stats: st, prepared: prepare(doc, number, file, st).catch(() => null) };
  };
  const engine: OcrEngineInternals = {
    tuning: { ...DEFAULT_TUNING },
    stats,
    async readPdfPage(doc: PDFDocumentProxy, number: number, file: string): Promise<Page> {
      const mine = ahead && ahead.doc === doc && ahead.number === number ? ahead : null;
      if (mine) ahead = null;
      else {
        dropAhead();
        await slots.take();
      }
      const me = { doc, number };
      asked.push(me);
      try {
        const t0 = performance.now();
        const st: PageStats = mine?.stats ?? { ms: {}, cellReads: 0 };
        const ready = (mine && (await mine.prepared)) || (await prepare(doc, number, file, st));
        // Once the page pass is under way (its request posted to a worker), the next page.
        const next = () => setImmediate(() => prepareNext(doc, number + 1, file));
        const page = await readPrepared(pool, { ...ready, input: { ...ready.input, file } }, engine.tuning, st, next);
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
        asked.splice(asked.indexOf(me), 1);
        slots.give();
      }
    },
    async close(): Promise<void> {
      closed = true;
      dropAhead();
      await pool.close();
    },
  };
  return engine;
}
