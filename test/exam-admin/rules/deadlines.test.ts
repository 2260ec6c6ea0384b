import { describe, expect, it } from 'vitest';
import { batchDeadlines, createWorkdayCalendar, type Deadline } from '../../../server/exam-admin/rules';

const calendar = createWorkdayCalendar();
const byKey = (list: Deadline[]) => Object.fromEntries(list.map((d) => [d.key, d]));

describe('batch deadlines', () => {
  it('dates plan filing and tickets from the first sitting across the Spring Festival', () => {
    const d = byKey(batchDeadlines({ firstSitting: '2026-02-26', today: '2026-01-20', calendar }));
    expect(d.planFiling).toMatchObject({ label: '认定计划备案（首场前至少10个工作日）', due: '2026-02-05', status: 'ok', verified: true });
    expect(d.ticketIssue).toMatchObject({ due: '2026-02-12', status: 'ok' });
    expect(d.publicity).toMatchObject({ status: 'waiting', due: null });
    expect(d.resultsReport).toMatchObject({ status: 'waiting', due: null });
  });

  it('flags a plan filed after its due date as late, and a missing one as overdue', () => {
    const late = byKey(batchDeadlines({ firstSitting: '2026-02-26', planFiledAt: '2026-02-10', today: '2026-02-11', calendar }));
    expect(late.planFiling).toMatchObject({ status: 'late', doneAt: '2026-02-10', due: '2026-02-05' });
    const missing = byKey(batchDeadlines({ firstSitting: '2026-02-26', today: '2026-02-06', calendar }));
    expect(missing.planFiling!.status).toBe('overdue');
    const onTime = byKey(batchDeadlines({ firstSitting: '2026-02-26', planFiledAt: '2026-02-05', today: '2026-02-11', calendar }));
    expect(onTime.planFiling!.status).toBe('done');
  });

  it('warns when few working days are left', () => {
    // 2026-02-12 is due for tickets; from 02-09 three working days remain (10, 11, 12).
    const d = byKey(batchDeadlines({ firstSitting: '2026-02-26', today: '2026-02-09', calendar }));
    expect(d.ticketIssue!.status).toBe('dueSoon');
    const early = byKey(batchDeadlines({ firstSitting: '2026-02-26', today: '2026-02-05', calendar }));
    expect(early.ticketIssue!.status).toBe('ok');
  });

  it('runs publicity for 5 working days and the report 10 working days after, skipping 清明', () => {
    const d = byKey(batchDeadlines({ firstSitting: '2026-03-10', publicityStart: '2026-03-20', today: '2026-03-24', calendar }));
    expect(d.publicity).toMatchObject({ due: '2026-03-26', status: 'ok', note: '公示期 2026-03-20 至 2026-03-26' });
    // 10 working days after 03-26: 27, 30, 31, 4-1, 4-2, 4-3, [4-4..6 清明], 4-7, 4-8, 4-9, 4-10.
    expect(d.resultsReport).toMatchObject({ due: '2026-04-10', status: 'ok' });
    const after = byKey(
      batchDeadlines({ firstSitting: '2026-03-10', publicityStart: '2026-03-20', resultsReportedAt: '2026-04-13', today: '2026-04-20', calendar }),
    );
    expect(after.publicity).toMatchObject({ status: 'done', doneAt: '2026-03-26' });
    expect(after.resultsReport!.status).toBe('late');
  });

  it('starts publicity beginning on a holiday on the next working day', () => {
    const d = byKey(batchDeadlines({ firstSitting: '2026-09-01', publicityStart: '2026-10-03', today: '2026-10-03', calendar }));
    // Day off until 10-07; 10-08, 09, 10 (make-up Saturday), 12, 13.
    expect(d.publicity).toMatchObject({ due: '2026-10-13', note: '公示期 2026-10-08 至 2026-10-13' });
  });

  it('notes a report sent before publicity ended', () => {
    const d = byKey(
      batchDeadlines({ firstSitting: '2026-03-10', publicityStart: '2026-03-20', resultsReportedAt: '2026-03-25', today: '2026-03-30', calendar }),
    );
    expect(d.resultsReport!.note).toContain('公示期（至2026-03-26）未满即上报');
  });

  it('marks deadlines counted through unknown days as unverified and says so', () => {
    const d = byKey(batchDeadlines({ firstSitting: '2027-01-20', today: '2026-11-22', calendar }));
    expect(d.planFiling).toMatchObject({ verified: false, due: '2027-01-06' });
    expect(d.planFiling!.note).toContain('节假日数据范围之外');
    const known = byKey(batchDeadlines({ firstSitting: '2026-12-18', today: '2026-11-22', calendar }));
    expect(known.planFiling).toMatchObject({ verified: true, note: null });
  });

  it('applies overrides: a local day off moves the plan deadline earlier', () => {
    const plain = byKey(batchDeadlines({ firstSitting: '2026-03-16', today: '2026-02-01', calendar }));
    const local = createWorkdayCalendar({ overrides: [{ date: '2026-03-05', workday: false, note: '考点停电检修' }] });
    const moved = byKey(batchDeadlines({ firstSitting: '2026-03-16', today: '2026-02-01', calendar: local }));
    expect(plain.planFiling!.due).toBe('2026-03-02');
    // One working day fewer in the span; the next one back is the make-up Saturday 02-28.
    expect(moved.planFiling!.due).toBe('2026-02-28');
  });

  it('honours configured day counts and convention', () => {
    const d = byKey(
      batchDeadlines({
        firstSitting: '2026-02-26',
        today: '2026-01-20',
        calendar,
        rules: { planFilingWorkdays: 15, ticketWorkdays: 5, publicityWorkdays: 7, reportWorkdays: 10, dueSoonWorkdays: 3, convention: 'clearDays' },
      }),
    );
    expect(d.planFiling).toMatchObject({ label: '认定计划备案（首场前至少15个工作日）', due: '2026-01-28' });
  });
});
