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

interface Waiter {
  resolve: (w: Worker) => void;
  reject: (e: Error) => void;
}

/**
 * The longest one reading may take by default (a whole-page pass of a dense
 * page takes 2–5 s here; a stuck or runaway worker never ends).
 */
export const DEFAULT_READ_TIMEOUT_MS = 120_000;

export interface PoolOptions {
  /** A reading that takes longer fails, and its worker is stopped and replaced (0: no limit). */
  readTimeoutMs?: number;
  /** How a worker is made (tests); by default a tesseract.js worker with the Spanish data at `langPath`. */
  create?: () => Promise<Worker>;
}

export class WorkerPool {
  private readonly size: number;
  private readonly langPath: string;
  private readonly readTimeoutMs: number;
  private readonly create: () => Promise<Worker>;
  private readonly idle: Worker[] = [];
  private readonly live: Worker[] = [];
  private readonly waiting: Waiter[] = [];
  private starting = 0;
  private closed = false;

  constructor(size: number, langPath: string, opts: PoolOptions = {}) {
    this.size = Math.max(1, Math.floor(size));
    this.langPath = langPath;
    this.readTimeoutMs = opts.readTimeoutMs ?? DEFAULT_READ_TIMEOUT_MS;
    this.create =
      opts.create ??
      (() =>
        createWorker(LANG, OEM.LSTM_ONLY, {
          langPath: this.langPath,
          gzip: true,
          cacheMethod: 'none',
        }));
  }

  /** Starts one more worker; when it is ready it serves the first task waiting. */
  private spawn(): void {
    this.starting++;
    this.create().then(
      (w) => {
        this.starting--;
        if (this.closed) {
          void w.terminate().catch(() => undefined);
          return;
        }
        this.live.push(w);
        this.release(w);
      },
      (err: unknown) => {
        this.starting--;
        const e = new PoaError('POA_OCR_UNAVAILABLE', `cannot start the OCR engine: ${String((err as Error)?.message ?? err)}`);
        // Fail one waiting task; if no worker exists or is coming, fail them all.
        this.waiting.shift()?.reject(e);
        if (this.live.length === 0 && this.starting === 0) for (const w of this.waiting.splice(0)) w.reject(e);
      },
    );
  }

  private acquire(): Promise<Worker> {
    if (this.closed) return Promise.reject(new PoaError('POA_OCR_FAILED', 'the OCR engine is closed'));
    const w = this.idle.pop();
    if (w) return Promise.resolve(w);
    return new Promise<Worker>((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      // Grow lazily: a new worker only when every existing one is busy.
      if (this.live.length + this.starting < this.size) this.spawn();
    });
  }

  private release(w: Worker): void {
    const next = this.waiting.shift();
    if (next) next.resolve(w);
    else this.idle.push(w);
  }

  /**
   * Runs `task` on a free worker (waiting for one when all are busy). A task that
   * takes longer than the pool's read time limit fails with POA_OCR_FAILED; its
   * worker, which may never answer again, is stopped and a new one started for
   * the tasks that follow.
   */
  async run<T>(task: (w: Worker) => Promise<T>): Promise<T> {
    let w: Worker | null = await this.acquire();
    const work = task(w);
    let timer: ReturnType<typeof setTimeout> | undefined;
    let overran = false;
    const limited =
      this.readTimeoutMs > 0
        ? Promise.race([
            work,
            new Promise<never>((_, reject) => {
              timer = setTimeout(() => {
                overran = true;
                reject(new PoaError('POA_OCR_FAILED', `a reading took longer than ${+(this.readTimeoutMs / 1000).toFixed(3)} s and was stopped`));
              }, this.readTimeoutMs);
            }),
          ])
        : work;
    try {
      return await limited;
    } catch (err) {
      if (overran) {
        work.catch(() => undefined);
        this.retire(w);
        w = null;
      }
      throw err;
    } finally {
      clearTimeout(timer);
      if (w) this.release(w);
    }
  }

  /** Stops a worker that overran its reading; a new one serves whoever waits. */
  private retire(w: Worker): void {
    const i = this.live.indexOf(w);
    if (i >= 0) this.live.splice(i, 1);
    void w.terminate().catch(() => undefined);
    if (!this.closed && this.waiting.length > 0 && this.live.length + this.starting < this.size) this.spawn();
  }

  async close(): Promise<void> {
    this.closed = true;
    const e = new PoaError('POA_OCR_FAILED', 'the OCR engine is closed');
    for (const w of this.waiting.splice(0)) w.reject(e);
    const ws = this.live.splice(0);
    this.idle.length = 0;
    await Promise.all(ws.map((w) => w.terminate().catch(() => undefined)));
  }
}
