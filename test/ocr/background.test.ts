import { describe, expect, it } from 'vitest';
import { flattenShading, paperLevel } from '../../src/2-ocr/background.js';
import { binarize, createGray, otsuThreshold, type Gray } from '../../src/2-ocr/image.js';

function fill(img: Gray, x0: number, y0: number, x1: number, y1: number, v: number): void {
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) img.data[y * img.width + x] = v;
}

describe('background flattening', () => {
  it('finds the paper level', () => {
    const img = createGray(100, 100, 228);
    fill(img, 10, 10, 30, 30, 20);
    expect(paperLevel(img)).toBe(228);
  });

  it('brings a shaded header block to the paper, its print kept dark, the rest untouched', () => {
    // 200 dpi: paper 225, a header block shaded 170 (60 px tall), print 40 on it and on the paper.
    const img = createGray(300, 240, 225);
    fill(img, 0, 40, 300, 100, 170);
    fill(img, 20, 60, 23, 80, 40); // strokes on the shading
    fill(img, 60, 60, 63, 80, 40);
    fill(img, 20, 140, 23, 160, 40); // a stroke on the paper
    fill(img, 200, 120, 260, 180, 50); // a blot wider than the window
    // Dense blurred print on the paper: strokes 2 px apart in lines 8 px apart.
    for (let y = 190; y < 236; y += 12) for (let x = 100; x < 180; x += 4) fill(img, x, y, x + 2, y + 8, 120);
    const flat = flattenShading(img, 200);
    const at = (x: number, y: number) => flat.data[y * flat.width + x]!;
    expect(at(150, 70)).toBe(225); // the shading, now paper
    expect(at(150, 49)).toBe(225); // near the block edge too (a window and a block from it)
    expect(at(21, 70)).toBeLessThanOrEqual(55); // print on the shading
    // Everything off the shading is as it was.
    for (let y = 110; y < 240; y++) for (let x = 0; x < 300; x++) expect(at(x, y)).toBe(img.data[y * 300 + x]);
    // Binarized as the engine does, the shaded block holds only its print.
    const bin = binarize(flat, otsuThreshold(flat));
    let ink = 0;
    for (let y = 40; y < 100; y++) for (let x = 0; x < 300; x++) ink += bin.data[y * 300 + x]!;
    expect(ink).toBe(2 * 3 * 20);
  });

  it('flattens shaded cells parted by white borders (the stress2 forms), and a light tint by degrees', () => {
    // 200 dpi: rows of shaded cells 30 px tall, 2 px white borders between them.
    const img = createGray(300, 200, 239);
    for (let y = 20; y < 116; y += 32) for (let x = 0; x < 300; x += 62) fill(img, x, y, x + 60, y + 30, 180);
    fill(img, 30, 60, 33, 75, 40); // print in a cell
    // A tint at 90% of the paper: between no change (95%) and full (85%).
    fill(img, 0, 140, 300, 200, 215);
    const flat = flattenShading(img, 200);
    const at = (x: number, y: number) => flat.data[y * flat.width + x]!;
    for (const [x, y] of [[10, 35], [100, 70], [250, 100]] as const) expect(at(x, y)).toBeGreaterThanOrEqual(235);
    expect(at(31, 68)).toBeLessThanOrEqual(60);
    expect(at(150, 170)).toBeGreaterThan(215);
    expect(at(150, 170)).toBeLessThan(239);
  });

  it('returns a page without shading as it came', () => {
    const img = createGray(200, 200, 230);
    fill(img, 20, 20, 25, 60, 30);
    expect(flattenShading(img, 200)).toBe(img);
  });
});
