import fs from 'node:fs';
import { openPdf, textLayerPage } from '../src/1-extract/pdf.js';
const [file, pn, y0, y1] = process.argv.slice(2);
const doc = await openPdf(fs.readFileSync(file!), { file: file! });
const p = await textLayerPage(doc, Number(pn), file!);
for (const w of p.words) if (w.y0 >= Number(y0 ?? 0) && w.y0 <= Number(y1 ?? 9999)) console.log(w.x0.toFixed(1), w.x1.toFixed(1), w.y0.toFixed(1), w.y1.toFixed(1), JSON.stringify(w.text));
console.log('rules', p.rules.filter(r => r.y0 >= Number(y0 ?? 0) && r.y0 <= Number(y1 ?? 9999)).map(r => [r.x0, r.y0, r.x1, r.y1].map(v => v.toFixed(0)).join(',')).join(' '));
