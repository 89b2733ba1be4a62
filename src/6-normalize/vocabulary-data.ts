/**
 * The vocabulary of the forms: names the Ayuntamiento's POA forms print, each
 * spelled as a clean copy prints it. Stage 6 matches OCR'd names against these
 * (see vocabulary.ts). Keep it small: only names seen on real reports, and only
 * names that are the same on every report of their kind.
 */

export interface VocabEntry {
  /** The name as a clean copy prints it; what a noisy reading is replaced by. */
  forma: string;
  /** Other spellings clean copies print (e.g. without accents); kept as printed. */
  variantes?: readonly string[];
}

/**
 * The ente, without the council's roman numeral ("XXV ", "XXIV ", "XXIII "):
 * that prefix is kept as printed and only the rest is matched.
 */
export const ENTES: readonly VocabEntry[] = [
  { forma: 'AYUNTAMIENTO DE MEXICALI' },
  { forma: 'AYUNTAMIENTO DE MEXICALI DE BAJA CALIFORNIA', variantes: ['AYUNTAMIENTO DE MEXICALI, BAJA CALIFORNIA'] },
];

/** The word an ente's name starts with after its roman numeral prefix. */
export const ENTE_ANCLA = 'AYUNTAMIENTO';

export const DEPENDENCIAS: readonly VocabEntry[] = [
  { forma: 'TESORERIA MUNICIPAL', variantes: ['TESORERÍA MUNICIPAL'] },
];

/** Form codes printed in a corner of the page. */
export const FORMULARIOS: readonly string[] = ['TMM-F004'];

/** Ramos seen on the reports (the name after the ramo's code). */
export const RAMOS: readonly VocabEntry[] = [
  { forma: 'PRESIDENCIA' },
  { forma: 'SINDICATURA MUNICIPAL' },
  { forma: 'SEGURIDAD PÚBLICA' },
  { forma: 'SEGURIDAD PÚBLICA MUNICIPAL' },
  { forma: 'OBRAS PÚBLICAS' },
  { forma: 'BIENESTAR SOCIAL MUNICIPAL (BISOM)' },
  { forma: 'SISTEMA PARA EL DESARROLLO INTEGRAL DE LA FAMILIA (DIF)' },
];

/** Ejes de gobierno of the Plan Municipal de Desarrollo 2025-2027, as the TMM-F004 forms print them. */
export const EJES_PMD_2025_2027: readonly (VocabEntry & { clave: string })[] = [
  { clave: '1', forma: 'BIENESTAR PARA TODAS LAS PERSONAS' },
  { clave: '2', forma: 'MEXICALI SEGURO Y EN PAZ' },
  { clave: '3', forma: 'MEXICALI CRECE' },
  { clave: '4', forma: 'GOBERNAR PARA SERVIR' },
  { clave: '5', forma: 'IGUALDAD E INCLUSIÓN' },
];
/** Ejercicios the PMD 2025-2027 ejes apply to (the XXV Ayuntamiento's term). */
export const EJES_PMD_EJERCICIOS = { desde: 2025, hasta: 2027 } as const;

/** Cargos printed under the signers' names. */
export const CARGOS: readonly VocabEntry[] = [
  { forma: 'RESPONSABLE DEL RAMO' },
  { forma: 'RESPONSABLE DEL PROGRAMA' },
  { forma: 'RESPONSABLE DE LA UNIDAD EJECUTORA' },
  { forma: 'RESPONSABLE DE LA UNIDAD RESPONSABLE' },
];

/**
 * Long, distinctive words fixed wherever they occur inside a header name
 * (programa, unidad, a ramo not in RAMOS…): "MEXICALTI" → "MEXICALI".
 */
export const PALABRAS: readonly string[] = ['MEXICALI', 'AYUNTAMIENTO'];
