/**
 * Stage 3a — layout: words → text lines, in reading order.
 *
 * Generic geometry: nothing here knows a report format.
 */
import type { Page, Word } from '../ir/page.js';

export interface Line {
  words: Word[];
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface LaidOutPage {
  page: Page;
  /** Every word of the page grouped into lines, top to bottom. */
  lines: Line[];
}

const yCenter = (w: { y0: number; y1: number }) => (w.y0 + w.y1) / 2;

/**
 * Groups words whose vertical extents overlap by at least half of the smaller
 * height into one line; lines come top to bottom, words left to right.
 *
 * Words much taller than the page's usual word (a stamp or a scribble read as
 * a word, an obscured cell) would bridge two lines; they are grouped after the
 * others and join the line whose centre is nearest theirs, without stretching
 * its height. A tall word that overlaps no line (a large title) makes its own.
 */
export function groupLines(words: readonly Word[]): Line[] {
  if (words.length === 0) return [];
  const heights = words.map((w) => w.y1 - w.y0).sort((a, b) => a - b);
  const usual = heights[Math.floor(heights.length / 2)]!;
  const normal: Word[] = [];
  const tall: Word[] = [];
  for (const w of words) (w.y1 - w.y0 > 2 * usual ? tall : normal).push(w);
  const lines = group(normal);
  const extra: Word[] = [];
  for (const w of tall) {
    const c = yCenter(w);
    let best: Line | null = null;
    for (const l of lines) {
      if (yCenter(l) < w.y0 || yCenter(l) > w.y1) continue;
      if (!best || Math.abs(yCenter(l) - c) < Math.abs(yCenter(best) - c)) best = l;
    }
    if (best) {
      best.words.push(w);
      best.x0 = Math.min(best.x0, w.x0);
      best.x1 = Math.max(best.x1, w.x1);
    } else extra.push(w);
  }
  lines.push(...group(extra));
  for (const l of lines) {
    l.words.sort((a, b) => a.x0 - b.x0);
    l.text = joinWords(l.words);
  }
  return lines.sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
}

function group(words: readonly Word[]): Line[] {
  const sorted = [...words].sort((a, b) => yCenter(a) - yCenter(b) || a.x0 - b.x0);
  // Each line is matched by its core — the mean top and bottom of its words — not by
  // the union of their boxes, which would grow word by word and swallow the next
  // line where columns of text sit a little offset from each other.
  const lines: Array<Line & { c0: number; c1: number }> = [];
  for (const w of sorted) {
    const h = w.y1 - w.y0;
    let best: (typeof lines)[number] | null = null;
    // Only the last few lines can overlap a word that comes later in y order.
    for (let i = lines.length - 1; i >= 0 && i >= lines.length - 4; i--) {
      const l = lines[i]!;
      const n = l.words.length;
      const c0 = l.c0 / n;
      const c1 = l.c1 / n;
      const overlap = Math.min(c1, w.y1) - Math.max(c0, w.y0);
      const minH = Math.min(h, c1 - c0);
      const dc = Math.abs((c0 + c1) / 2 - yCenter(w));
      // Overlapping the core well, or centred on it (an accented word's box reaches higher).
      if ((overlap >= 0.5 * minH && dc <= 0.6 * Math.max(h, c1 - c0)) || dc <= 0.4 * Math.max(h, c1 - c0)) {
        best = l;
        break;
      }
    }
    if (best) {
      best.words.push(w);
      best.c0 += w.y0;
      best.c1 += w.y1;
      best.y0 = Math.min(best.y0, w.y0);
      best.y1 = Math.max(best.y1, w.y1);
      best.x0 = Math.min(best.x0, w.x0);
      best.x1 = Math.max(best.x1, w.x1);
    } else {
      lines.push({ words: [w], text: '', x0: w.x0, y0: w.y0, x1: w.x1, y1: w.y1, c0: w.y0, c1: w.y1 });
    }
  }
  return lines.map(({ c0: _c0, c1: _c1, ...l }) => l);
}

/** Joins words of one line with single spaces. */
export function joinWords(words: readonly Word[]): string {
  return words
    .map((w) => w.text)
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function layoutPage(page: Page): LaidOutPage {
  const words = withoutDuplicates(page.words);
  const p = words.length === page.words.length ? page : { ...page, words };
  return { page: p, lines: groupLines(p.words) };
}

/**
 * The same text twice at the same place (OCR read a line twice, e.g. a
 * signature block read again on its own) is one word.
 */
function withoutDuplicates(words: readonly Word[]): Word[] {
  const out: Word[] = [];
  const sorted = [...words].sort((a, b) => a.x0 - b.x0);
  for (const w of sorted) {
    const area = (w.x1 - w.x0) * (w.y1 - w.y0);
    const twin = out.find((o) => {
      if (o.text !== w.text || o.x1 <= w.x0) return false;
      const ix = Math.min(o.x1, w.x1) - Math.max(o.x0, w.x0);
      const iy = Math.min(o.y1, w.y1) - Math.max(o.y0, w.y0);
      if (ix <= 0 || iy <= 0) return false;
      const inter = ix * iy;
      return inter > 0.5 * Math.min(area, (o.x1 - o.x0) * (o.y1 - o.y0));
    });
    if (!twin) out.push(w);
  }
  return out.length === words.length ? [...words] : words.filter((w) => out.includes(w));
}

/** Words inside a rectangle (by their centre). */
export function wordsIn(words: readonly Word[], r: { x0: number; y0: number; x1: number; y1: number }): Word[] {
  return words.filter((w) => {
    const cx = (w.x0 + w.x1) / 2;
    const cy = (w.y0 + w.y1) / 2;
    return cx >= r.x0 && cx <= r.x1 && cy >= r.y0 && cy <= r.y1;
  });
}

/** Text of words in reading order: grouped into lines, lines joined with spaces. */
export function textOf(words: readonly Word[]): string {
  return groupLines(words)
    .map((l) => l.text)
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}
