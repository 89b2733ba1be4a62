/**
 * How an extraction measures up against its golden, number by number: the
 * figure the benchmark and the scanned-fixture tests report.
 *
 * Reports are paired by formato and page; rows inside a report by their code
 * and description (in order, allowing rows missing on either side), so one
 * lost row does not shift every row after it; rows whose text no longer pairs
 * them, as many on each side between two paired rows, by their place. Every
 * numeric field the golden holds (or the extraction holds where the golden has
 * none) is one of:
 *
 * - `exact`: the same value;
 * - `flagged`: a different value or none, but the field is listed in the row's
 *   `ilegibles` or the row's validation is not `ok` — the reader is warned;
 * - `silent`: a different value in a row that says `ok` — the failure that
 *   matters.
 *
 * Rows of the golden with no counterpart are `lostRows` (their fields count as
 * flagged: a reader sees a row missing only by comparing); rows of the
 * extraction with none are `extraRows`.
 */
import { similarity } from '../6-normalize/text.js';
import type { GoldenDocumento, GoldenFila } from './golden.js';

export interface Accuracy {
  n: number;
  exact: number;
  flagged: number;
  silent: number;
  lostRows: number;
  extraRows: number;
  /** One line per finding (silent fields, lost and extra rows, missing reports; flagged fields when asked). */
  lines: string[];
}

export function emptyAccuracy(): Accuracy {
  return { n: 0, exact: 0, flagged: 0, silent: 0, lostRows: 0, extraRows: 0, lines: [] };
}

export function addAccuracy(into: Accuracy, a: Accuracy): void {
  into.n += a.n;
  into.exact += a.exact;
  into.flagged += a.flagged;
  into.silent += a.silent;
  into.lostRows += a.lostRows;
  into.extraRows += a.extraRows;
  into.lines.push(...a.lines);
}

const FILA = ['programado_anual', 'realizado_anual', 'variacion_anual', 'avance_absoluto', 'avance_relativo'] as const;
const PERIODO = ['programado', 'realizado', 'variacion'] as const;
const CAPITULO = ['autorizado', 'modificado', 'devengado'] as const;

/** Pairs two row lists by code and description, order kept (golden index → actual index). */
export function alignRows(g: readonly GoldenFila[], a: readonly GoldenFila[]): Map<number, number> {
  const key = (f: GoldenFila) => `${f.accion_clave ?? ''} ${f.descripcion.slice(0, 60)}`;
  // A code that names one row on each side pairs them, whatever OCR made of the text.
  const once = (rows: readonly GoldenFila[], c: string) => rows.filter((f) => f.accion_clave === c).length === 1;
  const sameCode = (gf: GoldenFila, af: GoldenFila) => !!gf.accion_clave && gf.accion_clave === af.accion_clave && once(g, gf.accion_clave) && once(a, gf.accion_clave);
  const sim = g.map((gf) => a.map((af) => (sameCode(gf, af) ? 1 : similarity(key(gf), key(af)))));
  const n = g.length;
  const m = a.length;
  // best[i][j]: the most similarity pairs g[i..] and a[j..] can add up to.
  const best: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const s = sim[i]![j]!;
      best[i]![j] = Math.max(best[i + 1]![j]!, best[i]![j + 1]!, s >= 0.5 ? s + best[i + 1]![j + 1]! : -Infinity);
    }
  }
  const out = new Map<number, number>();
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    const s = sim[i]![j]!;
    if (s >= 0.5 && best[i]![j] === s + best[i + 1]![j + 1]!) out.set(i++, j++);
    else if (best[i]![j] === best[i + 1]![j]) i++;
    else j++;
  }
  // Rows left unpaired between two paired ones (or before the first, or after the last), as
  // many on each side: the same rows in the same order, their text lost (a stamp over an
  // acción's description), paired by place. Their values are then compared like any others.
  const pairs: Array<[number, number]> = [[-1, -1], ...[...out.entries()].sort((x, y) => x[0] - y[0]), [n, m]];
  for (let k = 1; k < pairs.length; k++) {
    const [gi, aj] = pairs[k - 1]!;
    const [gn, an] = pairs[k]!;
    if (gn - gi !== an - aj) continue;
    for (let d = 1; gi + d < gn; d++) out.set(gi + d, aj + d);
  }
  return out;
}

export function compareWithGolden(golden: GoldenDocumento, actual: GoldenDocumento, opts: { listFlagged?: boolean } = {}): Accuracy {
  const t = emptyAccuracy();
  const used = new Set<number>();
  const check = (gv: unknown, av: unknown, flagged: boolean, where: string) => {
    if ((gv === null || gv === undefined) && (av === null || av === undefined)) return;
    t.n++;
    if (gv === av) t.exact++;
    else if (flagged) {
      t.flagged++;
      if (opts.listFlagged) t.lines.push(`flagged ${where}: golden ${String(gv)}, got ${String(av)}`);
    } else {
      t.silent++;
      t.lines.push(`SILENT ${where}: golden ${String(gv)}, got ${String(av)}`);
    }
  };
  golden.reportes.forEach((gr, i) => {
    // The report of the same format whose pages are most nearly the golden's (a report cut in
    // two pairs with the part that shares most of its pages, not with the first that shares one).
    const overlap = (r: { paginas: number[] }) => {
      const shared = r.paginas.filter((p) => gr.paginas.includes(p)).length;
      return shared / new Set([...r.paginas, ...gr.paginas]).size;
    };
    let k = -1;
    actual.reportes.forEach((r, idx) => {
      if (used.has(idx) || r.formato !== gr.formato || overlap(r) === 0) return;
      if (k < 0 || overlap(r) > overlap(actual.reportes[k]!)) k = idx;
    });
    const ar = k >= 0 ? actual.reportes[k] : undefined;
    if (ar) used.add(k);
    else t.lines.push(`missing report ${i} (${gr.formato}, pages ${gr.paginas.join(',')})`);
    const map = alignRows(gr.filas, ar?.filas ?? []);
    if (ar) {
      const matched = new Set(map.values());
      ar.filas.forEach((af, j) => {
        if (matched.has(j)) return;
        t.extraRows++;
        t.lines.push(`extra row in report ${i}: ${JSON.stringify(af.descripcion.slice(0, 40))} (${af.validacion.estado})`);
      });
    }
    gr.filas.forEach((gf, j) => {
      const idx = map.get(j);
      const af = idx === undefined ? undefined : ar?.filas[idx];
      const where = `report ${i} row ${j} [${gf.accion_clave ?? ''} ${gf.descripcion.slice(0, 24)}]`;
      if (!af) {
        t.lostRows++;
        t.lines.push(`lost row ${where}`);
      }
      const ileg = new Set(af?.ilegibles ?? []);
      const rowFlagged = !af || af.validacion.estado !== 'ok';
      for (const f of FILA) check(gf[f], af?.[f], rowFlagged || ileg.has(f), `${where}.${f}`);
      gf.periodos.forEach((gp, m) => {
        const ap = af?.periodos[m];
        for (const f of PERIODO) check(gp[f], ap?.[f], rowFlagged || ileg.has(`${gp.periodo}.${f}`), `${where}.${gp.periodo}.${f}`);
      });
    });
    gr.presupuesto.forEach((gc) => {
      const ac = ar?.presupuesto.find((c) => c.capitulo === gc.capitulo);
      if (!ac) t.lines.push(`lost capítulo ${gc.capitulo} of report ${i}`);
      const ileg = new Set(ac?.ilegibles ?? []);
      const rowFlagged = !ac || ac.validacion.estado !== 'ok';
      for (const f of CAPITULO) check(gc[f], ac?.[f], rowFlagged || ileg.has(f), `report ${i} capítulo ${gc.capitulo}.${f}`);
    });
  });
  actual.reportes.forEach((r, idx) => {
    if (used.has(idx)) return;
    t.extraRows += r.filas.length;
    t.lines.push(`extra report ${r.formato} (pages ${r.paginas.join(',')}, ${r.filas.length} rows)`);
  });
  return t;
}
