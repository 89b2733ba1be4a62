/**
 * The processor: runs the stages for one input, in the order data flows —
 * extract → ocr → layout → classify → parse → normalize → validate — and
 * returns the document the exporters write. Non-fatal findings are collected
 * as messages on the document; only a problem that leaves nothing to read
 * (not a PDF, encrypted, no report at all) is thrown, as a `PoaError`.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { hasUsableText, openPdf, textLayerPage } from './1-extract/pdf.js';
import { readTranscript } from './1-extract/transcript.js';
import type { OcrEngine } from './2-ocr/types.js';
import { layoutPage } from './3-layout/lines.js';
import { classifyPage, type ClassifiedPage } from './4-classify/index.js';
import { parsePages } from './5-parse/assemble.js';
import { normalizeReports } from './6-normalize/index.js';
import { validateReport } from './7-validate/index.js';
import { PoaError } from './errors.js';
import type { Page } from './ir/page.js';
import type { Documento, Mensaje, PaginaInfo } from './schema/document.js';
import { VERSION } from './version.js';

export type OcrMode = 'auto' | 'force' | 'off';

export interface ExtractOptions {
  /** The input's name in the output (path relative to the folder given). */
  archivo: string;
  password?: string;
  ocr?: OcrMode;
  /** Needed when a page must be OCR'd; without it such pages are reported unreadable. */
  ocrEngine?: OcrEngine;
  /** Pages read at once (text layer + OCR); results are still taken in order. Default 1. */
  pagesAhead?: number;
  /** Called after each page is read (progress). */
  onPage?: (info: { pagina: number; total: number; ocr: boolean }) => void;
}

export const TRANSCRIPT_EXTENSIONS = ['.txt', '.md'] as const;
export const PDF_EXTENSIONS = ['.pdf'] as const;

export function isTranscriptPath(p: string): boolean {
  return (TRANSCRIPT_EXTENSIONS as readonly string[]).includes(path.extname(p).toLowerCase());
}

/** Runs the whole pipeline over the bytes of one input. */
export async function extractDocument(bytes: Uint8Array, opts: ExtractOptions): Promise<Documento> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const mensajes: Mensaje[] = [];
  const classified: ClassifiedPage[] = [];
  const paginas: PaginaInfo[] = [];
  let total = 0;

  const take = (page: Page) => {
    const cp = classifyPage(layoutPage(page), classified[classified.length - 1]);
    classified.push(cp);
    paginas.push({
      pagina: page.number,
      fuente: page.source,
      formato: cp.formato,
      confianza: page.meanConfidence !== undefined ? Math.round(page.meanConfidence * 100) / 100 : null,
      rotacion: page.source === 'ocr' ? (page.rotation ?? 0) : null,
      inclinacion: page.source === 'ocr' ? Math.round((page.skew ?? 0) * 100) / 100 : null,
    });
    if (!cp.formato) {
      const blank = page.words.length === 0;
      mensajes.push({
        pagina: page.number,
        codigo: blank ? 'POA_PAGE_BLANK' : 'POA_PAGE_OTHER',
        nivel: 'aviso',
        mensaje: blank
          ? `${opts.archivo}: page ${page.number} is blank`
          : `${opts.archivo}: page ${page.number} is not a page of a POA report (no known title)`,
      });
    }
  };

  if (isTranscriptPath(opts.archivo)) {
    const text = Buffer.from(bytes).toString('utf8');
    const pages = readTranscript(text, opts.archivo);
    total = pages.length;
    for (const p of pages) {
      take(p);
      opts.onPage?.({ pagina: p.number, total, ocr: false });
    }
  } else {
    const doc = await openPdf(bytes, { file: opts.archivo, password: opts.password });
    try {
      total = doc.numPages;
      const mode = opts.ocr ?? 'auto';
      // Each page is read by its own task: the text layer, then OCR when it needs it.
      // Up to `pagesAhead` tasks run at once (so the OCR workers stay busy on a
      // long scan); their results are taken strictly in page order.
      const readOne = async (n: number): Promise<{ page: Page; usedOcr: boolean; notes: Mensaje[] }> => {
        const notes: Mensaje[] = [];
        const text = await textLayerPage(doc, n, opts.archivo);
        const needsOcr = mode === 'force' || (mode === 'auto' && !hasUsableText(text));
        if (!needsOcr) return { page: text, usedOcr: false, notes };
        if (!opts.ocrEngine) {
          if (text.words.length === 0) {
            notes.push({ pagina: n, codigo: 'POA_PAGE_NEEDS_OCR', nivel: 'aviso', mensaje: `${opts.archivo}: page ${n} has no text layer and OCR is not available` });
          }
          return { page: text, usedOcr: false, notes };
        }
        try {
          return { page: await opts.ocrEngine.readPdfPage(doc, n, opts.archivo), usedOcr: true, notes };
        } catch (err) {
          notes.push({ pagina: n, codigo: 'POA_OCR_FAILED', nivel: 'error', mensaje: `${opts.archivo}: page ${n}: OCR failed (${(err as Error).message})` });
          return { page: text, usedOcr: false, notes };
        }
      };
      const ahead = Math.max(1, opts.pagesAhead ?? 1);
      const inFlight = new Map<number, ReturnType<typeof readOne>>();
      let next = 1;
      for (let n = 1; n <= total; n++) {
        while (next <= total && next < n + ahead) {
          const task = readOne(next);
          task.catch(() => undefined); // awaited below, in order
          inFlight.set(next, task);
          next++;
        }
        const { page, usedOcr, notes } = await inFlight.get(n)!;
        inFlight.delete(n);
        mensajes.push(...notes);
        take(page);
        opts.onPage?.({ pagina: n, total, ocr: usedOcr });
      }
    } finally {
      await doc.destroy();
    }
  }

  if (!classified.some((p) => p.formato)) {
    const unread = mensajes.filter((m) => m.codigo === 'POA_PAGE_NEEDS_OCR' || m.codigo === 'POA_OCR_FAILED');
    if (unread.length > 0) {
      // OCR that ran and failed (a reading stopped at its time limit, say) is no missing OCR.
      const code = unread[0]!.codigo === 'POA_OCR_FAILED' ? 'POA_OCR_FAILED' : 'POA_OCR_UNAVAILABLE';
      throw new PoaError(code, `${opts.archivo}: page ${unread[0]!.pagina} has no text layer and could not be OCR'd (${unread[0]!.mensaje.replace(/^.*?: page \d+:? ?/, '')})`, { file: opts.archivo, page: unread[0]!.pagina ?? undefined });
    }
    const why = total === 0 ? 'it has no pages' : 'no page has the title of a POA report';
    throw new PoaError('POA_NO_REPORT', `${opts.archivo}: not a POA report (${why})`, { file: opts.archivo });
  }
  const drafts = parsePages(classified, mensajes);
  const { reportes, normalizaciones } = normalizeReports(drafts);
  return {
    archivo: opts.archivo,
    herramienta: { nombre: 'poa-extract', version: VERSION },
    sha256,
    total_paginas: total,
    paginas,
    reportes: reportes.map(validateReport),
    normalizaciones,
    mensajes,
  };
}
