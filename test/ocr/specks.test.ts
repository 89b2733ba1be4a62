import { describe, expect, it } from 'vitest';
import { binarize, createGray, otsuThreshold, type Gray } from '../../src/2-ocr/image.js';
import { removeSpecks, speckArea, withoutGrain } from '../../src/2-ocr/specks.js';

function fill(img: Gray, x0: number, y0: number, x1: number, y1: number, v: number): void {
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) img.data[y * img.width + x] = v;
}
const at = (img: Gray, x: number, y: number) => img.data[y * img.width + x]!;

describe('specks of a scan', () => {
  // Grain: a pixel every 10 px over the bottom half of a 600 × 600 image (2 × 2 inches at
  // 300 dpi, 900 specks; 3 × 3 inches at 200 dpi): enough to make it a grainy page.
  function sprinkle(img: Gray): number {
    let n = 0;
    for (let y = 305; y < img.height; y += 10) for (let x = 5; x < img.width; x += 10, n++) img.data[y * img.width + x] = 40;
    return n;
  }

  it('takes out marks of a pixel or two on a grainy page, and leaves points, strokes and marks touching print', () => {
    const img = createGray(600, 600, 235);
    const grain = sprinkle(img);
    fill(img, 5, 5, 6, 6, 30); // one pixel
    fill(img, 10, 5, 12, 6, 30); // two side by side
    fill(img, 15, 5, 17, 7, 30); // 2×2 with one corner light: three pixels
    img.data[6 * 600 + 16] = 235;
    fill(img, 40, 2, 43, 30, 30); // a digit's stroke, with beside it:
    fill(img, 35, 5, 37, 7, 30); // a full 2×2 (a point at 200 dpi)
    fill(img, 45, 5, 46, 8, 30); // 1×3 (a thin stroke's piece)
    fill(img, 43, 30, 44, 31, 30); // a pixel touching it diagonally
    const { img: out, specks } = removeSpecks(img, 128, 300);
    expect(specks).toBe(grain + 3);
    expect(at(out, 5, 5)).toBe(255);
    expect(at(out, 10, 5)).toBe(255);
    expect(at(out, 11, 5)).toBe(255);
    expect(at(out, 15, 5)).toBe(255);
    expect(at(out, 16, 5)).toBe(255);
    expect(at(out, 16, 6)).toBe(235); // paper stays as it was
    expect(at(out, 35, 5)).toBe(30);
    expect(at(out, 45, 6)).toBe(30);
    expect(at(out, 43, 30)).toBe(30);
    expect(at(out, 305, 405)).toBe(255);
    expect(img.data[5 * 600 + 5]).toBe(30); // the input is not changed
  });

  it('keeps a three-pixel mark at 200 dpi, where a point may be that small, and clumps of grain', () => {
    expect(speckArea(200)).toBe(2);
    expect(speckArea(300)).toBe(3);
    const img = createGray(600, 600, 240);
    const grain = sprinkle(img);
    fill(img, 9, 2, 12, 20, 20); // a stroke, and 2 px before it three pixels of a 2×2
    fill(img, 5, 5, 7, 7, 20);
    img.data[6 * 600 + 6] = 240;
    fill(img, 100, 12, 101, 14, 20); // two pixels
    fill(img, 200, 100, 203, 102, 20); // a clump far from print: at 200 dpi, as big as a blurred rule's bits
    const { img: out, specks } = removeSpecks(img, 128, 200);
    expect(specks).toBe(grain + 1);
    expect(at(out, 5, 5)).toBe(20);
    expect(at(out, 100, 12)).toBe(255);
    expect(at(out, 201, 101)).toBe(20);
  });

  it('gives a grainy page without its grain, at the threshold of the page without it', () => {
    // Print (30) in bars on paper of 200–250; grain of 60, and of 150 (paper at both thresholds).
    const img = createGray(600, 600, 235);
    for (let i = 0; i < img.data.length; i++) img.data[i] = 200 + ((i * 7919) % 51);
    for (let y = 20; y < 580; y += 40) for (let x = 20; x < 580; x += 30) fill(img, x, y, x + 8, y + 20, 30);
    const print = new Uint8Array(img.data);
    for (let y = 2; y < 600; y += 6) for (let x = 2; x < 600; x += 6) if (at(img, x, y) >= 200) img.data[y * 600 + x] = (x + y) % 12 === 4 ? 60 : 150;
    const out = withoutGrain(img, 300);
    // The threshold is the page's once the grain that was ink at the first one is gone.
    expect(out.threshold).toBe(otsuThreshold(removeSpecks(img, otsuThreshold(img), 300).img));
    // No grain is left at it, and the print is whole.
    expect(removeSpecks(out.img, out.threshold, 300, true).specks).toBe(0);
    for (let y = 0; y < 600; y++) for (let x = 0; x < 600; x++) if (print[y * 600 + x] === 30) expect(at(out.img, x, y)).toBe(30);
    expect(out.specks).toBeGreaterThan(3500); // the grain of 60
    expect(out.bin.data).toEqual(binarize(out.img, out.threshold).data);
  });

  it('leaves a clean page as it is, with its threshold', () => {
    const img = createGray(600, 600, 240);
    fill(img, 5, 5, 6, 6, 20);
    fill(img, 100, 100, 110, 130, 20);
    const out = withoutGrain(img, 300);
    expect(out.img).toBe(img);
    expect(out.threshold).toBe(otsuThreshold(img));
    expect(out.bin.data).toEqual(binarize(img, out.threshold).data);
  });

  it('leaves a clean page as it is: its few specks stay', () => {
    const img = createGray(600, 600, 240);
    fill(img, 5, 5, 6, 6, 20);
    fill(img, 100, 100, 110, 130, 20);
    const { img: out, specks } = removeSpecks(img, 128, 300);
    expect(out).toBe(img);
    expect(specks).toBe(0);
  });

  // 2 × 2 inches at 300 dpi, a digit's strokes with a point beside them, a clump of three
  // pixels by two far from any print, and (when grainy) a grain every 10 px.
  function page(grainy: boolean): Gray {
    const img = createGray(600, 600, 235);
    if (grainy) for (let y = 5; y < 600; y += 10) for (let x = 5; x < 600; x += 10) img.data[y * 600 + x] = 40;
    fill(img, 300, 300, 303, 330, 30); // a digit's stroke
    fill(img, 306, 326, 309, 329, 30); // a point 3 px after it
    fill(img, 100, 101, 103, 103, 30); // a clump, 3×2
    return img;
  }
  const clumpGone = (img: Gray) => at(img, 101, 101) === 255;

  it('on a grainy page, also takes out clumps of grain far from print, and keeps a point beside a digit', () => {
    const { img, specks } = removeSpecks(page(true), 128, 300);
    // Every grain but the one at (305, 325), which touches the point, and the clump.
    expect(specks).toBe(60 * 60 - 1 + 1);
    expect(clumpGone(img)).toBe(true);
    expect(at(img, 307, 327)).toBe(30);
    expect(at(img, 301, 310)).toBe(30);
  });

  it('leaves such a clump on a clean page (grain or print, it is not told there)', () => {
    const { img, specks } = removeSpecks(page(false), 128, 300);
    expect(specks).toBe(0);
    expect(clumpGone(img)).toBe(false);
  });
});
