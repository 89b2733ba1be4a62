import { describe, expect, it } from 'vitest';
import { formatNumber, parseNumber, sum } from '../src/6-normalize/numbers.js';

describe('parseNumber (SPEC §2)', () => {
  it.each([
    ['$ 1,350,142.92', 1350142.92],
    ['(10.73)', -10.73],
    ['2,500', 2500],
    ['25%', 25],
    ['0', 0],
    ['96.36', 96.36],
    ['$ 0.00', 0],
    ['(56)', -56],
    ['-3', -3],
    ['32500', 32500],
  ])('%s → %d', (raw, value) => {
    expect(parseNumber(raw)).toMatchObject({ kind: 'number', value });
  });

  it('an empty cell is null, not 0', () => {
    expect(parseNumber('')).toEqual({ kind: 'empty', value: null });
    expect(parseNumber('   ')).toEqual({ kind: 'empty', value: null });
    expect(parseNumber(null)).toEqual({ kind: 'empty', value: null });
  });

  it('a dash alone (accounting format) prints no number: an empty cell', () => {
    for (const d of ['-', '$ -', ' - ', '—']) expect(parseNumber(d)).toEqual({ kind: 'empty', value: null });
    expect(parseNumber('-45')).toMatchObject({ kind: 'number', value: -45 });
  });

  it.each(['Prog.', '1 1 1', '3O', '1,35,0', 'abc', '12-3'])('%s is not a number', (raw) => {
    expect(parseNumber(raw).kind).toBe('invalid');
  });

  it('marks percent and money', () => {
    expect(parseNumber('25%')).toMatchObject({ percent: true, money: false });
    expect(parseNumber('$ 5.00')).toMatchObject({ percent: false, money: true });
  });
});

describe('formatNumber (CSV)', () => {
  it('uses a point, no thousands separator, a minus for negatives, empty for null', () => {
    expect(formatNumber(1350142.92)).toBe('1350142.92');
    expect(formatNumber(-10.73)).toBe('-10.73');
    expect(formatNumber(null)).toBe('');
    expect(formatNumber(-0)).toBe('0');
  });

  it('sums printed decimals without binary noise', () => {
    expect(sum([0.1, 0.2])).toBe(0.3);
    expect(formatNumber(sum([89.27, -100]))).toBe('-10.73');
  });
});
