/**
 * `poa-extract diff <golden-dir> <out-dir>`: compares two extractions field by
 * field (every JSON of the golden folder against the same file in the other)
 * and prints each changed cell as `file · report · row · field: old → new`.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { diffGolden, toGolden } from '../schema/golden.js';
import { Documento } from '../schema/document.js';

async function jsonFiles(dir: string, base = dir): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => null);
  if (!entries) return [];
  const out: string[] = [];
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await jsonFiles(full, base)));
    else if (e.isFile() && e.name.endsWith('.json') && !e.name.startsWith('.')) out.push(path.relative(base, full));
  }
  return out.sort();
}

async function load(file: string): Promise<unknown> {
  const text = await fs.readFile(file, 'utf8');
  const data = JSON.parse(text) as unknown;
  const doc = Documento.safeParse(data);
  // Full outputs are compared on their data fields; goldens are already in that form.
  return doc.success ? toGolden(doc.data) : data;
}

function show(v: unknown): string {
  return v === undefined ? '(absent)' : JSON.stringify(v);
}

export async function runDiff(goldenDir: string, outDir: string): Promise<number> {
  for (const d of [goldenDir, outDir]) {
    const s = await fs.stat(d).catch(() => null);
    if (!s?.isDirectory()) {
      process.stderr.write(`poa-extract diff: ${d}: not a folder\n`);
      return 2;
    }
  }
  const golden = await jsonFiles(goldenDir);
  const actual = new Set(await jsonFiles(outDir));
  let changes = 0;
  for (const rel of golden) {
    if (!actual.has(rel)) {
      process.stdout.write(`${rel}: missing in ${outDir}\n`);
      changes++;
      continue;
    }
    actual.delete(rel);
    const diffs = diffGolden(await load(path.join(goldenDir, rel)), await load(path.join(outDir, rel)));
    for (const d of diffs) process.stdout.write(`${rel} · ${d.path}: ${show(d.golden)} → ${show(d.actual)}\n`);
    changes += diffs.length;
  }
  for (const rel of [...actual].sort()) {
    process.stdout.write(`${rel}: not in ${goldenDir}\n`);
    changes++;
  }
  process.stderr.write(`poa-extract diff: ${changes === 0 ? 'no differences' : `${changes} differences`}\n`);
  return changes === 0 ? 0 : 1;
}
