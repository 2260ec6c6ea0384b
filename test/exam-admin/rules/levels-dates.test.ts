import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, fullYearsBetween, isIsoDate, parseLevel, parseLooseDate, requiredComponents, weekdayOf } from '../../../server/exam-admin/rules';
import { fromDayNumber, toDayNumber } from '../../../server/exam-admin/rules/dates';

describe('levels as people write them', () => {
  it('reads numbers, short names, titles and full labels, telling 技师 from 高级技师', () => {
    expect(['5', '五级', '初级工', '初级', '五级/初级工'].map(parseLevel)).toEqual([5, 5, 5, 5, 5]);
    expect(['三级', '高级工', '高级'].map(parseLevel)).toEqual([3, 3, 3]);
    expect(['技师', '二级/技师'].map(parseLevel)).toEqual([2, 2]);
    expect(['高级技师', '一级／高级技师', 1].map(parseLevel)).toEqual([1, 1, 1]);
    expect(['六级', '', 0, 2.5, null].map(parseLevel)).toEqual([null, null, null, null, null]);
  });

  it('requires 综合评审 only for 二级 and 一级', () => {
    expect(requiredComponents(3)).toEqual(['theory', 'practical']);
    expect(requiredComponents(1)).toEqual(['theory', 'practical', 'review']);
  });
});

describe('calendar dates without time zones', () => {
  it('validates and shifts ISO dates across month, leap-year and year ends', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-2-01')).toBe(false);
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(weekdayOf('2026-02-14')).toBe(6);
    expect(weekdayOf('1949-10-01')).toBe(6);
  });

  it('round-trips day numbers for any date from 1900 to 2200', () => {
    fc.assert(
      fc.property(fc.integer({ min: toDayNumber('1900-01-01'), max: toDayNumber('2200-12-31') }), (n) => {
        const d = fromDayNumber(n);
        expect(isIsoDate(d)).toBe(true);
        expect(toDayNumber(d)).toBe(n);
      }),
    );
  });

  it('computes ages and reads loosely written dates', () => {
    expect(fullYearsBetween('1990-05-01', '2026-04-30')).toBe(35);
    expect(fullYearsBetween('1990-05-01', '2026-05-01')).toBe(36);
    expect(['1990/5/1', '1990.05.01', '19900501', '1990年5月1日'].map(parseLooseDate)).toEqual([
      '1990-05-01',
      '1990-05-01',
      '1990-05-01',
      '1990-05-01',
    ]);
    expect(parseLooseDate('1990-02-30')).toBeNull();
  });
});
