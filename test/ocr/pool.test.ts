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
