/**
 * The image of a PDF page for OCR: the embedded scan when the page is nothing
 * but one upright image covering it (taken at its own resolution, no
 * resampling), else the page rendered at the requested dpi.
 */
import { pdfjs } from '../1-extract/pdfjs.js';
import { multiply, type Matrix } from '../1-extract/pdf.js';
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';
import { toGray, type Gray } from './image.js';

export interface PageImage {
  gray: Gray;
  /** Pixels per PDF point. */
  scale: number;
  /** Pixels per inch (scale × 72). */
  dpi: number;
  /** Taken from the page's embedded image (true) or rendered (false). */
  embedded: boolean;
  /** Page size in points. */
  pageWidth: number;
  pageHeight: number;
}

interface DecodedImage {
  width: number;
  height: number;
  kind?: number;
  data?: Uint8Array | Uint8ClampedArray;
}

/** Operators a page that is "one scanned image" may contain besides the image itself. */
const HARMLESS = new Set<number>([
  pdfjs.OPS.save,
  pdfjs.OPS.restore,
  pdfjs.OPS.transform,
  pdfjs.OPS.dependency,
  pdfjs.OPS.setGState,
  pdfjs.OPS.beginMarkedContent,
  pdfjs.OPS.beginMarkedContentProps,
  pdfjs.OPS.endMarkedContent,
]);

/**
 * The page's single image when the page is one upright image covering at least
 * 90% of it (a scan), else null.
 */
async function embeddedImage(page: PDFPageProxy): Promise<{ img: DecodedImage; ctm: Matrix } | null> {
  if (page.rotate % 360 !== 0) return null;
  const ops = await page.getOperatorList();
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  let found: { id: string; ctm: Matrix } | null = null;
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i]!;
    const args = ops.argsArray[i] as unknown[];
    if (fn === pdfjs.OPS.save) stack.push(ctm);
    else if (fn === pdfjs.OPS.restore) ctm = stack.pop() ?? [1, 0, 0, 1, 0, 0];
    else if (fn === pdfjs.OPS.transform) ctm = multiply(ctm, args as Matrix);
    else if (fn === pdfjs.OPS.paintImageXObject) {
      if (found) return null;
      found = { id: String(args[0]), ctm };
    } else if (!HARMLESS.has(fn)) return null;
  }
  if (!found) return null;
  const [a, b, c, d] = found.ctm;
  if (Math.abs(b) > 1e-6 || Math.abs(c) > 1e-6 || a <= 0 || d <= 0) return null;
  const [, , pw, ph] = page.view.map((v, i) => (i < 2 ? v : v - page.view[i - 2]!)) as [number, number, number, number];
  if (a * d < 0.9 * pw * ph) return null;
  const id = found.id;
  const img = await new Promise<DecodedImage>((resolve) => page.objs.get(id, resolve as (v: unknown) => void));
  if (!img || !img.data || !img.width || !img.height) return null;
  return { img, ctm: found.ctm };
}

/** Gray pixels from pdfjs's decoded image (kind 1: 1 bit per pixel, 2: RGB, 3: RGBA). */
function decodedToGray(img: DecodedImage): Gray | null {
  const { width, height, data } = img;
  if (!data) return null;
  const n = width * height;
  if (img.kind === 2 && data.length >= 3 * n) return toGray(data, width, height, 3);
  if (img.kind === 3 && data.length >= 4 * n) return toGray(data, width, height, 4);
  if (img.kind === 1) {
    const rowBytes = (width + 7) >> 3;
    const out = new Uint8Array(n);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const bit = (data[y * rowBytes + (x >> 3)]! >> (7 - (x & 7))) & 1;
        // pdfjs's 1bpp grayscale: 1 is white.
        out[y * width + x] = bit ? 255 : 0;
      }
    }
    return { width, height, data: out };
  }
  return null;
}

interface CanvasLike {
  width: number;
  height: number;
}
interface ContextLike {
  fillStyle: string;
  fillRect(x: number, y: number, w: number, h: number): void;
  getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
}
interface CanvasFactoryLike {
  create(w: number, h: number): { canvas: CanvasLike; context: ContextLike };
  destroy(c: { canvas: CanvasLike; context: ContextLike }): void;
}

/** Renders the page at `dpi` with pdfjs and the canvas factory pdfjs itself uses. */
async function renderPage(doc: PDFDocumentProxy, page: PDFPageProxy, dpi: number): Promise<Gray> {
  const viewport = page.getViewport({ scale: dpi / 72 });
  const w = Math.max(1, Math.round(viewport.width));
  const h = Math.max(1, Math.round(viewport.height));
  const factory = (doc as unknown as { canvasFactory: CanvasFactoryLike }).canvasFactory;
  const cc = factory.create(w, h);
  try {
    cc.context.fillStyle = '#ffffff';
    cc.context.fillRect(0, 0, w, h);
    await page.render({ canvasContext: cc.context as never, canvas: cc.canvas as never, viewport }).promise;
    const rgba = cc.context.getImageData(0, 0, w, h).data;
    return toGray(rgba, w, h, 4);
  } finally {
    factory.destroy(cc);
  }
}

/** The image to OCR for page `number` (1-based). */
export async function pageImage(doc: PDFDocumentProxy, number: number, dpi: number): Promise<PageImage> {
  const page = await doc.getPage(number);
  try {
    const vp = page.getViewport({ scale: 1 });
    const emb = await embeddedImage(page).catch(() => null);
    if (emb) {
      const gray = decodedToGray(emb.img);
      if (gray) {
        // Pixels per point along x: the image spans ctm[0] points.
        const scale = gray.width / emb.ctm[0];
        return { gray, scale, dpi: scale * 72, embedded: true, pageWidth: vp.width, pageHeight: vp.height };
      }
    }
    const gray = await renderPage(doc, page, dpi);
    return { gray, scale: dpi / 72, dpi, embedded: false, pageWidth: vp.width, pageHeight: vp.height };
  } finally {
    page.cleanup();
  }
}
