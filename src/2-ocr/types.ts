/**
 * The OCR stage's contract with the rest of the pipeline.
 */
import type { PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api.js';
import type { Page } from '../ir/page.js';

export interface OcrOptions {
  /** Number of tesseract workers (parallel OCR jobs); at least 1. */
  jobs: number;
  /** Resolution at which pages without an embedded scan are rendered, dots per inch. */
  dpi: number;
  /** Seconds one OCR reading may take before it is stopped and its page noted as unread (default 120; 0: no limit). */
  readTimeout?: number;
}

export interface OcrEngine {
  /** Render page `number` (1-based) of `doc` — or take its embedded scan image when the page is one image — and read it. */
  readPdfPage(doc: PDFDocumentProxy, number: number, file: string): Promise<Page>;
  close(): Promise<void>;
}
