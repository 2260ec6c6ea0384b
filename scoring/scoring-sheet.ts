/**
 * 考核评分记录表: the practical scoring sheet of one occupation × level × task, and one examiner's
 * filled-in copy. Rows carry 配分 (max marks), deduction rules, optional veto (否决项: the row, or the
 * whole practical) and the ★ flag (a core skill that must not be failed, 2019+ standards).
 */
import type { Level } from '../question-bank/types';
import { OCCUPATION_CODE_PATTERN, isLevel } from '../question-bank/vocabulary';
import { ScoringInputInvalid, ScoringSheetInvalid } from './errors';
import { cleanMark, sumMarks } from './rounding';

/** One deduction rule as printed on the sheet, e.g. `{ text: '未戴绝缘手套', points: 5 }`. */
export interface DeductionRule {
  text: string;
  points: number;
}

/**
 * One row of the sheet. `veto: 'row'` zeroes the row when triggered; `'whole'` zeroes the whole
 * practical. `star` marks a ★ skill: failing it fails the component whatever the points.
 */
export interface ScoringSheetRow {
  id: string;
  content: string;
  keyPoints: string[];
  maxMarks: number;
  deductionRules: DeductionRule[];
  veto?: 'row' | 'whole';
  star?: boolean;
}

/** The scoring sheet of one practical task. Row marks add up to 100. */
export interface ScoringSheet {
  occupationCode: string;
  level: Level;
  taskId: string;
  title: string;
  rows: ScoringSheetRow[];
}

/** A deduction an examiner records on a row; `rule` quotes the deduction rule applied (for the audit). */
export interface SheetDeduction {
  rowId: string;
  points: number;
  rule?: string;
}

/**
 * One examiner's filled-in sheet: deductions, the veto rows he saw triggered and whether a safety rule
 * was broken (违反安全操作规程).
 */
export interface ExaminerSheet {
  examinerId: string;
  deductions: readonly SheetDeduction[];
  vetoedRows: readonly string[];
  safetyViolation: boolean;
}

/** Why a practical fails regardless of points: whole-practical veto, a failed ★ row, a safety break. */
export type RuleFailure = 'wholeVeto' | 'star' | 'safety';

/** Score of one row on one examiner's sheet. */
export interface RowScore {
  rowId: string;
  maxMarks: number;
  deducted: number;
  score: number;
  vetoed: boolean;
  starFailed: boolean;
}

/** One examiner's scored sheet: row scores, total (0 under a whole veto) and rule failures. */
export interface ExaminerSheetScore {
  examinerId: string;
  rows: RowScore[];
  total: number;
  ruleFailures: RuleFailure[];
  failedStarRows: string[];
}

/** ★ threshold: a ★ row fails when its score is below `starPassRatio` × 配分 (default 0.6) or its veto fired. */
export interface StarRule {
  starPassRatio: number;
}

/** Default ★ threshold: 60 % of the row's marks. */
export const DEFAULT_STAR_RULE: StarRule = { starPassRatio: 0.6 };

/**
 * Check a scoring sheet: rows present, row ids unique, marks and deduction points positive, marks add up
 * to 100 (within 1e-9), occupation code and level well formed. Throws `ScoringSheetInvalid` listing every
 * problem in Chinese.
 */
export function validateScoringSheet(sheet: ScoringSheet): void {
  const problems: string[] = [];
  if (!OCCUPATION_CODE_PATTERN.test(sheet.occupationCode)) problems.push(`职业编码“${sheet.occupationCode}”格式应为 X-XX-XX-XX`);
  if (!isLevel(sheet.level)) problems.push(`等级 ${sheet.level} 应为 1–5`);
  if (sheet.rows.length === 0) problems.push('评分表没有评分项');
  const seen = new Set<string>();
  for (const row of sheet.rows) {
    if (row.id.trim() === '') problems.push('评分项编号不能为空');
    if (seen.has(row.id)) problems.push(`评分项编号 ${row.id} 重复`);
    seen.add(row.id);
    if (!(Number.isFinite(row.maxMarks) && row.maxMarks > 0)) problems.push(`评分项 ${row.id} 的配分 ${row.maxMarks} 应为正数`);
    if (row.content.trim() === '') problems.push(`评分项 ${row.id} 缺少考核内容`);
    for (const rule of row.deductionRules) {
      if (!(Number.isFinite(rule.points) && rule.points > 0)) {
        problems.push(`评分项 ${row.id} 的扣分标准“${rule.text}”扣分值 ${rule.points} 应为正数`);
      }
    }
  }
  const total = sheet.rows.reduce((s, r) => s + r.maxMarks, 0);
  if (Math.abs(total - 100) > 1e-9) problems.push(`各项配分之和为 ${cleanMark(total)}，应为 100`);
  if (problems.length > 0) throw new ScoringSheetInvalid(sheet.taskId, problems);
}

/**
 * Score one examiner's sheet. Row score = max(0, 配分 − deductions); a triggered row veto zeroes the row;
 * a triggered whole veto makes the total 0. A ★ row fails below `starPassRatio` × 配分 or when its veto fired.
 *
 * Throws `ScoringInputInvalid` for a deduction on an unknown row, negative or non-finite points, or a
 * veto recorded on a row that has no veto.
 *
 * Example: a ★ row of 20 with 9 deducted scores 11 < 12 → `ruleFailures: ['star']`.
 */
export function scoreExaminerSheet(
  sheet: ScoringSheet,
  filled: ExaminerSheet,
  starRule: StarRule = DEFAULT_STAR_RULE,
): ExaminerSheetScore {
  const field = `examiner.${filled.examinerId}`;
  const rowsById = new Map(sheet.rows.map((r) => [r.id, r]));
  const deducted = new Map<string, number>();
  for (const d of filled.deductions) {
    if (!rowsById.has(d.rowId)) throw new ScoringInputInvalid(`${field}.deductions`, `评分项 ${d.rowId} 不在评分表中`);
    if (!(Number.isFinite(d.points) && d.points >= 0)) {
      throw new ScoringInputInvalid(`${field}.deductions`, `评分项 ${d.rowId} 的扣分 ${d.points} 应为非负数`);
    }
    deducted.set(d.rowId, (deducted.get(d.rowId) ?? 0) + d.points);
  }
  const vetoed = new Set<string>();
  for (const rowId of filled.vetoedRows) {
    const row = rowsById.get(rowId);
    if (!row) throw new ScoringInputInvalid(`${field}.vetoedRows`, `评分项 ${rowId} 不在评分表中`);
    if (!row.veto) throw new ScoringInputInvalid(`${field}.vetoedRows`, `评分项 ${rowId} 不是否决项`);
    vetoed.add(rowId);
  }
  let wholeVeto = false;
  const rows: RowScore[] = sheet.rows.map((row) => {
    const d = cleanMark(deducted.get(row.id) ?? 0);
    const isVetoed = vetoed.has(row.id);
    if (isVetoed && row.veto === 'whole') wholeVeto = true;
    const score = isVetoed ? 0 : Math.max(0, cleanMark(row.maxMarks - d));
    const starFailed = row.star === true && (isVetoed || score < starRule.starPassRatio * row.maxMarks - 1e-9);
    return { rowId: row.id, maxMarks: row.maxMarks, deducted: d, score, vetoed: isVetoed, starFailed };
  });
  const failedStarRows = rows.filter((r) => r.starFailed).map((r) => r.rowId);
  const ruleFailures: RuleFailure[] = [];
  if (wholeVeto) ruleFailures.push('wholeVeto');
  if (failedStarRows.length > 0) ruleFailures.push('star');
  if (filled.safetyViolation) ruleFailures.push('safety');
  return {
    examinerId: filled.examinerId,
    rows,
    total: wholeVeto ? 0 : sumMarks(rows.map((r) => r.score)),
    ruleFailures,
    failedStarRows,
  };
}
