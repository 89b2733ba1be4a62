/**
 * A pool of tesseract.js workers, created lazily up to `size`, reused across
 * pages and files. Everything runs offline: the language data is read from
 * the @tesseract.js-data/spa package folder and nothing is cached to disk.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createWorker, OEM, type Worker } from 'tesseract.js';
import { PoaError } from '../errors.js';
import type { Gray } from './image.js';
import { postRecognize, tesseractParams, type OcrWord, type RecognizeParams } from './tesseract.js';

const require = createRequire(import.meta.url);

/** The LSTM-only model (smaller and faster to load than the legacy+LSTM one). */
export const MODEL_DIR = '4.0.0_best_int';
export const LANG = 'spa';

/**
 * Folder holding `spa.traineddata.gz`, or a PoaError when the package or the
 * file is missing. `packageRoot` overrides where @tesseract.js-data/spa is (tests).
 */
export function languageDir(packageRoot?: string): string {
  let root: string;
  try {
    root = packageRoot ?? path.dirname(require.resolve('@tesseract.js-data/spa/package.json'));
  } catch {
    throw new PoaError(
      'POA_OCR_UNAVAILABLE',
      'OCR language data not found: the package @tesseract.js-data/spa is not installed (run npm ci)',
    );
  }
  const dir = path.join(root, MODEL_DIR);
  const file = path.join(dir, `${LANG}.traineddata.gz`);
  if (!existsSync(file)) {
    throw new PoaError('POA_OCR_UNAVAILABLE', `OCR language data not found: ${file} is missing (run npm ci)`);
  }
  return dir;
}

/** A worker of the pool and the readings posted to it. */
interface Slot {
  worker: Worker;
  /** Readings posted and not yet answered. */
  inFlight: number;
  /** How many of those are of a page or half of one (long to read). */
  long: number;
  /** The tesseract parameters the worker will have once it has read everything posted; undefined: unknown. */
  params: Record<string, string> | undefined;
  /** Settles once the last reading posted to this worker has all its messages posted. */
  gate: Promise<void>;
  /** Readings posted to this worker so far. */
  posted: number;
  /**
   * When a parameter change fails (or a reading cannot be posted), the
   * readings posted behind it up to then (numbers after `from`, up to `upTo`)
   * may have been read with parameters not theirs: they fail too. Later ones
   * send every parameter.
   */
  failed: { from: number; upTo: number } | null;
}

interface Task {
  img: Gray;
  /** A page or half of one, not a cell: takes a second or more to read. */
  long: boolean;
  params: Record<string, string>;
  resolve: (words: OcrWord[]) => void;
  reject: (e: Error) => void;
}

/**
 * How many readings a worker is given at once. A worker answers a reading
 * and waits for the next; with one more posted behind the one it is
 * reading, it goes on at once even while the main thread is busy (preparing
 * the next page, decoding its scan) instead of waiting for the main thread to
 * hand it the next one. With several workers, nothing waits behind a long
 * reading (a page): another worker may be free long before it ends.
 */
const DEPTH = 2;
/** Images of more pixels than this are pages or halves of pages (a cell is a few thousand). */
const LONG_PIXELS = 200_000;

export class WorkerPool {
  private readonly size: number;
  private readonly langPath: string;
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private starting = 0;
  private closed = false;

  constructor(size: number, langPath: string) {
    this.size = Math.max(1, Math.floor(size));
    this.langPath = langPath;
  }

  /** Starts one more worker; when it is ready it takes the readings waiting. */
  private spawn(): void {
    this.starting++;
    createWorker(LANG, OEM.LSTM_ONLY, {
      langPath: this.langPath,
      gzip: true,
      cacheMethod: 'none',
    }).then(
      (w) => {
        this.starting--;
        if (this.closed) {
          void w.terminate().catch(() => undefined);
          return;
        }
        this.slots.push({ worker: w, inFlight: 0, long: 0, params: undefined, gate: Promise.resolve(), posted: 0, failed: null });
        this.dispatch();
      },
      (err: unknown) => {
        this.starting--;
        const e = new PoaError('POA_OCR_UNAVAILABLE', `cannot start the OCR engine: ${String((err as Error)?.message ?? err)}`);
        // Fail one waiting reading; if no worker exists or is coming, fail them all.
        this.queue.shift()?.reject(e);
        if (this.slots.length === 0 && this.starting === 0) for (const t of this.queue.splice(0)) t.reject(e);
      },
    );
  }

  /**
   * Hands waiting readings to workers: an idle worker first; when none is idle,
   * a new worker if the pool may grow (lazily: only when every one is busy),
   * and meanwhile the least busy worker with room behind its current reading
   * (with several workers, behind short readings only).
   */
  private dispatch(): void {
    while (this.queue.length > 0) {
      const idle = this.slots.find((s) => s.inFlight === 0);
      if (!idle && this.slots.length + this.starting < this.size) this.spawn();
      const room = (s: Slot) => s.inFlight < DEPTH && (this.size === 1 || s.long === 0);
      const slot = idle ?? this.slots.filter(room).sort((a, b) => a.inFlight - b.inFlight)[0];
      if (!slot) return;
      this.post(slot, this.queue.shift()!);
    }
  }

  private post(slot: Slot, task: Task): void {
    slot.inFlight++;
    if (task.long) slot.long++;
    const seq = ++slot.posted;
    const before = slot.gate;
    let open!: () => void;
    slot.gate = new Promise<void>((r) => (open = r));
    const known = slot.params;
    slot.params = task.params;
    void (async () => {
      let failed: Error | null = null;
      try {
        // Messages go in the order readings were given to the worker.
        await before;
        // The parameters the readings posted behind this one count on: not to be trusted if they fail.
        const distrust = (e: unknown) => {
          slot.failed = { from: seq, upTo: slot.posted };
          slot.params = undefined;
          return e;
        };
        let posted: ReturnType<typeof postRecognize>;
        try {
          posted = postRecognize(slot.worker, task.img, task.params, known);
        } catch (e) {
          throw distrust(e);
        } finally {
          // tesseract.js posts the image once its microtasks have run.
          setImmediate(open);
        }
        const { setting, reading } = posted;
        if (setting) await setting.catch((e: unknown) => Promise.reject(distrust(e)));
        const words = await reading;
        if (slot.failed && seq > slot.failed.from && seq <= slot.failed.upTo) throw new Error('a tesseract parameter change before this reading failed');
        task.resolve(words);
      } catch (e) {
        failed = e instanceof Error ? e : new Error(String(e));
      } finally {
        slot.inFlight--;
        if (task.long) slot.long--;
        if (failed) task.reject(failed);
        this.dispatch();
      }
    })();
  }

  /** Reads `img` with tesseract on a free worker (waiting for one when all are busy). */
  read(img: Gray, p: RecognizeParams): Promise<OcrWord[]> {
    if (this.closed) return Promise.reject(new PoaError('POA_OCR_FAILED', 'the OCR engine is closed'));
    return new Promise<OcrWord[]>((resolve, reject) => {
      this.queue.push({ img, long: img.width * img.height > LONG_PIXELS, params: tesseractParams(p), resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const e = new PoaError('POA_OCR_FAILED', 'the OCR engine is closed');
    for (const t of this.queue.splice(0)) t.reject(e);
    const ws = this.slots.splice(0).map((s) => s.worker);
    await Promise.all(ws.map((w) => w.terminate().catch(() => undefined)));
  }
}
