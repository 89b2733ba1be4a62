/**
 * Stage 4 — classify: a laid-out page → its `formato` (or null for a page of
 * another kind). Each format module says how much a page looks like it; the
 * best score above the threshold wins.
 */
import type { LaidOutPage } from '../3-layout/lines.js';
import { FORMAT_MODULES } from '../formats/index.js';
import type { Formato } from '../schema/document.js';

export interface ClassifiedPage extends LaidOutPage {
  formato: Formato | null;
}

const THRESHOLD = 0.5;

export function classifyPage(lp: LaidOutPage): ClassifiedPage {
  let best: { formato: Formato; score: number } | null = null;
  for (const m of FORMAT_MODULES) {
    const score = m.score(lp);
    if (score >= THRESHOLD && (!best || score > best.score)) best = { formato: m.formato, score };
  }
  return { ...lp, formato: best?.formato ?? null };
}
