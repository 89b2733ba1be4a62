/**
 * The worker pool runs readings with different tesseract parameters at
 * once on its workers (parameters are set on a worker only when they
 * change). Each reading must still run with its own parameters, whatever ran
 * around it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPdf } from '../../src/1-extract/pdf.js';
import { crop, downscale, type Gray } from '../../src/2-ocr/image.js';
import { languageDir, WorkerPool } from '../../src/2-ocr/pool.js';
import { pageImage } from '../../src/2-ocr/source.js';
import { recognize, type OcrWord, type RecognizeParams } from '../../src/2-ocr/tesseract.js';
import type { Worker } from 'tesseract.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const text = (ws: OcrWord[]) => ws.map((w) => w.text).join(' ');

describe('worker pool', () => {
  let img: Gray;
  const pools: WorkerPool[] = [];
  const pool = (n: number) => {
    const p = new WorkerPool(n, languageDir());
    pools.push(p);
    return p;
  };

  beforeAll(async () => {
    // The top of a scanned report (its letterhead and first rows), at 150 dpi: words and figures.
    const file = 'dif2025_t3-300.pdf';
    const doc = await openPdf(new Uint8Array(readFileSync(path.join(ROOT, 'fixtures', 'scanned', file))), { file });
    const page = await pageImage(doc, 1, 300);
    await doc.destroy();
    const small = downscale(page.gray, 2);
    img = crop(small, { x0: 0, y0: 0, x1: small.width, y1: Math.round(small.height / 4) });
  });

  afterAll(async () => {
    await Promise.all(pools.map((p) => p.close()));
  });

  it('reads each image with its own parameters when readings with other parameters run at the same time', async () => {
    const digits: RecognizeParams = { psm: 11, dpi: 150, whitelist: '0123456789' };
    const free: RecognizeParams = { psm: 11, dpi: 150 };
    const read = (p: WorkerPool, params: RecognizeParams) => p.run((w) => recognize(w, img, params));
    const single = pool(1);
    // One at a time: what each set of parameters reads.
    const wantDigits = text(await read(single, digits));
    const wantFree = text(await read(single, free));
    expect(wantFree).toMatch(/[A-Z]{4}/);
    expect(wantDigits).not.toMatch(/[A-Z]/);
    // All at once on one worker, the parameters changing from each reading to the next.
    const order = [digits, free, digits, free, free, digits];
    const got = await Promise.all(order.map((p) => read(single, p)));
    expect(got.map(text)).toEqual(order.map((p) => (p === digits ? wantDigits : wantFree)));
    // And on two workers, started by the readings themselves.
    const two = pool(2);
    const got2 = await Promise.all(order.map((p) => read(two, p)));
    expect(got2.map(text)).toEqual(order.map((p) => (p === digits ? wantDigits : wantFree)));
  }, 120_000);

  it('fails readings asked for after it is closed, with POA_OCR_FAILED', async () => {
    const p = pool(1);
    await p.close();
    await expect(p.run((w) => recognize(w, img, { psm: 7, dpi: 150 }))).rejects.toMatchObject({ code: 'POA_OCR_FAILED' });
  });
});

describe('a reading that does not end', () => {
  /** Stand-in workers: each answers after `ms[i]` ms (never, for Infinity); records what was stopped. */
  function workers(ms: number[]) {
    const made: string[] = [];
    const stopped: string[] = [];
    const create = async (): Promise<Worker> => {
      const id = `w${made.length + 1}`;
      made.push(id);
      return {
        id,
        async terminate() {
          stopped.push(id);
        },
      } as unknown as Worker;
    };
    const task = (w: Worker) => {
      const wait = ms.shift() ?? 0;
      const id = (w as unknown as { id: string }).id;
      return new Promise<string>((resolve) => {
        if (Number.isFinite(wait)) setTimeout(() => resolve(id), wait);
      });
    };
    return { made, stopped, create, task };
  }

  it('fails after the time limit, stops the worker and reads the next task on a new one', async () => {
    const w = workers([Infinity, 5, 5]);
    const p = new WorkerPool(1, '', { readTimeoutMs: 100, create: w.create });
    const stuck = p.run(w.task);
    const next = p.run(w.task);
    await expect(stuck).rejects.toMatchObject({ code: 'POA_OCR_FAILED', message: 'a reading took longer than 0.1 s and was stopped' });
    // The task waiting behind the stuck one ran on a new worker.
    expect(await next).toBe('w2');
    expect(w.stopped).toEqual(['w1']);
    expect(await p.run(w.task)).toBe('w2');
    expect(w.made).toEqual(['w1', 'w2']);
    await p.close();
  });

  it('leaves a reading within the limit, and its worker, alone; and sets no limit at 0', async () => {
    const w = workers([20, 20]);
    const p = new WorkerPool(1, '', { readTimeoutMs: 500, create: w.create });
    expect(await p.run(w.task)).toBe('w1');
    expect(await p.run(w.task)).toBe('w1');
    expect(w.stopped).toEqual([]);
    await p.close();
    const slow = workers([150]);
    const q = new WorkerPool(1, '', { readTimeoutMs: 0, create: slow.create });
    expect(await q.run(slow.task)).toBe('w1');
    await q.close();
  });

  it('gives a task that fails its own error, and keeps its worker', async () => {
    const w = workers([]);
    const p = new WorkerPool(1, '', { readTimeoutMs: 500, create: w.create });
    await expect(p.run(async () => Promise.reject(new Error('bad image')))).rejects.toThrow('bad image');
    expect(await p.run(async (wk) => (wk as unknown as { id: string }).id)).toBe('w1');
    expect(w.stopped).toEqual([]);
    await p.close();
  });
});
