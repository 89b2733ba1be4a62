/**
 * Stage 2 — OCR: a page image → `Page` (IR) with words, confidences and the
 * ruling lines found in the image (pixels of the corrected image, origin
 * top-left; `scale` pixels per PDF point).
 *
 * 1. Geometry: text direction from the shape of word blobs (a page turned
 *    90°/270°), skew from projection profiles; the image is turned back and
 *    straightened. Upside down (180°) is told by reading a few words both ways.
 *    Shaded cells are brought to the paper's tone (background.ts), and so is a
 *    grainy page's grain (specks.ts).
 * 2. Ruling lines are found in the straightened image (`rules`) and erased
 *    from a copy, which is what is read.
 * 3. Whole-page pass (sparse text, page mode 11) at ~150 dpi: titles, header
 *    block, descriptions — cut in two and read by two workers at once when
 *    there are two. Signature blocks (the lines under a lone rule) are read
 *    again line by line at full resolution: scribbles cross the names there.
 * 4. Numbers: grid cells from the rules (or, without a grid, word-sized blobs
 *    of ink). Each one that holds one line of numeric-looking ink — or ink the
 *    page pass left unread in a row of numbers — is cropped inside its borders
 *    and read on its own, digits-only, single-line mode, at several scales
 *    until two readings agree (one very confident reading suffices, and the
 *    page pass's word there counts as a reading for the first one). The
 *    reading is checked against the ink: as many characters as it is wide,
 *    the points and commas it shows, a `$` read from its shape. ONE word per
 *    cell, `cellRead: true`, `illegible: true` when no reading can be trusted.
 *    Empty cells (no ink but specks) get no word.
 * 5. Second looks at what is not sure: the cell read again with darker ink
 *    thresholds (blurred bold digits at 200 dpi, a stamp's lighter ink over the
 *    print); a lone glyph read three times over in a row (tesseract is sure of
 *    `444` where it is not of `4`); a Times `1` blurred to a plain bar told by
 *    its shape; a point or comma the binary ink cannot tell, by its faint tail.
 *    Whatever they accept must be as tall as the digits around and pass the
 *    same checks against the ink as any reading.
 * 6. Under a stamp: a cell in a row and a column of numbers whose ink is no
 *    clean figure is read with the stamp's lighter strokes masked, then with
 *    darker thresholds; a sure reading (or two that agree) is the value, else
 *    the cell is illegible. Without rules, such cells are told by the rows and
 *    columns of the figures read around them (see virtualCells).
 *
 * POA_OCR_DEBUG=1 in the environment logs why each illegible cell is illegible,
 * and what the second looks (darker, repeated, stamp) read and decided.
 */
import { bboxOf, type Page, type Rule, type Word } from '../ir/page.js';
import { flattenShading } from './background.js';
import { cellInk, cellLines, countLines, darkerFit, figuresApart, gridCells, holes, holesContradict, inkAt, joinRead, tableSizes, uprightBar, virtualCells, wordBlobs, zeroSixSettled } from './cells.js';
import { binarize, crop, downscale, faintBottom, nearDark, nearDarkCrop, rotate, rotateQuarter, type Binary, type Gray, type Rect } from './image.js';
import { detectLines, eraseLines, splitAtRules, type DetectedLines } from './lines.js';
import { agreeingReading, blobKind, borneOut, cellKind, checkSeparators, contradictsDigits, decimalPointDepths, dollarApart, emptyGaps, isCellValue, isNumberText, junk, looksNumeric, NUMERIC_WHITELIST, pagePassAgrees, plausibleWidth, settledSeparators, standsAlone, thousandsEvidence, widthRatio } from './numbers.js';
import type { WorkerPool } from './pool.js';
import {
  DEFAULT_TUNING,
  inside,
  now,
  pageConfidence,
  pagePass,
  probeUpsideDown,
  r1,
  readSignatureBlocks,
  readRepeated,
  readStrip,
  readUnit,
  type PageStats,
  type ReadImageInput,
  type Tuning,
  type Unit,
} from './reading.js';
import { estimateSkew, textDirection } from './skew.js';
import { withoutGrain } from './specks.js';
import type { OcrWord } from './tesseract.js';

export { DEFAULT_TUNING, type PageStats, type ReadImageInput, type Tuning } from './reading.js';
export { isCellValue, isNumberText, looksNumeric, NUMERIC_WHITELIST } from './numbers.js';


/** The marks of a unit are one glyph: one tall mark, anything else small and over it (a broken stroke). */
function loneGlyph(parts: readonly Rect[]): boolean {
  if (parts.length === 0 || parts.length > 3) return false;
  const H = Math.max(...parts.map((p) => p.y1 - p.y0));
  const tall = parts.filter((p) => p.y1 - p.y0 >= 0.6 * H);
  if (tall.length !== 1) return false;
  const g = tall[0]!;
  return parts.every((p) => p === g || ((p.x0 + p.x1) / 2 >= g.x0 && (p.x0 + p.x1) / 2 <= g.x1));
}

/**
 * The core of a printed figure under a stamp, as a share of the ink threshold
 * (see nearDark): at 0.7 a thin diagonal (a `4`'s) keeps its core; at 0.6 it
 * breaks, and at 0.8 the stamp's darker strokes pass for print. Looked at on
 * one held-out page (a stamp over twelve figures of an estimación).
 */
const MASK_CORE = 0.7;

/**
 * Ink lighter than print: most of its marks have no pixel as dark as half
 * the ink threshold (a stamp's gray or blue; printed figures have black cores).
 */
function lightInk(img: Gray, parts: readonly Rect[], threshold: number): boolean {
  const dark = 0.5 * threshold;
  let light = 0;
  for (const p of parts) {
    let min = 255;
    for (let y = Math.round(p.y0); y < Math.round(p.y1) && min > dark; y++) {
      for (let x = Math.round(p.x0); x < Math.round(p.x1); x++) min = Math.min(min, img.data[y * img.width + x]!);
    }
    if (min > dark) light++;
  }
  return light > parts.length / 2;
}

/** A page image made ready to read: steps 1–3 of readImage, which need no OCR. */
export interface PreparedImage {
  /** The input, its image replaced by `gray`. */
  input: ReadImageInput;
  /** The image turned (quarter turns) and straightened. */
  gray: Gray;
  rotation: 0 | 90 | 180 | 270;
  skew: number;
  /** Otsu's ink threshold of `gray`. */
  threshold: number;
  bin: Binary;
  lines: DetectedLines;
  /** `gray` without the lines: what is read. */
  erased: Gray;
}

/** Steps 1–3: text direction, skew, ruling lines (see readImage). */
export function prepareImage(input: ReadImageInput, stats: PageStats): PreparedImage {
  const { dpi } = input;
  let t = now();
  let gray = input.gray;

  // 1. Text direction (quarter turns) on a ~100 dpi copy.
  const f = Math.max(1, Math.round(dpi / 100));
  const dir = textDirection(binarize(downscale(gray, f)), dpi / f);
  let rotation: 0 | 90 | 180 | 270 = 0;
  if (dir.direction === 'vertical') {
    gray = rotateQuarter(gray, 90);
    rotation = 90;
  }
  stats.ms.direction = now() - t;

  // 2. Skew, on a ~150 dpi copy (the angle does not depend on the scale).
  t = now();
  const f2 = Math.max(1, Math.round(dpi / 150));
  const skew = estimateSkew(binarize(downscale(gray, f2)), { sample: 1 });
  if (Math.abs(skew) >= 0.05) gray = rotate(gray, -skew);
  stats.ms.deskew = now() - t;

  // 2b. Shaded cells brought to the paper's tone (see background.ts).
  t = now();
  gray = flattenShading(gray, dpi);
  stats.ms.background = now() - t;

  // 2c. A poor scan's grain (marks of a pixel or two) brought to the paper, and the
  // threshold of the print without it (see specks.ts).
  t = now();
  const clean = withoutGrain(gray, dpi);
  gray = clean.img;
  const { threshold, bin } = clean;
  stats.specks = clean.specks;
  stats.ms.specks = now() - t;

  // 3. Ruling lines; a copy without them for reading.
  t = now();
  const lines = detectLines(bin, { dpi });
  const erased: Gray = { width: gray.width, height: gray.height, data: new Uint8Array(gray.data) };
  eraseLines(erased, lines);
  stats.ms.lines = now() - t;
  // The scan as it came is not kept (a page prepared ahead waits with this).
  return { input: { ...input, gray }, gray, rotation, skew, threshold, bin, lines, erased };
}

export async function readImage(pool: WorkerPool, input: ReadImageInput, tuning: Tuning = DEFAULT_TUNING, stats: PageStats = { ms: {}, cellReads: 0 }): Promise<Page> {
  return readPrepared(pool, prepareImage(input, stats), tuning, stats);
}

/**
 * Steps 4–7 of readImage on a prepared image. `whileReading` is called once
 * the whole-page pass is under way (the longest wait on the workers).
 */
export async function readPrepared(
  pool: WorkerPool,
  prepared: PreparedImage,
  tuning: Tuning = DEFAULT_TUNING,
  stats: PageStats = { ms: {}, cellReads: 0 },
  whileReading?: () => void,
): Promise<Page> {
  const { input, skew, threshold } = prepared;
  const { dpi } = input;
  let { gray, rotation, bin, lines, erased } = prepared;
  let t: number;

  // 4. Upside down? A few words read both ways tell, most of the time, before
  // the page is read; if the page then reads poorly, a longer probe decides.
  const flip = () => {
    gray = rotateQuarter(gray, 180);
    rotation = ((rotation + 180) % 360) as 0 | 90 | 180 | 270;
    bin = binarize(gray, threshold);
    lines = detectLines(bin, { dpi });
    erased = { width: gray.width, height: gray.height, data: new Uint8Array(gray.data) };
    eraseLines(erased, lines);
  };
  const quick = await probeUpsideDown(pool, erased, dpi, threshold, stats, 15, 3, 1.5);
  if (quick.flip) flip();
  // 5. Whole-page pass (sparse text) on the image without lines.
  t = now();
  const passing = pagePass(pool, erased, dpi, threshold, tuning);
  whileReading?.();
  let pageWords = await passing;
  stats.ms.pagePass = now() - t;
  const pageConf = pageConfidence(pageWords);
  stats.pageConf = pageConf;
  if (tuning.alwaysProbe || pageConf < tuning.probeBelow) {
    const full = await probeUpsideDown(pool, erased, dpi, threshold, stats, 10);
    if (full.flip) {
      t = now();
      flip();
      pageWords = await pagePass(pool, erased, dpi, threshold, tuning);
      stats.ms.flip = now() - t;
    }
  }
  // The ink of the image read: the page's, without the lines (paper is above any Otsu threshold).
  const inkBin: Binary = { width: bin.width, height: bin.height, data: new Uint8Array(bin.data) };
  eraseLines(inkBin, lines, 1, 0);
  t = now();
  pageWords = await readSignatureBlocks(pool, erased, inkBin, lines, pageWords, dpi, threshold, stats);
  stats.ms.signatures = now() - t;

  // 6. Grid cells and their ink; numeric ones are read one by one.
  t = now();
  const tol = Math.max(3, dpi * 0.012);
  // A lone box is no table (the frame of a stamp); its lines are no rules of the page.
  const boxes = gridCells(lines.horizontal, lines.vertical, tol);
  const sizes = tableSizes(boxes, tol);
  const cells = boxes.filter((_, i) => sizes[i]! >= 4);
  for (const [i, b] of boxes.entries()) {
    if (sizes[i]! !== 1 || b.x1 - b.x0 > 3 * dpi || b.y1 - b.y0 > 1.5 * dpi) continue;
    const on = (s: { a0: number; a1: number; c: number }, c0: number, c1: number, a0: number, a1: number) =>
      (Math.abs(s.c - c0) <= tol || Math.abs(s.c - c1) <= tol) && s.a0 >= a0 - 2 * tol && s.a1 <= a1 + 2 * tol;
    const lone = (s: { a0: number; a1: number; c: number }, horizontal: boolean) =>
      horizontal ? on(s, b.y0, b.y1, b.x0, b.x1) : on(s, b.x0, b.x1, b.y0, b.y1);
    lines = {
      horizontal: lines.horizontal.filter((s) => !lone(s, true)),
      vertical: lines.vertical.filter((s) => !lone(s, false)),
      rules: lines.rules.filter((r) =>
        r.y0 === r.y1 ? !lone({ a0: r.x0, a1: r.x1, c: r.y0 }, true) : !lone({ a0: r.y0, a1: r.y1, c: r.x0 }, false),
      ),
    };
  }
  // Words the page pass read across a rule it did not see (erased): cut there.
  pageWords = pageWords.flatMap((w) => splitAtRules(w, lines.vertical));
  const inset = Math.max(3, Math.round(dpi * 0.012));
  type Kind = 'numeric' | 'unknown';
  const units: Array<{ unit: Unit; kind: Kind; mine: OcrWord[]; band: [number, number]; loose?: boolean }> = [];
  const classify = (mine: OcrWord[]): Kind | null => cellKind(mine.map((w) => w.text));
  // Cells with ink that are not read as numbers: looked at again below (a stamp over a number).
  // (`line`: a cell told by the figures around it, not by rules; the line they sit on.)
  // (`offLine`: such a cell holds ink off that line too, a stamp's letters or frame.)
  // (`joined`: one of the figures a stamp joined into one blob, see `joined` below.)
  const others: Array<{ cell: Rect; box: Rect; mine: OcrWord[]; unit?: number; line?: [number, number]; offLine?: boolean; joined?: boolean }> = [];
  for (const cell of cells) {
    const ink = cellInk(inkBin, cell, { dpi });
    if (!ink) continue;
    const mine = pageWords.filter((w) => inside(w, cell));
    // Figures stacked in one cell (programmed, done, variance) are read line by line, when
    // every line of the cell looks like a figure in print (not a label under a stamp's
    // date, nor the stamp's own lines of lighter ink).
    const lines = (ink.lines > 1 ? cellLines(inkBin, cell, ink, { dpi }) : [{ ...ink, band: cell }]).map((l) => {
      const words = ink.lines > 1 ? pageWords.filter((w) => inside(w, l.band)) : mine;
      return { l, words, kind: classify(words) };
    });
    if (lines.length !== ink.lines || lines.some((x) => !x.kind || (ink.lines > 1 && lightInk(erased, x.l.parts, threshold)))) {
      if (process.env.POA_OCR_DEBUG) process.stderr.write(`other p${input.number} ${JSON.stringify({ cell, n: ink.lines, lines: lines.map((x) => ({ kind: x.kind, light: lightInk(erased, x.l.parts, threshold), words: x.words.map((w) => w.text), parts: x.l.parts.map((q) => [q.x0, q.y0, q.x1 - q.x0, q.y1 - q.y0]) })) })}\n`);
      others.push({ cell, box: ink.box, mine });
      continue;
    }
    for (const { l, words, kind } of lines) {
      // (Wider where a figure set against a border runs past the inset: see cellInk.)
      const limit = {
        x0: Math.min(cell.x0 + inset, l.box.x0),
        y0: Math.min(l.band.y0 + (l.band.y0 === cell.y0 ? inset : 0), l.box.y0),
        x1: Math.max(cell.x1 - inset, l.box.x1),
        y1: Math.max(l.band.y1 - (l.band.y1 === cell.y1 ? inset : 0), l.box.y1),
      };
      units.push({ unit: { page: input.number, box: l.box, parts: l.parts, limit }, kind: kind!, mine: words, band: [l.band.y0, l.band.y1] });
    }
  }
  // Outside the grid (a table ruled only between rows, or not at all): word-sized blobs of ink.
  const m = Math.round(dpi * 0.02);
  // Figures a stamp's lighter ink joined into one blob (its letters or frame across a row
  // of a table without rules), found in the print alone (see figuresApart); read below
  // as under a stamp where they stand in a row and a column of numbers. `unit`: the
  // blob's own unit, if it made one.
  const joined: Array<{ figures: Rect[]; unit?: number }> = [];
  for (const b of joinRead(wordBlobs(inkBin, dpi), pageWords)) {
    if (cells.some((c) => inside(b, c))) continue;
    const limit = { x0: b.x0 - m, y0: b.y0 - m, x1: b.x1 + m, y1: b.y1 + m };
    const r = { x0: Math.max(0, Math.round(limit.x0)), y0: Math.max(0, Math.round(limit.y0)), x1: Math.min(erased.width, Math.round(limit.x1)), y1: Math.min(erased.height, Math.round(limit.y1)) };
    const core = nearDarkCrop(erased, r, Math.round(threshold * MASK_CORE), Math.max(1, Math.round(dpi / 300)));
    const apart = figuresApart(binarize(core, threshold), dpi, { x: r.x0, y: r.y0 });
    const ink = cellInk(inkBin, limit, { dpi, inset: 0 });
    const mine = pageWords.filter((w) => inside(w, limit));
    const kind = ink && ink.lines === 1 ? blobKind(mine, b) : null;
    if (apart) joined.push({ figures: apart, unit: kind ? units.length : undefined });
    if (!ink || !kind) continue;
    units.push({ unit: { page: input.number, box: ink.box, parts: ink.parts, limit }, kind, mine, band: [ink.box.y0, ink.box.y1], loose: true });
  }
  // In a row of numbers, a cell the page pass could not read is a number too
  // (a lone digit, or one under a stamp); elsewhere (a header row of `P`/`A`)
  // it is read without the digits-only set first.
  const sameRow = (a: [number, number], b: [number, number]) => Math.min(a[1], b[1]) - Math.max(a[0], b[0]) > 0.5 * Math.min(a[1] - a[0], b[1] - b[0]);
  // The same row of the grid, not a cell spanning two rows (a header label over a row of numbers).
  const sameGridRow = (a: [number, number], b: [number, number]) => Math.min(a[1], b[1]) - Math.max(a[0], b[0]) > 0.5 * Math.max(a[1] - a[0], b[1] - b[0]);
  for (const u of units) {
    if (u.kind !== 'unknown') continue;
    const numericInRow = units.filter((o) => o !== u && o.kind === 'numeric' && sameGridRow(o.band, u.band)).length;
    if (numericInRow >= 2) u.kind = 'numeric';
  }
  stats.ms.cells = now() - t;

  t = now();
  // The numeric units of a row are first read together, one strip per row
  // (see readStrip); readUnit confirms what is not certain.
  const prior = new Map<number, Array<{ text: string; conf: number }>>();
  if (tuning.strips) {
    const rows: number[][] = [];
    units.forEach((u, i) => {
      if (u.kind !== 'numeric') return;
      const row = rows.find((r) => sameRow(units[r[0]!]!.band, u.band));
      if (row) row.push(i);
      else rows.push([i]);
    });
    await Promise.all(
      rows.map(async (row) => {
        const ordered = [...row].sort((a, b) => units[a]!.unit.box.x0 - units[b]!.unit.box.x0);
        // Two scales: where both agree the value stands without reading the cell alone.
        const list = ordered.map((i) => units[i]!.unit);
        const [a, b] = await Promise.all([readStrip(pool, erased, list, dpi, threshold, 2), readStrip(pool, erased, list, dpi, threshold, 1.5)]);
        stats.stripReads = (stats.stripReads ?? 0) + 2;
        ordered.forEach((i, k) => prior.set(i, [a[k], b[k]].filter((x): x is { text: string; conf: number } => !!x)));
      }),
    );
  }
  // The ink threshold cell crops are cleaned with (see Tuning.cellInk).
  const cellT = Math.round(threshold * tuning.cellInk);
  type Outcome =
    // mixed: readings agreed but for a separator's kind (the ink must tell it); alt: such another
    // reading; stamped: read under a stamp (its marks tell no separator, see checkSeparators).
    | { type: 'number'; text: string; conf: number; disputed: boolean; mixed?: boolean; alt?: string; stamped?: boolean }
    | { type: 'text'; text: string; conf: number }
    | { type: 'keep'; reading?: string };
  const outcomes = await Promise.all(
    units.map(async (u): Promise<Outcome> => {
      if (u.kind === 'unknown') {
        // A lone digit (which tesseract reads as `a` without the digits-only set) or
        // a header's `P`: read as a number; if that is not sure, without the set too,
        // and only when neither is sure, the full set of numeric readings.
        const num = await readUnit(pool, erased, u.unit, dpi, cellT, tuning, NUMERIC_WHITELIST, 1, [], 1);
        stats.cellReads++;
        const numOk = num.text !== '' && !num.disputed && isCellValue(num.text) && plausibleWidth(num.text, u.unit.parts);
        if (numOk && num.conf >= tuning.acceptAt) return { type: 'number', text: num.text, conf: num.conf, disputed: false };
        const free = await readUnit(pool, erased, u.unit, dpi, cellT, tuning, null);
        stats.cellReads++;
        const letters = free.text !== '' && !looksNumeric(free.text) && /\p{L}/u.test(free.text);
        if (letters && free.conf >= 80 && (!numOk || num.conf < 60)) return { type: 'text', text: free.text, conf: free.conf };
        if (num.text === '' && free.text === '') return { type: 'keep' };
        const rd = await readUnit(pool, erased, u.unit, dpi, cellT, tuning, NUMERIC_WHITELIST, 1, num.text ? [num] : [], 3, 1);
        stats.cellReads += rd.reads;
        const sure = rd.text !== '' && !rd.disputed && rd.conf >= 90 && isCellValue(rd.text) && plausibleWidth(rd.text, u.unit.parts);
        if (sure) return { type: 'number', text: rd.text, conf: rd.conf, disputed: false, mixed: rd.mixed };
        if (letters && free.conf >= 60) return { type: 'text', text: free.text, conf: free.conf };
        // Ink outside any table (a scribble, a stamp) that is no sure number: no word.
        if (u.loose || rd.text === '') return { type: 'keep', reading: rd.text };
        return { type: 'number', text: rd.text, conf: rd.conf, disputed: true };
      }
      const votes = prior.get(units.indexOf(u)) ?? [];
      const ok = (r: { text: string }) => isCellValue(r.text) && plausibleWidth(r.text, u.unit.parts);
      if (votes.length === 2 && ok(votes[0]!) && votes[0]!.text.replace(/\s+/g, '') === votes[1]!.text.replace(/\s+/g, '')) {
        return { type: 'number', text: votes[0]!.text, conf: Math.max(votes[0]!.conf, votes[1]!.conf), disputed: false };
      }
      // What the page pass read there, to confirm a first reading.
      const seen = u.mine.length > 0 ? { text: u.mine.map((w) => w.text).join(' '), conf: Math.min(...u.mine.map((w) => w.conf)) } : null;
      const rd = await readUnit(pool, erased, u.unit, dpi, cellT, tuning, NUMERIC_WHITELIST, 1, votes, 4, 0, seen);
      stats.cellReads += rd.reads;
      return { type: 'number', text: rd.text, conf: rd.conf, disputed: rd.disputed, mixed: rd.mixed };
    }),
  );
  // As tall as the sure numbers of its row (or of the page): not a scribble's loop over a cell.
  const heightOf = (u: (typeof units)[number]) => Math.max(...u.unit.parts.map((p) => p.y1 - p.y0));
  const sureOnes = units.filter((v, j) => {
    const o = outcomes[j]!;
    return o.type === 'number' && !o.disputed && o.conf >= 90 && isNumberText(o.text);
  });
  const digitHigh = (u: (typeof units)[number]) => {
    const row = sureOnes.filter((v) => v !== u && sameRow(v.band, u.band)).map(heightOf);
    const all = sureOnes.filter((v) => v !== u).map(heightOf);
    const ref = row.length >= 2 ? row : all.length >= 3 ? all : [];
    if (ref.length === 0) return false;
    const h = [...ref].sort((a, b) => a - b)[Math.floor(ref.length / 2)]!;
    return Math.abs(heightOf(u) - h) <= 0.2 * h + 1;
  };
  // The marks left at a darker threshold `t` when they are as tall as the digits around
  // (else null): a stamp's lighter line that touches the digits makes one mark of them,
  // taller than a digit, at the page's threshold.
  const darkerDigits = (u: (typeof units)[number], t: number) => {
    const parts = inkAt(erased, u.unit.box, t, dpi);
    return parts !== null && digitHigh({ ...u, unit: { ...u.unit, parts } }) ? parts : null;
  };
  // A reading made at that threshold must fit those marks too (a separator they show is in
  // the reading), and not contradict a fair first reading (≥ 70) in its digits: a stamp's line
  // across a digit can make another digit of it at a darker threshold (an `8` read `6`).
  const stampedRead = (parts: Rect[], text: string, was: Outcome) => plausibleWidth(text, parts) && !(was.type === 'number' && contradictsDigits(was, text));
  // A number the reading is not sure of (or read as nothing): read again, the same way,
  // with darker ink thresholds. At the page's threshold the blur of a 200 dpi scan makes
  // small bold digits blobs that read as nothing, and a stamp's lighter ink is ink too;
  // darker, only the core of the print is left. Taken on the same terms as any reading, if as
  // tall as the digits around.
  // Ink of unknown kind (no page-pass word) that was read but not surely: the same, on the
  // terms of its first reading (90), and not when it reads as letters — and only in a row
  // of numbers (where it would be an unreadable value), not a stamp's date beside a table.
  const unsure = (o: Outcome) => o.type === 'number' && (o.text === '' || o.disputed || o.conf < tuning.illegibleBelow);
  const numbersInRow = (u: (typeof units)[number]) =>
    units.filter((v, j) => {
      const o = outcomes[j]!;
      return v !== u && o.type === 'number' && !o.disputed && isNumberText(o.text) && (u.loose ? sameRow(v.band, u.band) : sameGridRow(v.band, u.band));
    }).length;
  const unread = (u: (typeof units)[number], o: Outcome) =>
    o.type === 'keep' && u.kind === 'unknown' && o.reading !== undefined && numbersInRow(u) >= (u.loose ? 3 : 2);
  await Promise.all(
    units.map(async (u, i) => {
      const o = outcomes[i]!;
      if (!unsure(o) && !unread(u, o)) return;
      // A bare `$` read surely (see readUnit) is no figure under a stamp.
      if (o.type === 'number' && o.text === '$' && o.conf >= 90 && u.unit.parts.length === 1) return;
      const least = o.type === 'keep' ? 90 : tuning.illegibleBelow;
      const high = digitHigh(u);
      for (const f of [1, 0.8, 0.6].filter((x) => x !== tuning.cellInk)) {
        const t = Math.round(threshold * f);
        // A reading is taken only if the ink is as tall as the digits around, at the page's
        // threshold or at this one: where neither is, it is not made.
        const darker = high ? null : darkerDigits(u, t);
        if (!high && !darker) continue;
        const rd = await readUnit(pool, erased, u.unit, dpi, t, tuning, NUMERIC_WHITELIST);
        stats.cellReads += rd.reads;
        let sure = rd.text !== '' && !rd.disputed && rd.conf >= least && isCellValue(rd.text) && plausibleWidth(rd.text, u.unit.parts) && (high || stampedRead(darker!, rd.text, o));
        if (sure && o.type === 'keep') {
          const free = await readUnit(pool, erased, u.unit, dpi, t, tuning, null);
          stats.cellReads++;
          sure = !(/\p{L}/u.test(free.text) && !looksNumeric(free.text) && free.conf >= 60);
        }
        if (process.env.POA_OCR_DEBUG) process.stderr.write(`darker ${JSON.stringify({ page: input.number, f, was: outcomes[i], rd, sure, box: u.unit.box })}\n`);
        if (sure) {
          outcomes[i] = { type: 'number', text: rd.text, conf: rd.conf, disputed: false, mixed: rd.mixed };
          return;
        }
      }
    }),
  );
  // Sure numbers of other rows in the column of `u` (a table without a grid: a line of lone
  // digits, none read surely, has no sure number in its row to tell it is a row of numbers).
  const sameColumn = (a: Rect, b: Rect) => Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) > 0.5 * Math.min(a.x1 - a.x0, b.x1 - b.x0);
  const inNumberColumn = (u: (typeof units)[number]) => sureOnes.filter((v) => !sameRow(v.band, u.band) && sameColumn(v.unit.box, u.unit.box)).length;
  // A lone glyph the reading is not sure of: read again repeated (see readRepeated), at
  // two scales. Both must read one digit three times, surely, and no sure reading of
  // the glyph alone may say another digit; or one very surely, the other nothing,
  // and the glyph alone was read as that digit.
  await Promise.all(
    units.map(async (u, i) => {
      const o = outcomes[i]!;
      // A header's lone digit (a month) the reading could not settle: a number only if read
      // so without the digits-only set too (a `P` is no `999`).
      if (!digitHigh(u)) return;
      if (o.type === 'keep' && u.kind === 'unknown' && (!u.loose || (o.reading !== undefined && inNumberColumn(u) >= 3)) && loneGlyph(u.unit.parts)) {
        const [a, b, free] = await Promise.all([
          readRepeated(pool, erased, u.unit, dpi, threshold, 2),
          readRepeated(pool, erased, u.unit, dpi, threshold, 1.5),
          readRepeated(pool, erased, u.unit, dpi, threshold, 2, 3, null),
        ]);
        stats.cellReads += 3;
        const d = /^(\d)\1\1$/.exec(a.text)?.[1];
        const ok = !!d && a.text === b.text && free.text === a.text && Math.min(a.conf, b.conf, free.conf) >= 85;
        if (process.env.POA_OCR_DEBUG) process.stderr.write(`repeated-keep ${JSON.stringify({ page: input.number, a, b, free, ok, box: u.unit.box })}\n`);
        if (ok) outcomes[i] = { type: 'number', text: d, conf: Math.min(a.conf, b.conf, free.conf), disputed: false };
        return;
      }
      if (o.type !== 'number') return;
      const single = o.text === '' || /^\d$/.test(o.text);
      if (!single || (!o.disputed && o.conf >= tuning.illegibleBelow)) return;
      if (!loneGlyph(u.unit.parts)) return;
      const [a, b] = await Promise.all([readRepeated(pool, erased, u.unit, dpi, threshold, 2), readRepeated(pool, erased, u.unit, dpi, threshold, 1.5)]);
      stats.cellReads += 2;
      const triple = (r: { text: string }) => /^(\d)\1\1$/.exec(r.text)?.[1];
      const da = triple(a);
      const db = triple(b);
      // Both scales, or one surely and the other nothing, when the glyph alone was read so too.
      const both = !!da && da === db && Math.min(a.conf, b.conf) >= 85 && (o.text === '' || o.text === da || o.conf < 90);
      const one = (d: string | undefined, r: { conf: number }, other: { text: string }) => !!d && r.conf >= 93 && other.text === '' && o.text === d;
      const digit = both ? da : one(da, a, b) ? da : one(db, b, a) ? db : undefined;
      const ok = digit !== undefined;
      if (process.env.POA_OCR_DEBUG) process.stderr.write(`repeated ${JSON.stringify({ page: input.number, was: o.text, conf: o.conf, disputed: o.disputed, a, b, ok, box: u.unit.box })}\n`);
      if (ok) outcomes[i] = { type: 'number', text: digit!, conf: Math.max(tuning.illegibleBelow, Math.min(...[a, b].filter((r) => r.text !== '').map((r) => r.conf))), disputed: false };
    }),
  );
  // A `1` the reading is not sure of, whose ink is a plain upright bar as tall as the
  // digits around it: no other digit is a bar (the serifs of a Times `1` are lost to
  // the scan's blur, and tesseract is unsure of a bar alone).
  const sureHeights = (band: [number, number] | null) =>
    units
      .map((v, j) => ({ v, o: outcomes[j]! }))
      .filter(({ v, o }) => o.type === 'number' && !o.disputed && o.conf >= 90 && /\d/.test(o.text) && isNumberText(o.text) && (!band || sameRow(v.band, band)))
      .map(({ v }) => Math.max(...v.unit.parts.map((p) => p.y1 - p.y0)));
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const pageHeights = sureHeights(null);
  units.forEach((u, i) => {
    const o = outcomes[i]!;
    if (o.type !== 'number' || o.text !== '1' || (!o.disputed && o.conf >= tuning.illegibleBelow)) return;
    if (u.unit.parts.length !== 1) return;
    const p = u.unit.parts[0]!;
    const w = p.x1 - p.x0;
    const h = p.y1 - p.y0;
    const row = sureHeights(u.band);
    const ref = row.length > 0 ? median(row) : pageHeights.length >= 3 ? median(pageHeights) : NaN;
    const straight = uprightBar(inkBin, p);
    const bar = w <= 0.4 * h && straight && Math.abs(h - ref) <= 0.1 * ref + 1;
    if (bar) outcomes[i] = { type: 'number', text: '1', conf: Math.max(o.conf, tuning.illegibleBelow), disputed: false };
  });
  // A `%` read where no figure of its column has one, and two or more were read surely: the
  // set's `%` took a digit's place (`9%` of a `96` among percentages printed plain). Read
  // again without it; the reading stands if sure and as wide as the ink, else the value is
  // unknown. A `$` before a figure without cents leaves it unknown: the forms print money
  // with its cents, and a digit was taken for a `$` (a Nimbus Mono `90` read `$ 0` by its
  // shape, in a table of goals).
  const withoutPercent = NUMERIC_WHITELIST.replace('%', '');
  await Promise.all(
    units.map(async (u, i) => {
      const o = outcomes[i]!;
      if (o.type === 'number' && o.text.includes('$') && !/\.\d{2}\)?$/.test(o.text)) {
        outcomes[i] = { ...o, disputed: true };
        return;
      }
      if (o.type !== 'number' || !o.text.endsWith('%')) return;
      const column = units.flatMap((v, j) => {
        const q = outcomes[j]!;
        const sure = q.type === 'number' && !q.disputed && q.conf >= tuning.illegibleBelow && /\d/.test(q.text) && isNumberText(q.text);
        return j !== i && sure && !sameRow(v.band, u.band) && sameColumn(v.unit.box, u.unit.box) ? [q.text] : [];
      });
      if (column.length < 2 || column.some((t) => t.includes('%'))) return;
      const rd = await readUnit(pool, erased, u.unit, dpi, cellT, tuning, withoutPercent);
      stats.cellReads += rd.reads;
      const sure = rd.text !== '' && !rd.disputed && rd.conf >= tuning.illegibleBelow && isCellValue(rd.text) && plausibleWidth(rd.text, u.unit.parts);
      if (process.env.POA_OCR_DEBUG) process.stderr.write(`percent ${JSON.stringify({ page: input.number, was: o.text, rd, sure, box: u.unit.box })}\n`);
      outcomes[i] = sure ? { type: 'number', text: rd.text, conf: rd.conf, disputed: false, mixed: rd.mixed } : { ...o, disputed: true };
    }),
  );
  stats.ms.cellReads = now() - t;

  // A cell where the row and the column hold numbers holds a number too; if its
  // ink is no clean line of figures (a stamp or a scribble over it), its value
  // is unknown: one illegible word for the cell, instead of the letters of the
  // stamp.
  const obscured: Array<{ box: Rect; mine: OcrWord[]; text?: string }> = [];
  // Cells looked at and left as they were (their reading was neither a sure number nor text).
  units.forEach((u, i) => {
    const o = outcomes[i]!;
    if (u.loose) return;
    // Left as it was, or read as a letter or two: in a row and column of numbers, a number
    // under a stamp more likely than a word.
    const short = o.type === 'text' && o.text.replace(/[^\p{L}\p{N}]/gu, '').length <= 2;
    // Or read as a number unsurely, its ink taller than the digits around or too wide for the
    // reading: a stamp's letters or ring joined to the figure (`48 0` of `48,000`; `18` and an
    // arc of the ring beside it).
    const joined = o.type === 'number' && (o.text === '' || o.disputed || o.conf < tuning.illegibleBelow) && (!digitHigh(u) || !plausibleWidth(o.text, u.unit.parts));
    if (o.type === 'keep' || short || joined) others.push({ cell: u.unit.limit, box: u.unit.box, mine: u.mine, unit: i });
  });
  // Without a grid: ink that could not be read, in a row of three numbers or more,
  // is a value that could not be read.
  units.forEach((u, i) => {
    const o = outcomes[i]!;
    if (!u.loose || o.type !== 'keep' || o.reading === undefined) return;
    const inRow = units.filter((v, j) => {
      const o2 = outcomes[j]!;
      return j !== i && o2.type === 'number' && isNumberText(o2.text) && sameRow(v.band, u.band);
    }).length;
    if (inRow >= 3) obscured.push({ box: u.unit.box, mine: u.mine, text: o.reading });
  });
  const hidden: typeof others = [];
  for (const o of others) {
    const band: [number, number] = [o.cell.y0, o.cell.y1];
    // A word the page pass read surely (a header label) is no stamp over a number.
    if (o.mine.some((w) => w.conf >= 85 && w.text.replace(/[^\p{L}]/gu, '').length >= 3)) continue;
    // Numbers, not codes (a column of `4.5.3` holds text that may wrap over lines).
    const numeric = units.filter((u, i) => {
      const o = outcomes[i]!;
      return o.type === 'number' && !u.loose && isNumberText(o.text);
    });
    const inRow = numeric.filter((u) => sameGridRow(u.band, band)).length;
    const inColumn = numeric.filter((u) => !sameRow(u.band, band) && sameColumn(u.unit.limit, o.cell)).length;
    if (inRow >= 2 && inColumn >= 2) hidden.push(o);
  }
  // Without a grid: the cells of a table where no figure was found but there is ink (see
  // virtualCells): figures a stamp's frame joined to its letters. Read as under a stamp
  // below, and taken only if read so; otherwise left as they were.
  const loose = units.map((u, i) => ({ u, o: outcomes[i]! })).filter(({ u }) => u.loose);
  const figures = loose.filter(({ o }) => o.type === 'number' && !o.disputed && o.conf >= tuning.illegibleBelow && /\d/.test(o.text) && isNumberText(o.text)).map(({ u }) => u.unit.box);
  const found = loose.filter(({ o }) => o.type === 'number').map(({ u }) => u.unit.box);
  // Figures a stamp joined into one blob (see `joined` above), each in a row and a column
  // of figures read surely: a cell of its own, read as under a stamp; what the blob was
  // read as goes. Where it is not read so, its value is unknown (one illegible word).
  // (Not a piece of the stamp's frame as dark as print, a bar taller than the figures of its
  // row; not a figure found on its own already, beside the stamp's ink.)
  const band = (r: Rect): [number, number] => [r.y0, r.y1];
  const meets = (a: Rect, b: Rect) => Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) > 0 && Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0) > 0;
  for (const { figures: apart, unit } of joined) {
    const own = unit === undefined ? null : units[unit]!.unit.box;
    if (own && figures.includes(own)) continue;
    const figure = (f: Rect) => {
      const row = figures.filter((g) => sameRow(band(g), band(f))).map((g) => g.y1 - g.y0);
      const h = row.length >= 2 ? [...row].sort((a, b) => a - b)[Math.floor(row.length / 2)]! : NaN;
      return !(f.x1 - f.x0 <= 0.8 * h && f.y1 - f.y0 > 1.2 * h);
    };
    const apartFrom = (f: Rect) => !found.some((g) => g !== own && meets(g, f));
    const taken = apart.filter((f) => figure(f) && apartFrom(f) && figures.filter((g) => !sameRow(band(g), band(f)) && sameColumn(g, f)).length >= 2);
    // (Every such figure, or none: what the blob was read as is no longer there to flag one left.)
    if (apart.some((f) => figure(f) && apartFrom(f) && !taken.includes(f))) continue;
    if (process.env.POA_OCR_DEBUG) process.stderr.write(`joined p${input.number} ${JSON.stringify({ apart, taken: taken.length, unit: unit === undefined ? null : outcomes[unit] })}\n`);
    if (taken.length === 0) continue;
    if (unit !== undefined) {
      outcomes[unit] = { type: 'keep' };
      const box = units[unit]!.unit.box;
      for (let j = obscured.length - 1; j >= 0; j--) if (obscured[j]!.box === box) obscured.splice(j, 1);
    }
    for (const f of taken) {
      const h = f.y1 - f.y0;
      const cell = { x0: f.x0 - 0.5 * h, y0: f.y0 - 0.5 * h, x1: f.x1 + 0.5 * h, y1: f.y1 + 0.5 * h };
      hidden.push({ cell, box: f, mine: pageWords.filter((w) => meets(w, f)), line: [f.y0, f.y1], offLine: true, joined: true });
      found.push(f);
    }
  }
  for (const v of virtualCells(figures, found)) {
    if (process.env.POA_OCR_DEBUG) process.stderr.write(`virtual p${input.number} ${JSON.stringify(v)}\n`);
    if (cells.some((c) => inside(v.cell, c))) continue;
    const ink = cellInk(inkBin, v.cell, { dpi, inset: 0 });
    if (!ink) continue;
    const [b0, b1] = v.line;
    const offLine = ink.parts.some((p) => p.y0 < b0 - 0.25 * (b1 - b0) || p.y1 > b1 + 0.25 * (b1 - b0));
    hidden.push({ cell: v.cell, box: ink.box, mine: pageWords.filter((w) => inside(w, v.cell)), line: v.line, offLine });
  }
  // A value under a stamp (or a scribble's light strokes): the stamp's ink is lighter than
  // the print. With a dark threshold only the print's core is left; if that is one line of
  // ink as tall as the digits around, read surely as a number and not as letters, it is
  // the value. Otherwise the value is unknown: one illegible word for the cell.
  // One copy of the page for the masked cells (see nearDark), made at the first.
  let masked: Gray | null = null;
  await Promise.all(
    hidden.map(async (o) => {
      const cell = o.unit === undefined ? o.cell : units[o.unit]!.unit.limit;
      const t0 = o.unit === undefined ? undefined : outcomes[o.unit]!;
      const x0 = Math.round(cell.x0);
      const y0 = Math.round(cell.y0);
      // The line the row's sure numbers sit on (median top and bottom of their ink).
      const row = sureOnes.filter((v) => !v.loose && sameGridRow(v.band, [o.cell.y0, o.cell.y1])).map((v) => v.unit.box);
      const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      const line: [number, number] | null = o.line ?? (row.length >= 2 ? [mid(row.map((b) => b.y0)), mid(row.map((b) => b.y1))] : null);
      const piece = crop(erased, { x0, y0, x1: Math.round(cell.x1), y1: Math.round(cell.y1) });
      // First the cell with the stamp's strokes masked (see nearDark; f = 0 below): the
      // figures keep the width of their strokes, which a darker threshold thins.
      masked = nearDark(erased, cell, Math.round(threshold * MASK_CORE), Math.max(1, Math.round(dpi / 300)), masked ?? undefined);
      const maskedPiece = crop(masked, { x0, y0, x1: Math.round(cell.x1), y1: Math.round(cell.y1) });
      const tried: Array<{ text: string; conf: number }> = [];
      const wider: string[] = [];
      for (const f of [0, 0.8, 0.6, 0.45]) {
        const dark = f === 0 ? threshold : Math.round(threshold * f);
        const src = f === 0 ? masked : erased;
        const ink = cellInk(binarize(f === 0 ? maskedPiece : piece, dark), { x0: cell.x0 - x0, y0: cell.y0 - y0, x1: cell.x1 - x0, y1: cell.y1 - y0 }, { dpi, inset: o.unit === undefined && !o.line ? undefined : 0 });
        if (!ink) continue;
        const move = <T extends Rect>(p: T): T => ({ ...p, x0: p.x0 + x0, x1: p.x1 + x0, y0: p.y0 + y0, y1: p.y1 + y0 });
        let parts = ink.parts.map(move);
        if (ink.lines !== 1) {
          // The stamp's letters on a line of their own: the marks on the line of the row's
          // numbers, if none of them runs off it (a stroke across the line: no value told).
          if (!line) continue;
          const [b0, b1] = line;
          const h = b1 - b0;
          const on = parts.filter((p) => Math.min(p.y1, b1) - Math.max(p.y0, b0) > 0);
          if (on.length === 0 || on.some((p) => p.y0 < b0 - 0.25 * h || p.y1 > b1 + 0.25 * h)) continue;
          if (countLines(on) !== 1) continue;
          parts = on;
        }
        if (o.line) {
          // A cell told without rules: a bit of a stamp's letter cut by its side, off the
          // figures' line, is no part of the figure.
          const [b0, b1] = o.line;
          const h = b1 - b0;
          parts = parts.filter((p) => (p.x0 > cell.x0 + 1 && p.x1 < cell.x1 - 1) || (p.y0 >= b0 - 0.25 * h && p.y1 <= b1 + 0.25 * h));
          if (parts.length === 0) continue;
        }
        const box = bboxOf(parts)!;
        // Such a cell may cut a figure wider than its column's others: ink on the line that
        // runs to its side is no figure told whole.
        if (o.line && (box.x0 <= cell.x0 + 1 || box.x1 >= cell.x1 - 1)) {
          if (process.env.POA_OCR_DEBUG) process.stderr.write(`virtual p${input.number} edge ${JSON.stringify({ f, cell, lines: ink.lines, parts: parts.map((p) => [p.x0, p.y0, p.x1 - p.x0, p.y1 - p.y0]) })}\n`);
          continue;
        }
        const unit: Unit = { page: input.number, box, parts, limit: cell };
        const probe = { unit, band: [cell.y0, cell.y1] as [number, number] } as (typeof units)[number];
        if (!digitHigh(probe)) continue;
        const rd = await readUnit(pool, src, unit, dpi, dark, tuning, NUMERIC_WHITELIST);
        stats.cellReads += rd.reads;
        // No `$` told from a shape the stamp may have changed (a leading digit taken for
        // one), unless it stands apart from the amount, at the cell's left as the form
        // sets it: at least two digit heights of paper between them.
        const value = dollarApart(unit.parts) ? rd.text.replace(/^\$\s*/, '') : rd.text;
        const fair = rd.text !== '' && !value.includes('$') && isNumberText(value) && plausibleWidth(rd.text, unit.parts);
        // Alone where the strokes keep their width (masked, or a little darker); at 0.6 of the
        // threshold and below only if a reading of the wider strokes said the same (see standsAlone).
        const thin = f === 0.6 || f === 0.45;
        const alone = fair && standsAlone(rd, thin, wider);
        if (rd.text !== '' && !thin) wider.push(rd.text);
        // Or two readings of the ink cleaned in two ways (masked, darker) agree, one of them
        // fairly surely (see agreeingReading); a reading whose scales disagreed still votes,
        // and so does one whose ink held more than the figure (a stamp's date beside it).
        const same = fair && !alone && rd.conf >= 60 ? agreeingReading(tried, rd, tuning.illegibleBelow) : undefined;
        if (rd.text !== '' && !value.includes('$') && isNumberText(value) && rd.conf >= 60) tried.push({ text: rd.text, conf: rd.conf });
        let sure = alone || same !== undefined;
        if (sure) {
          const free = await readUnit(pool, src, unit, dpi, dark, tuning, null);
          stats.cellReads++;
          sure = !(/\p{L}/u.test(free.text) && !looksNumeric(free.text) && free.conf >= 60);
        }
        if (process.env.POA_OCR_DEBUG) process.stderr.write(`stamp p${input.number} ${JSON.stringify({ f, rd, sure, box: unit.box, mine: o.mine.map((w) => w.text) })}\n`);
        if (!sure) continue;
        const conf = same ? Math.max(rd.conf, same.conf) : rd.conf;
        // (The other reading, where it differs in a separator's kind: see `alt` below.)
        const alt = same !== undefined && same.text !== rd.text ? same.text : undefined;
        const mixed = rd.mixed;
        if (o.unit !== undefined) {
          units[o.unit]!.unit = unit;
          outcomes[o.unit] = { type: 'number', text: rd.text, conf, disputed: false, mixed, alt, stamped: true };
        } else {
          // (Without rules, what the page pass read over the figure is no word of its own: a
          // stamp's letters read as `500` beside `4,500`.)
          const over = (w: Rect) => Math.min(w.x1, box.x1) - Math.max(w.x0, box.x0) > 0.3 * Math.min(w.x1 - w.x0, box.x1 - box.x0) && Math.min(w.y1, box.y1) - Math.max(w.y0, box.y0) > 0;
          const mine = o.line ? [...new Set([...o.mine, ...pageWords.filter(over)])] : o.mine;
          units.push({ unit, kind: 'numeric', mine, band: [cell.y0, cell.y1], loose: o.line !== undefined });
          outcomes.push({ type: 'number', text: rd.text, conf, disputed: false, mixed, alt, stamped: true });
        }
        if (o.line) {
          // What was made of the ink there before (a stamp's letters as text, ink left unread) goes.
          units.forEach((v, j) => {
            if (v.loose && outcomes[j]!.type !== 'number' && inside(v.unit.box, cell)) outcomes[j] = { type: 'keep' };
          });
          for (let j = obscured.length - 1; j >= 0; j--) if (inside(obscured[j]!.box, cell)) obscured.splice(j, 1);
        }
        return;
      }
      if (o.line) {
        // Where the cell also holds ink off the figures' line (a stamp's letters or frame), what
        // the page pass read there is no surer than the cell's own readings (`260` of `4,260`,
        // its `4` joined to the stamp's frame): the value is unknown, an illegible word where
        // those figures were read (the cell's ink may reach into the next). Elsewhere (no
        // stamp, a figure the rule above touches), and where it read no figure, the cell is
        // left as it was.
        const box = o.joined ? o.box : bboxOf(o.mine.filter((w) => /\d/.test(w.text)));
        if (box && o.offLine) obscured.push({ box, mine: o.mine });
        if (process.env.POA_OCR_DEBUG) process.stderr.write(`virtual p${input.number} unread ${JSON.stringify({ cell, mine: o.mine.map((w) => w.text) })}\n`);
        return;
      }
      if (o.unit !== undefined) outcomes[o.unit] = { type: 'keep' };
      obscured.push({ box: o.box, mine: o.mine, text: t0 && t0.type !== 'keep' && t0.text !== '' ? t0.text : undefined });
      if (process.env.POA_OCR_DEBUG) process.stderr.write(`obscured p${input.number} ${JSON.stringify({ box: o.box, mine: o.mine.map((w) => [w.text, Math.round(w.conf)]), unit: o.unit, outcome: t0 })}\n`);
    }),
  );

  // 7. Words: page-pass words not replaced by a cell read, then one word per cell read.
  const consumed = new Set<OcrWord>();
  units.forEach((u, i) => {
    if (outcomes[i]!.type !== 'keep') for (const w of u.mine) consumed.add(w);
  });
  for (const o of obscured) for (const w of o.mine) consumed.add(w);
  const words: Word[] = [];
  for (const w of pageWords) {
    if (consumed.has(w)) continue;
    if (junk(w)) continue;
    words.push({ text: w.text, x0: w.x0, y0: w.y0, x1: w.x1, y1: w.y1, conf: Math.round(w.conf * 10) / 10 });
  }
  // How wide this page's font prints a character (see widthRatio): a reading
  // far wider than that has lost a character.
  const ratios = units
    .map((u, i) => ({ u, o: outcomes[i]! }))
    .filter(({ o }) => o.type === 'number' && !o.disputed && o.text.replace(/\s+/g, '').length >= 2)
    .map(({ u, o }) => widthRatio((o as { text: string }).text, u.unit.parts))
    .filter((r) => Number.isFinite(r))
    .sort((a, b) => a - b);
  const typical = ratios.length >= 5 ? ratios[Math.floor(ratios.length / 2)]! : 0.8;
  const faint = faintBottom(erased, threshold);
  const bowls = (p: Rect) => {
    const r = { x0: Math.max(0, Math.round(p.x0) - 1), y0: Math.max(0, Math.round(p.y0) - 1), x1: Math.min(erased.width, Math.round(p.x1) + 1), y1: Math.min(erased.height, Math.round(p.y1) + 1) };
    const piece = binarize(crop(erased, r), Math.min(250, threshold + 30));
    return holes(piece, { x0: 0, y0: 0, x1: piece.width, y1: piece.height });
  };
  // (Not from under a stamp: its marks are the stamp's as much as the print's.)
  const clear = (o: Outcome): o is Extract<Outcome, { type: 'number' }> => o.type === 'number' && !o.disputed && !o.stamped && o.conf >= tuning.illegibleBelow;
  // How low the page's decimal points end (the median), to tell a point before three digits by.
  const depths = units
    .flatMap((u, i) => {
      const o = outcomes[i]!;
      return clear(o) ? decimalPointDepths(o.text, u.unit.parts, faint) : [];
    })
    .sort((a, b) => a - b);
  const points = depths.length > 0 ? depths[Math.floor(depths.length / 2)] : undefined;
  // The page's thousands separator, from the figures whose ink shows it.
  const evidence = { comma: 0, point: 0 };
  units.forEach((u, i) => {
    const o = outcomes[i]!;
    if (!clear(o)) return;
    const e = thousandsEvidence(o.text, u.unit.parts, faint, points);
    evidence.comma += e.comma;
    evidence.point += e.point;
  });
  const thousands = evidence.comma >= 3 && evidence.point === 0 ? ',' : undefined;
  if (process.env.POA_OCR_DEBUG) process.stderr.write(`thousands p${input.number} ${JSON.stringify({ ...evidence, points })}\n`);
  units.forEach((u, i) => {
    const o = outcomes[i]!;
    if (o.type === 'keep') return;
    const conf = Math.round(o.conf * 10) / 10;
    if (o.type === 'text') {
      words.push({ text: o.text, ...u.unit.box, conf });
      return;
    }
    // Ink that reads as nothing: unknown value.
    // (Readings that agreed but for a separator's kind: the ink must tell each one the digits
    // do not settle, see below. Under a stamp the marks are the stamp's as much as the
    // print's, and masked: they tell none.)
    const checked = o.text === '' ? { text: '?', ambiguous: false, told: true } : checkSeparators(o.text, u.unit.parts, faint, thousands, o.stamped, points);
    // Two readings that differ in a separator's kind the ink cannot tell: the same figure if the
    // page's convention makes the same of both (`1,240` and `1.240` on a page of thousands commas).
    const other = o.alt === undefined || checked.told ? null : checkSeparators(o.alt, u.unit.parts, faint, thousands, o.stamped, points);
    const alike = other === null || (!other.ambiguous && other.text === checked.text);
    // Readings that differ only in a separator's kind, where the digits settle each kind
    // (`6,200,000.00` / `6.200.000.00`): the ink need not tell them (URW Gothic's commas
    // are short strokes the ink takes for points).
    const settled = o.mixed && !checked.told ? settledSeparators(o.text, thousands) : null;
    const settledAlike = settled !== null && (o.alt === undefined || settledSeparators(o.alt, thousands) === settled);
    const sep = settledAlike ? { text: settled, ambiguous: false, told: false } : { ...checked, ambiguous: checked.ambiguous || (!!o.mixed && !checked.told) || !alike };
    let text = sep.text;
    const word: Word = { text, ...u.unit.box, conf, cellRead: true };
    // (A lone `0` is the widest digit: one mark no wider than tall with one bowl is no two
    // digits run together. The bowl is looked for a little lighter than the ink threshold:
    // the thin top of a Times `0` blurs open at 200 dpi.)
    const misfit = (parts: readonly Rect[]) => {
      const ratio = widthRatio(text, parts);
      const zero = text === '0' && parts.length === 1 && ratio <= 1 && bowls(parts[0]!) === 1;
      const tooWide = ratio > 1.3 * typical && !zero;
      // A gap where a separator may have been lost, and the reading shows none there.
      const lost = emptyGaps(parts) > 0 && !/[.,]/.test(text);
      return !plausibleWidth(text, parts) || tooWide || lost;
    };
    // Sure enough: read at the bar or above, or under it but borne out by the page pass (see borneOut).
    const sure = o.text !== '' && !o.disputed && !sep.ambiguous && (o.conf >= tuning.illegibleBelow || borneOut({ ...o, text }, u.mine)) && isCellValue(text);
    let wrongSize = misfit(u.unit.parts);
    // A sure reading whose ink is taller than the digits around: a stamp's lighter line
    // touching the figure makes one mark of them. The figure's own marks are those left
    // at a darker threshold (see darkerDigits); the reading is judged by them, and must
    // tell the same separators from them.
    if (sure && wrongSize && !digitHigh(u)) {
      wrongSize = !darkerFit(erased, u.unit.box, threshold, dpi, (parts) => {
        if (!digitHigh({ ...u, unit: { ...u.unit, parts } }) || misfit(parts)) return false;
        if (settledAlike) return true;
        const again = checkSeparators(o.text, parts, faint, thousands, o.stamped, points);
        return again.text === text && !again.ambiguous && (!o.mixed || again.told);
      });
    }
    // A sure reading whose digits the marks' bowls deny: DejaVu Serif's `9` read `3` (see
    // holesContradict; not under a stamp, nor marks taller than the digits around, a stamp's
    // stroke joined to them).
    let denied = sure && !wrongSize && !o.stamped && digitHigh(u) && holesContradict(inkBin, text, u.unit.parts);
    // Denied where it reads `0` and the page pass `6` (or the reverse), the bowls bearing the
    // page pass out: that figure (see zeroSixSettled).
    const settledBy = denied && u.mine.length > 0 ? zeroSixSettled(inkBin, text, u.mine.map((w) => w.text).join(''), u.unit.parts) : null;
    if (settledBy !== null) {
      text = settledBy;
      word.text = text;
      denied = false;
    }
    if (sure && pagePassAgrees(text, u.mine)) word.pagePassAgrees = true;
    if (!sure || wrongSize || denied) {
      word.illegible = true;
      if (process.env.POA_OCR_DEBUG) {
        const why = { wrongSize, denied, empty: o.text === '', disputed: o.disputed, ambiguous: sep.ambiguous, conf: o.conf, value: isCellValue(text), plausible: plausibleWidth(text, u.unit.parts), ratio: widthRatio(text, u.unit.parts), typical };
        process.stderr.write(`illegible p${input.number} ${JSON.stringify(text)} ${JSON.stringify(why)} ${JSON.stringify(u.unit.parts.map((p) => [p.x0, p.y0, p.x1 - p.x0, p.y1 - p.y0]))}\n`);
      }
    }
    words.push(word);
  });
  for (const o of obscured) {
    const text = o.text || o.mine.map((w) => w.text).join(' ') || '?';
    words.push({ text, ...o.box, conf: 0, cellRead: true, illegible: true });
  }
  words.sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
  const rules: Rule[] = lines.rules;
  const confs = words.filter((w) => w.conf !== undefined && w.text !== '').map((w) => w.conf!);
  const meanConfidence = confs.length === 0 ? 0 : Math.round((confs.reduce((s, c) => s + c, 0) / confs.length) * 100) / 100;
  return {
    file: input.file,
    number: input.number,
    width: gray.width,
    height: gray.height,
    source: 'ocr',
    words: words.map((w) => ({ ...w, x0: r1(w.x0), y0: r1(w.y0), x1: r1(w.x1), y1: r1(w.y1) })),
    rules,
    scale: input.scale,
    rotation,
    skew,
    meanConfidence,
  };
}

