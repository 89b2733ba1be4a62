/**
 * Numbers of a transcript row placed into its columns by arithmetic, for rows
 * whose cells an OCR tool shifted or duplicated: the printed numbers keep
 * their order; only a number that repeats the one before it may be dropped (a
 * duplicated cell); none is ever invented. Among the placements that satisfy
 * the format's arithmetic, a slot on which they all agree gets its value; one
 * on which they differ is left empty and reported (never guessed).
 */
import { parseNumber } from '../../6-normalize/numbers.js';

export interface InOrderPlacement {
  values: Array<number | null>;
  /** Slots left empty because the fitting placements disagree on them. */
  ambiguous: number[];
  dropped: number;
}

const MAX_TRIES = 100_000;

/** Places `tokens` into `n` slots in order, dropping only repeats, so that `fits` holds. */
export function placeInOrder(tokens: readonly number[], n: number, fits: (values: number[]) => boolean): InOrderPlacement | null {
  const extra = tokens.length - n;
  if (extra < 0) return null;
  const droppable = tokens.map((t, i) => i > 0 && t === tokens[i - 1]).map((d, i) => (d ? i : -1)).filter((i) => i >= 0);
  if (droppable.length < extra) return null;
  const fitting: number[][] = [];
  let tries = 0;
  const choose = (from: number, left: number, dropped: Set<number>): void => {
    if (++tries > MAX_TRIES) return;
    if (left === 0) {
      const values = tokens.filter((_, i) => !dropped.has(i));
      if (fits(values)) fitting.push(values);
      return;
    }
    for (let k = from; k < droppable.length; k++) {
      dropped.add(droppable[k]!);
      choose(k + 1, left - 1, dropped);
      dropped.delete(droppable[k]!);
    }
  };
  choose(0, extra, new Set());
  if (fitting.length === 0) return null;
  const ambiguous: number[] = [];
  const values = Array.from({ length: n }, (_, i) => {
    const v = fitting[0]![i]!;
    if (fitting.every((f) => f[i] === v)) return v;
    ambiguous.push(i);
    return null;
  });
  return { values, ambiguous, dropped: extra };
}

/** The numbers among printed texts, in order (words that are not numbers are skipped). */
export function numbersIn(texts: readonly string[]): number[] {
  const out: number[] = [];
  for (const t of texts) {
    for (const part of t.split(/\s+/).filter(Boolean)) {
      const p = parseNumber(part);
      if (p.kind === 'number') out.push(p.value);
    }
  }
  return out;
}

const EPS = 0.005;

/** A total that is the sum of its periods (count units) or their largest value (percentages). */
export function totalFits(total: number, periods: readonly number[], percentage: boolean): boolean {
  const expected = percentage ? Math.max(...periods) : periods.reduce((s, v) => s + v, 0);
  return Math.abs(total - expected) < EPS;
}

/** The provenance note of a row whose numbers were placed by the arithmetic. */
export function inferenceNote(dropped: number, ambiguous: readonly string[], printed?: number): string {
  const notes = [`placement of the ${printed === undefined ? '' : `${printed} `}printed numbers inferred from the arithmetic`];
  if (dropped > 0) notes.push(`${dropped} repeated cells dropped`);
  if (ambiguous.length > 0) notes.push(`ambiguous: ${ambiguous.join(', ')}`);
  return notes.join('; ');
}
