import { describe, expect, it } from 'vitest';
import { BatchEntryRefused, checkBatchEntry, LEVEL_POLICY, type BatchEntryRequest } from '../../../server/exam-admin/rules';
import { ELECTRICIAN, FIRE_OPERATOR, NURSERY, org, WELDER } from './fixtures';

function refusal(req: BatchEntryRequest, policy = LEVEL_POLICY): BatchEntryRefused {
  try {
    checkBatchEntry(req, policy);
  } catch (e) {
    if (e instanceof BatchEntryRefused) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('batch entry (认定计划)', () => {
  it('accepts a training organization planning 电工 三级 with theory and practical, in canonical order', () => {
    expect(checkBatchEntry({ org: org('training'), occupation: ELECTRICIAN, level: 3, components: ['practical', 'theory'] })).toEqual({
      occupationCode: '6-31-01-03',
      workType: null,
      level: 3,
      components: ['theory', 'practical'],
    });
  });

  it('refuses a 准入类 occupation', () => {
    const e = refusal({ org: org('training'), occupation: FIRE_OPERATOR, level: 4, components: ['theory', 'practical'] });
    expect(e.code).toBe('OCCUPATION_LICENSING');
    expect(e.message).toBe('消防设施操作员（4-07-05-04）是准入类职业（列入国家职业资格目录），不能纳入职业技能等级认定');
  });

  it('refuses an occupation outside the registered scope, as forbidden', () => {
    const e = refusal({
      org: org('training', { scope: [{ occupationCode: WELDER.code }] }),
      occupation: ELECTRICIAN,
      level: 4,
      components: ['theory', 'practical'],
    });
    expect(e).toMatchObject({ code: 'OUT_OF_SCOPE', kind: 'forbidden', message: '电工（6-31-01-03）不在福建某职业技能评价中心备案的认定职业范围内' });
  });

  it('refuses levels outside a scope line restricted to some levels', () => {
    const e = refusal({
      org: org('training', { scope: [{ occupationCode: ELECTRICIAN.code, levels: [5, 4] }] }),
      occupation: ELECTRICIAN,
      level: 3,
      components: ['theory', 'practical'],
    });
    expect(e.code).toBe('OUT_OF_SCOPE');
  });

  it('refuses a level the occupation does not have (育婴员 stops at 三级)', () => {
    const e = refusal({ org: org('training'), occupation: NURSERY, level: 2, components: ['theory', 'practical', 'review'] });
    expect(e.code).toBe('LEVEL_NOT_OFFERED');
    expect(e.message).toContain('只设五级/初级工、四级/中级工、三级/高级工');
  });

  it('lets a technical school plan 五级 and 四级 only', () => {
    const school = org('school');
    expect(checkBatchEntry({ org: school, occupation: ELECTRICIAN, level: 4, components: ['theory', 'practical'] }).level).toBe(4);
    const e = refusal({ org: school, occupation: ELECTRICIAN, level: 3, components: ['theory', 'practical'] });
    expect(e).toMatchObject({
      code: 'LEVEL_NOT_ALLOWED',
      kind: 'forbidden',
      message: '技工院校只能认定五级/初级工、四级/中级工，不能认定三级/高级工',
    });
  });

  it('takes the level policy as data', () => {
    const policy = { ...LEVEL_POLICY, school: [5, 4, 3] as const };
    expect(checkBatchEntry({ org: org('school'), occupation: ELECTRICIAN, level: 3, components: ['theory', 'practical'] }, policy).level).toBe(3);
  });

  it('requires 综合评审 for 二级/一级 and refuses it below', () => {
    const training = org('training');
    expect(refusal({ org: training, occupation: ELECTRICIAN, level: 2, components: ['theory', 'practical'] })).toMatchObject({
      code: 'COMPONENTS_INVALID',
      message: '二级/技师必须安排综合评审',
    });
    expect(refusal({ org: training, occupation: ELECTRICIAN, level: 4, components: ['theory', 'practical', 'review'] }).message).toBe(
      '四级/中级工不设综合评审（综合评审仅用于二级/技师、一级/高级技师）',
    );
    expect(refusal({ org: training, occupation: ELECTRICIAN, level: 5, components: ['theory'] }).message).toBe('五级/初级工必须安排技能操作考核');
    expect(checkBatchEntry({ org: training, occupation: ELECTRICIAN, level: 1, components: ['review', 'theory', 'practical'] }).components).toEqual([
      'theory',
      'practical',
      'review',
    ]);
  });

  it('lets a retake sitting hold only the failed component', () => {
    const training = org('training');
    expect(checkBatchEntry({ org: training, occupation: ELECTRICIAN, level: 4, components: ['practical'], retake: true }).components).toEqual([
      'practical',
    ]);
    expect(refusal({ org: training, occupation: ELECTRICIAN, level: 4, components: [], retake: true }).message).toBe('补考至少安排一个考核科目');
  });

  it('checks 工种: required when the occupation is divided, known, and in scope', () => {
    const training = org('training', { scope: [{ occupationCode: WELDER.code, workTypes: ['电焊工'] }] });
    expect(checkBatchEntry({ org: training, occupation: WELDER, workType: '电焊工', level: 4, components: ['theory', 'practical'] }).workType).toBe(
      '电焊工',
    );
    expect(refusal({ org: training, occupation: WELDER, level: 4, components: ['theory', 'practical'] }).message).toBe(
      '焊工（6-18-02-04）分工种认定，须指定工种，可选：电焊工',
    );
    expect(refusal({ org: training, occupation: WELDER, workType: '氩弧焊工', level: 4, components: ['theory', 'practical'] }).code).toBe(
      'WORK_TYPE_UNKNOWN',
    );
    expect(refusal({ org: training, occupation: WELDER, workType: '气焊工', level: 4, components: ['theory', 'practical'] }).code).toBe(
      'OUT_OF_SCOPE',
    );
    expect(checkBatchEntry({ org: org('training'), occupation: ELECTRICIAN, workType: '--', level: 4, components: ['theory', 'practical'] }).workType).toBeNull();
  });

  it('refuses a malformed occupation code', () => {
    const bad = { ...ELECTRICIAN, code: '6-31-1-03' };
    const e = refusal({ org: org('training', { scope: [{ occupationCode: bad.code }] }), occupation: bad, level: 4, components: ['theory', 'practical'] });
    expect(e.code).toBe('OCCUPATION_CODE_INVALID');
  });
});
