/** Text helpers shared by the stages that compare printed words. */
import levenshtein from 'fast-levenshtein';

const folded = new Map<string, string>();

/** Upper case, accents removed, runs of whitespace folded: for comparison only, never for output. */
export function fold(s: string): string {
  let f = folded.get(s);
  if (f === undefined) {
    f = s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toUpperCase()
      .replace(/\s+/g, ' ')
      .trim();
    // The same labels and cells are folded again and again; keep the cache bounded.
    if (folded.size > 50_000) folded.clear();
    folded.set(s, f);
  }
  return f;
}

/** Whitespace folded and trimmed: how printed text is kept. */
export function clean(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** 1 − edit distance / length of the longer string, on folded text. */
export function similarity(a: string, b: string): number {
  const fa = fold(a);
  const fb = fold(b);
  const n = Math.max(fa.length, fb.length);
  if (n === 0) return 1;
  return 1 - levenshtein.get(fa, fb) / n;
}
