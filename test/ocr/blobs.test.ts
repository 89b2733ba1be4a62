import { describe, expect, it } from 'vitest';
import { figuresApart, wordBlobs } from '../../src/2-ocr/cells.js';
import { binarize, components, createGray, nearDark, type Gray } from '../../src/2-ocr/image.js';

function fill(img: Gray, x0: number, y0: number, x1: number, y1: number, v: number): void {
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) img.data[y * img.width + x] = v;
}

describe('word-sized blobs across a separator', () => {
  // 200 dpi (no half-resolution copy, smear 6 px): figures 20 px tall, 12 px apart — past
  // the smear and past 0.4 of their height, as in Courier, where the comma of `1,200` has a
  // character's width to itself.
  const page = (mark: [number, number, number, number] | null) => {
    const img = createGray(400, 100, 240);
    fill(img, 100, 40, 108, 60, 20); // 1
    if (mark) fill(img, ...mark, 20);
    fill(img, 137, 40, 170, 60, 20); // 200
    return wordBlobs(binarize(img, 128), 200);
  };

  it('joins the figures on either side of a comma into one number', () => {
    expect(page([120, 54, 125, 62])).toEqual([{ x0: 100, y0: 40, x1: 170, y1: 62 }]);
  });

  it('keeps them apart without a mark between, or with one that is no point or comma', () => {
    expect(page(null)).toHaveLength(2);
    // A mark at the top of the line (an apostrophe), or as tall as a figure.
    expect(page([120, 40, 125, 46])).toHaveLength(2);
    expect(page([120, 40, 125, 60]).length).toBeGreaterThanOrEqual(2);
  });
});

describe('word-sized blobs among noise', () => {
  // The blobs as the plain search finds them (every earlier blob tried, first that joins wins).
  function plainMerge(blobs: Array<{ x0: number; y0: number; x1: number; y1: number }>, maxH: number) {
    let list = blobs.map((b) => ({ ...b })).sort((a, b) => a.x0 - b.x0);
    let merged = true;
    while (merged) {
      merged = false;
      const out: typeof list = [];
      const endsWithMark: boolean[] = [];
      const isMark = (b: (typeof list)[number], o: (typeof list)[number]) => {
        const oh = o.y1 - o.y0;
        return b.y1 - b.y0 <= 0.45 * oh && b.x1 - b.x0 <= 0.45 * oh && b.y0 >= o.y0 + 0.4 * oh && b.y1 >= o.y1 - 0.25 * oh;
      };
      for (const b of list) {
        const bh = b.y1 - b.y0;
        const k = out.findIndex((o, i) => {
          const oh = o.y1 - o.y0;
          const overlap = Math.min(o.y1, b.y1) - Math.max(o.y0, b.y0);
          const gap = b.x0 - o.x1;
          const reach = isMark(b, o) ? 0.8 * oh : endsWithMark[i] && bh >= 0.6 * oh ? 0.8 * bh : 0.4 * Math.max(oh, bh);
          return overlap >= 0.5 * Math.min(oh, bh) && gap <= reach && gap >= -Math.min(o.x1 - o.x0, b.x1 - b.x0);
        });
        const into = k < 0 ? undefined : out[k];
        if (into && Math.max(into.y1, b.y1) - Math.min(into.y0, b.y0) <= maxH) {
          endsWithMark[k] = b.x1 >= into.x1 ? isMark(b, into) : endsWithMark[k]!;
          into.x0 = Math.min(into.x0, b.x0);
          into.y0 = Math.min(into.y0, b.y0);
          into.x1 = Math.max(into.x1, b.x1);
          into.y1 = Math.max(into.y1, b.y1);
          merged = true;
        } else {
          out.push({ ...b });
          endsWithMark.push(false);
        }
      }
      list = out.sort((a, b) => a.x0 - b.x0);
    }
    return list;
  }

  it('joins the pieces of one number as the plain search does, on a page of scattered marks', () => {
    // 200 dpi (no half-resolution copy): lines of digit-sized marks, pieces of numbers set
    // a little apart, and scattered 3×3 marks of noise between them.
    const img = createGray(1200, 600, 240);
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    for (let row = 0; row < 10; row++) {
      const y = 30 + row * 55;
      for (let x = 40; x < 1100; x += 90 + Math.floor(rnd() * 40)) {
        fill(img, x, y, x + 8, y + 20, 20);
        fill(img, x + 12, y, x + 20, y + 20, 20);
        fill(img, x + 27, y + 3, x + 38, y + 20, 20); // 7 px on: past the smear (6), within 0.4 of a height (8)
      }
    }
    for (let i = 0; i < 3000; i++) {
      const x = Math.floor(rnd() * 1195);
      const y = Math.floor(rnd() * 595);
      fill(img, x, y, x + 3, y + 3, 20);
    }
    const bin = binarize(img, 128);
    const got = wordBlobs(bin, 200);
    expect(got.length).toBeGreaterThan(50);
    expect(got.filter((b) => b.x1 - b.x0 >= 38 && b.y1 - b.y0 <= 25).length).toBeGreaterThan(50);
    // The plain search over the same smeared components (wordBlobs' first steps, written out).
    const gap = Math.max(2, Math.round(0.03 * 200));
    const smeared = new Uint8Array(bin.data);
    for (let y = 0; y < bin.height; y++) {
      let last = -1;
      for (let x = 0; x < bin.width; x++) {
        if (!bin.data[y * bin.width + x]) continue;
        if (last >= 0 && x - last - 1 <= gap) smeared.fill(1, y * bin.width + last + 1, y * bin.width + x);
        last = x;
      }
    }
    expect(got).toEqual(expectedBlobs(smeared, bin.width, bin.height, plainMerge));
  });
});

function expectedBlobs(
  smeared: Uint8Array,
  w: number,
  h: number,
  merge: (b: Array<{ x0: number; y0: number; x1: number; y1: number }>, maxH: number) => Array<{ x0: number; y0: number; x1: number; y1: number }>,
) {
  const sdpi = 200;
  const minH = sdpi * 0.04;
  const maxH = sdpi * 0.3;
  const maxW = sdpi * 2.5;
  const blobs = components({ width: w, height: h, data: smeared })
    .filter((c) => c.area >= 2 && c.y1 - c.y0 <= maxH)
    .map((c) => ({ x0: c.x0, y0: c.y0, x1: c.x1, y1: c.y1 }));
  return merge(blobs, maxH).filter((c) => {
    const bw = c.x1 - c.x0;
    const bh = c.y1 - c.y0;
    return bh <= maxH && bw <= maxW && (bh >= minH || bw >= 2 * minH);
  });
}

describe('figures a stamp joined into one blob (figuresApart)', () => {
  // 200 dpi (no half-resolution copy): figures 20 px tall on one line, a stamp's lighter
  // letters between them (gray 120: ink at the threshold of 128, but no core), the print black
  // (20). The cores: 112 or darker.
  const stamped = (gap: number, stampShade = 120) => {
    const img = createGray(400, 100, 240);
    fill(img, 40, 40, 80, 60, 20); // 1,500
    fill(img, 80 + gap, 40, 110 + gap, 60, 20); // 300
    fill(img, 78, 36, 82 + gap, 50, stampShade); // the stamp's letters across the gap
    return img;
  };
  const cores = (img: Gray) => binarize(nearDark(img, { x0: 0, y0: 0, x1: img.width, y1: img.height }, 112, 1), 128);

  it('finds the figures a column apart once the lighter ink is gone', () => {
    const img = stamped(40);
    // At the page's threshold the stamp's letters join the two figures into one blob.
    expect(wordBlobs(binarize(img, 128), 200)).toHaveLength(1);
    expect(figuresApart(cores(img), 200, { x: 5, y: 7 })).toEqual([
      // (A pixel more of the stamp's ink where it touches a figure: see nearDark.)
      { x0: 45, y0: 46, x1: 86, y1: 67 },
      { x0: 124, y0: 46, x1: 155, y1: 67 },
    ]);
  });

  it('finds none where the marks stand closer than 1.2 figure heights (one figure, a separator lost)', () => {
    expect(figuresApart(cores(stamped(20)), 200, { x: 0, y: 0 })).toBeNull();
    expect(figuresApart(cores(stamped(30)), 200, { x: 0, y: 0 })).not.toBeNull();
  });

  it('finds none where the ink between is print (as dark as the figures)', () => {
    expect(figuresApart(cores(stamped(40, 20)), 200, { x: 0, y: 0 })).toBeNull();
  });

  it('takes no speck for a figure, nor figures on two lines', () => {
    const img = stamped(40);
    fill(img, 200, 55, 203, 58, 20); // a speck with a dark core, on the line
    expect(figuresApart(cores(img), 200, { x: 0, y: 0 })).toHaveLength(2);
    const two = createGray(400, 100, 240);
    fill(two, 40, 20, 80, 40, 20);
    fill(two, 130, 60, 160, 80, 20);
    expect(figuresApart(cores(two), 200, { x: 0, y: 0 })).toBeNull();
  });
});
