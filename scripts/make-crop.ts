/**
 * Cuts a region of a scanned page, as the PDF holds it (before any deskew),
 * into a grayscale JPEG: a small test image of a case a whole scan would make
 * slow to test. The region is in PDF points from the page's top left.
 *
 *   npx tsx scripts/make-crop.ts <scan.pdf> <page> <x> <y> <width> <height> <out.jpg>
 *
 * The crops in fixtures/scanned/crops/ and the commands that made them:
 *
 *   gothic-zeros.jpg — obras2024 p5 in URW Gothic, its acción 3's lines of lone `0`s:
 *     npx tsx scripts/make-fixtures.ts --font /usr/share/fonts/opentype/urw-base35/URWGothic-Book.otf,/usr/share/fonts/opentype/urw-base35/URWGothic-Demi.otf --out out/font-gothic obras2024
 *     npx tsx scripts/make-scans.ts --out out/heldout-fgo --seed f21 ../out/font-gothic/obras2024@300
 *     npx tsx scripts/make-crop.ts out/heldout-fgo/obras2024-300.pdf 5 420 160 360 86 fixtures/scanned/crops/gothic-zeros.jpg
 *
 *   percent-nine.jpg — seguridad2024 p3 in P052, a `96` among plain percentages read `9%`:
 *     npx tsx scripts/make-fixtures.ts --font /usr/share/fonts/opentype/urw-base35/P052-Roman.otf,/usr/share/fonts/opentype/urw-base35/P052-Bold.otf --out out/font-p052 seguridad2024
 *     npx tsx scripts/make-scans.ts --out out/heldout-p052 --seed f20 ../out/font-p052/seguridad2024@300
 *     npx tsx scripts/make-crop.ts out/heldout-p052/seguridad2024-300.pdf 3 380 150 340 100 fixtures/scanned/crops/percent-nine.jpg
 *
 *   stamp-joined.jpg — stress2-filas p1 in DejaVu Serif Condensed, a stamp across a table without rules:
 *     npx tsx scripts/make-fixtures.ts --font /usr/share/fonts/truetype/dejavu/DejaVuSerifCondensed.ttf,/usr/share/fonts/truetype/dejavu/DejaVuSerifCondensed-Bold.ttf --out out/font-dsc stress2-filas
 *     npx tsx scripts/make-scans.ts --out out/heldout-dsc --seed f26 ../out/font-dsc/stress2-filas@300
 *     npx tsx scripts/make-crop.ts out/heldout-dsc/stress2-filas-300.pdf 1 20 110 720 95 fixtures/scanned/crops/stamp-joined.jpg
 *
 *   dollar-nine.jpg — stress3-mixto p3 in Nimbus Mono PS, a `90` read `$ 0` by its shape:
 *     bash scripts/make-heldout.sh mono
 *     npx tsx scripts/make-crop.ts out/heldout-mono/stress3-mixto-300.pdf 3 360 255 580 70 fixtures/scanned/crops/dollar-nine.jpg
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createCanvas } from '@napi-rs/canvas';
import { openPdf } from '../src/1-extract/pdf.js';
import { crop } from '../src/2-ocr/image.js';
import { pageImage } from '../src/2-ocr/source.js';

const args = process.argv.slice(2);
if (args.length !== 7) throw new Error('usage: npx tsx scripts/make-crop.ts <scan.pdf> <page> <x> <y> <width> <height> <out.jpg>');
const [file, page, x, y, width, height, out] = args as [string, string, string, string, string, string, string];
const doc = await openPdf(new Uint8Array(readFileSync(file)), { file });
const img = await pageImage(doc, Number(page), 300);
const k = img.scale;
const g = crop(img.gray, { x0: Math.round(+x * k), y0: Math.round(+y * k), x1: Math.round((+x + +width) * k), y1: Math.round((+y + +height) * k) });
const canvas = createCanvas(g.width, g.height);
const ctx = canvas.getContext('2d');
const data = ctx.createImageData(g.width, g.height);
for (let i = 0; i < g.data.length; i++) {
  data.data[4 * i] = data.data[4 * i + 1] = data.data[4 * i + 2] = g.data[i]!;
  data.data[4 * i + 3] = 255;
}
ctx.putImageData(data, 0, 0);
writeFileSync(out, canvas.toBuffer('image/jpeg', 90));
console.log(`${out}: ${g.width}×${g.height} px at ${Math.round(k * 72)} dpi`);
