/**
 * Deadlines of one batch (认定批次), counted in working days:
 * - 认定计划备案 ≥ 10 working days before the first sitting (H);
 * - 准考证发放 ≥ 5 working days before the first sitting (H, Liuzhou);
 * - 成绩公示 lasts 5 working days from its start (H);
 * - 认定结果上报 within 10 working days after publicity ends (H, Nanchang).
 * The day counts and the reading of "≥ N before" are data (`DeadlineRules`).
 */
import type { IsoDate } from '../../../scoring';
import type { DeadlineConvention, WorkdayCalendar } from './workdays';

/** The four dated steps of a batch. */
export type DeadlineKey = 'planFiling' | 'ticketIssue' | 'publicity' | 'resultsReport';

/**
 * - `done`: completed on or before the due date (publicity: its period is over);
 * - `late`: completed, but after the due date;
 * - `overdue`: not completed and the due date has passed;
 * - `dueSoon`: not completed, at most `dueSoonWorkdays` working days left;
 * - `ok`: not completed, more time left (publicity: running);
 * - `waiting`: cannot be dated yet because an earlier step has not happened (publicity not started).
 */
export type DeadlineStatus = 'done' | 'ok' | 'dueSoon' | 'overdue' | 'late' | 'waiting';

/** One dated step of a batch with its status on `today`. */
export interface Deadline {
  key: DeadlineKey;
  label: string;
  /** Due date (publicity: its last day); `null` while `waiting`. */
  due: IsoDate | null;
  status: DeadlineStatus;
  /** When it was done, as recorded. */
  doneAt: IsoDate | null;
  /** False if any day counted lies outside the official data and the overrides (Mon–Fri guessed). */
  verified: boolean;
  /** Chinese remark: publicity period, an out-of-order step, an unverified count. */
  note: string | null;
}

/** Working-day counts and convention behind the deadlines (data, not code). */
export interface DeadlineRules {
  planFilingWorkdays: number;
  ticketWorkdays: number;
  publicityWorkdays: number;
  reportWorkdays: number;
  /** A pending step with this many working days or fewer left is `dueSoon`. */
  dueSoonWorkdays: number;
  convention: DeadlineConvention;
}

/** Default deadline rules (counts H, convention L). */
export const DEADLINE_RULES: DeadlineRules = {
  planFilingWorkdays: 10,
  ticketWorkdays: 5,
  publicityWorkdays: 5,
  reportWorkdays: 10,
  dueSoonWorkdays: 3,
  convention: 'findWorkday',
};

/** What `batchDeadlines` needs: the first sitting, what has been done when, today and the calendar. */
export interface BatchDeadlineInput {
  /** Date of the batch's first sitting. */
  firstSitting: IsoDate;
  planFiledAt?: IsoDate | null;
  ticketsIssuedAt?: IsoDate | null;
  publicityStart?: IsoDate | null;
  resultsReportedAt?: IsoDate | null;
  today: IsoDate;
  calendar: WorkdayCalendar;
  rules?: DeadlineRules;
}

const UNVERIFIED_NOTE = '计算跨越了节假日数据范围之外的日期（按周一至周五推算），请核对或在工作日调整表中录入当地安排';

/**
 * The batch's four deadlines with their status on `today`, in order. Overrides apply through
 * `calendar`. Never throws for well-formed dates (throws `RangeError` on a malformed one).
 *
 * Example: first sitting 2026-02-26 (after the 2026 Spring Festival, with 2026-02-14 a make-up
 * Saturday) → 认定计划备案 due `2026-02-05`; filed on 2026-02-10 → status `late`.
 */
export function batchDeadlines(input: BatchDeadlineInput): Deadline[] {
  const { calendar, today } = input;
  const rules = input.rules ?? DEADLINE_RULES;

  const pending = (due: IsoDate, verified: boolean, doneAt: IsoDate | null | undefined) => {
    if (doneAt) return { status: doneAt <= due ? 'done' : 'late', verified } as const;
    if (today > due) return { status: 'overdue', verified } as const;
    const left = calendar.countWorkdays(today, due);
    return { status: left.count <= rules.dueSoonWorkdays ? 'dueSoon' : 'ok', verified: verified && left.verified } as const;
  };
  const note = (verified: boolean, extra: string | null = null): string | null =>
    [extra, verified ? null : UNVERIFIED_NOTE].filter((x) => x !== null).join('；') || null;

  const out: Deadline[] = [];
  const before = (key: DeadlineKey, label: string, n: number, doneAt: IsoDate | null | undefined) => {
    const due = calendar.workdayOnOrBefore(n, input.firstSitting, rules.convention);
    const s = pending(due.date, due.verified, doneAt);
    out.push({ key, label, due: due.date, status: s.status, doneAt: doneAt ?? null, verified: s.verified, note: note(s.verified) });
  };
  before('planFiling', `认定计划备案（首场前至少${rules.planFilingWorkdays}个工作日）`, rules.planFilingWorkdays, input.planFiledAt);
  before('ticketIssue', `准考证发放（首场前至少${rules.ticketWorkdays}个工作日）`, rules.ticketWorkdays, input.ticketsIssuedAt);

  const publicityLabel = `成绩公示（${rules.publicityWorkdays}个工作日）`;
  const reportLabel = `认定结果上报（公示期满后${rules.reportWorkdays}个工作日内）`;
  if (!input.publicityStart) {
    out.push({ key: 'publicity', label: publicityLabel, due: null, status: 'waiting', doneAt: null, verified: true, note: '公示尚未开始' });
    out.push({
      key: 'resultsReport',
      label: reportLabel,
      due: null,
      status: 'waiting',
      doneAt: input.resultsReportedAt ?? null,
      verified: true,
      note: input.resultsReportedAt ? '公示尚未开始就已上报，顺序不符' : '待公示期满后计算',
    });
    return out;
  }

  // Publicity starting on a day off begins on the next working day; day 1 is that day itself.
  const start = calendar.findWorkday(0, input.publicityStart);
  const end = calendar.addWorkdays(start.date, rules.publicityWorkdays - 1);
  const pubVerified = start.verified && end.verified;
  out.push({
    key: 'publicity',
    label: publicityLabel,
    due: end.date,
    status: today > end.date ? 'done' : 'ok',
    doneAt: today > end.date ? end.date : null,
    verified: pubVerified,
    note: note(pubVerified, `公示期 ${start.date} 至 ${end.date}`),
  });

  const reportDue = calendar.addWorkdays(end.date, rules.reportWorkdays);
  const s = pending(reportDue.date, reportDue.verified && pubVerified, input.resultsReportedAt);
  const early =
    input.resultsReportedAt && input.resultsReportedAt <= end.date ? `公示期（至${end.date}）未满即上报，顺序不符` : null;
  out.push({
    key: 'resultsReport',
    label: reportLabel,
    due: reportDue.date,
    status: s.status,
    doneAt: input.resultsReportedAt ?? null,
    verified: s.verified,
    note: note(s.verified, early),
  });
  return out;
}
