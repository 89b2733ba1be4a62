/**
 * The output contract (SPEC.md §4) as zod schemas. `scripts/export-schemas.ts`
 * writes them as JSON Schema into `schemas/`; a test fails when the committed
 * files and these schemas disagree.
 */
import { z } from 'zod';

export const FORMATOS = [
  'identificacion_programa',
  'avance_trimestral',
  'estimacion_avances',
  'avance_fisico_programatico',
] as const;
export const Formato = z.enum(FORMATOS);
export type Formato = z.infer<typeof Formato>;

export const REGLAS = [
  'suma_programado',
  'suma_realizado',
  'variacion',
  'porcentaje_total',
  'avance_absoluto',
  'avance_relativo',
  'presupuesto_devengado',
] as const;
export const Regla = z.enum(REGLAS);
export type Regla = z.infer<typeof Regla>;

export const EstadoRegla = z.enum(['ok', 'falla', 'no_aplica', 'ilegible']);
export type EstadoRegla = z.infer<typeof EstadoRegla>;
export const EstadoFila = z.enum(['ok', 'falla', 'ilegible']);
export type EstadoFila = z.infer<typeof EstadoFila>;

export const Fuente = z.enum(['texto', 'ocr', 'transcripcion']);

/** A code with its name, as printed: `54 BIENESTAR SOCIAL MUNICIPAL (BISOM)`. */
export const Clave = z
  .object({
    clave: z.string().nullable(),
    nombre: z.string().nullable(),
  })
  .strict();
export type Clave = z.infer<typeof Clave>;

export const Responsable = z
  .object({
    /** Null when the name could not be read (a scribble over it on a scan). */
    nombre: z.string().nullable(),
    cargo: z.string(),
  })
  .strict();
export type Responsable = z.infer<typeof Responsable>;

export const Comprobacion = z
  .object({
    regla: Regla,
    estado: EstadoRegla,
    /** The value the rule expects (e.g. the sum of the periods), as a number or a short text. */
    esperado: z.union([z.number(), z.string()]).nullable(),
    /** The value printed. */
    encontrado: z.union([z.number(), z.string()]).nullable(),
    /** Where the rule looked: `total`, `M03`, `T1`… */
    ambito: z.string().nullable(),
    mensaje: z.string(),
  })
  .strict();
export type Comprobacion = z.infer<typeof Comprobacion>;

export const Validacion = z
  .object({
    estado: EstadoFila,
    comprobaciones: z.array(Comprobacion),
  })
  .strict();
export type Validacion = z.infer<typeof Validacion>;

/** Provenance of one row or budget chapter. */
export const Origen = z
  .object({
    pagina: z.number().int().positive(),
    /** [x0, y0, x1, y1] in the page's units, origin top-left (points for the text layer, pixels for OCR). */
    bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
    fuente: Fuente,
    /** The row's cells as read, joined by ` | `. */
    texto: z.string(),
    /** Lowest OCR confidence (0–100) among the row's cells; null when no OCR was used. */
    confianza: z.number().nullable(),
    /**
     * Set when the placement of values into columns was inferred rather than read off the
     * grid, or when a figure OCR read unsurely was confirmed by the row's arithmetic.
     */
    inferido: z.string().nullable(),
  })
  .strict();
export type Origen = z.infer<typeof Origen>;

export const PERIODOS_TRIMESTRE = ['T1', 'T2', 'T3', 'T4'] as const;
export const PERIODOS_MES = [
  'M01', 'M02', 'M03', 'M04', 'M05', 'M06', 'M07', 'M08', 'M09', 'M10', 'M11', 'M12',
] as const;
export const Periodo = z.enum([...PERIODOS_TRIMESTRE, ...PERIODOS_MES]);
export type Periodo = z.infer<typeof Periodo>;

export const ValorPeriodo = z
  .object({
    periodo: Periodo,
    programado: z.number().nullable(),
    realizado: z.number().nullable(),
    variacion: z.number().nullable(),
  })
  .strict();
export type ValorPeriodo = z.infer<typeof ValorPeriodo>;

export const Fila = z
  .object({
    /** `meta` for a META row or a TMM-F004 `x00` row; `accion` otherwise. */
    tipo: z.enum(['meta', 'accion']).describe('meta: a META row (avance trimestral) or the x00 row of a TMM-F004 block; accion otherwise'),
    actividad: Clave.nullable(),
    meta_clave: z.string().nullable().describe('TMM-F004: the block\'s x00 code; estimación: N of `Meta: N - …`; null in avance trimestral'),
    meta: z.string().nullable().describe('text of that meta'),
    accion_clave: z.string().nullable().describe('the row\'s own code (`301`, or `2` for `2 - …`), null where the row has none'),
    descripcion: z.string().describe('the row\'s text without its code'),
    unidad_medida: z.string().nullable(),
    /** Plan Municipal de Desarrollo codes of the row (`1.6.3`). */
    lineas_accion: z.array(z.string()),
    programado_anual: z.number().nullable().describe('annual PROG. / TOTAL PROGRAMADO / META ANUAL, as printed; null for an empty cell'),
    realizado_anual: z.number().nullable().describe('annual REAL / TOTAL REALIZADO; null in TMM-F004 (see avance_absoluto)'),
    variacion_anual: z.number().nullable().describe('TOTAL VARIACION (estimación)'),
    avance_absoluto: z.number().nullable().describe('AVANCE ABSOLUTO (TMM-F004)'),
    /** ACUMULADO RELATIVO, in percent as printed (`25%` → 25). */
    avance_relativo: z.number().nullable(),
    periodos: z.array(ValorPeriodo).describe('every period of the format, in order: T1…T4 or M01…M12'),
    observaciones: z.string().nullable(),
    /** Fields whose printed value could not be read (`T1.programado`, `programado_anual`…). */
    ilegibles: z.array(z.string()),
    validacion: Validacion.describe('the outcome of every rule of SPEC §3 for this row'),
    origen: Origen.describe('where the row was read: page, box, text, OCR confidence, inference'),
  })
  .strict();
export type Fila = z.infer<typeof Fila>;

export const Capitulo = z
  .object({
    capitulo: z.string(),
    descripcion: z.string(),
    autorizado: z.number().nullable(),
    modificado: z.number().nullable(),
    devengado: z.number().nullable(),
    ilegibles: z.array(z.string()),
    validacion: Validacion,
    origen: Origen,
  })
  .strict();
export type Capitulo = z.infer<typeof Capitulo>;

export const Reporte = z
  .object({
    formato: Formato,
    /** 1-based pages the report spans. */
    paginas: z.array(z.number().int().positive()),
    ente: z.string().nullable(),
    dependencia: z.string().nullable(),
    titulo: z.string(),
    formulario: z.string().nullable(),
    ejercicio: z.number().int().nullable(),
    /** `T1`…`T4` for the quarter the report covers, when it says. */
    periodo_reportado: z.enum(PERIODOS_TRIMESTRE).nullable(),
    fecha: z.string().nullable(),
    ramo: Clave.nullable(),
    programa: Clave.nullable(),
    unidad: Clave.nullable(),
    finalidad: Clave.nullable(),
    funcion: Clave.nullable(),
    subfuncion: Clave.nullable(),
    ejes: z.array(Clave),
    lineas_accion: z.array(Clave),
    fin: z.string().nullable(),
    proposito: z.string().nullable(),
    responsables: z.array(Responsable),
    filas: z.array(Fila),
    presupuesto: z.array(Capitulo),
  })
  .strict();
export type Reporte = z.infer<typeof Reporte>;

/** One change made by normalization: raw text → normalized text, and why. */
export const Normalizacion = z
  .object({
    pagina: z.number().int().positive().nullable(),
    campo: z.string(),
    crudo: z.string(),
    normalizado: z.string(),
    razon: z.string(),
    /** Similarity 0–1 of raw to normalized (1 − edit distance / length). */
    similitud: z.number(),
  })
  .strict();
export type Normalizacion = z.infer<typeof Normalizacion>;

/** A non-fatal finding about the input (an unreadable page, a page of another kind…). */
export const Mensaje = z
  .object({
    pagina: z.number().int().positive().nullable(),
    codigo: z.string(),
    nivel: z.enum(['info', 'aviso', 'error']),
    mensaje: z.string(),
  })
  .strict();
export type Mensaje = z.infer<typeof Mensaje>;

export const PaginaInfo = z
  .object({
    pagina: z.number().int().positive(),
    fuente: Fuente,
    formato: Formato.nullable(),
    /** Mean OCR confidence of the page, when OCR was used. */
    confianza: z.number().nullable(),
    /** Degrees the scan was turned back (0, 90, 180, 270) and skew corrected, when OCR was used. */
    rotacion: z.number().nullable(),
    inclinacion: z.number().nullable(),
  })
  .strict();
export type PaginaInfo = z.infer<typeof PaginaInfo>;

export const Documento = z
  .object({
    archivo: z.string(),
    herramienta: z.object({ nombre: z.literal('poa-extract'), version: z.string() }).strict(),
    /** SHA-256 of the input's bytes. */
    sha256: z.string(),
    total_paginas: z.number().int().nonnegative(),
    paginas: z.array(PaginaInfo),
    reportes: z.array(Reporte),
    normalizaciones: z.array(Normalizacion).describe('every name changed by normalization: raw → normalized, and why'),
    mensajes: z.array(Mensaje).describe('non-fatal findings: pages of another kind, blank pages, pages that could not be OCR\'d'),
  })
  .strict();
export type Documento = z.infer<typeof Documento>;
