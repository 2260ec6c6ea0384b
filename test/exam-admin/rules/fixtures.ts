/**
 * Small fixture builders for the exam-admin rules tests: organizations, occupations, candidates and
 * valid ID numbers computed with an independent check-digit routine.
 */
import type { Level } from '../../../question-bank/types';
import type { Occupation, Organization } from '../../../server/exam-admin/rules';

/**
 * ISO 7064 MOD 11-2 in its recursive form (p = 2·(p + d) mod 11), deliberately not the weighted sum
 * the code under test uses, so the two cross-check each other.
 */
export function mod112(first17: string): string {
  let p = 0;
  for (const ch of first17) p = ((p + Number(ch)) * 2) % 11;
  const c = (12 - p) % 11;
  return c === 10 ? 'X' : String(c);
}

/** A citizen-style number with the right check character: `citizenId('110105', '19900501', '123')`. */
export function citizenId(address: string, birth: string, seq: string): string {
  const body = `${address}${birth}${seq}`;
  return body + mod112(body);
}

/** Replace the check character with a wrong one. */
export function withWrongCheck(id: string): string {
  const right = id[17]!;
  return id.slice(0, 17) + (right === '0' ? '1' : '0');
}

export const ELECTRICIAN: Occupation = { code: '6-31-01-03', name: '电工', levels: [5, 4, 3, 2, 1], licensing: false };
export const WELDER: Occupation = {
  code: '6-18-02-04',
  name: '焊工',
  levels: [5, 4, 3, 2, 1],
  workTypes: ['电焊工', '气焊工'],
  licensing: false,
};
export const NURSERY: Occupation = { code: '4-10-01-03', name: '育婴员', levels: [5, 4, 3], licensing: false };
export const FIRE_OPERATOR: Occupation = { code: '4-07-05-04', name: '消防设施操作员', levels: [5, 4, 3, 2, 1], licensing: true };
export const OCCUPATIONS: Occupation[] = [ELECTRICIAN, WELDER, NURSERY, FIRE_OPERATOR];

export function org(type: Organization['type'], overrides: Partial<Organization> = {}): Organization {
  return {
    id: `org-${type}`,
    name: type === 'school' ? '福州市高级技工学校' : type === 'training' ? '福建某职业技能评价中心' : '福州某机械厂',
    type,
    uscc: '91350100M000100Y43',
    scope: OCCUPATIONS.map((o) => ({ occupationCode: o.code })),
    ...overrides,
  };
}

/** A valid candidate row keyed by the import template's Chinese headers. */
export function candidateRow(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    姓名: '张三',
    性别: '男',
    证件类型: '201',
    证件号码: citizenId('350102', '19900501', '013'),
    出生日期: '1990-05-01',
    文化程度: '高中',
    工作单位: '福州某机械厂',
    从事本职业工作年限: 8,
    职业编码: '6-31-01-03',
    工种: '',
    申报等级: '四级/中级工',
    申报条件: '累计从事本职业或相关职业工作6年（含）以上',
    ...overrides,
  };
}

export const TODAY = '2026-03-01';

export const ALL_LEVELS: Level[] = [5, 4, 3, 2, 1];
