/**
 * A run over many inputs: find them, extract each (a bad one never stops the
 * rest), write each JSON atomically, then the four CSVs of the run, and a
 * summary. I/O lives here and in ./files; the stages stay pure.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import pino from 'pino';
import type { OcrEngine, OcrOptions } from '../2-ocr/types.js';
import { CSV_COLUMNS, csvRows, toCsv, type CsvRows, type CsvTable } from '../8-export/csv.js';
import { toJson } from '../8-export/json.js';
import { isPoaError, PoaError } from '../errors.js';
import { extractDocument, type OcrMode } from '../pipeline.js';
import type { Documento } from '../schema/document.js';
import { VERSION } from '../version.js';
import { collectInputs, ensureWritableDir, outputPathFor, readPreviousOutput, removeStaleTemps, writeAtomic, type InputFile } from './files.js';
import { Progress } from './progress.js';

export interface BatchOptions {
  inputs: string[];
  out: string;
  ocr: OcrMode;
  dpi: number;
  jobs: number;
  /** Seconds one OCR reading may take (see OcrOptions.readTimeout). */
  ocrTimeout?: number;
  password?: string;
  force: boolean;
  failOn?: 'falla' | 'ilegible';
  logLevel: string;
  logFile?: string;
  progress: boolean;
}

export interface BatchSummary {
  read: number;
  skipped: number;
  failed: Array<{ archivo: string; code: string; message: string }>;
  pages: number;
  ocrPages: number;
  rows: number;
  failedChecks: number;
}

export async function runBatch(opts: BatchOptions): Promise<number> {
  const logger = pino(
    { level: opts.logLevel, base: null, timestamp: pino.stdTimeFunctions.isoTime },
    opts.logFile ? pino.destination({ dest: opts.logFile, sync: true, mkdir: true }) : pino.destination(2),
  );
  let inputs: InputFile[];
  try {
    inputs = await collectInputs(opts.inputs);
    await ensureWritableDir(opts.out);
    const stale = await removeStaleTemps(opts.out);
    if (stale > 0) logger.info({ stale }, 'removed temporary files of an interrupted run');
  } catch (err) {
    if (isPoaError(err)) {
      process.stderr.write(`poa-extract: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  if (inputs.length === 0) {
    process.stderr.write(`poa-extract: no PDF or transcript found in ${opts.inputs.join(', ')}\n`);
    return 2;
  }

  const summary: BatchSummary = { read: 0, skipped: 0, failed: [], pages: 0, ocrPages: 0, rows: 0, failedChecks: 0 };
  const docs = new Map<string, Documento>();
  const progress = new Progress(opts.progress && process.stderr.isTTY === true, inputs.length);
  let ocrEngine: OcrEngine | undefined;
  let ocrEngineFailed: Error | undefined;
  // One engine for the whole run, however many inputs ask for it at once (two inputs
  // starting together must not each make one: the second would never be closed, and
  // its workers would keep the process from exiting).
  let ocrStarting: Promise<OcrEngine | undefined> | undefined;
  const getOcr = (): Promise<OcrEngine | undefined> => {
    if (opts.ocr === 'off') return Promise.resolve(undefined);
    ocrStarting ??= (async () => {
      try {
        // Loaded on first use: a run over digital PDFs never starts tesseract.
        const ocrModule: string = '../2-ocr/index.js';
        const { createOcrEngine } = (await import(ocrModule)) as { createOcrEngine: (o: OcrOptions) => Promise<OcrEngine> };
        ocrEngine = await createOcrEngine({ jobs: opts.jobs, dpi: opts.dpi, readTimeout: opts.ocrTimeout });
        return ocrEngine;
      } catch (err) {
        ocrEngineFailed = err as Error;
        logger.error({ err: (err as Error).message }, 'OCR unavailable');
        return undefined;
      }
    })();
    return ocrStarting;
  };
  const lazyOcr: OcrEngine = {
    readPdfPage: async (doc, n, file) => {
      const engine = await getOcr();
      if (!engine) throw ocrEngineFailed ?? new PoaError('POA_OCR_UNAVAILABLE', 'OCR is not available');
      return engine.readPdfPage(doc, n, file);
    },
    close: async () => undefined,
  };

  const processOne = async (input: InputFile): Promise<void> => {
    const target = outputPathFor(opts.out, input);
    try {
      const bytes = await fs.readFile(input.absolute).catch((err: NodeJS.ErrnoException) => {
        if (err.code !== 'ENOENT') throw err;
        throw new PoaError('POA_INPUT_NOT_FOUND', `${input.archivo}: no such file (a link to a file that is not there?)`, { file: input.archivo });
      });
      if (!opts.force) {
        const prev = await readPreviousOutput(target, bytes);
        if (prev && prev.herramienta.version === VERSION) {
          docs.set(input.archivo, prev);
          summary.skipped++;
          logger.info({ archivo: input.archivo }, 'unchanged, skipped');
          progress.fileDone(prev.total_paginas);
          return;
        }
      }
      const doc = await extractDocument(bytes, {
        archivo: input.archivo,
        password: opts.password,
        ocr: opts.ocr,
        ocrEngine: lazyOcr,
        pagesAhead: opts.jobs,
        onPage: ({ ocr }) => progress.page(ocr),
      });
      await writeAtomic(target, toJson(doc));
      docs.set(input.archivo, doc);
      summary.read++;
      for (const m of doc.mensajes) logger.warn({ archivo: input.archivo, pagina: m.pagina, codigo: m.codigo }, m.mensaje);
      progress.fileDone(0);
    } catch (err) {
      const e = isPoaError(err)
        ? err
        : new PoaError('POA_PDF_UNREADABLE', `${input.archivo}: ${(err as Error).message?.split('\n')[0] ?? String(err)}`, { file: input.archivo });
      summary.failed.push({ archivo: input.archivo, code: e.code, message: e.message });
      progress.fileDone(0);
      progress.log(`poa-extract: ${e.code}: ${e.message}`);
      logger.error({ archivo: input.archivo, code: e.code }, e.message);
      // A failed input leaves no output behind (an older one would no longer match it).
      await fs.rm(target, { force: true });
    }
  };

  try {
    await runPool(inputs, Math.max(1, opts.jobs), processOne);
  } finally {
    await ocrEngine?.close();
    progress.done();
  }

  // CSVs of the whole run, in a stable order: by archivo, then document order.
  const all: CsvRows = { acciones: [], periodos: [], presupuesto: [], validacion: [] };
  for (const archivo of [...docs.keys()].sort(compareStrings)) {
    const doc = docs.get(archivo)!;
    const rows = csvRows(doc);
    for (const t of Object.keys(all) as CsvTable[]) all[t].push(...rows[t]);
    summary.pages += doc.total_paginas;
    summary.ocrPages += doc.paginas.filter((p) => p.fuente === 'ocr').length;
    summary.rows += doc.reportes.reduce((n, r) => n + r.filas.length + r.presupuesto.length, 0);
  }
  summary.failedChecks = all.validacion.length;
  for (const t of Object.keys(CSV_COLUMNS) as CsvTable[]) {
    await writeAtomic(path.join(opts.out, `${t}.csv`), toCsv(t, all[t]));
  }

  const failedRows = opts.failOn
    ? [...docs.values()].reduce((n, d) => n + d.reportes.reduce((m, r) => m + [...r.filas, ...r.presupuesto].filter((f) => f.validacion.estado === opts.failOn).length, 0), 0)
    : 0;
  process.stderr.write(
    `poa-extract: ${summary.read + summary.skipped} of ${inputs.length} inputs read` +
      (summary.skipped ? ` (${summary.skipped} unchanged, skipped)` : '') +
      `, ${summary.failed.length} failed; ${summary.pages} pages (${summary.ocrPages} OCR), ${summary.rows} rows, ${summary.failedChecks} checks not passed → ${opts.out}\n`,
  );
  logger.info({ summary }, 'run finished');
  logger.flush?.();
  if (summary.failed.length > 0) return 1;
  if (opts.failOn && failedRows > 0) {
    process.stderr.write(`poa-extract: ${failedRows} rows are '${opts.failOn}' (--fail-on ${opts.failOn})\n`);
    return 3;
  }
  return 0;
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Runs `fn` over `items` with at most `n` at once. */
async function runPool<T>(items: readonly T[], n: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
}
