/** Shared test helpers: fixture discovery and extraction of a fixture. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractDocument, type ExtractOptions } from '../src/pipeline.js';
import type { Documento } from '../src/schema/document.js';
import type { GoldenDocumento } from '../src/schema/golden.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const FIXTURES = path.join(ROOT, 'fixtures');
/** Copies of shared/seeds/: real OCR transcripts made by another tool. */
export const SEEDS = path.join(FIXTURES, 'transcripts');

/** Golden files under fixtures/<sub>, as paths relative to fixtures/. */
export function goldens(sub: string): string[] {
  const dir = path.join(FIXTURES, sub);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.golden.json'))
    .sort()
    .map((f) => `${sub}/${f}`);
}

export function readGolden(rel: string): GoldenDocumento {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, rel), 'utf8')) as GoldenDocumento;
}

export async function extractFixture(archivo: string, opts: Partial<ExtractOptions> = {}): Promise<Documento> {
  const bytes = fs.readFileSync(path.join(FIXTURES, archivo));
  return extractDocument(bytes, { archivo, ocr: 'off', ...opts });
}
