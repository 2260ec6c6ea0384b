import { describe, expect, it } from 'vitest';
import { ImportRejected, type RowError } from '../../../question-bank/errors';
import {
  validateCandidate,
  validateCandidateRows,
  type CandidateContext,
  type CandidateInput,
} from '../../../server/exam-admin/rules';
import { candidateRow, citizenId, OCCUPATIONS, TODAY, withWrongCheck } from './fixtures';

const ctx: CandidateContext = { today: TODAY, occupations: OCCUPATIONS };

function input(overrides: CandidateInput = {}): CandidateInput {
  return {
    name: '张三',
    gender: '男',
    idType: '201',
    idNumber: citizenId('350102', '19900501', '013'),
    birthDate: '1990-05-01',
    education: '高中',
    workUnit: '福州某机械厂',
    workYears: 8,
    occupationCode: '6-31-01-03',
    workType: '',
    level: '四级/中级工',
    eligibilityBasis: '累计从事本职业或相关职业工作6年（含）以上',
    ...overrides,
  };
}

function problems(i: CandidateInput, c: CandidateContext = ctx) {
  const r = validateCandidate(i, c);
  return r.ok ? [] : r.problems.map((p) => `${p.column}：${p.problem}`);
}

function rejected(fn: () => unknown): RowError[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof ImportRejected) return e.errors;
    throw e;
  }
  throw new Error('expected ImportRejected');
}

describe('one candidate record', () => {
  it('normalises a valid record', () => {
    const r = validateCandidate(input({ name: ' 买买提•艾力 ', level: 4, education: '中专', workYears: '８', workUnit: '福州某机械厂（二分厂）' }), ctx);
    expect(r).toEqual({
      ok: true,
      value: {
        name: '买买提·艾力',
        gender: '男',
        idType: '201',
        idNumber: citizenId('350102', '19900501', '013'),
        birthDate: '1990-05-01',
        education: 'secondaryVocational',
        workUnit: '福州某机械厂（二分厂）',
        workYears: 8,
        occupationCode: '6-31-01-03',
        workType: null,
        level: 4,
        eligibilityBasis: '累计从事本职业或相关职业工作6年（含）以上',
      },
    });
  });

  it('takes gender and birth date from a citizen number when left blank', () => {
    const r = validateCandidate(input({ gender: '', birthDate: '', idNumber: '11010519491231002X', workYears: 30 }), ctx);
    expect(r.ok && [r.value.gender, r.value.birthDate]).toEqual(['女', '1949-12-31']);
  });

  it('requires gender and birth date for a passport holder', () => {
    expect(problems(input({ idType: '208', idNumber: 'E12345678', gender: '', birthDate: '' }))).toEqual([
      '性别：性别不能为空',
      '出生日期：出生日期不能为空',
    ]);
  });

  it('reports a birth date or gender disagreeing with the ID number on the number', () => {
    expect(problems(input({ birthDate: '1990/5/2', gender: '女' }))).toEqual([
      '证件号码：号码中的出生日期（1990-05-01）与填写的出生日期（1990-05-02）不一致',
      '证件号码：号码第17位表示性别为男，与填写的性别“女”不一致',
    ]);
  });

  it('names each bad field in Chinese', () => {
    expect(
      problems(
        input({
          name: '张3',
          gender: 'M',
          idType: '驾驶证',
          education: '幼儿园',
          workUnit: '',
          workYears: -1,
          occupationCode: '63101',
          level: '六级',
          eligibilityBasis: ' ',
        }),
      ),
    ).toEqual([
      '姓名：姓名只能包含汉字、字母、间隔号“·”、空格、“.”和“-”',
      '性别：性别应为“男”或“女”，不是“M”',
      '证件类型：证件类型“驾驶证”不在代码表中',
      '文化程度：文化程度“幼儿园”不在列表中（初中及以下、高中、中专/职高、技工学校、高级技工学校、技师学院、大专、本科、硕士研究生、博士研究生）',
      '工作单位：工作单位不能为空（无工作单位请填“无”）',
      '从事本职业工作年限：从事本职业工作年限“-1”应为不小于0的数字，最多一位小数',
      '职业编码：职业编码“63101”格式不正确，应如 6-31-01-03',
      '申报等级：申报等级“六级”无法识别（如“四级/中级工”）',
      '申报条件：申报条件不能为空（填写所符合的申报条件）',
    ]);
  });

  it('refuses work years the age cannot hold, and an implausible age', () => {
    expect(problems(input({ workYears: 25 }))).toEqual(['从事本职业工作年限：工作年限25年与年龄35岁不相称，请核对']);
    const child = citizenId('350102', '20150101', '013');
    expect(problems(input({ idNumber: child, birthDate: '', workYears: 0 }))[0]).toContain('年龄为11岁');
  });

  it('refuses 准入类 occupations, unknown 工种 and levels the occupation lacks', () => {
    expect(problems(input({ occupationCode: '4-07-05-04' }))).toEqual(['职业编码：消防设施操作员是准入类职业，不能申报职业技能等级认定']);
    expect(problems(input({ workType: '维修电工' }))).toEqual(['工种：电工不分工种，工种应留空或填“--”']);
    expect(problems(input({ occupationCode: '6-18-02-04' }))).toEqual(['工种：焊工须填写工种，可选：电焊工、气焊工']);
    expect(problems(input({ occupationCode: '4-10-01-03', level: '二级' }))).toEqual(['申报等级：育婴员没有二级/技师']);
    expect(problems(input({ occupationCode: '9-99-99-99' }))).toEqual(['职业编码：职业编码9-99-99-99不在系统的职业目录中']);
  });

  it('refuses a combination the batch did not plan', () => {
    const planned = { ...ctx, entries: [{ occupationCode: '6-31-01-03', workType: null, level: 5 as const, components: ['theory' as const, 'practical' as const] }] };
    expect(problems(input(), planned)).toEqual(['申报等级：本批次未安排电工四级/中级工的认定']);
    expect(problems(input({ level: '初级工' }), planned)).toEqual([]);
  });
});

describe('candidate import (all or nothing)', () => {
  const rowB = () => candidateRow({ 姓名: '李四', 证件号码: '11010519491231002X', 性别: '', 出生日期: '', 从事本职业工作年限: 20 });

  it('accepts a clean file and keeps row numbers, skipping blank trailing rows', () => {
    const rows = [candidateRow(), rowB(), { 姓名: '', 证件号码: ' ' }];
    const out = validateCandidateRows(rows, ctx);
    expect(out.map((r) => [r.row, r.candidate.name, r.candidate.gender])).toEqual([
      [2, '张三', '男'],
      [3, '李四', '女'],
    ]);
  });

  it('refuses the whole file when one row is wrong, naming row, column and problem', () => {
    const errors = rejected(() => validateCandidateRows([candidateRow(), rowB(), candidateRow({ 姓名: '王五', 出生日期: '1988-07-12', 证件号码: withWrongCheck(citizenId('350102', '19880712', '021')) })], ctx));
    expect(errors).toEqual([{ row: 4, column: '证件号码', problem: '校验码不符（第18位），请逐位核对号码' }]);
  });

  it('refuses an ID number repeated within the file', () => {
    const dup = candidateRow({ 姓名: '张三丰', 证件号码: citizenId('350102', '19900501', '013').toLowerCase() });
    expect(rejected(() => validateCandidateRows([candidateRow(), rowB(), dup], ctx))).toEqual([
      { row: 4, column: '证件号码', problem: '证件号码与第2行重复' },
    ]);
  });

  it('refuses a candidate already registered in the batch', () => {
    const errors = rejected(() => validateCandidateRows([candidateRow(), rowB()], { ...ctx, existingIdNumbers: ['11010519491231002x'] }));
    expect(errors).toEqual([{ row: 3, column: '证件号码', problem: '该证件号码的考生已在本批次报名' }]);
  });

  it('refuses a file missing required columns once, on the header row', () => {
    const rows = [{ 姓名: '张三', 证件号码: '11010519491231002X' }];
    const errors = rejected(() => validateCandidateRows(rows, ctx));
    expect(errors[0]).toEqual({ row: 1, column: '证件类型', problem: '文件缺少此列' });
    expect(errors.map((e) => e.column)).not.toContain('性别');
  });

  it('refuses an empty file', () => {
    expect(rejected(() => validateCandidateRows([], ctx))).toEqual([{ row: 2, column: '', problem: '文件中没有考生数据' }]);
  });
});
