import { describe, expect, it } from 'vitest';
import { addMonths, retakePlan } from '../../scoring';
import { resultOf } from './fixtures';

describe('补考: which components a candidate must sit', () => {
  // 2024-03-10: theory passed, practical failed.
  const first = { sittingDate: '2024-03-10', result: resultOf(4, { theory: 78, practical: 52 }) };

  it('only the failed component within the window', () => {
    expect(retakePlan([first], '2024-09-01', { level: 4 })).toEqual({
      mustSit: ['practical'],
      kept: [{ component: 'theory', passedOn: '2024-03-10', mark: 78, expiresOn: '2025-03-10' }],
    });
  });

  it('everything again once the window has passed (12 months by default, expiring on the anniversary)', () => {
    expect(retakePlan([first], '2025-03-09', { level: 4 }).mustSit).toEqual(['practical']);
    expect(retakePlan([first], '2025-03-10', { level: 4 }).mustSit).toEqual(['theory', 'practical']);
  });

  it('uses a configured window', () => {
    expect(retakePlan([first], '2025-09-01', { level: 4, windowMonths: 24 }).mustSit).toEqual(['practical']);
    expect(retakePlan([first], '2024-09-11', { level: 4, windowMonths: 6 }).mustSit).toEqual(['theory', 'practical']);
  });

  it('combines passes from different sittings and reports the latest', () => {
    const second = { sittingDate: '2024-06-20', result: resultOf(4, { theory: 'absent', practical: 71 }) };
    expect(retakePlan([first, second], '2024-12-01', { level: 4 })).toEqual({
      mustSit: [],
      kept: [
        { component: 'theory', passedOn: '2024-03-10', mark: 78, expiresOn: '2025-03-10' },
        { component: 'practical', passedOn: '2024-06-20', mark: 71, expiresOn: '2025-06-20' },
      ],
    });
  });

  it('keeps nothing from a sitting voided by a violation', () => {
    const voided = { sittingDate: '2024-03-10', result: resultOf(4, { theory: 90, practical: 'violation' }) };
    expect(retakePlan([voided], '2024-05-01', { level: 4 }).mustSit).toEqual(['theory', 'practical']);
  });

  it('asks a 二级 candidate for the review as well', () => {
    const r = { sittingDate: '2024-03-10', result: resultOf(2, { theory: 70, practical: 80, review: 50 }) };
    expect(retakePlan([r], '2024-04-01', { level: 2 }).mustSit).toEqual(['review']);
    expect(retakePlan([], '2024-04-01', { level: 2 }).mustSit).toEqual(['theory', 'practical', 'review']);
  });

  it('refuses a result dated after today', () => {
    expect(() => retakePlan([first], '2024-01-01', { level: 4 })).toThrow(/晚于当前日期/);
  });

  it('adds months clamping to the end of the month', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2023-11-30', 3)).toBe('2024-02-29');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
  });
});
