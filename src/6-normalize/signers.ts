/**
 * Signers: a document is signed by the same few people on every report, and
 * OCR reads each signature block its own way ("HOMERO SAMANIEGO AGUILAR",
 * "HOMERO SAMANIEGO AGUIAR", "HOMERO SANMATEO AGUILAR"). The readings of one
 * person are clustered and each is replaced by the cluster's best form.
 *
 * Two readings are joined (single linkage) when either
 *  - by name: the names, without spaces, are at least SIGNER_LINK similar and
 *    every word is at least SIGNER_WORD_MIN similar to its counterpart (a word
 *    split in two by OCR, "JOSÉ ANA" for "JOHANA", is compared joined, and must
 *    be at least SIGNER_JOINED_WORD_MIN similar). The per-word floor is what
 *    keeps apart two people who share most of a name: "JOSÉ" against "JOHANA"
 *    or "MARTÍNEZ" against "RODRÍGUEZ" score 0.33;
 *  - or by office: both sign with the same cargo for the same ramo / programa /
 *    unidad (one office has one holder in one document), have at least
 *    SIGNER_ROLE_MIN_WORDS words, at least half of them match (≥
 *    SIGNER_WORD_MATCH) and the names are at least SIGNER_ROLE_LINK similar.
 *    Here one word may differ completely ("MONIKA" for "NORMA").
 *
 * The best form is the most frequent reading (it must be read at least twice
 * and more often than any other); when there is none, it is built word by word
 * from the readings with the usual number of words: each word the most
 * frequent, ties going to the word closest to the others. When even that ties,
 * nothing is changed.
 */
import type { DraftReporte } from '../5-parse/types.js';
import { bestSpelling, components, ramoKey, tally, type Recorder } from './evidence.js';
import { clean, fold, similarity } from './text.js';

export const SIGNER_LINK = 0.75;
export const SIGNER_WORD_MIN = 0.5;
export const SIGNER_JOINED_WORD_MIN = 0.7;
export const SIGNER_WORD_MATCH = 0.8;
export const SIGNER_ROLE_LINK = 0.6;
export const SIGNER_ROLE_MIN_WORDS = 3;

interface Occurrence {
  ri: number;
  idx: number;
  raw: string;
  spelled: string[];
  words: string[];
  folded: string;
  role: string | null;
}

interface Form {
  folded: string;
  words: string[];
  roles: Set<string>;
}

/** The office a signer signs for, as a key: cargo kind + the ramo / programa / unidad. */
function roleOf(r: DraftReporte, cargo: string): string | null {
  const c = fold(cargo);
  const ramo = ramoKey(r);
  if (ramo === null) return null;
  const key = (x: { clave: string | null; nombre: string | null } | null) => (x?.clave ? `#${x.clave}` : x?.nombre ? fold(x.nombre) : null);
  if (/\bRAMO\b/.test(c)) return `ramo|${ramo}`;
  if (/\bPROGRAMA\b/.test(c)) {
    const p = key(r.programa);
    return p === null ? null : `programa|${ramo}|${p}`;
  }
  if (/\bUNIDAD\b/.test(c)) {
    const u = key(r.unidad);
    return u === null ? null : `unidad|${ramo}|${u}`;
  }
  return null;
}

interface Pair {
  sim: number;
  joined: boolean;
}

/** Word-by-word alignment; a reading with one word more is aligned with two of its words joined. */
function align(a: readonly string[], b: readonly string[]): Pair[] | null {
  if (a.length === b.length) return a.map((w, i) => ({ sim: similarity(w, b[i]!), joined: false }));
  if (Math.abs(a.length - b.length) !== 1) return null;
  const [long, short] = a.length > b.length ? [a, b] : [b, a];
  let best: Pair[] | null = null;
  let bestSum = -1;
  for (let k = 0; k + 1 < long.length; k++) {
    const merged = [...long.slice(0, k), long[k]! + long[k + 1]!, ...long.slice(k + 2)];
    const pairs = merged.map((w, i) => ({ sim: similarity(w, short[i]!), joined: i === k }));
    const sum = pairs.reduce((s, p) => s + p.sim, 0);
    if (sum > bestSum) {
      best = pairs;
      bestSum = sum;
    }
  }
  return best;
}

function linked(a: Form, b: Form): boolean {
  const pairs = align(a.words, b.words);
  if (!pairs) return false;
  const whole = similarity(a.words.join(''), b.words.join(''));
  const byName = whole >= SIGNER_LINK && pairs.every((p) => p.sim >= (p.joined ? SIGNER_JOINED_WORD_MIN : SIGNER_WORD_MIN));
  if (byName) return true;
  const sameOffice = [...a.roles].some((r) => b.roles.has(r));
  if (!sameOffice || pairs.length < SIGNER_ROLE_MIN_WORDS) return false;
  const matching = pairs.filter((p) => p.sim >= SIGNER_WORD_MATCH).length;
  return matching * 2 >= pairs.length && whole >= SIGNER_ROLE_LINK;
}

function words(s: string): string[] {
  return clean(s).split(' ').filter(Boolean);
}

/** The cluster's best form and why, or null when the readings do not decide it. */
function bestForm(members: readonly Occurrence[]): { name: string; razon: string } | null {
  const forms = tally(members.map((m) => m.folded)).sort((a, b) => b.votes - a.votes);
  const [top, second] = forms;
  if (!top) return null;
  if (top.votes >= 2 && top.votes > (second?.votes ?? 0)) {
    const name = bestSpelling(members.filter((m) => m.folded === top.value).map((m) => m.spelled.join(' ')));
    return {
      name,
      razon: `evidencia: el mismo firmante aparece ${members.length} veces en el documento, leído de ${forms.length} formas; ${top.votes} lecturas dicen «${name}»`,
    };
  }
  // Word by word, over the readings with the usual number of words.
  const counts = tally(members.map((m) => m.words.length)).sort((a, b) => b.votes - a.votes);
  if (!counts[0] || (counts[1] && counts[1].votes === counts[0].votes)) return null;
  const n = counts[0].value;
  const voters = members.filter((m) => m.words.length === n);
  const out: string[] = [];
  for (let p = 0; p < n; p++) {
    const column = voters.map((v) => v.words[p]!);
    const t = tally(column).sort((a, b) => b.votes - a.votes);
    let cands = t.filter((x) => x.votes === t[0]!.votes).map((x) => x.value);
    if (cands.length > 1) {
      const score = (w: string) => column.reduce((s, o) => s + (o === w ? 0 : similarity(w, o)), 0);
      const scored = cands.map((w) => ({ w, s: score(w) })).sort((a, b) => b.s - a.s);
      if (scored[1] && Math.abs(scored[0]!.s - scored[1].s) < 1e-9) return null;
      cands = [scored[0]!.w];
    }
    const win = cands[0]!;
    out.push(bestSpelling(voters.filter((v) => v.words[p] === win).map((v) => v.spelled[p]!)));
  }
  const name = out.join(' ');
  return {
    name,
    razon: `evidencia: el mismo firmante aparece ${members.length} veces en el documento, leído de ${forms.length} formas y ninguna repetida; nombre tomado palabra por palabra de la lectura más frecuente de cada palabra`,
  };
}

/** Clusters the responsables of all reports and replaces each reading by its cluster's best form. */
export function normalizeSigners(reports: DraftReporte[], record: Recorder): void {
  const occ: Occurrence[] = [];
  reports.forEach((r, ri) =>
    r.responsables.forEach((s, idx) => {
      if (s.nombre === null) return;
      const spelled = words(s.nombre);
      if (spelled.length === 0) return;
      const w = spelled.map((x) => fold(x));
      occ.push({ ri, idx, raw: s.nombre, spelled, words: w, folded: w.join(' '), role: roleOf(r, s.cargo) });
    }),
  );
  const forms: Form[] = [];
  for (const o of occ) {
    let f = forms.find((x) => x.folded === o.folded);
    if (!f) forms.push((f = { folded: o.folded, words: o.words, roles: new Set() }));
    if (o.role) f.roles.add(o.role);
  }
  for (const cluster of components(forms.length, (i, j) => linked(forms[i]!, forms[j]!))) {
    const folded = new Set(cluster.map((i) => forms[i]!.folded));
    const members = occ.filter((o) => folded.has(o.folded));
    if (members.length < 2) continue;
    const best = bestForm(members);
    if (!best) continue;
    for (const m of members) {
      if (m.raw === best.name) continue;
      const r = reports[m.ri]!;
      r.responsables[m.idx] = { ...r.responsables[m.idx]!, nombre: best.name };
      record(m.ri, `responsables[${m.idx}].nombre`, m.raw, best.name, best.razon);
    }
  }
}
