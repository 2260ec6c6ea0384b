import { describe, expect, it } from 'vitest';
import { buildPlanRows, PLAN_COLUMNS, PlanInputInvalid } from '../../../server/exam-admin/rules';

describe('认定计划 form rows', () => {
  const rows = buildPlanRows([
    {
      occupationName: '电工',
      workType: '--',
      counts: { 5: 12, 4: 20 },
      sittings: [
        { date: '2026-03-15', start: '08:30', end: '11:30', component: 'practical' },
        { date: '2026-03-14', start: '09:00', end: '10:30', component: 'theory' },
      ],
      venue: '福州市高级技工学校实训楼',
      examiners: ['李四', '王五', '陈六'],
    },
    {
      occupationName: '焊工',
      workType: '电焊工',
      counts: { 3: 8 },
      sittings: [{ date: '2026-03-14', start: '09:00', end: '10:30', component: 'theory' }],
      venue: '福州市高级技工学校实训楼',
      examiners: ['李四', '周七', '吴八'],
    },
    {
      occupationName: '电工',
      counts: { 4: 5 },
      sittings: [{ date: '2026-03-14', start: '09:00', end: '10:30', component: 'theory' }],
      venue: '福州市高级技工学校实训楼',
      examiners: ['李四'],
    },
  ]);

  it('has the official columns in order', () => {
    expect(PLAN_COLUMNS).toEqual(['序号', '职业（工种）', '五级', '四级', '三级', '二级', '一级', '小计', '场次及时间', '评价场所', '考评人员']);
    for (const r of rows) expect(Object.keys(r)).toEqual([...PLAN_COLUMNS]);
  });

  it('merges entries of the same occupation (工种), sorts sittings and lists examiners once', () => {
    expect(rows[0]).toEqual({
      序号: 1,
      '职业（工种）': '电工',
      五级: 12,
      四级: 25,
      三级: 0,
      二级: 0,
      一级: 0,
      小计: 37,
      场次及时间: '共2场：2026-03-14 09:00–10:30（理论知识考试）；2026-03-15 08:30–11:30（技能操作考核）',
      评价场所: '福州市高级技工学校实训楼',
      考评人员: '李四、王五、陈六',
    });
    expect(rows[1]).toMatchObject({ 序号: 2, '职业（工种）': '焊工（电焊工）', 三级: 8, 小计: 8 });
  });

  it('ends with a totals row', () => {
    expect(rows).toHaveLength(3);
    expect(rows[2]).toEqual({
      序号: '合计',
      '职业（工种）': '',
      五级: 12,
      四级: 25,
      三级: 8,
      二级: 0,
      一级: 0,
      小计: 45,
      场次及时间: '',
      评价场所: '',
      考评人员: '共5人',
    });
  });

  it('refuses negative counts and broken times', () => {
    const base = { occupationName: '电工', venue: 'x', examiners: [], sittings: [] };
    expect(() => buildPlanRows([{ ...base, counts: { 4: -1 } }])).toThrow(PlanInputInvalid);
    expect(() => buildPlanRows([{ ...base, counts: { 4: 1 }, sittings: [{ date: '2026-03-14', start: '10:30', end: '09:00' }] }])).toThrow(
      '结束时间不晚于开始时间',
    );
    expect(() => buildPlanRows([{ ...base, counts: { 4: 1 }, sittings: [{ date: '2026-3-14', start: '9:00', end: '10:00' }] }])).toThrow(
      '格式不正确',
    );
  });
});
