/**
 * Names cleaned of OCR noise, in two passes over the draft reports of ONE
 * document:
 *
 * 1. Vocabulary of the forms (vocabulary-data.ts): the ente, the dependencia,
 *    the form code, the ramo, the ejes de gobierno and the signers' cargos are
 *    matched, on folded text, against the names the forms print; a reading
 *    close enough is replaced by the vocabulary's spelling. Long distinctive
 *    words ("MEXICALTI") are fixed inside other header names.
 * 2. Evidence within the document (evidence.ts, signers.ts): codes of ramos,
 *    programas and unidades by name, names of ramos, programas, unidades and
 *    líneas de acción by code, and the signers' names by clustering.
 *
 * Only header names are touched: never numbers of the tables, descriptions,
 * units or observaciones. Every change is pushed to `out` as a Normalizacion.
 */
import type { DraftReporte } from '../5-parse/types.js';
import type { Clave, Normalizacion } from '../schema/document.js';
import { codesByName, namesByCode, ramoKey, type NameSlot, type Recorder } from './evidence.js';
import { normalizeSigners } from './signers.js';
import { clean, fold, similarity } from './text.js';
import {
  CARGOS,
  DEPENDENCIAS,
  EJES_PMD_2025_2027,
  EJES_PMD_EJERCICIOS,
  ENTE_ANCLA,
  ENTES,
  FORMULARIOS,
  PALABRAS,
  RAMOS,
  type VocabEntry,
} from './vocabulary-data.js';

/**
 * A reading is replaced by a vocabulary name when their folded forms are at
 * least NAME_THRESHOLD similar (1 − edit distance / length). 0.85 allows about
 * one misread character in seven, which covers what the seeds show on the
 * forms' headings ("MEXICALI CERCE" 0.86, "MEDICAL SEGURO Y EN PAZ" 0.92,
 * "AVANTAMIENTO DE MEXICALI…" 0.95, "(BISON)" in the ramo 0.97) while the
 * closest distinct vocabulary names stay well below it ("RESPONSABLE DEL RAMO"
 * / "…DEL PROGRAMA" 0.79, "…UNIDAD EJECUTORA" / "…UNIDAD RESPONSABLE" 0.72,
 * "AYUNTAMIENTO DE MEXICALI" / "…DE BAJA CALIFORNIA" 0.56).
 */
export const NAME_THRESHOLD = 0.85;
/**
 * Vocabulary names shorter than SHORT_NAME_LENGTH folded characters need
 * SHORT_NAME_THRESHOLD: one wrong letter in a short name is a larger share of
 * it and more likely another word ("PRESIDENCIA" tolerates one error at most).
 */
export const SHORT_NAME_LENGTH = 12;
export const SHORT_NAME_THRESHOLD = 0.9;
/**
 * A word inside a header name is fixed against PALABRAS only when it has at
 * least WORD_MIN_LENGTH letters and is at least WORD_THRESHOLD similar: one
 * edit in eight or nine letters ("MEXICALTI" 0.89), never two edits in less
 * than sixteen. Shorter words are never fixed alone: too many real words sit
 * one letter apart.
 */
export const WORD_MIN_LENGTH = 8;
export const WORD_THRESHOLD = 0.875;
/** The word that starts an ente after its roman numeral, read at least this well ("AVANTAMIENTO" 0.83). */
export const ENTE_ANCHOR_THRESHOLD = 0.75;

function thresholdFor(forma: string): number {
  return fold(forma).length < SHORT_NAME_LENGTH ? SHORT_NAME_THRESHOLD : NAME_THRESHOLD;
}

/** Base letter + combining marks, per character. */
function marks(s: string): { base: string; marks: string }[] {
  const out: { base: string; marks: string }[] = [];
  for (const ch of s.normalize('NFD')) {
    if (/[\u0300-\u036f]/.test(ch) && out.length > 0) out[out.length - 1]!.marks += ch;
    else out.push({ base: ch, marks: '' });
  }
  return out;
}

/**
 * For two spellings of the same letters: does `raw` carry an accent the clean
 * form does not (OCR's "RÁMO")? A missing accent is not noise: several
 * systems print headers without accents, and that is kept as printed.
 */
function hasStrayAccent(raw: string, forma: string): boolean {
  const a = marks(raw);
  const b = marks(forma);
  if (a.length !== b.length) return false;
  return a.some((x, i) => x.marks !== '' && x.marks !== b[i]!.marks);
}

interface Match {
  forma: string;
  sim: number;
}

/**
 * The vocabulary name `raw` should read as, or null to keep it: a clean
 * spelling is kept; the same letters with a stray accent take the
 * vocabulary's; a fuzzy reading takes the closest name when that is above its
 * threshold and strictly closer than any other name.
 */
export function matchVocabulary(raw: string, vocab: readonly VocabEntry[]): Match | null {
  const c = clean(raw);
  if (!c) return null;
  const f = fold(c);
  for (const e of vocab) {
    const spellings = [e.forma, ...(e.variantes ?? [])];
    if (spellings.includes(c)) return null;
    const same = spellings.find((s) => fold(s) === f);
    if (same !== undefined) return hasStrayAccent(c, same) ? { forma: same, sim: 1 } : null;
  }
  const scored = vocab.map((e) => ({ forma: e.forma, sim: similarity(c, e.forma) })).sort((a, b) => b.sim - a.sim);
  const [best, second] = scored;
  if (!best || best.sim < thresholdFor(best.forma)) return null;
  if (second && second.sim === best.sim) return null;
  return best;
}

/** The ente: roman numeral prefix kept as printed, the rest matched against ENTES, else word fixes. */
export function normalizeEnte(raw: string): string {
  const tokens = clean(raw).split(' ');
  const at = tokens.findIndex((t) => similarity(t, ENTE_ANCLA) >= ENTE_ANCHOR_THRESHOLD);
  if (at >= 0) {
    const prefix = tokens.slice(0, at).join(' ');
    const m = matchVocabulary(tokens.slice(at).join(' '), ENTES);
    if (m) return prefix ? `${prefix} ${m.forma}` : m.forma;
  }
  return fixWords(raw);
}

/** Long distinctive words fixed inside a name (PALABRAS); everything else kept as printed. */
export function fixWords(raw: string): string {
  return raw.replace(/[\p{L}]+/gu, (w) => {
    const f = fold(w);
    if (f.length < WORD_MIN_LENGTH || w !== w.toUpperCase()) return w;
    if (PALABRAS.includes(f)) return w;
    const scored = PALABRAS.map((p) => ({ p, sim: similarity(w, p) })).sort((a, b) => b.sim - a.sim);
    const best = scored[0];
    return best && best.sim >= WORD_THRESHOLD ? best.p : w;
  });
}

/** Letters OCR reads for digits in a code. */
function codeShape(s: string): string {
  return fold(s).replace(/\s+/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

export function normalizeFormulario(raw: string): string {
  const shape = codeShape(raw);
  return FORMULARIOS.find((f) => f !== raw && codeShape(f) === shape) ?? raw;
}

function copy(r: DraftReporte): DraftReporte {
  const c = (x: Clave | null): Clave | null => (x ? { ...x } : null);
  return {
    ...r,
    ramo: c(r.ramo),
    programa: c(r.programa),
    unidad: c(r.unidad),
    finalidad: c(r.finalidad),
    funcion: c(r.funcion),
    subfuncion: c(r.subfuncion),
    ejes: r.ejes.map((e) => ({ ...e })),
    lineas_accion: r.lineas_accion.map((l) => ({ ...l })),
    responsables: r.responsables.map((s) => ({ ...s })),
  };
}

/** Pass 1 on one report (the working copy, changed in place). */
function applyVocabulary(r: DraftReporte, ri: number, record: Recorder): void {
  if (r.ente) {
    const v = normalizeEnte(r.ente);
    if (v !== r.ente) record(ri, 'ente', r.ente, v, 'vocabulario: ente');
    r.ente = v;
  }
  if (r.dependencia) {
    const m = matchVocabulary(r.dependencia, DEPENDENCIAS);
    const v = m ? m.forma : fixWords(r.dependencia);
    if (v !== r.dependencia) record(ri, 'dependencia', r.dependencia, v, m ? 'vocabulario: dependencia' : 'vocabulario: palabra');
    r.dependencia = v;
  }
  if (r.formulario) {
    const v = normalizeFormulario(r.formulario);
    if (v !== r.formulario) record(ri, 'formulario', r.formulario, v, 'vocabulario: clave del formulario (letra O leída por el cero)');
    r.formulario = v;
  }
  if (r.ramo?.nombre) {
    const raw = r.ramo.nombre;
    const m = matchVocabulary(raw, RAMOS);
    const v = m ? m.forma : fixWords(raw);
    if (v !== raw) record(ri, 'ramo.nombre', raw, v, m ? 'vocabulario: ramo' : 'vocabulario: palabra');
    r.ramo.nombre = v;
  }
  for (const field of ['programa', 'unidad'] as const) {
    const c = r[field];
    if (!c?.nombre) continue;
    const v = fixWords(c.nombre);
    if (v !== c.nombre) record(ri, `${field}.nombre`, c.nombre, v, 'vocabulario: palabra');
    c.nombre = v;
  }
  const pmd = r.ejercicio === null || (r.ejercicio >= EJES_PMD_EJERCICIOS.desde && r.ejercicio <= EJES_PMD_EJERCICIOS.hasta);
  if (pmd) {
    r.ejes.forEach((e, i) => {
      if (!e.nombre) return;
      const m = matchVocabulary(e.nombre, EJES_PMD_2025_2027);
      if (!m) return;
      record(ri, `ejes[${i}].nombre`, e.nombre, m.forma, 'vocabulario: eje de gobierno del Plan Municipal de Desarrollo 2025-2027');
      e.nombre = m.forma;
    });
  }
  r.responsables.forEach((s, i) => {
    const m = matchVocabulary(s.cargo, CARGOS);
    if (!m) return;
    record(ri, `responsables[${i}].cargo`, s.cargo, m.forma, m.sim === 1 ? 'vocabulario: cargo (acento espurio)' : 'vocabulario: cargo');
    s.cargo = m.forma;
  });
}

function claveSlots(reports: DraftReporte[], field: 'ramo' | 'programa' | 'unidad' | 'finalidad' | 'funcion' | 'subfuncion'): NameSlot[] {
  const slots: NameSlot[] = [];
  reports.forEach((r, ri) => {
    const c = r[field];
    const scope = field === 'ramo' ? '' : ramoKey(r);
    if (!c?.clave || !c.nombre || scope === null) return;
    slots.push({ ri, campo: `${field}.nombre`, group: `${scope}|${c.clave}`, code: c.clave, name: c.nombre, set: (v) => (c.nombre = v) });
  });
  return slots;
}

export function normalizeNames(reports: readonly DraftReporte[], out: Normalizacion[]): DraftReporte[] {
  const work = reports.map(copy);
  const changes: (Normalizacion & { ri: number; seq: number })[] = [];
  const record: Recorder = (ri, campo, crudo, normalizado, razon) => {
    if (crudo === normalizado) return;
    changes.push({
      ri,
      seq: changes.length,
      pagina: work[ri]?.paginas[0] ?? null,
      campo,
      crudo,
      normalizado,
      razon,
      similitud: Math.round(similarity(crudo, normalizado) * 1000) / 1000,
    });
  };

  work.forEach((r, ri) => applyVocabulary(r, ri, record));

  codesByName(work, 'ramo', record);
  namesByCode(claveSlots(work, 'ramo'), 'el ramo', work, record);
  codesByName(work, 'programa', record);
  namesByCode(claveSlots(work, 'programa'), 'el programa', work, record);
  codesByName(work, 'unidad', record);
  namesByCode(claveSlots(work, 'unidad'), 'la unidad', work, record);
  for (const f of ['finalidad', 'funcion', 'subfuncion'] as const) namesByCode(claveSlots(work, f), `la ${f === 'funcion' ? 'función' : f === 'subfuncion' ? 'subfunción' : f}`, work, record);
  const lineas: NameSlot[] = [];
  work.forEach((r, ri) =>
    r.lineas_accion.forEach((l, i) => {
      if (!l.clave || !l.nombre) return;
      lineas.push({ ri, campo: `lineas_accion[${i}].nombre`, group: l.clave, code: l.clave, name: l.nombre, set: (v) => (l.nombre = v) });
    }),
  );
  namesByCode(lineas, 'la línea de acción', work, record);

  normalizeSigners(work, record);

  changes.sort((a, b) => a.ri - b.ri || a.seq - b.seq);
  for (const { ri: _ri, seq: _seq, ...n } of changes) out.push(n);
  return work;
}
