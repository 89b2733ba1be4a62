import type { Worker } from 'tesseract.js';
import { describe, expect, it } from 'vitest';
import { createGray } from '../../src/2-ocr/image.js';
import type { WorkerPool } from '../../src/2-ocr/pool.js';
import { probeUpsideDown } from '../../src/2-ocr/reading.js';
import { recognize } from '../../src/2-ocr/tesseract.js';
import { drawWord } from './synthetic.js';

/** A stand-in tesseract.js worker: each read gives one word, of the next confidence in `confs`; calls are recorded. */
function fakeWorker(confs: number[]): { worker: Worker; pool: WorkerPool; calls: string[] } {
  const calls: string[] = [];
  const fake = {
    async setParameters(p: Record<string, string>) {
      calls.push(`set ${JSON.stringify(p)}`);
      return {};
    },
    async recognize(_img: unknown, options: object) {
      calls.push(`read ${JSON.stringify(options)}`);
      return { data: { tsv: `5\t1\t1\t1\t1\t1\t10\t10\t50\t20\t${confs.shift() ?? 0}\tPalabra\n` } };
    },
  };
  const worker = fake as unknown as Worker;
  const pool = { workers: 1, run: <T>(task: (w: Worker) => Promise<T>) => task(worker) } as unknown as WorkerPool;
  return { worker, pool, calls };
}

describe('reading with tesseract', () => {
  it('sets tesseract parameters on the worker only when they change', async () => {
    const { worker, calls } = fakeWorker([90, 91, 92]);
    const img = createGray(20, 10);
    await recognize(worker, img, { psm: 7, dpi: 600, whitelist: '0123456789' });
    await recognize(worker, img, { psm: 7, dpi: 600, whitelist: '0123456789' });
    const words = await recognize(worker, img, { psm: 7, dpi: 600 });
    expect(words.map((w) => [w.text, w.conf])).toEqual([['Palabra', 92]]);
    expect(calls).toEqual([
      `set ${JSON.stringify({ tessedit_pageseg_mode: '7', user_defined_dpi: '600', debug_file: '/dev/null', tessedit_char_whitelist: '0123456789' })}`,
      'read {}',
      'read {}',
      `set ${JSON.stringify({ tessedit_char_whitelist: '' })}`,
      'read {}',
    ]);
  });

  it('reads the page turned only when that could still win the upside-down probe', async () => {
    const img = createGray(900, 600);
    for (const y of [100, 250, 400]) drawWord(img, 100, y, 6, 30);
    const stats = { ms: {}, cellReads: 0 };
    const reads = (calls: string[]) => calls.filter((c) => c.startsWith('read')).length;
    // Upright at 90: turned cannot read more than 15 better.
    const sure = fakeWorker([90]);
    expect(await probeUpsideDown(sure.pool, img, 300, 128, stats, 15, 3, 1.5)).toEqual({ up: 90, down: null, flip: false });
    expect(reads(sure.calls)).toBe(1);
    const turned = fakeWorker([40, 95]);
    expect(await probeUpsideDown(turned.pool, img, 300, 128, stats, 15, 3, 1.5)).toEqual({ up: 40, down: 95, flip: true });
    expect(reads(turned.calls)).toBe(2);
    const close = fakeWorker([84, 99]);
    expect(await probeUpsideDown(close.pool, img, 300, 128, stats, 15, 3, 1.5)).toEqual({ up: 84, down: 99, flip: false });
  });
});
