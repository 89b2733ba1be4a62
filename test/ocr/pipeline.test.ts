/**
 * Scanned fixtures through the whole pipeline (OCR, layout, parsing,
 * validation), numeric fields compared with the golden (src/schema/accuracy.ts):
 * no field may be wrong in a row that says `ok`, no row may be lost, and the
 * share read exactly must not fall below what was measured. Two files only —
 * a 300 dpi TMM-F004 without rules in a Times face, and a 200 dpi pair of
 * avance trimestral and estimación pages turned 180° and 270° — because OCR is
 * slow; `npm run bench` runs them all.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOcrEngine, type OcrEngine } from '../../src/2-ocr/index.js';
import { extractDocument } from '../../src/pipeline.js';
import { compareWithGolden } from '../../src/schema/accuracy.js';
import { toGolden, type GoldenDocumento } from '../../src/schema/golden.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SCANNED = path.join(ROOT, 'fixtures', 'scanned');

/** Floors: the exact share measured (99.0% and 97.3% when last raised), less a little. */
const cases = [
  { file: 'dif2025_t3-300.pdf', exactAtLeast: 0.95, reports: 2 },
  { file: 'seguridad2024-200.pdf', exactAtLeast: 0.95, reports: 3 },
].filter((c) => fs.existsSync(path.join(SCANNED, c.file)));

describe.skipIf(cases.length === 0)('scanned fixtures through the whole pipeline', () => {
  let engine: OcrEngine;
  beforeAll(async () => {
    engine = await createOcrEngine({ jobs: 2, dpi: 300 });
  });
  afterAll(async () => {
    await engine?.close();
  });

  for (const c of cases) {
    it(`${c.file}: every report and row found, nothing silently wrong, at least ${c.exactAtLeast * 100}% exact`, async () => {
      const bytes = fs.readFileSync(path.join(SCANNED, c.file));
      const doc = await extractDocument(bytes, { archivo: `scanned/${c.file}`, ocr: 'auto', ocrEngine: engine, pagesAhead: 2 });
      const golden = JSON.parse(fs.readFileSync(path.join(SCANNED, c.file.replace(/\.pdf$/, '.golden.json')), 'utf8')) as GoldenDocumento;
      expect(doc.paginas.every((p) => p.fuente === 'ocr')).toBe(true);
      expect(doc.reportes.map((r) => r.formato)).toEqual(golden.reportes.map((r) => r.formato));
      expect(doc.reportes).toHaveLength(c.reports);
      const a = compareWithGolden(golden, toGolden(doc));
      expect(a.lines.filter((l) => l.startsWith('SILENT'))).toEqual([]);
      expect(a.silent).toBe(0);
      expect(a.lostRows).toBe(0);
      expect(a.n).toBeGreaterThan(50);
      expect(a.exact / a.n).toBeGreaterThanOrEqual(c.exactAtLeast);
      // What was not read exactly is in the JSON as ilegible or in a row that is not ok.
      expect(a.exact + a.flagged).toBe(a.n);
    });
  }
});

describe.skipIf(cases.length === 0)('a batch of scans with --jobs 2', () => {
  it('ends by itself: two inputs asking for OCR at once share one engine, and it is closed', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'poa-jobs-'));
    try {
      const src = path.join(SCANNED, cases[0]!.file);
      fs.copyFileSync(src, path.join(dir, 'a.pdf'));
      fs.copyFileSync(src, path.join(dir, 'b.pdf'));
      const runner = path.join(ROOT, 'test', 'support', 'run-cli-natural.ts');
      const r = spawnSync(process.execPath, ['--import', 'tsx', runner, dir, '--out', path.join(dir, 'out'), '--jobs', '2'], {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 240_000,
      });
      expect(r.signal).toBeNull();
      expect(r.status).toBe(0);
      expect(r.stderr).toMatch(/2 of 2 inputs read/);
      expect(fs.readdirSync(path.join(dir, 'out')).filter((f) => f.endsWith('.json')).sort()).toEqual(['a.json', 'b.json']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
