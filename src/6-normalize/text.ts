/** Text helpers shared by the stages that compare printed words. */
import levenshtein from 'fast-levenshtein';

/** Upper case, accents removed, runs of whitespace folded: for comparison only, never for output. */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/\s+/g, ' ')
    .trim();
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
