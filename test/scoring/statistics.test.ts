import { describe, expect, it } from 'vitest';
import { componentMarks, passRates, scoreHistogram, type StatsRecord } from '../../scoring';
import { resultOf } from './fixtures';

const records: StatsRecord[] = [
  { occupationCode: '6-31-01-03', level: 4, result: resultOf(4, { theory: 80, practical: 75 }) }, // pass
  { occupationCode: '6-31-01-03', level: 4, result: resultOf(4, { theory: 50, practical: 90 }) }, // fail theory
  { occupationCode: '6-31-01-03', level: 4, result: resultOf(4, { theory: 'absent', practical: 'absent' }) }, // absent
  { occupationCode: '6-31-01-03', level: 3, result: resultOf(3, { theory: 61, practical: 'violation' }) }, // violation
  { occupationCode: '4-10-01-05', level: 5, result: resultOf(5, { theory: 100, practical: 60 }) }, // pass
];

describe('pass rates', () => {
  const report = passRates(records);

  it('by occupation × level, counting absent apart from the rate', () => {
    expect(report.byOccupationLevel).toEqual([
      { occupationCode: '4-10-01-05', level: 5, candidates: 1, absent: 0, violation: 0, sat: 1, passed: 1, rate: 1 },
      { occupationCode: '6-31-01-03', level: 4, candidates: 3, absent: 1, violation: 0, sat: 2, passed: 1, rate: 0.5 },
      { occupationCode: '6-31-01-03', level: 3, candidates: 1, absent: 0, violation: 1, sat: 1, passed: 0, rate: 0 },
    ]);
  });

  it('by occupation and by level', () => {
    expect(report.byOccupation.map((r) => [r.occupationCode, r.sat, r.passed])).toEqual([
      ['4-10-01-05', 1, 1],
      ['6-31-01-03', 3, 1],
    ]);
    expect(report.byLevel.map((r) => [r.level, r.candidates, r.rate])).toEqual([
      [5, 1, 1],
      [4, 3, 0.5],
      [3, 1, 0],
    ]);
  });

  it('by component', () => {
    const electricians4 = report.byComponent.filter((r) => r.occupationCode === '6-31-01-03' && r.level === 4);
    expect(electricians4).toEqual([
      { occupationCode: '6-31-01-03', level: 4, component: 'theory', sat: 2, passed: 1, rate: 0.5 },
      { occupationCode: '6-31-01-03', level: 4, component: 'practical', sat: 2, passed: 2, rate: 1 },
    ]);
  });
});

describe('score histogram', () => {
  it('puts marks in bins of 10, with 100 in the last bin', () => {
    const bins = scoreHistogram([0, 9.9, 59.5, 60, 60.5, 89.9, 90, 100]);
    expect(bins).toHaveLength(10);
    expect(bins.map((b) => b.count)).toEqual([2, 0, 0, 0, 0, 1, 2, 0, 1, 2]);
    expect(bins[9]).toMatchObject({ from: 90, to: 100, label: '90–100' });
    expect(bins[5]!.label).toBe('50–59');
  });

  it('refuses marks outside 0..100', () => {
    expect(() => scoreHistogram([101])).toThrow(/超出/);
    expect(() => scoreHistogram([Number.NaN])).toThrow(/超出/);
  });

  it('collects the marks of one component, leaving out absent and voided ones', () => {
    expect(componentMarks(records, 'theory')).toEqual([80, 50, 100]);
  });
});
