/**
 * TMM-F004 rows read from an OCR transcript: the cells of the numeric part of
 * a row are often shifted, duplicated or lost ("4 | 1 1 1 1 1 1 1 1 1 1 1 | 25%").
 * Here the printed numbers are placed into META ANUAL / P and A per quarter /
 * AVANCE ABSOLUTO / ACUMULADO RELATIVO by the arithmetic the form promises
 * (SPEC §3), in the order they were printed:
 *
 * - the first number is META ANUAL, a number with `%` is ACUMULADO RELATIVO and
 *   the number before it AVANCE ABSOLUTO;
 * - the numbers between are P, A, P, A… in order, some cells empty; A of a
 *   quarter after the one reported is empty;
 * - a number may be dropped only when it repeats one of the two before it (a
 *   duplicated cell, or a duplicated P/A pair), never otherwise; no number is
 *   ever invented;
 * - a placement fits when META ANUAL = ΣP, ABSOLUTO = ΣA so far and RELATIVO =
 *   100·ABSOLUTO/META (±1). Among the fitting placements with the fewest drops,
 *   a field on which they all agree gets its value; when they differ, the one
 *   that keeps every number in the column it was printed in settles it, and
 *   short of that the field is left empty and reported unreadable
 *   (`ilegible`) — never guessed.
 */
import { PERIODOS_TRIMESTRE, type Reporte } from '../schema/document.js';
import { parseNumber } from '../6-normalize/numbers.js';

export interface Placement {
  programado_anual: number | null;
  avance_absoluto: number | null;
  avance_relativo: number | null;
  P: Array<number | null>;
  A: Array<number | null>;
  /** Fields left empty because fitting placements disagree on them. */
  ambiguous: string[];
  dropped: number;
}

interface Token {
  value: number;
  percent: boolean;
  /** The P/A slot (P1 A1 P2 A2 … = 0…7) of the cell the number was printed in, when known. */
  slot?: number;
}

/** A printed cell: its text and, for a P/A cell, its slot (P1 A1 P2 A2 … = 0…7). */
export interface PrintedCell {
  text: string;
  slot?: number;
}

/**
 * The numbers printed in a row's cells, in order, up to the first word that is
 * not a number; what follows is text that shifted into the numeric cells (an
 * observation), returned as `rest`.
 */
export function tokensOf(cells: ReadonlyArray<string | PrintedCell>): { tokens: Token[]; rest: string } {
  const tokens: Token[] = [];
  const words = cells.flatMap((c) => {
    const cell = typeof c === 'string' ? { text: c } : c;
    return cell.text.split(/\s+/).filter(Boolean).map((w) => ({ w, slot: cell.slot }));
  });
  let i = 0;
  for (; i < words.length; i++) {
    const p = parseNumber(words[i]!.w);
    if (p.kind !== 'number') break;
    const t: Token = { value: p.value, percent: p.percent };
    if (words[i]!.slot !== undefined) t.slot = words[i]!.slot;
    tokens.push(t);
  }
  return { tokens, rest: words.slice(i).map((x) => x.w).join(' ') };
}

const MAX_CANDIDATES = 200_000;

/** All placements of the middle tokens into the P/A slots that satisfy the rules. */
export function placeTmmNumbers(tokens: readonly Token[], periodo: Reporte['periodo_reportado']): Placement | null {
  const pctIdx = tokens.findIndex((t) => t.percent);
  if (tokens.length < 3 || pctIdx !== tokens.length - 1 || tokens.filter((t) => t.percent).length !== 1) return null;
  const meta = tokens[0]!.value;
  const rel = tokens[pctIdx]!.value;
  const abs = tokens[pctIdx - 1]!.value;
  const middleTokens = tokens.slice(1, pctIdx - 1);
  const middle = middleTokens.map((t) => t.value);
  const reported = periodo ? PERIODOS_TRIMESTRE.indexOf(periodo) + 1 : 4;
  // Slots in printed order: P1 A1 P2 A2 …; A of a quarter not yet reported is empty or 0.
  const slots: Array<{ kind: 'P' | 'A'; q: number }> = [];
  for (let q = 0; q < 4; q++) slots.push({ kind: 'P', q }, { kind: 'A', q });
  if (!relOk(meta, abs, rel)) return null;

  const fits: Array<{ P: Array<number | null>; A: Array<number | null>; dropped: number; matches: number }> = [];
  // Slot (0…7) each middle token went to in the placement being built; -1 when dropped.
  const placedAt: number[] = middle.map(() => -1);
  let explored = 0;
  let minDropped = Infinity;
  const P: Array<number | null> = [null, null, null, null];
  const A: Array<number | null> = [null, null, null, null];
  // i: next middle token, s: next slot, dropped so far.
  const walk = (i: number, s: number, dropped: number): void => {
    if (++explored > MAX_CANDIDATES || dropped > minDropped) return;
    if (i === middle.length) {
      const sumP = sum(P);
      const sumA = sum(A.slice(0, reported));
      const futureEmpty = A.slice(reported).every((a) => a === null || a === 0);
      if (futureEmpty && eq(sumP, meta) && eq(sumA, abs)) {
        minDropped = Math.min(minDropped, dropped);
        const matches = middleTokens.reduce((n, t, k) => n + (t.slot !== undefined && t.slot === placedAt[k] ? 1 : 0), 0);
        fits.push({ P: [...P], A: [...A], dropped, matches });
      }
      return;
    }
    const v = middle[i]!;
    // Drop a token that repeats the one before it (a duplicated cell).
    if ((i > 0 && middle[i - 1] === v) || (i > 1 && middle[i - 2] === v)) {
      placedAt[i] = -1;
      walk(i + 1, s, dropped + 1);
    }
    // Or place it in any later slot (the slots skipped stay empty).
    for (let k = s; k < slots.length; k++) {
      const slot = slots[k]!;
      const arr = slot.kind === 'P' ? P : A;
      arr[slot.q] = v;
      placedAt[i] = k;
      walk(i + 1, k + 1, dropped);
      arr[slot.q] = null;
      placedAt[i] = -1;
    }
  };
  walk(0, 0, 0);
  // Among the fitting placements with the fewest drops, those that keep the most
  // numbers in the column they were printed in: where the arithmetic allows
  // several placements, the printed position is the evidence that decides.
  const fewest = fits.filter((f) => f.dropped === minDropped);
  if (fewest.length === 0) return null;
  // Only a placement that keeps every such number where it was printed can settle
  // it; short of that, the fields on which the placements differ stay unread.
  const withSlot = middleTokens.filter((t) => t.slot !== undefined).length;
  const inPlace = fewest.filter((f) => withSlot > 0 && f.matches === withSlot);
  const best = inPlace.length > 0 ? inPlace : fewest;
  const ambiguous: string[] = [];
  const agree = (get: (f: (typeof best)[number]) => number | null, field: string): number | null => {
    const first = get(best[0]!);
    if (best.every((f) => get(f) === first)) return first;
    ambiguous.push(field);
    return null;
  };
  const outP = [0, 1, 2, 3].map((q) => agree((f) => f.P[q]!, `${PERIODOS_TRIMESTRE[q]}.programado`));
  const outA = [0, 1, 2, 3].map((q) => agree((f) => f.A[q]!, `${PERIODOS_TRIMESTRE[q]}.realizado`));
  return { programado_anual: meta, avance_absoluto: abs, avance_relativo: rel, P: outP, A: outA, ambiguous, dropped: minDropped };
}

function sum(vs: ReadonlyArray<number | null>): number {
  return Math.round(vs.reduce<number>((s, v) => s + (v ?? 0), 0) * 1e6) / 1e6;
}

function eq(a: number, b: number): boolean {
  return Math.abs(a - b) < 0.005;
}

function relOk(meta: number, abs: number, rel: number): boolean {
  if (meta === 0) return true;
  return Math.abs(Math.round((100 * abs) / meta) - rel) <= 1;
}
