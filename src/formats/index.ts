/** The report formats poa-extract reads: one module per `formato`. */
import type { FormatModule } from '../5-parse/types.js';
import type { Formato } from '../schema/document.js';
import { avanceFisicoProgramatico } from './avance_fisico_programatico.js';
import { avanceTrimestral } from './avance_trimestral.js';
import { estimacionAvances } from './estimacion_avances.js';
import { identificacionPrograma } from './identificacion_programa.js';

export const FORMAT_MODULES: readonly FormatModule[] = [
  identificacionPrograma,
  avanceTrimestral,
  estimacionAvances,
  avanceFisicoProgramatico,
];

export function formatModule(formato: Formato): FormatModule {
  const m = FORMAT_MODULES.find((f) => f.formato === formato);
  if (!m) throw new Error(`no module for formato ${formato}`);
  return m;
}
