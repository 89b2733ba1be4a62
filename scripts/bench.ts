/**
 * Benchmark (npm run bench): speed, memory and numeric accuracy on the fixtures.
 *
 *   npm run bench -- [--jobs N] [--max-pages N] [--only name] [--no-native] [--no-pipeline] [--scanned DIR]
 *
 * --scanned DIR: other scans (with their .golden.json) instead of fixtures/scanned,
 * e.g. held-out scans made by scripts/make-scans.ts and kept out of the repository;
 * the digital original of `name-300.pdf` is looked for as `name.pdf` in
 * fixtures/digital and fixtures/stress.
 *
 * 1. Digital fixtures (fixtures/digital): the whole pipeline (extractDocument),
 *    pages per second.
 * 2. Scanned fixtures (fixtures/scanned, scripts/make-scans.ts), OCR on its own:
 *    seconds per page (one page at a time, one worker, and with `--jobs`
 *    workers on as many pages at once), time per stage, and numeric accuracy:
 *    every number printed on the digital page (its text layer) is looked up
 *    among the OCR words at the same place; it is exact, illegible (marked so
 *    by the OCR), wrong (a different value not marked — the failure that
 *    matters) or missing.
 * 3. Native tesseract on the same page images, where the `tesseract` command is
 *    installed (OMP_THREAD_LIMIT=1, page mode 11, the same LSTM model, and
 *    Debian's own model), as a ratio to the OCR engine's time.
 * 4. Scanned fixtures through the whole pipeline, numeric fields compared with
 *    their golden (end-to-end: OCR and parsing together; src/schema/accuracy.ts):
 *    exact, flagged (ilegible or in a row that is not ok), silent (wrong in a
 *    row that says ok), rows lost, by resolution.
 *
 * Peak memory: process.resourceUsage().maxRSS and sampled RSS. Writes
 * out/bench.json besides the report on stdout.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { openPdf, textLayerPage } from '../src/1-extract/pdf.js';
import { createOcrEngine, isNumberText, languageDir, pageImage, type OcrEngineInternals } from '../src/2-ocr/index.js';
import { toPGM } from '../src/2-ocr/image.js';
import type { Page } from '../src/ir/page.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIGITAL = path.join(ROOT, 'fixtures', 'digital');
/** Where the digital original of a scan is looked for (OCR accuracy against its text layer). */
const ORIGINALS = [DIGITAL, path.join(ROOT, 'fixtures', 'stress')];

interface Args {
  jobs: number;
  maxPages: number;
  only: string | null;
  native: boolean;
  pipeline: boolean;
  /** The scans measured (fixtures/scanned unless --scanned). */
  scanned: string;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { jobs: Math.max(1, Math.min(2, os.cpus().length)), maxPages: Infinity, only: null, native: true, pipeline: true, scanned: path.join(ROOT, 'fixtures', 'scanned') };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    if (k === '--jobs') a.jobs = Number(argv[++i]);
    else if (k === '--max-pages') a.maxPages = Number(argv[++i]);
    else if (k === '--only') a.only = argv[++i] ?? null;
    else if (k === '--no-native') a.native = false;
    else if (k === '--no-pipeline') a.pipeline = false;
    else if (k === '--scanned') a.scanned = path.resolve(argv[++i] ?? '');
    else {
      process.stderr.write(`bench: unknown option ${k} (see the comment at the top of scripts/bench.ts)\n`);
      process.exit(2);
    }
  }
  return a;
}

// ---------------------------------------------------------------------------
// Memory

let peakRss = 0;
function sampleMemory(): void {
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 50);
  sampler.unref();
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

// ---------------------------------------------------------------------------
// Numeric accuracy of one OCR'd page against the digital page's text layer

export function numValue(s: string): number | null {
  const t = s.replace(/[\s$%]/g, '');
  const neg = /^\(.*\)$/.test(t) || t.startsWith('-');
  const digits = t.replace(/[(),-]/g, '');
  if (!/^\d+(\.\d+)?$/.test(digits)) return null;
  return neg ? -Number(digits) : Number(digits);
}

export interface Accuracy {
  n: number;
  exact: number;
  illegible: number;
  wrong: number;
  missing: number;
  /** Of the numbers found, how many were read one by one (cell reads). */
  cellRead: number;
  details: string[];
}

export function emptyAccuracy(): Accuracy {
  return { n: 0, exact: 0, illegible: 0, wrong: 0, missing: 0, cellRead: 0, details: [] };
}

export function addAccuracy(a: Accuracy, b: Accuracy): void {
  a.n += b.n;
  a.exact += b.exact;
  a.illegible += b.illegible;
  a.wrong += b.wrong;
  a.missing += b.missing;
  a.cellRead += b.cellRead;
  a.details.push(...b.details);
}

/**
 * Every number on the digital page (a text item that is a number as printed)
 * against the OCR word at its place (OCR pixels ÷ scale = points: the scan
 * was made from the digital page and turned back and straightened by the OCR).
 */
export function numericAccuracy(ocr: Page, digital: Page, label: string): Accuracy {
  const acc = emptyAccuracy();
  const k = ocr.scale;
  for (const t of digital.words) {
    if (!isNumberText(t.text)) continue;
    acc.n++;
    const tv = numValue(t.text);
    const cy = (t.y0 + t.y1) / 2;
    const h = t.y1 - t.y0;
    const near = ocr.words.filter((w) => {
      const oy = (w.y0 + w.y1) / 2 / k;
      return Math.abs(oy - cy) < h * 0.8 && w.x0 / k - 3 < t.x1 && w.x1 / k + 3 > t.x0;
    });
    const w = near.find((x) => x.cellRead) ?? near.find((x) => numValue(x.text) !== null) ?? near[0];
    const where = `${label} (${t.x0.toFixed(0)},${t.y0.toFixed(0)})`;
    if (!w) {
      acc.missing++;
      acc.details.push(`missing ${t.text} ${where}`);
      continue;
    }
    if (w.cellRead) acc.cellRead++;
    if (w.illegible) {
      acc.illegible++;
      acc.details.push(`illegible ${t.text} read ${JSON.stringify(w.text)} (${w.conf}) ${where}`);
    } else if (numValue(w.text) === tv) acc.exact++;
    else {
      acc.wrong++;
      acc.details.push(`WRONG ${t.text} read ${JSON.stringify(w.text)} (${w.conf}, ${w.cellRead ? 'cell' : 'page'}) ${where}`);
    }
  }
  return acc;
}

function pct(a: number, b: number): string {
  return b === 0 ? '–' : `${((100 * a) / b).toFixed(2)}%`;
}

// ---------------------------------------------------------------------------
// Native tesseract

function nativeTesseract(): { bin: string; version: string } | null {
  try {
    const v = execFileSync('tesseract', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return { bin: 'tesseract', version: v.split('\n')[0] ?? 'tesseract' };
  } catch {
    return null;
  }
}

/**
 * Native tesseract's time on one page image, one thread (OMP_THREAD_LIMIT=1);
 * `asInstalled`: with its own default threads instead (OMP_THREAD_LIMIT unset).
 */
function timeNative(img: string, dpi: number, tessdata: string | null, asInstalled = false): number {
  const args = [img, 'stdout', '--psm', '11', '--dpi', String(Math.round(dpi)), '-l', 'spa'];
  if (tessdata) args.push('--tessdata-dir', tessdata);
  const env: NodeJS.ProcessEnv = { ...process.env, OMP_THREAD_LIMIT: '1' };
  if (asInstalled) delete env.OMP_THREAD_LIMIT;
  const t0 = performance.now();
  const r = spawnSync('tesseract', args, { env, encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`tesseract failed: ${r.stderr}`);
  return ms;
}

// ---------------------------------------------------------------------------

interface PageResult {
  file: string;
  page: number;
  dpi: number;
  ms: number;
  stages: Record<string, number>;
  cellReads: number;
  accuracy: Accuracy;
  nativeMs?: number;
  nativeFastMs?: number;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  sampleMemory();
  const report: Record<string, unknown> = { date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, jobs: args.jobs };
  const log = (s = '') => process.stdout.write(`${s}\n`);

  // 1. Digital fixtures through the pipeline.
  let pipeline: typeof import('../src/pipeline.js') | null = null;
  if (args.pipeline) {
    try {
      pipeline = await import('../src/pipeline.js');
    } catch (err) {
      log(`(pipeline not available: ${(err as Error).message.split('\n')[0]})`);
    }
  }
  const digital = existsSync(DIGITAL) ? readdirSync(DIGITAL).filter((f) => f.endsWith('.pdf')).sort() : [];
  if (pipeline && digital.length > 0) {
    let pages = 0;
    const t0 = performance.now();
    for (const f of digital) {
      const doc = await pipeline.extractDocument(readFileSync(path.join(DIGITAL, f)), { archivo: `digital/${f}`, ocr: 'off' });
      pages += doc.total_paginas;
    }
    const s = (performance.now() - t0) / 1000;
    log(`Digital: ${digital.length} files, ${pages} pages in ${s.toFixed(2)} s — ${(pages / s).toFixed(1)} pages/s (whole pipeline, in process)`);
    report.digital = { files: digital.length, pages, seconds: s, pagesPerSecond: pages / s };
  }

  // 2. Scanned fixtures, OCR on its own.
  const scanned = existsSync(args.scanned)
    ? readdirSync(args.scanned)
        .filter((f) => f.endsWith('.pdf') && (!args.only || f.startsWith(args.only)))
        .sort()
    : [];
  if (scanned.length === 0) {
    log(`No scans in ${path.relative(ROOT, args.scanned) || '.'} (fixtures/scanned is made by: npx tsx scripts/make-scans.ts)`);
    return;
  }
  const native = args.native ? nativeTesseract() : null;
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'poa-bench-'));
  let sameModel: string | null = null;
  if (native) {
    // The model the OCR engine uses, unpacked for native tesseract.
    sameModel = path.join(tmp, 'tessdata');
    mkdirSync(sameModel);
    writeFileSync(path.join(sameModel, 'spa.traineddata'), gunzipSync(readFileSync(path.join(languageDir(), 'spa.traineddata.gz'))));
  }

  const engine = (await createOcrEngine({ jobs: 1, dpi: 300 })) as OcrEngineInternals;
  const results: PageResult[] = [];
  let budget = args.maxPages;
  log('');
  log('Scanned, OCR alone, one page at a time, one worker:');
  let asInstalled: { ms: number; oneThread: number; page: string } | null = null;
  for (const f of scanned) {
    if (budget <= 0) break;
    const name = f.replace(/-(200|300)\.pdf$/, '');
    const digitalFile = ORIGINALS.map((d) => path.join(d, `${name}.pdf`)).find((p) => existsSync(p)) ?? path.join(DIGITAL, `${name}.pdf`);
    const scan = await openPdf(new Uint8Array(readFileSync(path.join(args.scanned, f))), { file: f });
    const dig = existsSync(digitalFile) ? await openPdf(new Uint8Array(readFileSync(digitalFile)), { file: `${name}.pdf` }) : null;
    for (let n = 1; n <= scan.numPages && budget > 0; n++, budget--) {
      const t0 = performance.now();
      const page = await engine.readPdfPage(scan, n, `scanned/${f}`);
      const ms = performance.now() - t0;
      const st = engine.stats[engine.stats.length - 1]!;
      const accuracy = dig && n <= dig.numPages ? numericAccuracy(page, await textLayerPage(dig, n, name), `${f} p${n}`) : emptyAccuracy();
      const r: PageResult = { file: f, page: n, dpi: Math.round(page.scale * 72), ms, stages: st.ms, cellReads: st.cellReads, accuracy };
      if (native) {
        const img = await pageImage(scan, n, 300);
        const pgm = path.join(tmp, 'page.pgm');
        writeFileSync(pgm, toPGM(img.gray));
        r.nativeMs = timeNative(pgm, img.dpi, sameModel);
        r.nativeFastMs = timeNative(pgm, img.dpi, null);
        if (!asInstalled) {
          // Once: tesseract as installed (its default threads), on the first page.
          asInstalled = { ms: timeNative(pgm, img.dpi, null, true), oneThread: r.nativeFastMs, page: `${f} p${n}` };
        }
      }
      results.push(r);
      const stages = Object.entries(st.ms)
        .filter(([k]) => k !== 'total')
        .map(([k, v]) => `${k} ${(v / 1000).toFixed(2)}`)
        .join(', ');
      log(
        `  ${f} p${n}: ${(ms / 1000).toFixed(2)} s${r.nativeMs ? ` (native ${(r.nativeMs / 1000).toFixed(2)} s)` : ''}; ` +
          `rotation ${page.rotation}, skew ${page.skew}; numbers ${accuracy.exact}/${accuracy.n} exact, ${accuracy.illegible} illegible, ${accuracy.wrong} wrong, ${accuracy.missing} missing; ${st.cellReads} cell reads; ${stages}`,
      );
    }
    await scan.destroy();
    await dig?.destroy();
  }
  await engine.close();

  const summarize = (rs: PageResult[], label: string) => {
    if (rs.length === 0) return null;
    const acc = emptyAccuracy();
    for (const r of rs) addAccuracy(acc, r.accuracy);
    const ms = rs.reduce((s, r) => s + r.ms, 0) / rs.length;
    const nat = rs.every((r) => r.nativeMs) ? rs.reduce((s, r) => s + r.nativeMs!, 0) / rs.length : null;
    const natFast = rs.every((r) => r.nativeFastMs) ? rs.reduce((s, r) => s + r.nativeFastMs!, 0) / rs.length : null;
    log(
      `  ${label}: ${rs.length} pages, ${(ms / 1000).toFixed(2)} s/page` +
        (nat ? `, native ${(nat / 1000).toFixed(2)} s/page (same model) → ${(ms / nat).toFixed(2)}×` : '') +
        (natFast ? `, native fast model ${(natFast / 1000).toFixed(2)} s/page → ${(ms / natFast).toFixed(2)}×` : '') +
        `; numbers: ${pct(acc.exact, acc.n)} exact of ${acc.n} (${acc.illegible} illegible, ${acc.wrong} wrong, ${acc.missing} missing)`,
    );
    return { pages: rs.length, secondsPerPage: ms / 1000, nativeSecondsPerPage: nat && nat / 1000, nativeFastSecondsPerPage: natFast && natFast / 1000, ratio: nat && ms / nat, accuracy: { ...acc, details: acc.details } };
  };
  log('');
  log('Summary (OCR alone, jobs 1):');
  const by300 = summarize(results.filter((r) => r.dpi >= 250), '300 dpi');
  const by200 = summarize(results.filter((r) => r.dpi < 250), '200 dpi');
  const all = summarize(results, 'all');
  report.ocr = { dpi300: by300, dpi200: by200, all };
  if (asInstalled) {
    // The baseline above is native tesseract at its quickest here. As installed it runs
    // its own threads (OpenMP); on a small machine that can be much slower.
    log(
      `  native tesseract as installed (its default threads), Debian's model, ${asInstalled.page}: ${(asInstalled.ms / 1000).toFixed(2)} s ` +
        `(one thread: ${(asInstalled.oneThread / 1000).toFixed(2)} s); the ratios above are against one thread`,
    );
    report.nativeAsInstalled = asInstalled;
  }
  const wrong = results.flatMap((r) => r.accuracy.details.filter((d) => d.startsWith('WRONG') || d.startsWith('missing')));
  if (wrong.length > 0) {
    log('  Wrong or missing numbers:');
    for (const d of wrong.slice(0, 40)) log(`    ${d}`);
  }

  // Throughput with `jobs` workers on as many pages at once.
  if (args.jobs > 1) {
    const eng = (await createOcrEngine({ jobs: args.jobs, dpi: 300 })) as OcrEngineInternals;
    const list = results.map((r) => [r.file, r.page] as const);
    const docs = new Map<string, Awaited<ReturnType<typeof openPdf>>>();
    for (const f of new Set(list.map(([f]) => f))) docs.set(f, await openPdf(new Uint8Array(readFileSync(path.join(args.scanned, f))), { file: f }));
    const t0 = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: args.jobs }, async () => {
        while (next < list.length) {
          const [f, n] = list[next++]!;
          await eng.readPdfPage(docs.get(f)!, n, f);
        }
      }),
    );
    const s = (performance.now() - t0) / 1000;
    await eng.close();
    for (const d of docs.values()) await d.destroy();
    log('');
    log(`Throughput with ${args.jobs} workers, ${args.jobs} pages at a time: ${list.length} pages in ${s.toFixed(1)} s — ${(s / list.length).toFixed(2)} s/page`);
    report.throughput = { jobs: args.jobs, pages: list.length, seconds: s, secondsPerPage: s / list.length };
    if (native && by300 && all?.nativeSecondsPerPage) {
      log(`  (native tesseract, one process per core: ≈ ${(all.nativeSecondsPerPage / args.jobs).toFixed(2)} s/page → ${(s / list.length / (all.nativeSecondsPerPage / args.jobs)).toFixed(2)}×)`);
    }
  }

  // 4. End to end: scanned fixtures through the pipeline, numeric fields against the golden.
  if (pipeline) {
    const eng = (await createOcrEngine({ jobs: args.jobs, dpi: 300 })) as OcrEngineInternals;
    const { toGolden } = await import('../src/schema/golden.js');
    const { addAccuracy, compareWithGolden, emptyAccuracy: emptyE2E } = await import('../src/schema/accuracy.js');
    const byDpi = { '300': emptyE2E(), '200': emptyE2E(), all: emptyE2E() };
    let pages = 0;
    let seconds = 0;
    log('');
    log(`Scanned, whole pipeline (OCR ${args.jobs} worker(s), pages read ${args.jobs} at a time), numeric fields against the golden:`);
    const show = (a: ReturnType<typeof emptyE2E>) =>
      `${pct(a.exact, a.n)} of ${a.n} exact; ${a.flagged} flagged (ilegible or row not ok), ${a.silent} silent, ${a.lostRows} rows lost, ${a.extraRows} extra`;
    for (const f of scanned) {
      const goldenPath = path.join(args.scanned, f.replace(/\.pdf$/, '.golden.json'));
      if (!existsSync(goldenPath)) continue;
      try {
        const t0 = performance.now();
        const doc = await pipeline.extractDocument(readFileSync(path.join(args.scanned, f)), { archivo: `scanned/${f}`, ocr: 'auto', ocrEngine: eng, pagesAhead: args.jobs });
        const s = (performance.now() - t0) / 1000;
        pages += doc.total_paginas;
        seconds += s;
        const a = compareWithGolden(JSON.parse(readFileSync(goldenPath, 'utf8')), toGolden(doc));
        addAccuracy(byDpi[f.includes('-200') ? '200' : '300'], a);
        addAccuracy(byDpi.all, a);
        log(`  ${f}: ${show(a)}; ${doc.total_paginas} pages in ${s.toFixed(1)} s`);
        for (const l of a.lines.slice(0, 10)) log(`      ${l}`);
      } catch (err) {
        log(`  ${f}: failed: ${(err as Error).message}`);
      }
    }
    await eng.close();
    log(`  300 dpi: ${show(byDpi['300'])}`);
    log(`  200 dpi: ${show(byDpi['200'])}`);
    log(`  all: ${show(byDpi.all)}; ${pages} pages in ${seconds.toFixed(1)} s (${(seconds / Math.max(1, pages)).toFixed(2)} s/page)`);
    report.pipelineScanned = Object.fromEntries(Object.entries(byDpi).map(([k, v]) => [k, { ...v, lines: v.lines.slice(0, 100) }]));
    report.pipelineScannedSeconds = { pages, seconds };
  }

  const maxRss = process.resourceUsage().maxRSS * 1024;
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  log('');
  log(`Peak memory: maxRSS ${mb(maxRss)} (sampled RSS peak ${mb(peakRss)})`);
  report.memory = { maxRssBytes: maxRss, sampledPeakRssBytes: peakRss };
  if (native) report.native = { version: native.version };
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(path.join(ROOT, 'out'), { recursive: true });
  writeFileSync(path.join(ROOT, 'out', 'bench.json'), JSON.stringify({ ...report, pages: results.map((r) => ({ ...r, accuracy: { ...r.accuracy, details: r.accuracy.details } })) }, null, 2));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 1;
  });
}
