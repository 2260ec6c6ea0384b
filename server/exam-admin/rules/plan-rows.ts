/**
 * Rows of the 认定计划 (certification plan) form filed ≥ 10 working days before the sitting: one
 * row per occupation (工种) with the planned head count per level, the sittings, the venue and the
 * examiners, then a totals row. Pure data; the exporter lays it out (Excel/PDF).
 */
import type { Component, Level } from '../../../question-bank/types';
import { COMPONENT_NAMES, LEVEL_SHORT_NAMES, LEVELS_LOW_TO_HIGH } from '../../../question-bank/vocabulary';
import { isIsoDate, type IsoDate } from '../../../scoring';
import { PlanInputInvalid } from './errors';
import { normaliseWorkType } from './organization';

/** Columns of the official form, in order. */
export const PLAN_COLUMNS = ['序号', '职业（工种）', '五级', '四级', '三级', '二级', '一级', '小计', '场次及时间', '评价场所', '考评人员'] as const;

/** One column header of the 认定计划 form. */
export type PlanColumn = (typeof PLAN_COLUMNS)[number];

/** One printed row; counts are numbers, everything else text. */
export type PlanRow = Record<PlanColumn, string | number>;

/** One sitting (场次) of an occupation in the plan. */
export interface PlanSitting {
  date: IsoDate;
  /** `HH:MM`, 24-hour. */
  start: string;
  end: string;
  component?: Component;
}

/** One occupation (工种) of the plan as the office entered it. */
export interface PlanEntryInput {
  occupationName: string;
  workType?: string | null;
  /** Planned candidates per level; missing levels count 0. */
  counts: Partial<Record<Level, number>>;
  sittings: readonly PlanSitting[];
  venue: string;
  /** Examiner names. */
  examiners: readonly string[];
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

function sittingText(s: PlanSitting): string {
  return `${s.date} ${s.start}–${s.end}${s.component ? `（${COMPONENT_NAMES[s.component]}）` : ''}`;
}

/**
 * Build the plan form rows. Entries naming the same occupation and 工种 are merged (counts added,
 * sittings, venues and examiners united); rows keep the order of first appearance. Occupation cell:
 * `电工` or `焊工（电焊工）`. Sittings: `共2场：2026-03-14 09:00–10:30（理论知识考试）；…`.
 * The last row is `合计` with the count totals and the number of distinct examiners.
 *
 * Throws `PlanInputInvalid` for a negative or fractional count, a malformed date or time, or a
 * sitting ending before it starts.
 */
export function buildPlanRows(entries: readonly PlanEntryInput[]): PlanRow[] {
  interface Merged {
    label: string;
    counts: Record<Level, number>;
    sittings: Map<string, PlanSitting>;
    venues: Set<string>;
    examiners: Set<string>;
  }
  const merged = new Map<string, Merged>();
  for (const e of entries) {
    const workType = normaliseWorkType(e.workType);
    const label = workType ? `${e.occupationName.trim()}（${workType}）` : e.occupationName.trim();
    for (const level of LEVELS_LOW_TO_HIGH) {
      const n = e.counts[level] ?? 0;
      if (!Number.isInteger(n) || n < 0) throw new PlanInputInvalid(`${label}${LEVEL_SHORT_NAMES[level]}人数${n}应为不小于0的整数`, { label, level, count: n });
    }
    for (const s of e.sittings) {
      if (!isIsoDate(s.date) || !TIME.test(s.start) || !TIME.test(s.end)) {
        throw new PlanInputInvalid(`${label}的场次日期或时间格式不正确（应为 YYYY-MM-DD 与 HH:MM）`, { label, sitting: s });
      }
      if (s.end <= s.start) throw new PlanInputInvalid(`${label}的场次 ${s.date} ${s.start}–${s.end} 结束时间不晚于开始时间`, { label, sitting: s });
    }
    const m = merged.get(label) ?? {
      label,
      counts: { 5: 0, 4: 0, 3: 0, 2: 0, 1: 0 },
      sittings: new Map(),
      venues: new Set(),
      examiners: new Set(),
    };
    for (const level of LEVELS_LOW_TO_HIGH) m.counts[level] += e.counts[level] ?? 0;
    for (const s of e.sittings) m.sittings.set(sittingText(s), s);
    if (e.venue.trim()) m.venues.add(e.venue.trim());
    for (const x of e.examiners) if (x.trim()) m.examiners.add(x.trim());
    merged.set(label, m);
  }

  const rows: PlanRow[] = [];
  const totals: Record<Level, number> = { 5: 0, 4: 0, 3: 0, 2: 0, 1: 0 };
  const allExaminers = new Set<string>();
  for (const [i, m] of [...merged.values()].entries()) {
    const sittings = [...m.sittings.values()].sort((a, b) => (a.date + a.start < b.date + b.start ? -1 : 1)).map(sittingText);
    const subtotal = LEVELS_LOW_TO_HIGH.reduce((sum, l) => sum + m.counts[l], 0);
    for (const l of LEVELS_LOW_TO_HIGH) totals[l] += m.counts[l];
    for (const x of m.examiners) allExaminers.add(x);
    rows.push({
      序号: i + 1,
      '职业（工种）': m.label,
      五级: m.counts[5],
      四级: m.counts[4],
      三级: m.counts[3],
      二级: m.counts[2],
      一级: m.counts[1],
      小计: subtotal,
      场次及时间: sittings.length > 0 ? `共${sittings.length}场：${sittings.join('；')}` : '',
      评价场所: [...m.venues].join('、'),
      考评人员: [...m.examiners].join('、'),
    });
  }
  rows.push({
    序号: '合计',
    '职业（工种）': '',
    五级: totals[5],
    四级: totals[4],
    三级: totals[3],
    二级: totals[2],
    一级: totals[1],
    小计: LEVELS_LOW_TO_HIGH.reduce((sum, l) => sum + totals[l], 0),
    场次及时间: '',
    评价场所: '',
    考评人员: allExaminers.size > 0 ? `共${allExaminers.size}人` : '',
  });
  return rows;
}
