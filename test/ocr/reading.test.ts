import type { Worker } from 'tesseract.js';
import { describe, expect, it } from 'vitest';
import { createGray } from '../../src/2-ocr/image.js';
import type { WorkerPool } from '../../src/2-ocr/pool.js';
import { DEFAULT_TUNING, probeUpsideDown, readSignatureBlocks, readUnit } from '../../src/2-ocr/reading.js';
import { recognize } from '../../src/2-ocr/tesseract.js';
import { drawWord, fillRect } from './synthetic.js';

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

/**
 * A scripted stand-in pool: each read gives the next (text, confidence) — nothing for an
 * empty text — and keeps the image it was given (its size and pixels).
 */
function scripted(readings: Array<[string, number]>): {
  pool: WorkerPool;
  images: Array<{ width: number; height: number; at: (x: number, y: number) => number }>;
} {
  const images: Array<{ width: number; height: number; at: (x: number, y: number) => number }> = [];
  const worker = {
    async setParameters() {
      return {};
    },
    async recognize(pgm: Buffer) {
      const [, w, h] = /^P5\n(\d+) (\d+)\n255\n/.exec(pgm.toString('latin1', 0, 30))!.map(Number);
      const off = pgm.length - w! * h!;
      images.push({ width: w!, height: h!, at: (x, y) => pgm[off + y * w! + x]! });
      const [text, conf] = readings.shift() ?? ['', 0];
      return { data: { tsv: text ? `5\t1\t1\t1\t1\t1\t10\t5\t300\t30\t${conf}\t${text}\n` : '' } };
    },
  } as unknown as Worker;
  return { pool: { run: <T>(task: (w: Worker) => Promise<T>) => task(worker) } as unknown as WorkerPool, images };
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
      `set ${JSON.stringify({ tessedit_pageseg_mode: '7', user_defined_dpi: '600', debug_file: '/dev/null', tessedit_char_whitelist: '0123456789', tessedit_do_invert: '0' })}`,
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

  it("reads a signer's name again at darker thresholds when a lighter scribble across it spoils the reading", async () => {
    // A signature line 3 in long at 300 dpi, a name printed black under it, and a
    // scribble in gray 150 across the name (the page's ink threshold: 200).
    const img = createGray(1500, 400);
    fillRect(img, 300, 148, 1200, 152);
    drawWord(img, 400, 180, 10, 30);
    for (let x = 350; x < 1150; x++) {
      const y = Math.round(175 + 40 * Math.sin(x / 60));
      fillRect(img, x, y, x + 1, y + 4, 150);
    }
    const bin = { width: img.width, height: img.height, data: Uint8Array.from(img.data, (v) => (v <= 200 ? 1 : 0)) };
    const lines = { horizontal: [{ a0: 300, a1: 1200, c: 150, thickness: 4, runs: [] }], vertical: [], rules: [] };
    const read = (pool: WorkerPool) => readSignatureBlocks(pool, img, bin, lines, [], 300, 200, { ms: {}, cellReads: 0 });
    // Read surely at once: one reading.
    const sure = scripted([['FIRMANTE', 93]]);
    expect((await read(sure.pool)).map((w) => [w.text, w.conf])).toEqual([['FIRMANTE', 93]]);
    expect(sure.images).toHaveLength(1);
    // Spoiled by the scribble: read again at 0.6 of the threshold, where the scribble's
    // gray is paper and the print is not; that surer reading stands, and no third is made.
    const spoiled = scripted([['FIRM4NTE', 41], ['FIRMANTE', 91]]);
    const words = await read(spoiled.pool);
    expect(words.map((w) => [w.text, w.conf])).toEqual([['FIRMANTE', 91]]);
    expect(spoiled.images).toHaveLength(2);
    const [first, second] = spoiled.images;
    const count = (im: typeof first, v: number) => {
      let n = 0;
      for (let y = 0; y < im!.height; y++) for (let x = 0; x < im!.width; x++) n += im!.at(x, y) === v ? 1 : 0;
      return n;
    };
    // The first reading is of the crop as it is (the scribble's gray in it); the second has
    // the print alone, as much of it.
    expect(count(first, 150)).toBeGreaterThan(100);
    expect(count(second, 150)).toBe(0);
    expect(count(second, 0)).toBe(count(first, 0));
    expect(count(second, 0)).toBeGreaterThan(1000);
    // No reading surer than the first: the first stands.
    const worse = scripted([['FIRM4NTE', 60], ['F', 20], ['FI', 30]]);
    expect((await read(worse.pool)).map((w) => [w.text, w.conf])).toEqual([['FIRM4NTE', 60]]);
    expect(worse.images).toHaveLength(3);
  });

  it('reads an amount again without a `$` its shape alone did not tell, when the reading begins with one', async () => {
    // A `$` 21 px tall beside digits 20 px tall, 8 px before them (tesseract gives such an
    // amount with its `$` no confidence at all).
    const dollar = { x0: 10, y0: 9, x1: 25, y1: 30 };
    const digits = Array.from({ length: 6 }, (_, i) => ({ x0: 33 + i * 15, y0: 10, x1: 46 + i * 15, y1: 30 }));
    const unit = { box: { x0: 10, y0: 9, x1: 121, y1: 30 }, parts: [dollar, ...digits], limit: { x0: 0, y0: 0, x1: 140, y1: 40 } };
    const img = createGray(140, 40);
    const read = (pool: WorkerPool) => readUnit(pool, img, unit, 300, 128, DEFAULT_TUNING, '0123456789$,.', 1, [], 4);
    const loose = scripted([['$600000', 0], ['600000', 96]]);
    expect(await read(loose.pool)).toEqual({ text: '$ 600000', conf: 96, reads: 1, disputed: false });
    // The second image is the first without the `$` (and the paper before the amount).
    expect(loose.images).toHaveLength(2);
    expect(loose.images[1]!.width).toBeLessThan(loose.images[0]!.width - 2 * 15);
    // A reading without a `$`: no second image.
    const plain = scripted([['600000', 96]]);
    expect(await read(plain.pool)).toEqual({ text: '600000', conf: 96, reads: 1, disputed: false });
    expect(plain.images).toHaveLength(1);
  });

  it('reads a bare `$` (an amount cell left empty) once, as no value', async () => {
    // One mark, a `$` 23 px tall, read surely as `$`: no figure to read at other scales.
    const unit = { box: { x0: 10, y0: 9, x1: 25, y1: 32 }, parts: [{ x0: 10, y0: 9, x1: 25, y1: 32 }], limit: { x0: 0, y0: 0, x1: 60, y1: 40 } };
    const img = createGray(60, 40);
    const read = (pool: WorkerPool) => readUnit(pool, img, unit, 300, 128, DEFAULT_TUNING, '0123456789$,.', 1, [], 4);
    const bare = scripted([['$', 97], ['$', 97], ['$', 96], ['$', 97]]);
    expect(await read(bare.pool)).toEqual({ text: '$', conf: 97, reads: 1, disputed: true });
    expect(bare.images).toHaveLength(1);
    // Unsure of it: the other scales too.
    const unsure = scripted([['$', 60], ['5', 70], ['', 0], ['', 0]]);
    expect(await read(unsure.pool)).toMatchObject({ reads: 4, disputed: true });
  });

  it('takes two unsure readings of a long amount only when a third scale reads the same', async () => {
    // Digits 20 px tall, 13 wide, 2 apart: as wide as the readings below.
    const parts = (n: number) => Array.from({ length: n }, (_, i) => ({ x0: 10 + i * 15, y0: 10, x1: 23 + i * 15, y1: 30 }));
    const unit = (n: number) => ({ box: { x0: 10, y0: 10, x1: 8 + n * 15, y1: 30 }, parts: parts(n), limit: { x0: 0, y0: 0, x1: 200, y1: 40 } });
    const img = createGray(200, 40);
    const read = (pool: WorkerPool, n: number, seen: { text: string; conf: number } | null = null) =>
      readUnit(pool, img, unit(n), 300, 128, DEFAULT_TUNING, '0123456789', 1, [], 4, 0, seen);
    // Three scales agree: sure enough (the illegibility bar, 80).
    const three = scripted([['45030', 70], ['45030', 72], ['45030', 75]]);
    expect(await read(three.pool, 5)).toEqual({ text: '45030', conf: 80, reads: 3, disputed: false });
    // The third says otherwise: the agreed value keeps its low confidence (illegible downstream).
    const split = scripted([['45030', 70], ['45030', 72], ['45080', 75]]);
    expect(await read(split.pool, 5)).toEqual({ text: '45030', conf: 72, reads: 3, disputed: false });
    // A short figure: two readings as before, no third.
    const short = scripted([['450', 70], ['450', 72]]);
    expect(await read(short.pool, 3)).toEqual({ text: '450', conf: 72, reads: 2, disputed: false });
    expect(short.images).toHaveLength(2);
    // The page pass saying the same, unsurely too, is no longer enough for the first reading.
    const seen = scripted([['45030', 70], ['45030', 72], ['45030', 75]]);
    expect(await read(seen.pool, 5, { text: '45030', conf: 60 })).toMatchObject({ conf: 80, reads: 3 });
    // Two readings alike but for a separator's kind agree on the digits when no two agree
    // exactly (the ink is to tell the separators: `mixed`); their best confidence stands.
    const mixed = scripted([['12,450', 85], ['12.450', 88]]);
    expect(await read(mixed.pool, 5)).toEqual({ text: '12,450', conf: 88, reads: 4, disputed: false, mixed: true });
    const exact = scripted([['12,450', 85], ['12.450', 88], ['12,450', 86]]);
    expect(await read(exact.pool, 5)).toEqual({ text: '12,450', conf: 86, reads: 3, disputed: false });
    const same = scripted([['12,450', 85], ['12,450', 88]]);
    expect(await read(same.pool, 5)).toEqual({ text: '12,450', conf: 88, reads: 2, disputed: false });
    // Not alike in the digits: no agreement.
    const other = scripted([['12,450', 85], ['12.460', 88], ['', 0], ['', 0]]);
    expect(await read(other.pool, 5)).toMatchObject({ disputed: true });
    const sure = scripted([['45030', 70]]);
    expect(await read(sure.pool, 5, { text: '45030', conf: 90 })).toEqual({ text: '45030', conf: 90, reads: 1, disputed: false });
  });
});
