import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PRACTICAL_SCORING,
  ExaminerGroupInvalid,
  ScoringSheetInvalid,
  finalPracticalMark,
  practicalSourceMark,
  scoreExaminerSheet,
  scorePracticalGroup,
  validateScoringSheet,
  type PracticalScoringConfig,
} from '../../scoring';
import { electricianSheet, filled, row } from './fixtures';

const sheet = electricianSheet();

describe('validating a scoring sheet (考核评分记录表)', () => {
  it('accepts a sheet whose marks add up to 100', () => {
    expect(() => validateScoringSheet(sheet)).not.toThrow();
  });

  it('refuses marks that do not add up to 100, in Chinese', () => {
    const bad = electricianSheet([row('R1', 30), row('R2', 30), row('R3', 30)]);
    expect(() => validateScoringSheet(bad)).toThrow(ScoringSheetInvalid);
    expect(() => validateScoringSheet(bad)).toThrow(/配分之和为 90，应为 100/);
  });

  it('lists every problem at once', () => {
    const bad = electricianSheet([row('R1', 50), row('R1', 60, { deductionRules: [{ text: '错', points: 0 }] })]);
    try {
      validateScoringSheet(bad);
      expect.unreachable();
    } catch (e) {
      expect((e as ScoringSheetInvalid).problems).toEqual(['评分项编号 R1 重复', '评分项 R1 的扣分标准“错”扣分值 0 应为正数', '各项配分之和为 110，应为 100']);
    }
  });
});

describe('one examiner scoring the sheet', () => {
  it('scores each row as 配分 minus deductions, never below zero', () => {
    const s = scoreExaminerSheet(sheet, filled('e1', { R2: 5, R3: 25 }));
    expect(s.rows.map((r) => r.score)).toEqual([20, 15, 0, 20, 20]);
    expect(s.total).toBe(75);
    expect(s.ruleFailures).toEqual([]);
  });

  it('adds several deductions on one row', () => {
    const s = scoreExaminerSheet(sheet, { ...filled('e1'), deductions: [{ rowId: 'R2', points: 2, rule: '接线不牢' }, { rowId: 'R2', points: 3 }] });
    expect(s.rows[1]).toMatchObject({ deducted: 5, score: 15 });
  });

  it('zeroes a row whose row veto was triggered, and only that row', () => {
    const s = scoreExaminerSheet(sheet, filled('e1', { R2: 2 }, { vetoedRows: ['R4'] }));
    expect(s.rows.find((r) => r.rowId === 'R4')).toMatchObject({ score: 0, vetoed: true });
    expect(s.total).toBe(100 - 2 - 20);
    expect(s.ruleFailures).toEqual([]);
  });

  it('zeroes the whole practical when a whole veto was triggered', () => {
    const s = scoreExaminerSheet(sheet, filled('e1', {}, { vetoedRows: ['R5'] }));
    expect(s.total).toBe(0);
    expect(s.ruleFailures).toEqual(['wholeVeto']);
  });

  it('fails a ★ row below 60 % of its marks, whatever the total', () => {
    const justPass = scoreExaminerSheet(sheet, filled('e1', { R1: 8 })); // 12 of 20 = 60 %
    expect(justPass.ruleFailures).toEqual([]);
    const fail = scoreExaminerSheet(sheet, filled('e1', { R1: 9 })); // 11 of 20
    expect(fail.total).toBe(91);
    expect(fail.ruleFailures).toEqual(['star']);
    expect(fail.failedStarRows).toEqual(['R1']);
  });

  it('uses the configured ★ threshold', () => {
    expect(scoreExaminerSheet(sheet, filled('e1', { R1: 5 }), { starPassRatio: 0.8 }).ruleFailures).toEqual(['star']);
    expect(scoreExaminerSheet(sheet, filled('e1', { R1: 4 }), { starPassRatio: 0.8 }).ruleFailures).toEqual([]);
  });

  it('fails a ★ row whose veto fired', () => {
    const starVeto = electricianSheet([row('R1', 40, { star: true, veto: 'row' }), row('R2', 60)]);
    expect(scoreExaminerSheet(starVeto, filled('e1', {}, { vetoedRows: ['R1'] })).ruleFailures).toEqual(['star']);
  });

  it('records a safety violation as a rule failure', () => {
    expect(scoreExaminerSheet(sheet, filled('e1', {}, { safetyViolation: true })).ruleFailures).toEqual(['safety']);
  });

  it('refuses a veto on a row that has none, and deductions on unknown rows', () => {
    expect(() => scoreExaminerSheet(sheet, filled('e1', {}, { vetoedRows: ['R2'] }))).toThrow(/R2 不是否决项/);
    expect(() => scoreExaminerSheet(sheet, filled('e1', { R9: 1 }))).toThrow(/R9 不在评分表中/);
    expect(() => scoreExaminerSheet(sheet, filled('e1', { R2: -1 }))).toThrow(/非负数/);
  });
});

describe('an examiner group (考评组)', () => {
  it('requires an odd group of at least 3, in Chinese', () => {
    expect(() => scorePracticalGroup(sheet, [filled('e1'), filled('e2')])).toThrow(ExaminerGroupInvalid);
    expect(() => scorePracticalGroup(sheet, [filled('e1'), filled('e2')])).toThrow(/不少于 3 人/);
    expect(() => scorePracticalGroup(sheet, ['e1', 'e2', 'e3', 'e4'].map((e) => filled(e)))).toThrow(/应为奇数/);
  });

  it('takes the mean of the examiners’ totals, rounded half up to 1 decimal by default', () => {
    const r = scorePracticalGroup(sheet, [filled('e1', { R2: 4 }), filled('e2', { R2: 5 }), filled('e3', { R2: 4.5, R3: 0.25 })]);
    // totals 96, 95, 95.25 → mean 95.41666… → 95.4
    expect(r).toMatchObject({ status: 'agreed', mark: 95.4, spread: 1 });
  });

  it('rounds as configured: integer, 1 or 2 decimals', () => {
    const sheets = [filled('e1', { R2: 3 }), filled('e2', { R2: 4 }), filled('e3', { R2: 4 })]; // 97, 96, 96 → 96.333…
    const with_ = (decimals: 0 | 1 | 2): PracticalScoringConfig => ({ ...DEFAULT_PRACTICAL_SCORING, rounding: { decimals } });
    expect(scorePracticalGroup(sheet, sheets, with_(0)).mark).toBe(96);
    expect(scorePracticalGroup(sheet, sheets, with_(1)).mark).toBe(96.3);
    expect(scorePracticalGroup(sheet, sheets, with_(2)).mark).toBe(96.33);
    const half = [filled('e1', { R2: 1.5 }), filled('e2', { R2: 1.5 }), filled('e3', { R2: 1.5 })]; // 98.5
    expect(scorePracticalGroup(sheet, half, with_(0)).mark).toBe(99);
  });

  it('sends a spread above the gap to the leader, whose sheet is then final', () => {
    const sheets = [filled('e1', { R2: 2 }), filled('e2', { R2: 5 }), filled('e3', { R2: 13 })]; // 98, 95, 87
    const waiting = scorePracticalGroup(sheet, sheets);
    expect(waiting).toMatchObject({ status: 'needsLeader', mark: null, spread: 11 });
    expect(() => finalPracticalMark(waiting)).toThrow(/待考评组长裁定/);
    expect(() => practicalSourceMark(waiting, 'grp-1')).toThrow(/待考评组长裁定/);
    const decided = scorePracticalGroup(sheet, sheets, DEFAULT_PRACTICAL_SCORING, filled('e1', { R2: 6 }));
    expect(decided).toMatchObject({ status: 'leaderDecided', mark: 94 });
  });

  it('keeps the spread within the configured gap as agreed', () => {
    const sheets = [filled('e1', { R2: 2 }), filled('e2', { R2: 5 }), filled('e3', { R2: 13 })];
    expect(scorePracticalGroup(sheet, sheets, { ...DEFAULT_PRACTICAL_SCORING, maxGap: 12 }).status).toBe('agreed');
  });

  it('fails the component on a ★ failure the whole group recorded, with a passing mark', () => {
    const sheets = ['e1', 'e2', 'e3'].map((e) => filled(e, { R1: 10 }));
    const r = scorePracticalGroup(sheet, sheets);
    expect(r).toMatchObject({ status: 'agreed', mark: 90, ruleFailures: ['star'] });
    expect(practicalSourceMark(r, 'grp-1')).toEqual({ mark: 90, ref: 'grp-1', ruleFailures: ['star'] });
  });

  it('sends a split on a safety violation to the leader even when the totals agree', () => {
    const sheets = [filled('e1', {}, { safetyViolation: true }), filled('e2'), filled('e3')];
    const r = scorePracticalGroup(sheet, sheets);
    expect(r).toMatchObject({ status: 'needsLeader', splitRuleFailures: ['safety'], spread: 0 });
  });

  it('gives 0 when the whole group triggered the whole veto', () => {
    const sheets = ['e1', 'e2', 'e3'].map((e) => filled(e, {}, { vetoedRows: ['R5'] }));
    expect(scorePracticalGroup(sheet, sheets)).toMatchObject({ mark: 0, vetoed: true, ruleFailures: ['wholeVeto'] });
  });

  it('refuses a leader sheet when there is nothing to settle', () => {
    expect(() => scorePracticalGroup(sheet, ['e1', 'e2', 'e3'].map((e) => filled(e)), DEFAULT_PRACTICAL_SCORING, filled('L'))).toThrow(
      /不需要组长裁定/,
    );
  });
});
