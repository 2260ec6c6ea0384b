import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { addDays, CalendarOverrideInvalid, createWorkdayCalendar } from '../../../server/exam-admin/rules';

const require = createRequire(import.meta.url);

describe('working-day calendar from chinese-days', () => {
  const cal = createWorkdayCalendar();

  it('knows the years chinese-days ships (2004–2026) and ends its verified range before next year’s 元旦 notice', () => {
    const dir = require.resolve('chinese-days/dist/chinese-days.json').replace(/chinese-days\.json$/, 'years');
    const years = readdirSync(dir)
      .filter((f) => /^\d{4}\.json$/.test(f))
      .map((f) => Number(f.slice(0, 4)))
      .sort();
    expect(years[0]).toBe(2004);
    expect(years.at(-1)).toBe(2026);
    expect(cal.officialRange).toEqual({ first: '2004-01-01', last: '2026-12-28' });
  });

  // chinese-days' own functions are off by one day under a negative UTC offset (its tables are
  // built at load time through local-time Dates), which is why the calendar reads its data file.
  // The comparison is therefore only meaningful at UTC or east of it (the CI and China).
  const westOfUtc = new Date(2026, 0, 1).getTimezoneOffset() > 0;
  it.skipIf(westOfUtc)('agrees with chinese-days on every day it has data for', () => {
    const { isWorkday } = require('chinese-days') as { isWorkday: (d: Date) => boolean };
    const mismatches: string[] = [];
    for (let d = '2004-01-01'; d <= '2026-12-31'; d = addDays(d, 1)) {
      const [y, m, day] = d.split('-').map(Number) as [number, number, number];
      if (isWorkday(new Date(y, m - 1, day)) !== cal.isWorkday(d).workday) mismatches.push(d);
    }
    expect(mismatches).toEqual([]);
  });

  it('knows the 2026 Spring Festival: make-up Saturdays 02-14 and 02-28 work, 02-16 (Monday) is off', () => {
    expect(cal.isWorkday('2026-02-14')).toEqual({
      date: '2026-02-14',
      workday: true,
      verified: true,
      source: 'official',
      name: '春节调休上班',
    });
    expect(cal.isWorkday('2026-02-16')).toMatchObject({ workday: false, verified: true, name: '春节' });
    expect(cal.isWorkday('2026-02-28').workday).toBe(true);
    expect(cal.isWorkday('2026-02-24')).toMatchObject({ workday: true, verified: true, name: null });
  });

  it('knows the 2025 National Day: 09-28 (Sunday) and 10-11 (Saturday) work, 10-08 (Wednesday) is off', () => {
    expect(cal.isWorkday('2025-09-28')).toMatchObject({ workday: true, name: '国庆节调休上班' });
    expect(cal.isWorkday('2025-10-08')).toMatchObject({ workday: false, name: '国庆节' });
    expect(cal.isWorkday('2025-10-11').workday).toBe(true);
  });

  it('counts working days back across the Spring Festival', () => {
    // 2026-02-26 back 10: 25, 24, [15–23 off], 14 (make-up Saturday), 13, 12, 11, 10, 9, 6, 5.
    expect(cal.workdayOnOrBefore(10, '2026-02-26')).toEqual({ date: '2026-02-05', verified: true });
    expect(cal.workdayOnOrBefore(10, '2026-02-26', 'clearDays')).toEqual({ date: '2026-02-04', verified: true });
    expect(cal.addWorkdays('2026-02-13', 1)).toEqual({ date: '2026-02-14', verified: true });
    expect(cal.findWorkday(0, '2026-02-15')).toEqual({ date: '2026-02-24', verified: true });
    expect(cal.countWorkdays('2026-02-12', '2026-02-24')).toEqual({ count: 3, verified: true });
  });

  it('counts across National Day 2026 with its make-up Saturday 10-10', () => {
    // 2026-10-12 back 5: 10 (Saturday, make-up), 9, 8, [1–7 off], 9-30, 9-29.
    expect(cal.workdayOnOrBefore(5, '2026-10-12')).toEqual({ date: '2026-09-29', verified: true });
  });

  it('flags days outside the data as unverified instead of silently guessing Mon–Fri', () => {
    expect(cal.isWorkday('2027-03-01')).toEqual({
      date: '2027-03-01',
      workday: true,
      verified: false,
      source: 'weekdayGuess',
      name: null,
    });
    expect(cal.isWorkday('2003-12-31').verified).toBe(false);
    // Late December waits for next year's 元旦 notice (2018-12-29 became a working day in the 2019 one).
    expect(cal.isWorkday('2026-12-28').verified).toBe(true);
    expect(cal.isWorkday('2026-12-29').verified).toBe(false);
    expect(cal.isWorkday('2018-12-29')).toMatchObject({ workday: true, verified: true });
    expect(cal.workdayOnOrBefore(10, '2027-01-15').verified).toBe(false);
  });

  it('applies overrides and lets an office enter a whole year chinese-days does not know yet', () => {
    const local = createWorkdayCalendar({
      overrides: [
        { date: '2026-03-02', workday: false, note: '考点所在区临时停工' },
        { date: '2027-01-01', workday: false, note: '2027年元旦（本地录入）' },
      ],
      localYears: [2027],
    });
    expect(local.isWorkday('2026-03-02')).toEqual({
      date: '2026-03-02',
      workday: false,
      verified: true,
      source: 'override',
      name: '考点所在区临时停工',
    });
    expect(local.isWorkday('2026-12-30').verified).toBe(true);
    expect(local.isWorkday('2027-03-01')).toMatchObject({ workday: true, verified: true, source: 'official' });
    expect(local.isWorkday('2028-03-01').verified).toBe(false);
    expect(local.addWorkdays('2026-02-27', 1).date).toBe('2026-02-28');
    expect(local.addWorkdays('2026-02-28', 1).date).toBe('2026-03-03');
  });

  it('refuses a broken override table', () => {
    expect(() => createWorkdayCalendar({ overrides: [{ date: '2026-02-30', workday: true, note: 'x' }] })).toThrow(
      CalendarOverrideInvalid,
    );
    expect(() =>
      createWorkdayCalendar({
        overrides: [
          { date: '2026-05-06', workday: true, note: 'a' },
          { date: '2026-05-06', workday: false, note: 'b' },
        ],
      }),
    ).toThrow('2026-05-06 出现了两次');
    expect(() => createWorkdayCalendar({ overrides: [{ date: '2026-05-06', workday: true, note: ' ' }] })).toThrow('缺少说明');
    expect(() => createWorkdayCalendar({ localYears: [2027] })).toThrow('声明了2027年的本地节假日安排');
  });
});
