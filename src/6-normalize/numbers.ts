/**
 * Numbers as printed on POA reports (SPEC.md §2):
 * `$ 1,350,142.92` → 1350142.92 · `(10.73)` → -10.73 · `2,500` → 2500 ·
 * `25%` → 25 · an empty cell → null. A value is kept as printed, never "fixed".
 */

export type ParsedNumber =
  | { kind: 'empty'; value: null }
  | { kind: 'number'; value: number; percent: boolean; money: boolean }
  | { kind: 'invalid'; value: null };

const NUMBER = /^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$|^-?\.\d+$/;

export function parseNumber(raw: string | null | undefined): ParsedNumber {
  if (raw == null) return { kind: 'empty', value: null };
  // Spaces may follow `$` or `(` and precede `)` or `%`; a space between digits
  // means two values ran together ("1 1"), which is not one number.
  let s = raw.trim().replace(/([$(])\s+/g, '$1').replace(/\s+([)%])/g, '$1');
  if (/\s/.test(s)) return { kind: 'invalid', value: null };
  if (s === '' || s === '-' || s === '—' || s === '–') return { kind: 'empty', value: null };
  let negative = false;
  let percent = false;
  let money = false;
  if (s.startsWith('$')) {
    money = true;
    s = s.slice(1);
  }
  // A dash alone (`-`, `$ -`: a spreadsheet's accounting format) prints no number: an empty cell.
  if (s === '-' || s === '—' || s === '–') return { kind: 'empty', value: null };
  if (s.startsWith('(') && s.endsWith(')')) {
    negative = true;
    s = s.slice(1, -1);
  }
  if (s.startsWith('$')) {
    money = true;
    s = s.slice(1);
  }
  if (s.endsWith('%')) {
    percent = true;
    s = s.slice(0, -1);
  }
  if (!NUMBER.test(s)) return { kind: 'invalid', value: null };
  if (s.startsWith('-')) {
    negative = !negative;
    s = s.slice(1);
  }
  const v = Number(s.replace(/,/g, ''));
  if (!Number.isFinite(v)) return { kind: 'invalid', value: null };
  return { kind: 'number', value: negative ? -v : v, percent, money };
}

/** True when the text reads as a number (or an empty cell). */
export function isNumberText(raw: string): boolean {
  return parseNumber(raw).kind !== 'invalid';
}

/** Formats a number for the CSV: `.` decimal point, no thousands separator, `-` for negatives. */
export function formatNumber(v: number | null): string {
  if (v === null) return '';
  if (Object.is(v, -0)) return '0';
  // Round away binary noise (sums of printed decimals) without changing printed values.
  const r = Math.round(v * 1e6) / 1e6;
  return String(r);
}

/** Sum with rounding to the precision of the inputs (avoids 0.1 + 0.2 artefacts). */
export function sum(values: readonly number[]): number {
  return Math.round(values.reduce((s, v) => s + v, 0) * 1e6) / 1e6;
}
