/**
 * Column bounds of tables without vertical rules (resolveColumns): where the
 * body's words line up, not only where the gap between the labels is widest.
 * Coordinates are those of the text layer of fixtures drawn in a font the
 * fixtures do not use (make-fixtures --font, DejaVu Sans Condensed).
 */
import { describe, expect, it } from 'vitest';
import { resolveColumns } from '../src/3-layout/table.js';
import type { Page, Word } from '../src/ir/page.js';

function w(text: string, x0: number, x1: number, y: number): Word {
  return { text, x0, x1, y0: y, y1: y + 6 };
}

function textPage(words: Word[]): Page {
  return { file: 'a.pdf', number: 1, width: 792, height: 612, source: 'texto', rules: [], scale: 1, words };
}

/** The bound between the first two columns resolved. */
function firstBound(words: Word[], anchors: Array<{ key: string; x0: number; x1: number }>, y0: number, y1: number): number {
  return resolveColumns(textPage(words), anchors, { x0: 0, y0, x1: 792, y1 })[0]!.x1;
}

describe('column bounds without vertical rules', () => {
  // stress-identificacion p2: chapter codes under CAPÍTULO, descriptions left-aligned at x 139
  // under a centred DESCRIPCIÓN label. The widest stretch between the labels was right of the
  // longest description (x 217–243): every description fell in the chapter column.
  const chapters = [
    [248, '10000', 'SERVICIOS PERSONALES', 205.3],
    [259, '20000', 'MATERIALES Y SUMINISTROS', 217.1],
    [270, '30000', 'SERVICIOS GENERALES', 201.9],
  ] as const;
  const body = chapters.flatMap(([y, code, text, end]) => [w(code, 95.9, 113.1, y), w(text, 139, end, y), w('7,120,004.33', 462, 498, y)]);
  const anchors = [
    { key: 'capitulo', x0: 89.4, x1: 119.6 },
    { key: 'descripcion', x0: 242.9, x1: 284.1 },
    { key: 'autorizado', x0: 424.9, x1: 465.1 },
  ];

  it('puts the bound where a column’s left-aligned text begins', () => {
    const bound = firstBound(body, anchors, 245, 280);
    expect(bound).toBeGreaterThan(119.6);
    expect(bound).toBeLessThan(139);
  });

  it('keeps the widest stretch where no words line up against one', () => {
    // The descriptions begin at three different x, the first close to the chapter label: nothing
    // tells the column's edge but the gap, widest right of the longest description.
    const ragged = body.map((x, i) => (x.x0 === 139 ? { ...x, x0: 122 + i, x1: x.x1 - 17 + i } : x));
    expect(firstBound(ragged, anchors, 245, 280)).toBeGreaterThan(200);
  });

  it('puts the bound where right-aligned figures end, past their label', () => {
    // stress2-filas p1: month 12's figures, right-aligned, end at x 699.8 under a label `12` that
    // ends at 689.6; the measure labels begin at 700.1. The widest stretch was between the label and
    // the figures (x 689.6–690.8), and month 12's figures fell in the labels' column.
    // (The figure and its label came as one run, `0 PROGRAMADO`, split by the share of their characters.)
    const words = [
      [131.6, '0', 695.3, 699.2, 'PROGRAMADO', 701.1, 749.5],
      [144.0, '0', 696.3, 699.8, 'REALIZADO', 701.6, 740.8],
      [156.4, '0', 695.9, 699.3, 'VARIACION', 701.0, 739.0],
      [168.8, '40', 691.3, 699.0, 'PROGRAMADO', 701.0, 749.5],
      [181.2, '39', 692.3, 699.3, 'REALIZADO', 701.1, 740.8],
      [193.6, '(1)', 690.8, 698.4, 'VARIACION', 700.1, 738.8],
    ].flatMap(([y, fig, f0, f1, label, l0, l1]) => [w(fig as string, f0 as number, f1 as number, y as number), w(label as string, l0 as number, l1 as number, y as number)]);
    const cols = resolveColumns(
      textPage(words),
      [
        { key: 'M12', x0: 680.9, x1: 689.6 },
        { key: 'medida', x0: 700.1, x1: 749.5 },
      ],
      { x0: 0, y0: 129, x1: 792, y1: 200 },
    );
    expect(cols[0]!.x1).toBeGreaterThan(699.8);
    expect(cols[0]!.x1).toBeLessThan(700.1);
  });

  it('takes two runs that touch, their edges apart by a float’s rounding, for touching', () => {
    // stress-tmm p3 in URW Gothic: `50%` ends at 780.5000000000001 where its row's observation
    // begins, at 780.5; every x between the labels was taken as crossed, and the bound fell left
    // of every percentage (all of them in the observations' column).
    const words = [
      w('50%', 762.64, 776.5, 253.2),
      w('50%', 762.64, 780.5000000000001, 286.6),
      w('Se incrementaron los reportes por las tormentas', 780.5, 941.92, 282.4),
      w('de junio.', 780.5, 809.9, 290.8),
      w('34%', 762.64, 776.5, 315.8),
    ];
    const cols = resolveColumns(
      textPage(words),
      [
        { key: 'avance_relativo', x0: 735.21, x1: 766.85 },
        { key: 'observaciones', x0: 837.69, x1: 894.81 },
      ],
      { x0: 0, y0: 240, x1: 792, y1: 330 },
    );
    expect(cols[0]!.x1).toBeCloseTo(780.5, 1);
  });

  it('takes no bound from a word OCR doubts (a scribble read across two columns)', () => {
    // held-out stress-tmm-300 (seed s19) p4: `SENNA` (37) over AVANCE ABSOLUTO and RELATIVO above
    // the signers; every x between the labels was crossed, and the absolute advances (x 699-721)
    // fell in RELATIVO's column.
    const ocr = (text: string, x0: number, x1: number, y: number, conf: number, cellRead = false): Word => ({ ...w(text, x0, x1, y), conf, cellRead });
    const rows = [250, 279, 308].flatMap((y, i) => [ocr(['48,095', '4,231', '2,598'][i]!, 699, 721, y, 96, true), ocr('50%', 763, 776, y, 96, true), ocr('Se', 781, 789, y, 96)]);
    const anchors = [
      { key: 'avance_absoluto', x0: 679, x1: 718 },
      { key: 'avance_relativo', x0: 734, x1: 768 },
      { key: 'observaciones', x0: 781, x1: 898 },
    ];
    const page = (words: Word[]): Page => ({ ...textPage(words), width: 1008, source: 'ocr' });
    const scribble = ocr('SENNA', 703, 782, 361, 37);
    const bound = resolveColumns(page([...rows, scribble]), anchors, { x0: 0, y0: 240, x1: 1008, y1: 370 })[0]!.x1;
    expect(bound).toBeGreaterThan(721);
    expect(bound).toBeLessThan(763);
    // Read surely, the same word is text the columns must hold.
    const sure = resolveColumns(page([...rows, { ...scribble, conf: 90 }]), anchors, { x0: 0, y0: 240, x1: 1008, y1: 370 })[0]!.x1;
    expect(sure).toBeLessThan(721);
  });

  // held-out stress-estimacion-300 (seed s17) p2, 300 dpi pixels: a stamp over months 6 to 8 of
  // a table without rules. Its ink, read in cells left illegible (conf 0), covered every x
  // between month 6's label (placed from the others, 6 read `16`) and month 7's but one:
  // month 6's figures (x 2069-2090) fell in month 7's column. Figures 23 px tall.
  const ill = (text: string, x0: number, x1: number, y: number, h = 23): Word => ({ text, x0, x1, y0: y, y1: y + h, conf: 0, cellRead: true, illegible: true });
  const fig = (text: string, x0: number, x1: number, y: number): Word => ({ text, x0, x1, y0: y, y1: y + 23, conf: 95, cellRead: true });
  const pixels = (words: Word[]): Page => ({ ...textPage(words), width: 3508, height: 2480, scale: 300 / 72, source: 'ocr' });
  const months = [
    { key: 'M06', x0: 1997, x1: 2043 },
    { key: 'M07', x0: 2148, x1: 2159 },
  ];
  const monthBody = { x0: 0, y0: 570, x1: 3508, y1: 850 };
  const sixes = [fig('0', 2069, 2081, 729), fig('1', 2073, 2077, 776), fig('1', 2073, 2078, 822)];
  const sevens = [fig('4,000', 2154, 2209, 590), fig('0', 2197, 2209, 729), fig('0', 2197, 2209, 776), fig('0', 2197, 2209, 822)];

  it("takes no bound from an illegible cell whose ink is far taller than the print (a stamp's)", () => {
    const stamp = [ill('s0oRÉ', 2044, 2114, 572, 34), ill('?', 2101, 2209, 582, 72)];
    const bound = resolveColumns(pixels([...sixes, ...sevens, ...stamp]), months, monthBody)[0]!.x1;
    expect(bound).toBeGreaterThan(2090);
    expect(bound).toBeLessThan(2154);
    // Read surely, the same ink is the table's own and bounds stay clear of it.
    const read = resolveColumns(pixels([...sixes, ...sevens, stamp[0]!, { ...stamp[1]!, conf: 90, illegible: false }]), months, monthBody)[0]!.x1;
    expect(read).toBeLessThan(2069);
  });

  it('still takes a bound from an illegible cell between two labels (a word of the column left of it)', () => {
    // Fixture obras2024-300 p2, 300 dpi pixels: `DE` of PORCENTAJE DE, a cell of its own read
    // `?` (conf 0), between UNIDAD DE MEDIDA's label and PROG.'s; the line below the table
    // (Mantenimiento y conservación) runs across both. Taking no bound from the `?` put it in
    // PROG.'s column, beside its 100, and made the 100 illegible.
    const labels = [
      { key: 'unidad', x0: 1108, x1: 1250 },
      { key: 'programado', x0: 1398, x1: 1490 },
    ];
    const text = (t: string, x0: number, x1: number, y: number): Word => ({ ...w(t, x0, x1, y), y1: y + 24, conf: 97 });
    const words = [
      fig('100', 1423, 1475, 1847),
      text('PORCENTAJE', 1046, 1266, 1848),
      ill('?', 1280, 1323, 1848),
      text('AVANCE', 1044, 1180, 1888),
      text('FÍSICO', 1192, 1300, 1882),
      text('Mantenimiento', 1046, 1262, 2104),
      text('y', 1272, 1288, 2110),
      text('conservación', 1300, 1492, 2102),
      text('de', 1504, 1540, 2104),
    ];
    const bound = resolveColumns(pixels(words), labels, { x0: 0, y0: 1800, x1: 3508, y1: 2140 })[0]!.x1;
    expect(bound).toBeGreaterThan(1323);
    expect(bound).toBeLessThan(1423);
  });
});
