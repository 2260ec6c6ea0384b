import { componentName, LEVELS_LOW_TO_HIGH, levelShortName } from '../../scoring';
import { occupationWithWorkType } from './labels';
import { addSheet, newWorkbook, workbookBytes } from './xlsx';
import type { PlanExport, PlanRow, PrintMeta, XlsxCell } from './types';

/** The official 认定计划 columns, in order. */
export const PLAN_COLUMNS: readonly string[] = [
  '序号',
  '职业（工种）',
  ...LEVELS_LOW_TO_HIGH.map(levelShortName),
  '小计',
  '场次及时间',
  '评价场所',
  '考评人员',
];

const rowTotal = (r: PlanRow): number => LEVELS_LOW_TO_HIGH.reduce((s, l) => s + (r.counts[l] ?? 0), 0);

/**
 * 认定计划 as xlsx, the columns of the filing form: 序号, 职业（工种）, 五级 四级 三级 二级 一级, 小计,
 * 场次及时间 (one line per sitting: `理论知识考试 2024-06-15 09:00-10:30`), 评价场所, 考评人员, and a
 * 合计 row summing the counts. Levels without candidates are blank; the title row defaults to
 * `${organization}职业技能等级认定计划`. Text is formula-neutralised like every export.
 *
 * Never fails for well-typed input.
 */
export async function planXlsx(plan: PlanExport, meta: PrintMeta): Promise<Buffer> {
  const rows: XlsxCell[][] = plan.rows.map((r, i) => [
    i + 1,
    occupationWithWorkType(r.occupationName, r.workType),
    ...LEVELS_LOW_TO_HIGH.map((l) => r.counts[l] ?? null),
    rowTotal(r),
    r.sittings.map((s) => `${componentName(s.component)} ${s.date} ${s.start}-${s.end}`).join('\n'),
    r.venue,
    r.examiners.join('、'),
  ]);
  rows.push([
    null,
    '合计',
    ...LEVELS_LOW_TO_HIGH.map((l) => plan.rows.reduce((s, r) => s + (r.counts[l] ?? 0), 0)),
    plan.rows.reduce((s, r) => s + rowTotal(r), 0),
    null,
    null,
    null,
  ]);
  const wb = newWorkbook(meta);
  const { ws } = addSheet(wb, {
    name: '认定计划',
    title: plan.title ?? `${meta.organization}职业技能等级认定计划`,
    header: [...PLAN_COLUMNS],
    rows,
  });
  ws.lastRow!.font = { bold: true };
  return workbookBytes(wb);
}
