/**
 * Run by offline.test.ts in a child process with the network blocked: makes a
 * small ruled PDF page, OCRs it with a fresh engine, prints the page as JSON.
 */
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import { openPdf } from '../../src/1-extract/pdf.js';
import { createOcrEngine } from '../../src/2-ocr/index.js';

const pdf = await PDFDocument.create();
const font = await pdf.embedFont(StandardFonts.Helvetica);
const page = pdf.addPage([300, 160]);
page.drawText('AVANCE FISICO', { x: 20, y: 130, size: 12, font, color: rgb(0, 0, 0) });
// A 3×2 grid with numbers.
const xs = [20, 120, 200, 280];
const ys = [100, 70, 40];
for (const y of ys) page.drawLine({ start: { x: xs[0]!, y }, end: { x: xs[3]!, y }, thickness: 0.8 });
for (const x of xs) page.drawLine({ start: { x, y: ys[0]! }, end: { x, y: ys[2]! }, thickness: 0.8 });
const cells = [['Informe', '1', '25%'], ['Sesiones', '12', '(3.50)']];
cells.forEach((row, r) =>
  row.forEach((t, c) => page.drawText(t, { x: xs[c]! + 8, y: ys[r]! - 20, size: 10, font, color: rgb(0, 0, 0) })),
);
const bytes = await pdf.save();
const doc = await openPdf(bytes, { file: 'offline.pdf' });
const engine = await createOcrEngine({ jobs: 1, dpi: 300 });
try {
  const p = await engine.readPdfPage(doc, 1, 'offline.pdf');
  process.stdout.write(JSON.stringify({ words: p.words.map((w) => ({ text: w.text, cellRead: w.cellRead ?? false, illegible: w.illegible ?? false })), rules: p.rules.length }));
} finally {
  await engine.close();
  await doc.destroy();
}
