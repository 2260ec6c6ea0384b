import { describe, expect, it } from 'vitest';
import {
  checkEligibility,
  DEFAULT_ELIGIBILITY_RULES,
  type EligibilityFacts,
  type EligibilityRules,
} from '../../../server/exam-admin/rules';

function facts(overrides: Partial<EligibilityFacts> = {}): EligibilityFacts {
  return { level: 4, occupationCode: '6-31-01-03', education: 'seniorHigh', workYears: 0, certificates: [], ...overrides };
}
const asOf = '2026-03-01';

describe('eligibility (申报条件)', () => {
  it('school: own full-time students, nobody else, and no level the school may not certify', () => {
    const ctx = { orgType: 'school' as const, asOf };
    expect(checkEligibility(facts({ ownFullTimeStudent: true }), DEFAULT_ELIGIBILITY_RULES, ctx)).toEqual({
      eligible: true,
      basis: '本校全日制在校学生',
      problems: [],
    });
    expect(checkEligibility(facts({ workYears: 10 }), DEFAULT_ELIGIBILITY_RULES, ctx)).toEqual({
      eligible: false,
      basis: '',
      problems: ['不是本校全日制在校学生'],
    });
    expect(checkEligibility(facts({ level: 3, ownFullTimeStudent: true }), DEFAULT_ELIGIBILITY_RULES, ctx).problems).toEqual([
      '技工院校不受理三级/高级工的申报',
    ]);
  });

  it('training organization, 三级: 四级 certificate of the same occupation and 5 years since', () => {
    const ctx = { orgType: 'training' as const, asOf };
    const holder = facts({ level: 3, workYears: 8, certificates: [{ occupationCode: '6-31-01-03', level: 4, issuedOn: '2019-06-30' }] });
    expect(checkEligibility(holder, DEFAULT_ELIGIBILITY_RULES, ctx)).toEqual({
      eligible: true,
      basis: '取得本职业或相关职业四级/中级工证书后，累计从事本职业或相关职业工作5年（含）以上',
      problems: [],
    });
    const recent = facts({ level: 3, workYears: 8, certificates: [{ occupationCode: '6-31-01-03', level: 4, issuedOn: '2023-06-30' }] });
    const r = checkEligibility(recent, DEFAULT_ELIGIBILITY_RULES, ctx);
    expect(r.eligible).toBe(false);
    expect(r.problems[0]).toBe('不符合三级/高级工的任何一项申报条件');
    expect(r.problems[1]).toContain('取得四级/中级工证书后工作年限不足5年');
  });

  it('counts a certificate of a related occupation only when declared related', () => {
    const ctx = { orgType: 'training' as const, asOf };
    const other = facts({ level: 3, workYears: 8, certificates: [{ occupationCode: '6-31-01-01', level: 4, issuedOn: '2019-06-30' }] });
    expect(checkEligibility(other, DEFAULT_ELIGIBILITY_RULES, ctx).eligible).toBe(false);
    expect(checkEligibility(other, DEFAULT_ELIGIBILITY_RULES, { ...ctx, relatedOccupationCodes: ['6-31-01-01'] }).eligible).toBe(true);
  });

  it('training organization, 四级: by work years or by a vocational diploma in a related major', () => {
    const ctx = { orgType: 'training' as const, asOf };
    expect(checkEligibility(facts({ workYears: 6 }), DEFAULT_ELIGIBILITY_RULES, ctx).basis).toBe('累计从事本职业或相关职业工作6年（含）以上');
    const graduate = facts({ education: 'technicalSchool', relatedMajor: true });
    expect(checkEligibility(graduate, DEFAULT_ELIGIBILITY_RULES, ctx).basis).toContain('技工学校');
    expect(checkEligibility(facts({ education: 'technicalSchool', relatedMajor: false }), DEFAULT_ELIGIBILITY_RULES, ctx).eligible).toBe(false);
    expect(checkEligibility(facts({ workYears: 5 }), DEFAULT_ELIGIBILITY_RULES, ctx).problems).toContain(
      '条件2（累计从事本职业或相关职业工作6年（含）以上）：工作年限5年，不足6年',
    );
  });

  it('employer: own staff who also meet a standard path', () => {
    const ctx = { orgType: 'employer' as const, asOf };
    expect(checkEligibility(facts({ level: 5, workYears: 2, ownEmployee: true }), DEFAULT_ELIGIBILITY_RULES, ctx)).toEqual({
      eligible: true,
      basis: '本单位在职职工；累计从事本职业或相关职业工作1年（含）以上',
      problems: [],
    });
    expect(checkEligibility(facts({ level: 5, workYears: 2 }), DEFAULT_ELIGIBILITY_RULES, ctx).problems).toEqual(['不是本单位在职职工']);
  });

  it('takes rules as data', () => {
    const lenient: EligibilityRules = {
      ...DEFAULT_ELIGIBILITY_RULES,
      training: { 4: { paths: [{ label: '本省试点：从业满2年', all: [{ kind: 'workYears', years: 2 }] }] } },
    };
    expect(checkEligibility(facts({ workYears: 2 }), lenient, { orgType: 'training', asOf })).toMatchObject({
      eligible: true,
      basis: '本省试点：从业满2年',
    });
  });
});
