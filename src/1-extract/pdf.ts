/**
 * Stage 1a — extract: a PDF's text layer and ruling lines → `Page` (IR).
 *
 * Input: the bytes of a PDF. Output: one `Page` per page, with words in page
 * points (origin top-left) and the ruling lines drawn by the page's path
 * operators. Pages without a usable text layer are reported as such so the OCR
 * stage can read them instead.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pdfjs } from './pdfjs.js';
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';
import { PoaError } from '../errors.js';
import type { Page, Rule, Word } from '../ir/page.js';

export type { PDFDocumentProxy, PDFPageProxy };

const require = createRequire(import.meta.url);
const pdfjsRoot = path.dirname(require.resolve('pdfjs-dist/package.json'));
/**
 * Standard fonts and CMaps ship inside pdfjs-dist: no network, ever. In Node
 * pdfjs reads them from plain paths (with a trailing separator), not file: URLs.
 */
const STANDARD_FONTS = path.join(pdfjsRoot, 'standard_fonts') + path.sep;
const CMAPS = path.join(pdfjsRoot, 'cmaps') + path.sep;

export interface OpenPdfOptions {
  password?: string;
  /** Name used in error messages. */
  file: string;
}

/**
 * Opens a PDF from bytes. Untrusted input: eval is off, fonts are not
 * installed as system fonts, and nothing is fetched.
 */
export async function openPdf(bytes: Uint8Array, opts: OpenPdfOptions): Promise<PDFDocumentProxy> {
  if (bytes.length === 0) {
    throw new PoaError('POA_INPUT_EMPTY', `${opts.file}: the file is empty (0 bytes)`, { file: opts.file });
  }
  const head = Buffer.from(bytes.subarray(0, Math.min(bytes.length, 1024))).toString('latin1');
  if (!head.includes('%PDF-')) {
    throw new PoaError('POA_INPUT_NOT_PDF', `${opts.file}: not a PDF (no %PDF- header)`, { file: opts.file });
  }
  const task = pdfjs.getDocument({
    // pdfjs takes ownership of (and may detach) the buffer it is given.
    data: new Uint8Array(bytes),
    password: opts.password,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    standardFontDataUrl: STANDARD_FONTS,
    cMapUrl: CMAPS,
    cMapPacked: true,
    stopAtErrors: false,
    verbosity: 0,
  });
  try {
    return await task.promise;
  } catch (err) {
    await task.destroy().catch(() => undefined);
    const e = err as { name?: string; code?: number; message?: string };
    if (e?.name === 'PasswordException') {
      const wrong = e.code === 2;
      throw new PoaError(
        wrong ? 'POA_PDF_WRONG_PASSWORD' : 'POA_PDF_ENCRYPTED',
        wrong
          ? `${opts.file}: the password given does not open this encrypted PDF`
          : `${opts.file}: the PDF is encrypted; give its password with --password`,
        { file: opts.file },
      );
    }
    throw new PoaError(
      'POA_PDF_UNREADABLE',
      `${opts.file}: the PDF cannot be read (${oneLine(e?.message ?? String(err))}); it may be truncated or damaged`,
      { file: opts.file },
    );
  }
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** A PDF transformation matrix [a b c d e f]. */
export type Matrix = [number, number, number, number, number, number];

/** m × n, as PDF concatenates transformation matrices. */
export function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[2] * n[1],
    m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3],
    m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4],
    m[1] * n[4] + m[3] * n[5] + m[5],
  ];
}

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/** Longest side of a filled rectangle that still counts as a ruling line, points. */
const MAX_RULE_THICKNESS = 2.5;

/**
 * Ruling lines from the page's drawing operators: stroked straight segments
 * (axis-aligned), the edges of stroked rectangles, and thin filled rectangles
 * (how spreadsheets export cell borders). Returned in viewport coordinates.
 */
async function extractRules(page: PDFPageProxy, viewport: Matrix): Promise<Rule[]> {
  const ops = await page.getOperatorList();
  const { OPS } = pdfjs;
  const rules: Rule[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  const strokeOps = new Set<number>([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const fillOps = new Set<number>([OPS.fill, OPS.eoFill]);

  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i] as unknown[];
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? [1, 0, 0, 1, 0, 0];
    else if (fn === OPS.transform) ctm = multiply(ctm, args as Matrix);
    else if (fn === OPS.constructPath) {
      const paint = args[0] as number;
      const data = (args[1] as unknown[])?.[0];
      if (!(data instanceof Float32Array)) continue;
      const stroked = strokeOps.has(paint);
      const filled = fillOps.has(paint);
      if (!stroked && !filled) continue;
      const m = multiply(viewport, ctm);
      for (const poly of polylines(data)) {
        const pts = poly.map(([x, y]) => apply(m, x, y));
        if (stroked) {
          for (let k = 1; k < pts.length; k++) pushSegment(rules, pts[k - 1]!, pts[k]!);
        } else if (pts.length >= 4) {
          const xs = pts.map((p) => p[0]);
          const ys = pts.map((p) => p[1]);
          const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
          if (y1 - y0 <= MAX_RULE_THICKNESS && x1 - x0 > y1 - y0) {
            const y = (y0 + y1) / 2;
            rules.push({ x0, y0: y, x1, y1: y });
          } else if (x1 - x0 <= MAX_RULE_THICKNESS && y1 - y0 > x1 - x0) {
            const x = (x0 + x1) / 2;
            rules.push({ x0: x, y0, x1: x, y1 });
          }
        }
      }
    }
  }
  return rules;
}

/** Splits a pdfjs DrawOPS buffer into polylines (curves are skipped: tables are straight). */
function polylines(data: Float32Array): Array<Array<[number, number]>> {
  const out: Array<Array<[number, number]>> = [];
  let cur: Array<[number, number]> = [];
  let i = 0;
  while (i < data.length) {
    const op = data[i++]!;
    if (op === 0) {
      if (cur.length > 1) out.push(cur);
      cur = [[data[i]!, data[i + 1]!]];
      i += 2;
    } else if (op === 1) {
      cur.push([data[i]!, data[i + 1]!]);
      i += 2;
    } else if (op === 2) {
      if (cur.length > 1) out.push(cur);
      cur = [[data[i + 4]!, data[i + 5]!]];
      i += 6;
    } else if (op === 3) {
      if (cur.length > 1) out.push(cur);
      cur = [[data[i + 2]!, data[i + 3]!]];
      i += 4;
    } else if (op === 4) {
      if (cur.length > 0) cur.push(cur[0]!);
    } else break;
  }
  if (cur.length > 1) out.push(cur);
  return out;
}

function pushSegment(rules: Rule[], a: [number, number], b: [number, number]): void {
  const [ax, ay] = a;
  const [bx, by] = b;
  if (Math.abs(ay - by) < 0.5 && Math.abs(ax - bx) > 0.5) {
    const y = (ay + by) / 2;
    rules.push({ x0: Math.min(ax, bx), y0: y, x1: Math.max(ax, bx), y1: y });
  } else if (Math.abs(ax - bx) < 0.5 && Math.abs(ay - by) > 0.5) {
    const x = (ax + bx) / 2;
    rules.push({ x0: x, y0: Math.min(ay, by), x1: x, y1: Math.max(ay, by) });
  }
}

interface TextItemLike {
  str: string;
  transform: number[];
  width: number;
  height: number;
}

/** Reads one page's text layer and ruling lines. */
export async function textLayerPage(doc: PDFDocumentProxy, number: number, file: string): Promise<Page> {
  const page = await doc.getPage(number);
  try {
    const vp = page.getViewport({ scale: 1 });
    const viewport = vp.transform as Matrix;
    const content = await page.getTextContent();
    const words: Word[] = [];
    for (const raw of content.items) {
      const item = raw as Partial<TextItemLike>;
      if (typeof item.str !== 'string' || !item.transform) continue;
      const text = item.str.replace(/\s+/g, ' ').trim();
      if (text === '') continue;
      const t = multiply(viewport, item.transform as Matrix);
      // Font size along the text's own vertical axis, in viewport units.
      const size = Math.hypot(t[2], t[3]) || item.height || 1;
      const x0 = t[4];
      const baseline = t[5];
      const width = (item.width ?? 0) * (Math.hypot(viewport[0], viewport[1]) || 1);
      words.push({
        text,
        x0,
        x1: x0 + width,
        y0: baseline - size * 0.8,
        y1: baseline + size * 0.2,
      });
    }
    const rules = await extractRules(page, viewport);
    return {
      file,
      number,
      width: vp.width,
      height: vp.height,
      source: 'texto',
      words,
      rules,
      scale: 1,
    };
  } finally {
    page.cleanup();
  }
}

/**
 * A page has a usable text layer when it carries enough real characters;
 * a scanned page has none (or only a few stray ones from an OCR'd layer).
 */
export function hasUsableText(page: Page): boolean {
  let letters = 0;
  for (const w of page.words) letters += w.text.replace(/[^\p{L}\p{N}]/gu, '').length;
  return letters >= 20;
}
