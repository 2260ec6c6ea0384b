import { describe, expect, it } from 'vitest';
import {
  assertNoConflicts,
  assertStaffed,
  checkConflicts,
  checkPracticalGroup,
  checkQualitySupervision,
  checkRoomStaffing,
  ConflictOfInterest,
  StaffingInsufficient,
  type StaffMember,
} from '../../../server/exam-admin/rules';

const people = (n: number, prefix = 'p'): StaffMember[] => Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}`, name: `${prefix}${i}` }));

describe('proctors per theory room', () => {
  it('needs two for up to 30 candidates and one per 15', () => {
    expect(checkRoomStaffing({ name: '301', candidateCount: 30 }, people(2))).toEqual({ ok: true, required: 2, actual: 2, problems: [] });
    expect(checkRoomStaffing({ name: '301', candidateCount: 31 }, people(2))).toEqual({
      ok: false,
      required: 3,
      actual: 2,
      problems: ['考场“301”有31名考生，至少需要3名监考员，现有2名'],
    });
    expect(checkRoomStaffing({ name: '302', candidateCount: 5 }, people(1)).problems).toEqual(['考场“302”有5名考生，至少需要2名监考员，现有1名']);
  });

  it('counts a person listed twice once', () => {
    const p = people(1);
    const r = checkRoomStaffing({ name: '301', candidateCount: 10 }, [p[0]!, p[0]!]);
    expect(r.actual).toBe(1);
    expect(r.problems).toContain('监考员p0被重复安排');
  });
});

describe('examiner groups for the practical', () => {
  it('needs an odd number, at least 3 and one per 5 candidates', () => {
    expect(checkPracticalGroup(15, people(3)).ok).toBe(true);
    expect(checkPracticalGroup(12, people(4))).toEqual({ ok: false, required: 3, actual: 4, problems: ['考评组人数应为奇数，现有4名'] });
    expect(checkPracticalGroup(16, people(3))).toMatchObject({ required: 5, problems: ['考评组有16名考生，至少需要5名考评员，现有3名'] });
    expect(checkPracticalGroup(16, people(5)).ok).toBe(true);
    expect(checkPracticalGroup(2, people(2)).problems).toEqual(['考评组有2名考生，至少需要3名考评员，现有2名', '考评组人数应为奇数，现有2名']);
  });
});

describe('quality supervisor', () => {
  it('needs one per batch who is not also a proctor or examiner', () => {
    expect(checkQualitySupervision([]).problems).toEqual(['每个批次至少需要1名内部质量督导员，现有0名']);
    const s = { id: 's1', name: '陈督导' };
    expect(checkQualitySupervision([s], people(4)).ok).toBe(true);
    expect(checkQualitySupervision([s], [...people(2), s]).problems).toEqual(['督导员陈督导同时担任本批次监考员或考评员，不能自己督导自己']);
  });

  it('turns a failed check into a StaffingInsufficient error', () => {
    expect(() => assertStaffed(checkPracticalGroup(12, people(4)))).toThrow(StaffingInsufficient);
    expect(() => assertStaffed(checkPracticalGroup(12, people(3)))).not.toThrow();
  });
});

describe('conflicts of interest (回避)', () => {
  const examiners: StaffMember[] = [
    { id: 'e1', name: '李四', workUnit: '福州某机械厂' },
    { id: 'e2', name: '王五', workUnit: '厦门某电子公司' },
  ];
  const candidates = [
    { id: 'c1', name: '张三', workUnit: ' 福州某机械厂 ' },
    { id: 'c2', name: '赵六', workUnit: '泉州某建筑公司' },
  ];

  it('names staff and candidate for a declared relation and for the same work unit', () => {
    const r = checkConflicts(examiners, candidates, [{ staffId: 'e2', candidateId: 'c2', relation: 'relative' }]);
    expect(r.ok).toBe(false);
    expect(r.conflicts.map((c) => c.message)).toEqual(['考评员李四须回避考生张三：与其工作单位相同（福州某机械厂）', '考评员王五须回避考生赵六：是其亲属']);
    expect(r.conflicts[0]).toMatchObject({ staffId: 'e1', candidateId: 'c1', reason: 'sameWorkUnit' });
  });

  it('covers colleagues and own trainees, and uses the role word given', () => {
    const r = checkConflicts(
      examiners,
      candidates,
      [
        { staffId: 'e2', candidateId: 'c1', relation: 'ownTrainee' },
        { staffId: 'e2', candidateId: 'c2', relation: 'colleague' },
      ],
      { role: '监考员', sameWorkUnit: false },
    );
    expect(r.conflicts.map((c) => c.message)).toEqual(['监考员王五须回避考生张三：是其培训的学员', '监考员王五须回避考生赵六：是其同事']);
  });

  it('exempts the organization’s own unit when told to (teachers examining their school’s students)', () => {
    const school = [{ id: 'c3', name: '孙七', workUnit: '福州市高级技工学校' }];
    const teacher = [{ id: 'e3', name: '周老师', workUnit: '福州市高级技工学校' }];
    expect(checkConflicts(teacher, school).ok).toBe(false);
    expect(checkConflicts(teacher, school, [], { exemptWorkUnits: ['福州市高级技工学校'] }).ok).toBe(true);
  });

  it('does not treat blank or “无” work units as the same unit', () => {
    expect(checkConflicts([{ id: 'e', name: '甲', workUnit: '无' }], [{ id: 'c', name: '乙', workUnit: '无' }]).ok).toBe(true);
    expect(checkConflicts([{ id: 'e', name: '甲' }], [{ id: 'c', name: '乙', workUnit: '' }]).ok).toBe(true);
  });

  it('refuses through assertNoConflicts with every reason', () => {
    const report = checkConflicts(examiners, candidates);
    expect(() => assertNoConflicts(report)).toThrow(ConflictOfInterest);
    expect(() => assertNoConflicts(report)).toThrow('考评员李四须回避考生张三');
  });
});
