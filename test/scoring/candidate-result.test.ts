import { describe, expect, it } from 'vitest';
import {
  ComponentMissing,
  WeightsDoNotSumToOne,
  combineComponents,
  requiredComponents,
  resolveComponentMark,
  resultStatusName,
  scoringPolicy,
  type ComponentOutcome,
} from '../../scoring';
import { sat } from './fixtures';

describe('component sources', () => {
  it('lets the course final (结课成绩) replace the theory exam, keeping its origin', () => {
    const m = resolveComponentMark('theory', { kind: 'courseFinal' }, { courseFinal: { mark: 82, ref: '教务-2024秋-电工1班' }, exam: { mark: 40, ref: 'att-1' } });
    expect(m.mark).toBe(82);
    expect(m.origin).toEqual([{ kind: 'courseFinal', mark: 82, weight: 1, ref: '教务-2024秋-电工1班', ruleFailures: [] }]);
  });

  it('mixes sources by weight and keeps each mark and origin for the audit', () => {
    const m = resolveComponentMark(
      'theory',
      { kind: 'mix', weights: { processAssessment: 0.3, exam: 0.7 } },
      { processAssessment: { mark: 85, ref: 'pa-1' }, exam: { mark: 58, ref: 'att-1' } },
    );
    expect(m.mark).toBe(66.1);
    expect(m.origin.map((o) => [o.kind, o.mark, o.weight, o.ref])).toEqual([
      ['processAssessment', 85, 0.3, 'pa-1'],
      ['exam', 58, 0.7, 'att-1'],
    ]);
  });

  it('accepts weights that add up to 1 within floating-point noise', () => {
    const m = resolveComponentMark(
      'theory',
      { kind: 'mix', weights: { exam: 0.1, courseFinal: 0.2, processAssessment: 0.7 } },
      { exam: { mark: 100, ref: 'a' }, courseFinal: { mark: 100, ref: 'b' }, processAssessment: { mark: 100, ref: 'c' } },
    );
    expect(m.mark).toBe(100);
  });

  it('rejects weights that do not add up to 1, in Chinese', () => {
    const go = () =>
      resolveComponentMark('theory', { kind: 'mix', weights: { courseFinal: 0.5, exam: 0.4 } }, { courseFinal: { mark: 80, ref: 'a' }, exam: { mark: 80, ref: 'b' } });
    expect(go).toThrow(WeightsDoNotSumToOne);
    expect(go).toThrow(/理论知识考试的成绩来源权重之和为 0.9，应为 1/);
  });

  it('refuses a missing source mark and a substitution the policy does not allow', () => {
    expect(() => resolveComponentMark('theory', { kind: 'courseFinal' }, {})).toThrow(/缺少结课成绩/);
    expect(() => resolveComponentMark('practical', { kind: 'courseFinal' }, { courseFinal: { mark: 90, ref: 'x' } })).toThrow(
      /技能操作考核不允许使用结课成绩/,
    );
  });

  it('does not let a mix dilute a ★ failure of the practical exam', () => {
    const m = resolveComponentMark(
      'practical',
      { kind: 'mix', weights: { exam: 0.5, processAssessment: 0.5 } },
      { exam: { mark: 70, ref: 'grp-1', ruleFailures: ['star'] }, processAssessment: { mark: 95, ref: 'pa-1' } },
    );
    expect(m.ruleFailures).toEqual(['star']);
    const r = combineComponents(['theory', 'practical'], { theory: sat('theory', 80), practical: { attendance: 'present', mark: m } });
    expect(r).toMatchObject({ status: 'fail', failing: ['practical'] });
  });
});

describe('combining components into a result', () => {
  it('requires 综合评审 for 二级 and 一级 only', () => {
    expect(requiredComponents(5)).toEqual(['theory', 'practical']);
    expect(requiredComponents(3)).toEqual(['theory', 'practical']);
    expect(requiredComponents(2)).toEqual(['theory', 'practical', 'review']);
    expect(requiredComponents(1)).toEqual(['theory', 'practical', 'review']);
  });

  it('passes only when every required component passes: 二级 without a review result is refused', () => {
    expect(() => combineComponents(requiredComponents(2), { theory: sat('theory', 90), practical: sat('practical', 90) })).toThrow(ComponentMissing);
    expect(() => combineComponents(requiredComponents(2), { theory: sat('theory', 90), practical: sat('practical', 90) })).toThrow(/综合评审/);
    const r = combineComponents(requiredComponents(2), { theory: sat('theory', 90), practical: sat('practical', 90), review: sat('review', 59.9) });
    expect(r.status).toBe('fail');
    expect(r.failing).toEqual(['review']);
  });

  it('never averages: 95 and 55 is a fail, 60 and 60 a pass', () => {
    expect(combineComponents(['theory', 'practical'], { theory: sat('theory', 95), practical: sat('practical', 55) })).toMatchObject({
      status: 'fail',
      failing: ['practical'],
    });
    const pass = combineComponents(['theory', 'practical'], { theory: sat('theory', 60), practical: sat('practical', 60) });
    expect(pass).toMatchObject({ status: 'pass', failing: [] });
    expect(pass.components.theory).toMatchObject({ mark: 60, passed: true, source: { kind: 'exam' }, vetoed: false });
    expect(pass.components.theory!.origin[0]).toMatchObject({ kind: 'exam', ref: 'theory-attempt' });
  });

  it('fails the practical on a safety violation whatever the points', () => {
    const r = combineComponents(['theory', 'practical'], { theory: sat('theory', 88), practical: sat('practical', 97, ['safety']) });
    expect(r).toMatchObject({ status: 'fail', failing: ['practical'] });
    expect(r.components.practical).toMatchObject({ mark: 97, passed: false, ruleFailures: ['safety'] });
  });

  it('reports a whole veto as vetoed', () => {
    const r = combineComponents(['theory', 'practical'], { theory: sat('theory', 88), practical: sat('practical', 0, ['wholeVeto']) });
    expect(r.components.practical).toMatchObject({ vetoed: true, passed: false });
  });

  it('uses a configured pass mark', () => {
    const policy = scoringPolicy({ passMarks: { theory: 70 } });
    const r = combineComponents(['theory', 'practical'], { theory: sat('theory', 65), practical: sat('practical', 65) }, policy);
    expect(r.failing).toEqual(['theory']);
  });

  describe('缺考 and 违纪 precedence: violation > absent > fail > pass', () => {
    const absent: ComponentOutcome = { attendance: 'absent' };
    const violation: ComponentOutcome = { attendance: 'violation', reason: '携带手机' };

    it('absent beats fail and keeps the passed component visible', () => {
      const r = combineComponents(['theory', 'practical'], { theory: sat('theory', 75), practical: absent });
      expect(r).toMatchObject({ status: 'absent', failing: ['practical'] });
      expect(r.components.theory).toMatchObject({ passed: true, voided: false });
      expect(r.components.practical).toMatchObject({ attendance: 'absent', mark: null, passed: false });
    });

    it('violation beats absent and, by default, voids every component', () => {
      const r = combineComponents(['theory', 'practical'], { theory: violation, practical: absent });
      expect(r.status).toBe('violation');
      const r2 = combineComponents(['theory', 'practical'], { theory: sat('theory', 90), practical: violation });
      expect(r2).toMatchObject({ status: 'violation', failing: ['theory', 'practical'] });
      expect(r2.components.theory).toMatchObject({ mark: 90, passed: false, voided: true });
      expect(resultStatusName(r2.status)).toBe('违纪');
    });

    it('can void only the component where the violation happened', () => {
      const policy = scoringPolicy({ violationVoidsAll: false });
      const r = combineComponents(['theory', 'practical'], { theory: sat('theory', 90), practical: violation }, policy);
      expect(r).toMatchObject({ status: 'violation', failing: ['practical'] });
      expect(r.components.theory).toMatchObject({ passed: true, voided: false });
    });
  });

  it('refuses a component the level does not require', () => {
    expect(() => combineComponents(requiredComponents(4), { theory: sat('theory', 90), practical: sat('practical', 90), review: sat('review', 90) })).toThrow(
      /不要求综合评审/,
    );
  });
});

describe('policy', () => {
  it('rejects nonsense thresholds with a Chinese message naming the field', () => {
    expect(() => scoringPolicy({ passMarks: { theory: 120 } })).toThrow(/passMarks.theory/);
    expect(() => scoringPolicy({ retakeWindowMonths: 0 })).toThrow(/成绩保留期/);
    expect(() => scoringPolicy({ practical: { starPassRatio: 1.5 } })).toThrow(/★项合格比例/);
  });
});
