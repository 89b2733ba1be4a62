/** Developer aid: the lines of a cached OCR page (scripts/dev-scan-accuracy.ts fills the cache), in points. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { groupLines } from '../src/3-layout/lines.js';
import type { Page } from '../src/ir/page.js';

const [file, pn] = process.argv.slice(2);
if (!file || !pn) throw new Error('usage: tsx scripts/dev-ocr-lines.ts <scan.pdf> <page>');
const sha = createHash('sha256').update(readFileSync(file)).digest('hex');
const page = JSON.parse(readFileSync(path.join(process.env.POA_OCR_CACHE ?? path.join('out', 'ocr-cache'), `${sha.slice(0, 16)}-p${pn}.json`), 'utf8')) as Page;
const k = page.scale;
console.log(`page ${pn}: ${(page.width / k).toFixed(0)}×${(page.height / k).toFixed(0)} pt, scale ${k}, rotation ${page.rotation}, skew ${page.skew}, ${page.rules.length} rules`);
for (const l of groupLines(page.words)) {
  const ws = l.words.map((w) => `${(w.x0 / k).toFixed(0)}:${w.text}${w.cellRead ? (w.illegible ? '¿' : '#') : ''}${w.conf !== undefined && w.conf < 80 ? `(${w.conf.toFixed(0)})` : ''}`);
  console.log(`${(l.y0 / k).toFixed(0).padStart(4)}-${(l.y1 / k).toFixed(0).padEnd(4)} ${ws.join(' ')}`);
}
