/**
 * Small fixture builders for the scoring walkthroughs: papers item by item, scoring sheets row by row,
 * examiner sheets by deductions. Defaults are the typical case; each test overrides what it is about.
 */
import type { Component, MultiChoiceRule, Paper, PaperItem } from '../../question-bank/types';
import {
  combineComponents,
  requiredComponents,
  resolveComponentMark,
  type CandidateResult,
  type ComponentOutcome,
  type ExaminerSheet,
  type ScoringSheet,
  type ScoringSheetRow,
} from '../../scoring';

export function judge(id: string, key: 'T' | 'F', marks = 0.5): PaperItem {
  return { itemId: id, version: 1, type: 'judge', pointCode: 'A-A-001', marks, key: [key], optionLabels: ['T', 'F'] };
}

export function single(id: string, key: string, marks = 0.5): PaperItem {
  return { itemId: id, version: 1, type: 'single', pointCode: 'A-B-001', marks, key: [key], optionLabels: ['A', 'B', 'C', 'D'] };
}

export function multi(id: string, key: string, marks = 2): PaperItem {
  return { itemId: id, version: 1, type: 'multi', pointCode: 'B-A-001', marks, key: key.split(''), optionLabels: ['A', 'B', 'C', 'D', 'E'] };
}

export function subjective(id: string, marks = 10): PaperItem {
  return { itemId: id, version: 1, type: 'subjective', pointCode: 'C-A-001', marks, key: [], optionLabels: [] };
}

export function paperOf(items: PaperItem[], multiRule: MultiChoiceRule = { kind: 'allOrNothing' }): Paper {
  return {
    form: 'A',
    spec: {
      occupationCode: '6-31-01-03',
      level: 2,
      component: 'theory',
      sections: [],
      durationMin: 120,
      passMark: 60,
      multiRule,
    },
    items,
  };
}

/** A scoring-sheet row; marks default to 20, no veto, no star. */
export function row(id: string, maxMarks = 20, extra: Partial<ScoringSheetRow> = {}): ScoringSheetRow {
  return {
    id,
    content: `考核内容${id}`,
    keyPoints: [`要点${id}`],
    maxMarks,
    deductionRules: [{ text: '操作不规范每处扣 2 分', points: 2 }],
    ...extra,
  };
}

/** 电工 三级 wiring task: five rows of 20, row R1 is ★, R5 a whole-practical veto (safety), R4 a row veto. */
export function electricianSheet(rows?: ScoringSheetRow[]): ScoringSheet {
  return {
    occupationCode: '6-31-01-03',
    level: 3,
    taskId: 'T-01',
    title: '三相异步电动机正反转控制线路安装',
    rows: rows ?? [
      row('R1', 20, { star: true }),
      row('R2'),
      row('R3'),
      row('R4', 20, { veto: 'row' }),
      row('R5', 20, { veto: 'whole' }),
    ],
  };
}

/** An examiner's sheet from `{ rowId: points }` deductions. */
export function filled(examinerId: string, deductions: Record<string, number> = {}, extra: Partial<ExaminerSheet> = {}): ExaminerSheet {
  return {
    examinerId,
    deductions: Object.entries(deductions).map(([rowId, points]) => ({ rowId, points })),
    vetoedRows: [],
    safetyViolation: false,
    ...extra,
  };
}

/** A component sat with an exam mark out of 100. */
export function sat(component: Component, mark: number, ruleFailures: ('wholeVeto' | 'star' | 'safety')[] = []): ComponentOutcome {
  return {
    attendance: 'present',
    mark: resolveComponentMark(component, { kind: 'exam' }, { exam: { mark, ref: `${component}-attempt`, ruleFailures } }),
  };
}

/** A result of a level from marks per component (a number, or 'absent' / 'violation'). */
export function resultOf(level: 1 | 2 | 3 | 4 | 5, marks: Partial<Record<Component, number | 'absent' | 'violation'>>): CandidateResult {
  const outcomes: Partial<Record<Component, ComponentOutcome>> = {};
  for (const c of requiredComponents(level)) {
    const m = marks[c];
    if (m === undefined) continue;
    outcomes[c] = m === 'absent' ? { attendance: 'absent' } : m === 'violation' ? { attendance: 'violation' } : sat(c, m);
  }
  return combineComponents(requiredComponents(level), outcomes);
}
