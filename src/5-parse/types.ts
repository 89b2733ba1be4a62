/**
 * What the parse stage hands on: reports whose rows carry numbers as printed
 * but are not yet normalized (names) nor validated.
 */
import type { Capitulo, Clave, Fila, Formato, Reporte, Responsable } from '../schema/document.js';
import type { LaidOutPage } from '../3-layout/lines.js';

export type DraftFila = Omit<Fila, 'validacion'>;
export type DraftCapitulo = Omit<Capitulo, 'validacion'>;
export type DraftReporte = Omit<Reporte, 'filas' | 'presupuesto'> & {
  filas: DraftFila[];
  presupuesto: DraftCapitulo[];
};

/** Header fields a page may print; each is absent when the page does not print it. */
export interface SectionHeader {
  ente?: string | null;
  dependencia?: string | null;
  titulo?: string;
  formulario?: string | null;
  ejercicio?: number | null;
  periodo_reportado?: Reporte['periodo_reportado'];
  fecha?: string | null;
  ramo?: Clave | null;
  programa?: Clave | null;
  unidad?: Clave | null;
  finalidad?: Clave | null;
  funcion?: Clave | null;
  subfuncion?: Clave | null;
  ejes?: Clave[];
  lineas_accion?: Clave[];
  fin?: string | null;
  proposito?: string | null;
}

/**
 * A run of one report on one page. A page holds one section, or several when a
 * new programa starts on it (estimación). A section without its own identity
 * (ramo / programa / unidad) continues the report before it.
 */
export interface Section {
  formato: Formato;
  pagina: number;
  header: SectionHeader;
  filas: DraftFila[];
  presupuesto: DraftCapitulo[];
  responsables: Responsable[];
  /** What this page adds to the last row of the report before it (a row cut by a page break). */
  previousRow?: { lineas_accion: string[]; observaciones: string | null };
  /** What could not be read on this page (a table whose header no label of is legible): warnings for the document's messages. */
  avisos?: Array<{ codigo: string; mensaje: string }>;
}

export interface FormatModule {
  formato: Formato;
  /** How strongly a page looks like this format (0 = not at all, 1 = certain). */
  score(page: LaidOutPage): number;
  /** `previous` is the page before, when this page continues its table without repeating the header. */
  parse(page: LaidOutPage, previous?: LaidOutPage): Section[];
  /** Does a page with no title of its own continue the report of the page before it? */
  continuation?(page: LaidOutPage, previous: LaidOutPage): boolean;
  /** Optional work once a report's pages are joined (e.g. placing transcript numbers by arithmetic). */
  refine?(report: DraftReporte): void;
  /** The value fields of a row of this format, by the names `ilegibles` uses (`programado_anual`, `M03.variacion`…). */
  valueFields?(fila: DraftFila): string[];
}
