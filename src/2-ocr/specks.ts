/**
 * Grain: the noise of a poor scan (dust, toner, a scanner's grain) is ink
 * marks of a pixel or two, scattered over the whole page; a grainy page has a
 * hundred thousand of them. Tesseract's page layout takes every one for a
 * piece of text, and finding the word-sized blobs of a table without rules
 * joined them to the figures: both got slow beyond use (a page read for a
 * quarter of an hour and more), and read worse.
 *
 * On a grainy page (GRAINY_PER_SQUARE_INCH), a mark that stands alone
 * (nothing touches it), fits in 2×2 pixels and has at most speckArea(dpi) of
 * them is brought to the paper's tone before anything is read: the smallest
 * printed mark of these reports, a point in 6 pt type, fills 2×2 pixels at
 * 200 dpi and more at 300. Every pixel of a mark that fits in 2×2 touches the
 * others, so whitening its box whitens that mark and nothing else. A clean
 * page is left as it is.
 */
import { binarize, components, inkCount, otsuThreshold, type Binary, type Gray, type Rect } from './image.js';

/** Specks per square inch that make a page grainy (measured: clean scans have 0–2, grainy ones hundreds to thousands). */
export const GRAINY_PER_SQUARE_INCH = 150;

/** The most pixels a speck has: 2 at 200 dpi (a point is 2×2 there), 3 from 250 dpi up. */
export function speckArea(dpi: number): number {
  return dpi >= 250 ? 3 : 2;
}

/**
 * A grainy page without its grain, and the ink threshold of what is left; a clean page as it
 * is, with the threshold it has. Without the grain, Otsu's threshold between paper and print
 * is higher (6 to 17 levels on four grainy pages measured), and the print is read better at
 * it (held-out grainy stress2-estimacion: 234 → 250 of 366 fields exact). At that threshold
 * the grain is taken out once more: grain lighter than the first threshold is ink at the
 * second. Also returns the image's ink at that threshold (`bin`), and how many marks were
 * taken out.
 */
export function withoutGrain(img: Gray, dpi: number): { img: Gray; threshold: number; bin: Binary; specks: number } {
  const first = otsuThreshold(img);
  const once = removeSpecks(img, first, dpi);
  if (once.specks === 0) return { img, threshold: first, bin: once.bin, specks: 0 };
  const threshold = otsuThreshold(once.img);
  const twice = removeSpecks(once.img, threshold, dpi, true);
  return { img: twice.img, threshold, bin: twice.bin, specks: once.specks + twice.specks };
}

/**
 * `img` with its specks (marks at or below `threshold` that fit in 2×2 pixels and have at
 * most speckArea(dpi) pixels), and clumps of grain far from print, turned to paper (255),
 * when the page is grainy (or `grainy` says so); else the same image. Also returns the ink of
 * the image returned (`bin`, at `threshold`) and how many marks were taken out.
 */
export function removeSpecks(img: Gray, threshold: number, dpi: number, grainy = false): { img: Gray; bin: Binary; specks: number } {
  const bin = binarize(img, threshold);
  const most = speckArea(dpi);
  const specks = components(bin).filter((c) => c.area <= most && c.x1 - c.x0 <= 2 && c.y1 - c.y0 <= 2);
  // On a clean page the few there are stay: the page is read as it always was.
  if (!grainy && specks.length < GRAINY_PER_SQUARE_INCH * (img.width / dpi) * (img.height / dpi)) return { img, bin, specks: 0 };
  const data = new Uint8Array(img.data);
  const W = img.width;
  const whiten = (c: Rect) => {
    for (let y = c.y0; y < c.y1; y++) {
      for (let x = c.x0; x < c.x1; x++) {
        if (bin.data[y * W + x]) {
          data[y * W + x] = 255;
          bin.data[y * W + x] = 0;
        }
      }
    }
  };
  for (const c of specks) whiten(c);
  let count = specks.length;
  // Grain has bigger grains too (clumps of a few pixels, which JPEG makes of it), and they
  // join figures to their neighbours. On a grainy page a mark up to a point's size with no
  // print near it is grain as well: a point or a comma lies close to the digits it
  // separates, an accent close to its letter. (Print: the marks bigger than that; grains
  // beside each other are no print. A box that holds another mark's pixels too is left.)
  // Not below 250 dpi, where a point's size is that of the bits a blurred rule breaks into:
  // measured on a grainy 200 dpi page, eight rows of its table were lost with them.
  if (dpi < 250) return { img: { width: img.width, height: img.height, data }, bin, specks: count };
  const side = Math.ceil((4 * dpi) / 300);
  const most2 = Math.round(12 * (dpi / 300) ** 2);
  const near = Math.max(2, Math.round(0.02 * dpi));
  const grains = components(bin).filter((c) => c.area <= most2 && c.x1 - c.x0 <= side && c.y1 - c.y0 <= side && inkCount(bin, c) === c.area);
  const print: Binary = { width: W, height: img.height, data: new Uint8Array(bin.data) };
  for (const c of grains) for (let y = c.y0; y < c.y1; y++) print.data.fill(0, y * W + c.x0, y * W + c.x1);
  for (const c of grains) {
    if (inkCount(print, { x0: c.x0 - near, y0: c.y0 - near, x1: c.x1 + near, y1: c.y1 + near }) > 0) continue;
    whiten(c);
    count++;
  }
  return { img: { width: img.width, height: img.height, data }, bin, specks: count };
}

