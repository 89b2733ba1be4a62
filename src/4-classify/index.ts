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
  /** Set when the page has no title of its own and continues the table of this page. */
  previous?: LaidOutPage;
}

const THRESHOLD = 0.5;

/**
 * Classifies a page; a page without a known title that continues the table of
 * the page before it (no print titles) takes that page's formato.
 */
export function classifyPage(lp: LaidOutPage, before?: ClassifiedPage): ClassifiedPage {
  const own = classifyByTitle(lp);
  if (own.formato || !before?.formato) return own;
  const m = FORMAT_MODULES.find((f) => f.formato === before.formato);
  const previous = before.previous && !hasOwnHeader(before) ? before.previous : before;
  if (m?.continuation?.(lp, previous)) return { ...lp, formato: before.formato, previous };
  return own;
}

function hasOwnHeader(p: ClassifiedPage): boolean {
  return p.previous === undefined;
}

function classifyByTitle(lp: LaidOutPage): ClassifiedPage {
  let best: { formato: Formato; score: number } | null = null;
  for (const m of FORMAT_MODULES) {
    const score = m.score(lp);
    if (score >= THRESHOLD && (!best || score > best.score)) best = { formato: m.formato, score };
  }
  return { ...lp, formato: best?.formato ?? null };
}
