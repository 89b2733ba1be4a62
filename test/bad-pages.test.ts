/** Pages that are not part of a report, and long documents. */
import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import type { OcrEngine } from '../src/2-ocr/types.js';
import { PoaError } from '../src/errors.js';
import { extractDocument } from '../src/pipeline.js';
import { FIXTURES } from './helpers.js';

const seed004 = () => PDFDocument.load(fs.readFileSync(path.join(FIXTURES, 'digital', 'seed004.pdf')));

describe('pages of another kind inside a report PDF', () => {
  it('are reported as messages naming the page; the reports are still read', async () => {
    const src = await seed004();
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const other = doc.addPage([612, 792]);
    other.drawText('OFICIO No. 123/2026 — Se remite el informe trimestral', { x: 50, y: 700, size: 11, font });
    doc.addPage([612, 792]); // blank
    for (const p of await doc.copyPages(src, src.getPageIndices())) doc.addPage(p);
    const out = await extractDocument(await doc.save(), { archivo: 'mixed.pdf', ocr: 'off' });
    expect(out.mensajes.map((m) => [m.pagina, m.codigo])).toEqual([
      [1, 'POA_PAGE_OTHER'],
      [2, 'POA_PAGE_BLANK'],
    ]);
    expect(out.mensajes[0]!.mensaje).toBe('mixed.pdf: page 1 is not a page of a POA report (no known title)');
    expect(out.reportes.flatMap((r) => r.filas)).toHaveLength(51);
    expect(out.reportes[0]!.paginas).toEqual([3]);
  });
});

describe('a 300-page PDF', () => {
  it('is read page by page to the end', async () => {
    const src = await seed004();
    const doc = await PDFDocument.create();
    const indices = src.getPageIndices();
    for (let i = 0; i < 30; i++) for (const p of await doc.copyPages(src, indices)) doc.addPage(p);
    expect(doc.getPageCount()).toBe(300);
    const out = await extractDocument(await doc.save(), { archivo: 'long.pdf', ocr: 'off' });
    expect(out.total_paginas).toBe(300);
    expect(out.reportes.flatMap((r) => r.filas)).toHaveLength(30 * 51);
  }, 120_000);
});

describe('a scan whose OCR fails on every page', () => {
  it('fails with POA_OCR_FAILED naming the file and page, not as OCR missing', async () => {
    // A page with no text layer, and an OCR engine whose reading is stopped (see --ocr-timeout).
    const doc = await PDFDocument.create();
    doc.addPage([612, 792]).drawRectangle({ x: 50, y: 50, width: 200, height: 100 });
    const failing: OcrEngine = {
      async readPdfPage() {
        throw new PoaError('POA_OCR_FAILED', 'a reading took longer than 120 s and was stopped');
      },
      async close() {},
    };
    const err = await extractDocument(await doc.save(), { archivo: 'scan.pdf', ocr: 'auto', ocrEngine: failing }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'POA_OCR_FAILED', file: 'scan.pdf', page: 1 });
    expect((err as Error).message).toBe("scan.pdf: page 1 has no text layer and could not be OCR'd (OCR failed (a reading took longer than 120 s and was stopped))");
    // Without an OCR engine, OCR is what is missing.
    const off = await extractDocument(await doc.save(), { archivo: 'scan.pdf', ocr: 'auto' }).catch((e: unknown) => e);
    expect(off).toMatchObject({ code: 'POA_OCR_UNAVAILABLE', page: 1 });
  });
});
