/**
 * Runs the extractor over the stress fixtures (fixtures/stress/*.pdf) and
 * prints, per file, how many fields differ from its golden and the first 30
 * differences — like test/golden-digital.test.ts, but a report, not a test:
 *
 *   npx tsx scripts/check-stress.ts [name-or-substring …] [--all]
 *
 * `--all` prints every difference. Exit code 1 when any file differs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractDocument } from '../src/pipeline.js';
import { diffGolden, toGolden, type GoldenDocumento } from '../src/schema/golden.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURES = path.join(ROOT, 'fixtures');
const DIR = path.join(FIXTURES, 'stress');

const args = process.argv.slice(2);
const all = args.includes('--all');
const filtros = args.filter((a) => a !== '--all');
const limite = all ? Infinity : 30;

const goldens = fs
  .readdirSync(DIR)
  .filter((f) => f.endsWith('.golden.json'))
  .filter((f) => filtros.length === 0 || filtros.some((x) => f.includes(x)))
  .sort();

let malos = 0;
for (const f of goldens) {
  const golden = JSON.parse(fs.readFileSync(path.join(DIR, f), 'utf8')) as GoldenDocumento;
  const bytes = fs.readFileSync(path.join(FIXTURES, golden.archivo));
  let diffs;
  try {
    const doc = await extractDocument(bytes, { archivo: golden.archivo, ocr: 'off' });
    diffs = diffGolden(golden, toGolden(doc));
  } catch (err) {
    malos++;
    console.log(`✗ ${golden.archivo}: extractor threw: ${err instanceof Error ? err.message : String(err)}`);
    continue;
  }
  const filas = golden.reportes.reduce((a, r) => a + r.filas.length + r.presupuesto.length, 0);
  if (diffs.length === 0) {
    console.log(`✓ ${golden.archivo}: ${golden.reportes.length} reports, ${filas} rows, no differences`);
    continue;
  }
  malos++;
  console.log(`✗ ${golden.archivo}: ${golden.reportes.length} reports, ${filas} rows, ${diffs.length} differences`);
  for (const d of diffs.slice(0, limite)) {
    console.log(`  ${d.path}: golden ${JSON.stringify(d.golden)} ≠ extracted ${JSON.stringify(d.actual)}`);
  }
  if (diffs.length > limite) console.log(`  … ${diffs.length - limite} more`);
}
process.exit(malos > 0 ? 1 : 0);
