/**
 * Checks of a cell reading against the ink it came from (marks as boxes, pixels).
 */
import { describe, expect, it } from 'vitest';
import { agreeingReading, blobKind, borneOut, cellKind, checkSeparators, conventional, standsAlone, contradictsDigits, decimalPointDepths, dollarApart, dollarMark, emptyGaps, junk, pagePassAgrees, plausibleWidth, settledSeparators, thousandsEvidence, widthRatio } from '../../src/2-ocr/numbers.js';

const r = (x0: number, y0: number, w: number, h: number) => ({ x0, y0, x1: x0 + w, y1: y0 + h });

/** Digits 20 px tall, 13 px wide, 2 px apart, from x; a mark box per digit. */
function digits(n: number, x = 0): Array<ReturnType<typeof r>> {
  return Array.from({ length: n }, (_, i) => r(x + i * 15, 0, 13, 20));
}

describe('reading vs ink', () => {
  it('accepts a reading as wide as its ink and rejects one that lost a digit', () => {
    expect(plausibleWidth('56', digits(2))).toBe(true);
    expect(widthRatio('56', digits(2))).toBeCloseTo(28 / 40, 2);
    // Two digits that touch (one mark) read as one digit: far too wide.
    expect(plausibleWidth('6', [r(0, 0, 30, 20)])).toBe(false);
    expect(plausibleWidth('340', digits(3))).toBe(true);
    expect(widthRatio('40', digits(3))).toBeGreaterThan(1.3 * widthRatio('340', digits(3)));
  });

  it('rejects more digits than the ink has glyphs, where no mark holds two', () => {
    // Carlito's 90,000 read `920,000` at three scales (held-out dif2025_t3-300, seed f27, p2):
    // five digit marks and a comma; the width ratio alone passed it (narrow digits).
    const ninety = [...digits(2), r(30, 16, 4, 8), ...digits(3, 36)];
    expect(plausibleWidth('90,000', ninety)).toBe(true);
    expect(plausibleWidth('920,000', ninety)).toBe(false);
    // A 1 is a narrow mark of its own: counted, not required to be wide.
    expect(plausibleWidth('1,200', [r(0, 0, 5, 20), r(7, 16, 4, 8), ...digits(3, 13)])).toBe(true);
    // Two glyphs run together (URW Gothic's `36` one mark) make a mark twice as wide: it holds two.
    expect(plausibleWidth('360', [r(0, 0, 28, 20), r(30, 0, 13, 20)])).toBe(true);
    // Carlito again, its `000` one mark (dif2025_t3-300 p2): three glyphs wide, five in all.
    const blurred = [r(0, 0, 12, 20), r(13, 0, 14, 20), r(30, 16, 3, 7), r(35, 0, 44, 20)];
    expect(plausibleWidth('90,000', blurred)).toBe(true);
    expect(plausibleWidth('920,000', blurred)).toBe(false);
    // With a 1 read, a wider mark is not counted in glyphs (`10` run together is under two wide).
    expect(plausibleWidth('910,000', blurred)).toBe(true);
    // A glyph broken in two, its pieces one over the other, is one glyph; its pieces side
    // by side are more marks than digits, never fewer.
    const broken = [r(0, 0, 13, 12), r(0, 9, 13, 11), ...digits(2, 15)];
    expect(plausibleWidth('880', broken)).toBe(true);
    expect(plausibleWidth('8880', broken)).toBe(false);
    // A mark far taller than the glyphs (a stamp's) leaves the count untaken: the glyphs
    // under it may be hidden in it.
    expect(plausibleWidth('920,000', [...ninety, r(40, -12, 30, 40)])).toBe(true);
    // Nor do marks wider than tall, each more than a glyph (held-out URW Gothic stress2-identificacion
    // p1: the chapter code 10000, its zeros in two blobs with a stamp's strokes; the row was lost).
    expect(plausibleWidth('10000', [r(257, 861, 64, 42), r(318, 861, 49, 42), r(245, 866, 7, 22)])).toBe(true);
    // (A wrong reading is still told where the marks are glyphs: 2600 for 260 in URW Gothic, `60` one mark.)
    expect(plausibleWidth('2600', [r(2287, 680, 12, 20), r(2301, 680, 27, 20)])).toBe(false);
    expect(plausibleWidth('260', [r(2287, 680, 12, 20), r(2301, 680, 27, 20)])).toBe(true);
  });

  it('counts a wide gap (the space after $) as a third of the height', () => {
    const ink = [r(0, -2, 12, 24), ...digits(3, 60)];
    expect(widthRatio('$ 100', ink)).toBeLessThan(1);
  });

  it('wants the points the ink shows', () => {
    // 3.5.5: two points low between the digits.
    const ink = [r(0, 0, 13, 20), r(15, 16, 4, 4), r(21, 0, 13, 20), r(36, 16, 4, 4), r(42, 0, 13, 20)];
    expect(plausibleWidth('3.5.5', ink)).toBe(true);
    expect(plausibleWidth('355', ink)).toBe(false);
  });

  it('takes two marks in one gap between digits (a comma and a speck beside it) for one separator', () => {
    // 9,412 with a speck stuck beside the comma's tail (a 300 dpi held-out scan).
    const comma = r(15, 16, 3, 8);
    const speck = r(19, 18, 3, 3);
    const ink = [...digits(1), comma, speck, ...digits(3, 24)];
    expect(plausibleWidth('9,412', ink)).toBe(true);
    expect(checkSeparators('9.412', ink)).toEqual({ text: '9,412', ambiguous: false, told: true });
    // Marks in two gaps are two separators.
    const two = [...digits(1), comma, ...digits(1, 24), r(39, 16, 3, 8), ...digits(2, 45)];
    expect(plausibleWidth('9,4,12', two)).toBe(true);
    expect(plausibleWidth('9,412', two)).toBe(false);
  });

  it('tells a comma from a point by its tail, and flags what it cannot tell', () => {
    const point = r(42, 16, 4, 4); // sits on the baseline (y 20)
    const comma = r(42, 16, 4, 7); // reaches 3 px below it
    const ink = (mark: ReturnType<typeof r>) => [...digits(3), mark, ...digits(3, 48)];
    expect(checkSeparators('120.000', ink(comma))).toEqual({ text: '120,000', ambiguous: false, told: true });
    // A point before three digits only when the faint ink shows no tail (a 200 dpi comma loses
    // it): without that, a comma read stays, and a point read is unsure.
    expect(checkSeparators('120,000', ink(point))).toEqual({ text: '120,000', ambiguous: false, told: false });
    expect(checkSeparators('120.000', ink(point))).toEqual({ text: '120.000', ambiguous: true, told: false });
    const ends = (end: number) => (m: ReturnType<typeof r>) => (m.y1 - m.y0 < 10 ? end : m.y1 + 1);
    // (…and where it ends as the page's decimal points do: see the URW Gothic test below.)
    expect(checkSeparators('120,000', ink(point), ends(21), undefined, false, 0)).toEqual({ text: '120.000', ambiguous: false, told: true });
    expect(checkSeparators('9.539', [...digits(1), r(14, 16, 4, 4), ...digits(3, 20)], ends(24))).toEqual({ text: '9,539', ambiguous: false, told: true });
    expect(checkSeparators('96.36', [...digits(2), r(28, 16, 4, 4), ...digits(2, 34)])).toEqual({ text: '96.36', ambiguous: false, told: true });
    // A mark that could be either, before three digits: one thousand two hundred, or 1.2?
    const unclear = r(42, 16, 4, 5);
    expect(checkSeparators('120.000', ink(unclear)).ambiguous).toBe(true);
    // The faint ink tells: a tail 3 px (0.15 of the height) below the digits' faint bottom is a comma…
    const faint = (end: number) => (m: ReturnType<typeof r>) => (m.y1 - m.y0 < 10 ? end : m.y1 + 1);
    expect(checkSeparators('120.000', ink(unclear), faint(24))).toEqual({ text: '120,000', ambiguous: false, told: true });
    // …ending with them (and with the page's decimal points), a point; in between, still unknown.
    expect(checkSeparators('120.000', ink(unclear), faint(22), undefined, false, 0.05)).toEqual({ text: '120.000', ambiguous: false, told: true });
    expect(checkSeparators('120.000', ink(unclear), faint(23)).ambiguous).toBe(true);
    expect(checkSeparators('120.000', ink(unclear), () => NaN).ambiguous).toBe(true);
  });

  it('takes a sure reading of thinned ink under a stamp only where the wider strokes said the same (standsAlone)', () => {
    // Held-out stress3-estimacion scan: `48,000` under a round stamp read `18.000` at 96.6 at 0.6
    // of the threshold (the 4's diagonal broken), nothing readable at 0.8 or masked.
    const thinned = { text: '18.000', conf: 96.6, disputed: false };
    expect(standsAlone(thinned, true, [])).toBe(false);
    expect(standsAlone(thinned, true, ['48,000'])).toBe(false);
    expect(standsAlone(thinned, false, [])).toBe(true);
    // `850` read at 94 thinned, and at 16 masked: the same digits.
    expect(standsAlone({ text: '850', conf: 94.4, disputed: false }, true, ['850'])).toBe(true);
    expect(standsAlone({ text: '1.240', conf: 94.4, disputed: false }, true, ['1,240'])).toBe(true);
    // Never an unsure or disputed reading, thinned or not.
    expect(standsAlone({ text: '850', conf: 89, disputed: false }, false, [])).toBe(false);
    expect(standsAlone({ text: '850', conf: 96, disputed: true }, false, ['850'])).toBe(false);
    expect(standsAlone({ text: '', conf: 96, disputed: false }, false, [])).toBe(false);
  });

  it('sets the separators of an amount where amounts set them (conventional)', () => {
    // Held-out sindicatura2023 scan: `$ 3,690,004.55` read `$ 3,690.004.55` and `$ 3.690.004.55`.
    expect(conventional('$ 3,690.004.55')).toBe('$ 3,690,004.55');
    expect(conventional('$ 3.690.004.55')).toBe('$ 3,690,004.55');
    expect(conventional('(1.528)')).toBe('(1,528)');
    expect(conventional('12.450.300')).toBe('12,450,300');
    // Not where the separators do not fall so, nor without a group of three.
    expect(conventional('3,69.004.55')).toBeNull();
    expect(conventional('3.6900.55')).toBeNull();
    expect(conventional('12,50')).toBeNull();
    expect(conventional('4.5.3')).toBeNull();
  });

  it("takes a point before three digits only where it ends as the page's decimal points do", () => {
    // URW Gothic (held-out scans, seed f21): its thousands comma is a short stroke whose faint
    // ink ends 0.04–0.09 of the digit height below the digits, where Times' points may end
    // (0–0.05): `4,000` was read 4.000 and taken for four, twelve times on one page.
    // (A mark on the baseline, round enough for a point; its faint ink ends 1 px, 0.05, low.)
    const ink = [...digits(1), r(15, 15, 4, 5), ...digits(3, 21)];
    const faint = (m: ReturnType<typeof r>) => (m.y1 - m.y0 < 10 ? 22 : m.y1 + 1);
    // The page's decimal points (`96.36`): where their faint ink ends, in digit heights.
    const cents = [...digits(2), r(28, 16, 4, 4), ...digits(2, 34)];
    expect(decimalPointDepths('96.36', cents, (m) => (m.y1 - m.y0 < 10 ? 21 : m.y1 + 1))).toEqual([0]);
    expect(decimalPointDepths('$ 1,296.36', cents, faint)).toEqual([]); // (marks and separators not one for one)
    expect(decimalPointDepths('4,000', ink, faint)).toEqual([]);
    // A page without decimal points tells no point before three digits: a page of thousands
    // commas takes it for one, and elsewhere it is unsure (ilegible), never four.
    expect(checkSeparators('4.000', ink, faint)).toEqual({ text: '4.000', ambiguous: true, told: false });
    expect(checkSeparators('4.000', ink, faint, ',')).toEqual({ text: '4,000', ambiguous: false, told: false });
    expect(thousandsEvidence('4.000', ink, faint)).toEqual({ comma: 0, point: 0 });
    // Points that end with the digits (0): this mark ends 0.05 lower, a comma.
    expect(checkSeparators('4.000', ink, faint, undefined, false, 0)).toEqual({ text: '4.000', ambiguous: true, told: false });
    // Points that end as low as it does: a point (three decimals, as printed).
    expect(checkSeparators('4.000', ink, faint, undefined, false, 0.04)).toEqual({ text: '4.000', ambiguous: false, told: true });
    expect(thousandsEvidence('4.000', ink, faint, 0.04)).toEqual({ comma: 0, point: 1 });
    // A point before two digits is told as before.
    expect(checkSeparators('96.36', cents, faint)).toEqual({ text: '96.36', ambiguous: false, told: true });
  });

  it('settles the separators where the digits fall, where they can (settledSeparators)', () => {
    // URW Gothic (seed f21): `$ 6,200,000.00` read so and as `$ 6.200.000.00`, the ink telling
    // no comma from a point: two separators cannot both be decimal points.
    expect(settledSeparators('$ 6.200.000.00')).toBe('$ 6,200,000.00');
    expect(settledSeparators('7,450,300.50')).toBe('7,450,300.50');
    expect(settledSeparators('1.234.567')).toBe('1,234,567');
    expect(settledSeparators('(1.528)', ',')).toBe('(1,528)');
    // One separator before one or two last digits: a decimal point, as a decimal comma would be.
    expect(settledSeparators('12,5')).toBe('12.5');
    expect(settledSeparators('96.36%')).toBe('96.36%');
    // One before the last three: four thousand or four to three decimals; the page's
    // thousands commas settle it.
    expect(settledSeparators('4.000')).toBeNull();
    expect(settledSeparators('4,000')).toBeNull();
    expect(settledSeparators('4.000', ',')).toBe('4,000');
    // Separators where no figure has them settle nothing.
    expect(settledSeparators('62.00.00')).toBeNull();
    expect(settledSeparators('1,2345')).toBeNull();
    expect(settledSeparators('350')).toBe('350');
  });

  it('tells no separator from the ink under a stamp (untold)', () => {
    // A figure read under a stamp (held-out obras2024 scan, 200 dpi: `4,000` read `4.000`, its
    // comma's tail masked with the stamp's strokes): what the ink shows does not count.
    const point = r(42, 16, 4, 4);
    const ink = [...digits(3), point, ...digits(3, 48)];
    // (Its faint ink ends with the digits: a point, where the ink is the print's.)
    const faint = (m: ReturnType<typeof r>) => (m.y1 - m.y0 < 10 ? 21 : m.y1 + 1);
    expect(checkSeparators('120.000', ink, faint, ',', false, 0)).toEqual({ text: '120.000', ambiguous: false, told: true });
    expect(checkSeparators('120,000', ink, faint, undefined, true)).toEqual({ text: '120,000', ambiguous: false, told: false });
    expect(checkSeparators('120.000', ink, faint, undefined, true)).toEqual({ text: '120.000', ambiguous: true, told: false });
    // On a page whose figures show thousands commas, a point before three digits is one.
    expect(checkSeparators('120.000', ink, faint, ',', true)).toEqual({ text: '120,000', ambiguous: false, told: false });
    // A decimal point before two digits stays as read.
    expect(checkSeparators('96.36', [...digits(2), r(28, 16, 4, 4), ...digits(2, 34)], undefined, ',', true)).toEqual({ text: '96.36', ambiguous: false, told: false });
  });

  it("takes an unclear point before three digits for the page's thousands comma", () => {
    const point = r(42, 16, 4, 4);
    const comma = r(42, 16, 4, 7);
    const unclear = r(42, 16, 4, 5);
    const ink = (mark: ReturnType<typeof r>) => [...digits(3), mark, ...digits(3, 48)];
    // What the ink shows of the thousands separator: commas, or points (three decimals or
    // a point as thousands separator), only before a last group of three digits.
    expect(thousandsEvidence('120,000', ink(comma))).toEqual({ comma: 1, point: 0 });
    const ends = (end: number) => (m: ReturnType<typeof r>) => (m.y1 - m.y0 < 10 ? end : m.y1 + 1);
    expect(thousandsEvidence('120.000', ink(point), ends(21), 0)).toEqual({ comma: 0, point: 1 });
    expect(thousandsEvidence('120.000', ink(unclear))).toEqual({ comma: 0, point: 0 });
    expect(thousandsEvidence('96.36', [...digits(2), r(28, 16, 4, 4), ...digits(2, 34)])).toEqual({ comma: 0, point: 0 });
    // On a page that writes thousands with commas an unclear mark there is one…
    expect(checkSeparators('120.000', ink(unclear), undefined, ',')).toEqual({ text: '120,000', ambiguous: false, told: false });
    // …but not a mark the ink shows to be a point, nor a point before two digits.
    expect(checkSeparators('120.000', ink(point), ends(21), ',', false, 0)).toEqual({ text: '120.000', ambiguous: false, told: true });
    expect(checkSeparators('96.36', [...digits(2), r(28, 16, 4, 5), ...digits(2, 34)], undefined, ',')).toEqual({ text: '96.36', ambiguous: false, told: false });
    // A reading whose separators the ink does not show one for one (no mark there, or a
    // stamp's speck more): a thousands comma on such a page too (120,000 whether the point is
    // real or not: no figure of these reports has three decimals), and unsure elsewhere.
    expect(checkSeparators('120.000', digits(6), undefined, ',')).toEqual({ text: '120,000', ambiguous: false, told: false });
    expect(checkSeparators('120.000', digits(6)).ambiguous).toBe(true);
  });

  it('finds the wide empty gap a lost point leaves', () => {
    // 89.27 with its point gone: `89` and `27`, 8 px apart (0.4 of the height), nothing between.
    const lost = [...digits(2), ...digits(2, 36)];
    expect(emptyGaps(lost)).toBe(1);
    // The point still there: no empty gap.
    expect(emptyGaps([...lost, r(31, 17, 3, 3)])).toBe(0);
    // Digits set close, a narrow `1` with wide gaps, the space after `$`: none.
    expect(emptyGaps(digits(4))).toBe(0);
    expect(emptyGaps([r(0, 0, 13, 20), r(21, 0, 5, 20), r(34, 0, 13, 20)])).toBe(0);
    expect(emptyGaps([r(0, -3, 12, 26), ...digits(3, 30)])).toBe(0);
    // A font whose `1` is wide and set apart: the gaps are all alike, none is empty.
    expect(emptyGaps([r(0, 0, 6, 11), r(10, 0, 6, 11), r(19, 0, 8, 11)])).toBe(0);
    // 89.27 read 8927: one gap far wider than the others.
    expect(emptyGaps([r(0, 0, 9, 13), r(9, 0, 9, 13), r(23, 0, 9, 13), r(33, 0, 8, 13)])).toBe(1);
  });

  it('finds a dollar sign by its shape, not a digit', () => {
    const amount = digits(4, 30);
    const dollar = r(0, -3, 12, 26); // taller than the digits at both ends, a space before them
    expect(dollarMark([dollar, ...amount])).toBe(dollar);
    // A first digit a pixel taller, set close: not a dollar.
    expect(dollarMark([r(0, -1, 13, 22), ...digits(3, 15)])).toBeNull();
    // A parenthesis: too narrow.
    expect(dollarMark([r(0, -3, 6, 26), ...digits(2, 20)])).toBeNull();
    // A `$` a pixel above the digits, 8 px before them: too short for
    // its shape alone, a `$` by the looser measure (as tall, 0.3 of a digit height apart).
    const low = r(0, -1, 15, 21);
    expect(dollarMark([low, ...digits(3, 23)])).toBeNull();
    expect(dollarMark([low, ...digits(3, 23)], { taller: 1, gap: 0.3 })).toBe(low);
    // …but not set as close as digits are, nor shorter than them.
    expect(dollarMark([low, ...digits(3, 19)], { taller: 1, gap: 0.3 })).toBeNull();
    expect(dollarMark([r(0, 1, 15, 18), ...digits(3, 23)], { taller: 1, gap: 0.3 })).toBeNull();
  });

  it('tells when a fair first reading contradicts a later one in its digits', () => {
    // (1,528) read fairly at the page's threshold, (1,526) at a darker one under a stamp.
    expect(contradictsDigits({ text: '(1.528)', conf: 73.6 }, '(1,526)')).toBe(true);
    // The same digits, separators aside: no contradiction.
    expect(contradictsDigits({ text: '$ 2135044218', conf: 75 }, '$ 21,350,442.18')).toBe(false);
    expect(contradictsDigits({ text: '$ 2135044718', conf: 75 }, '$ 21,350,442.18')).toBe(true);
    // A first reading too unsure (a stamp's garble), or not a number: no say.
    expect(contradictsDigits({ text: '600', conf: 43.7 }, '$ 0.00')).toBe(false);
    expect(contradictsDigits({ text: '$ 2135044718', conf: 50.3 }, '$ 21,350,442.18')).toBe(false);
    expect(contradictsDigits({ text: '48 0', conf: 90 }, '18000')).toBe(false);
  });

  it('tells a dollar sign set apart from its amount (the form\'s `$` column) from one set close', () => {
    const dollar = r(0, -3, 12, 26);
    // Digits 20 tall: forty pixels of paper or more between them and the `$`.
    expect(dollarApart([dollar, ...digits(4, 52)])).toBe(true);
    expect(dollarApart([dollar, ...digits(4, 200)])).toBe(true);
    // `$1,500` set close (a stamp could have made a `$` of a leading digit): not apart.
    expect(dollarApart([dollar, ...digits(4, 30)])).toBe(false);
    expect(dollarApart([dollar, ...digits(4, 51)])).toBe(false);
    // No `$` at all.
    expect(dollarApart(digits(4, 60))).toBe(false);
  });
});

describe('readings of differently cleaned ink that agree (agreeingReading)', () => {
  const tried = [
    { text: '4.240', conf: 75.9, f: 0.8 },
    { text: '1,240', conf: 78.8, f: 0 },
  ];
  it('takes an earlier reading with the same digits, the kind of separator aside', () => {
    expect(agreeingReading(tried, { text: '1.240', conf: 81.2 }, 80)?.f).toBe(0);
    expect(agreeingReading(tried, { text: '1 ,240', conf: 81.2 }, 80)?.f).toBe(0);
  });
  it('needs one of the two at least fairly sure', () => {
    expect(agreeingReading(tried, { text: '1.240', conf: 79 }, 80)).toBeUndefined();
  });
  it('takes none that differs in a digit, and no reading without digits', () => {
    expect(agreeingReading(tried, { text: '1.246', conf: 95 }, 80)).toBeUndefined();
    expect(agreeingReading([{ text: '', conf: 90 }], { text: '', conf: 90 }, 80)).toBeUndefined();
    expect(agreeingReading([], { text: '1.240', conf: 95 }, 80)).toBeUndefined();
  });
});

describe('a cell reading the page pass bears out (pagePassAgrees, borneOut)', () => {
  const mine = (...texts: string[]) => texts.map((text) => ({ text }));
  it('compares the figures alone, separators, spaces and a `$` aside', () => {
    // held-out scans: the page pass at a lower scale, its separators unsure.
    expect(pagePassAgrees('1,987,003.10', mine('1.987,003.10'))).toBe(true);
    expect(pagePassAgrees('$ 9,120,455.10', mine('$9,120,455.10'))).toBe(true);
    expect(pagePassAgrees('642,000.00', mine('642', '000.00'))).toBe(true);
    // held-out stress-identificacion-300 in URW Gothic (seed f21) p1: 647,000.00 at three scales, `642 000.00` on the page.
    expect(pagePassAgrees('647,000.00', mine('642', '000.00'))).toBe(false);
    // A figure lost or gained: `$ 52,300,000.00` on the page, its `$` read as a figure in the cell.
    expect(pagePassAgrees('552,300,000.00', mine('$', '52,300,000.00'))).toBe(false);
    expect(pagePassAgrees('1,250', mine())).toBe(false);
    // A stamp's time or date read there is no reading of the figure (held-out stress-tmm-300 in P052: `1126` where the page pass read `11:26`).
    expect(pagePassAgrees('1126', mine('11:26'))).toBe(false);
    expect(pagePassAgrees('1204', mine('12/04'))).toBe(false);
  });
  it('takes a reading under the bar, not disputed, at 50 or more, of two figures or more, when the page pass agrees', () => {
    const at = (text: string, conf: number, disputed = false) => ({ text, conf, disputed });
    expect(borneOut(at('4,118,250.75', 63), mine('4,118250.75'))).toBe(true);
    expect(borneOut(at('12', 50), mine('12'))).toBe(true);
    expect(borneOut(at('4,118,250.75', 49), mine('4,118250.75'))).toBe(false);
    expect(borneOut(at('4,118,250.75', 70, true), mine('4,118250.75'))).toBe(false);
    // A lone figure may be read alike wrongly by both (a `1` for a `7`).
    expect(borneOut(at('1', 75), mine('1'))).toBe(false);
    expect(borneOut(at('647,000.00', 75), mine('642 000.00'))).toBe(false);
  });
});

describe('what the page pass says a cell holds (cellKind)', () => {
  it('a figure, with or without its `$`', () => {
    expect(cellKind(['$', '931,045.70'])).toBe('numeric');
    expect(cellKind(['(1,528)'])).toBe('numeric');
  });
  it("a figure beside a stamp's line read as marks that are no character", () => {
    expect(cellKind(['$', '*———', '831,045.70'])).toBe('numeric');
    expect(cellKind(['——', '4,260'])).toBe('numeric');
  });
  it('text, even beside a figure or a mark', () => {
    expect(cellKind(['MATERIALES', 'Y', 'SUMINISTROS'])).toBeNull();
    expect(cellKind(['AL', '30/09/2026', '——'])).toBeNull();
    expect(cellKind(['-'])).toBeNull();
    expect(cellKind(['$'])).toBeNull();
  });
  it('nothing sure: nothing read, marks only, or a letter or two', () => {
    expect(cellKind([])).toBe('unknown');
    expect(cellKind(['*———'])).toBe('unknown');
    expect(cellKind(['T'])).toBe('unknown');
  });
});

describe('what the page pass says a blob of ink outside the grid holds (blobKind)', () => {
  const w = (text: string, conf: number, x0 = 0, x1 = x0 + 6 * text.length) => ({ text, conf, x0, x1 });
  it("a figure read surely over most of the blob, beside what is dropped as junk: the `.12` of a Courier amount read `mz`", () => {
    // held-out stress-identificacion-300 in Nimbus Mono PS (seed f25) p3: 385,600.12 read `385,600` and `mz`.
    expect(blobKind([w('385,600', 95.7, 2094, 2230), w('mz', 46.7, 2240, 2290)], { x0: 2094, x1: 2290 })).toBe('numeric');
    expect(blobKind([w('1,200', 96, 0, 30), w('~', 30, 32, 36)], { x0: 0, x1: 36 })).toBe('numeric');
  });
  it("not a stamp's marks about an unsure figure, nor a figure over a small part of the blob", () => {
    // held-out stress2-filas-300 (set hs): `DA` `86` (7) `/` `Jo`, a stamp's date over a cell.
    const stamp = [w('DA', 69, 2058, 2082), w('86', 7, 2108, 2150), w('/', 44, 2176, 2200), w('Jo', 60, 2228, 2266)];
    expect(blobKind(stamp, { x0: 2032, x1: 2266 })).toBeNull();
    expect(blobKind([w('86', 95, 2108, 2150), w('Jo', 60, 2228, 2266)], { x0: 2032, x1: 2266 })).toBeNull();
  });
  it('text beside a figure when the letters are sure, or are more than two', () => {
    expect(blobKind([w('385,600', 95.7, 0, 136), w('mz', 88, 146, 196)], { x0: 0, x1: 196 })).toBeNull();
    expect(blobKind([w('385,600', 95.7, 0, 136), w('AMZ', 40, 146, 196)], { x0: 0, x1: 196 })).toBeNull();
  });
  it('junk alone is judged as it was read', () => {
    expect(blobKind([w('-', 30)], { x0: 0, x1: 6 })).toBeNull();
    expect(blobKind([w('mz', 46.7)], { x0: 0, x1: 12 })).toBe('unknown');
  });
  it('junk is what the page keeps no word of', () => {
    expect([w('a', 69), w('a', 70), w('12', 10), w('—', 49), w('—', 69), w('—', 70)].map(junk)).toEqual([true, false, false, true, true, false]);
  });
});
