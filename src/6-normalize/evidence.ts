/**
 * Evidence within one document: a name or a code the document prints several
 * times is read right more often than wrong, so where the readings disagree
 * and one clearly wins, the others are replaced by it. Used for codes of ramos,
 * programas and unidades (by name), and for names of ramos, programas,
 * unidades and líneas de acción (by code). Signers are in signers.ts.
 */
import type { Clave } from '../schema/document.js';
import type { DraftReporte } from '../5-parse/types.js';
import { clean, fold, similarity } from './text.js';

/**
 * A winner needs at least this many votes and at least MAJORITY_RATIO times the
 * votes of the runner-up: 2 against 1 is a clear majority, 3 against 2 is not
 * (one more misreading would turn it), and a single reading is never evidence.
 */
export const MAJORITY_MIN_VOTES = 2;
export const MAJORITY_RATIO = 2;

/**
 * Two headers name the same programa (ramo, unidad) when their folded names are
 * at least this similar: one misread letter in ten. Names of different
 * programas of one ramo differ by whole words, far below this.
 */
export const SAME_NAME_THRESHOLD = 0.9;

/**
 * A minority code is replaced only when it differs from the winner in at most
 * this many characters, at the same length: a misread digit ("502" for "542").
 * A code that differs more is another programa, or a typo of the publisher,
 * not OCR noise.
 */
export const CODE_MAX_DIFFERENCES = 1;

/**
 * Names grouped by code are replaced by the group's winner only when at least
 * this similar to it (the same bar as the vocabulary's, see vocabulary.ts): a
 * name that differs more is printed differently on purpose, not misread.
 */
export const NAME_BY_CODE_THRESHOLD = 0.85;

/** Records one change to report `ri` (a no-op when nothing changed). */
export type Recorder = (ri: number, campo: string, crudo: string, normalizado: string, razon: string) => void;

export interface Tally<T> {
  value: T;
  votes: number;
}

/** Counts values in first-seen order. */
export function tally<T>(values: readonly T[]): Tally<T>[] {
  const out: Tally<T>[] = [];
  for (const v of values) {
    const t = out.find((x) => x.value === v);
    if (t) t.votes++;
    else out.push({ value: v, votes: 1 });
  }
  return out;
}

/**
 * The clear winner of a tally (see MAJORITY_MIN_VOTES), or null. With
 * `absolute`, the winner must also hold more than half of all votes (codes:
 * 3 headers printing 204 against 4 printing four other codes is no evidence).
 */
export function clearWinner<T>(tallies: readonly Tally<T>[], absolute = false): Tally<T> | null {
  const sorted = [...tallies].sort((a, b) => b.votes - a.votes);
  const [top, second] = sorted;
  if (!top || top.votes < MAJORITY_MIN_VOTES) return null;
  if (top.votes < MAJORITY_RATIO * (second?.votes ?? 0)) return null;
  if (absolute && top.votes * 2 <= sorted.reduce((s, t) => s + t.votes, 0)) return null;
  return top;
}

/** Number of accents, tildes and diaereses. */
export function diacritics(s: string): number {
  return (s.normalize('NFD').match(/[\u0300-\u036f]/g) ?? []).length;
}

/**
 * The spelling to keep among spellings of one folded name: the most frequent;
 * on a tie the one with more accents/ñ (OCR drops them more often than it
 * invents them); then the first in code-point order, so the result never
 * depends on input order.
 */
export function bestSpelling(spellings: readonly string[]): string {
  const t = tally(spellings);
  t.sort((a, b) => b.votes - a.votes || diacritics(b.value) - diacritics(a.value) || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  return t[0]?.value ?? '';
}

function differences(a: string, b: string): number {
  if (a.length !== b.length) return Infinity;
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) n++;
  return n;
}

function pageList(pages: readonly number[]): string {
  const u = [...new Set(pages)].sort((a, b) => a - b);
  return `${u.length === 1 ? 'pág.' : 'págs.'} ${u.join(', ')}`;
}

/** Groups of indices joined whenever `linked(i, j)` (union-find, order-independent). */
export function components(n: number, linked: (i: number, j: number) => boolean): number[][] {
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) if (find(i) !== find(j) && linked(i, j)) parent[Math.max(find(i), find(j))] = Math.min(find(i), find(j));
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const r = find(i);
    const g = groups.get(r);
    if (g) g.push(i);
    else groups.set(r, [i]);
  }
  return [...groups.values()];
}

type ClaveField = 'ramo' | 'programa' | 'unidad';

const LABEL: Record<ClaveField, string> = { ramo: 'ramo', programa: 'programa', unidad: 'unidad' };

/** The ramo a report belongs to, for grouping: its code, else its folded name. */
export function ramoKey(r: DraftReporte): string | null {
  if (r.ramo?.clave) return `#${r.ramo.clave}`;
  if (r.ramo?.nombre) return fold(r.ramo.nombre);
  return null;
}

/**
 * Codes by name. Reports whose `field` carries the same name (fuzzy, within
 * the same ramo for programas and unidades) but different codes, or no code:
 * when one code is printed by a clear majority of those headers, a missing code
 * is filled with it and a code one misread digit away is replaced by it.
 * `reports` is the working copy and is changed in place.
 */
export function codesByName(reports: DraftReporte[], field: ClaveField, record: Recorder): void {
  const items = reports
    .map((r, ri) => ({ ri, c: r[field], scope: field === 'ramo' ? '' : ramoKey(r) }))
    .filter((x): x is { ri: number; c: Clave; scope: string } => x.c !== null && Boolean(x.c.nombre) && x.scope !== null);
  const clusters = components(items.length, (i, j) => {
    const a = items[i]!;
    const b = items[j]!;
    return a.scope === b.scope && similarity(a.c.nombre!, b.c.nombre!) >= SAME_NAME_THRESHOLD;
  });
  for (const cluster of clusters) {
    if (cluster.length < 2) continue;
    const members = cluster.map((i) => items[i]!);
    const printed = members.filter((m) => m.c.clave);
    const winner = clearWinner(tally(printed.map((m) => m.c.clave!)), true);
    if (!winner) continue;
    const code = winner.value;
    const backers = printed.filter((m) => m.c.clave === code);
    const name = bestSpelling(backers.map((m) => clean(m.c.nombre!)));
    for (const m of members) {
      const raw = m.c.clave;
      if (raw === code) continue;
      if (raw !== null && raw !== '' && differences(raw, code) > CODE_MAX_DIFFERENCES) continue;
      const pages = backers.map((b) => reports[b.ri]!.paginas[0] ?? 0);
      const razon =
        `evidencia: ${winner.votes} de ${printed.length} encabezados con el ${LABEL[field]} «${name}» imprimen la clave ${code} (${pageList(pages)})` +
        (raw ? `; esta página imprime ${raw}` : '; esta página no imprime clave');
      m.c.clave = code;
      record(m.ri, `${field}.clave`, raw ?? '', code, razon);
    }
  }
}

export interface NameSlot {
  ri: number;
  campo: string;
  /** Names in one group are meant to be the same (same code, same scope). */
  group: string;
  /** The code the name is printed with, for the message. */
  code: string;
  name: string;
  set(v: string): void;
}

/**
 * Names by code: slots of one group (e.g. the programa 542 of ramo 54, the
 * línea de acción 4.5.3) whose names disagree take the name a clear majority
 * prints, when at least NAME_BY_CODE_THRESHOLD similar to it; spellings that
 * differ only in accents take the best spelling (bestSpelling).
 */
export function namesByCode(slots: readonly NameSlot[], label: string, reports: readonly DraftReporte[], record: Recorder): void {
  const groups = new Map<string, NameSlot[]>();
  for (const s of slots) {
    const g = groups.get(s.group);
    if (g) g.push(s);
    else groups.set(s.group, [s]);
  }
  for (const [, members] of groups) {
    if (members.length < 2) continue;
    const tallies = tally(members.map((m) => fold(m.name)));
    const winner = clearWinner(tallies);
    if (!winner) continue;
    const runnerUp = Math.max(0, ...tallies.filter((t) => t !== winner).map((t) => t.votes));
    const backers = members.filter((m) => fold(m.name) === winner.value);
    const best = bestSpelling(backers.map((m) => clean(m.name)));
    const pages = backers.map((b) => reports[b.ri]!.paginas[0] ?? 0);
    const what = `${label} ${members[0]!.code}`;
    for (const m of members) {
      if (clean(m.name) === best) continue;
      // Upper and lower case are a layout choice of each form, not a misreading: leave them as printed.
      if (clean(m.name).toUpperCase() === best.toUpperCase()) continue;
      const sameLetters = fold(m.name) === winner.value;
      // A reading cut short (a stamp over its end) or with stray words after it (the stamp's own).
      const fm = fold(m.name);
      const cut = Math.min(fm.length, winner.value.length) >= 8 && (winner.value.startsWith(fm) || fm.startsWith(`${winner.value} `));
      if (!sameLetters && !cut && similarity(m.name, best) < NAME_BY_CODE_THRESHOLD) continue;
      const razon = sameLetters
        ? `evidencia: ${what} se imprime ${winner.votes} veces con las mismas letras; se toma la grafía más frecuente, con acentos en un empate (${pageList(pages)})`
        : `evidencia: ${what} se imprime ${members.length} veces en el documento; ${winner.votes} dicen «${best}» (${pageList(pages)}) y ninguna otra lectura aparece más de ${runnerUp === 1 ? 'una vez' : `${runnerUp} veces`}`;
      m.set(best);
      record(m.ri, m.campo, m.name, best, razon);
    }
  }
}
