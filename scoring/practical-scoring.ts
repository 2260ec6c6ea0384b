/**
 * 技能操作考核 by an examiner group (考评组, odd and ≥ 3): each examiner scores the sheet independently;
 * the component mark is the mean of their totals, rounded as configured. A spread above the gap, or a
 * split on a rule failure (veto, ★, safety), goes to the group leader (组长), whose own scored sheet is
 * then final. Rule failures agreed by the whole group fail the component whatever the points.
 */
import { ExaminerGroupInvalid, MarkNotFinal, ScoringInputInvalid } from './errors';
import { DEFAULT_ROUNDING, cleanMark, roundMark, type Rounding } from './rounding';
import {
  DEFAULT_STAR_RULE,
  scoreExaminerSheet,
  type ExaminerSheet,
  type ExaminerSheetScore,
  type RuleFailure,
  type ScoringSheet,
  type StarRule,
} from './scoring-sheet';

/** Practical group settings: largest spread of totals (marks), rounding of the mean, ★ threshold. */
export interface PracticalScoringConfig extends StarRule {
  maxGap: number;
  rounding: Rounding;
}

/** Defaults (L, configurable): gap 10 marks, half up to 1 decimal, ★ threshold 60 %. */
export const DEFAULT_PRACTICAL_SCORING: PracticalScoringConfig = {
  maxGap: 10,
  rounding: DEFAULT_ROUNDING,
  ...DEFAULT_STAR_RULE,
};

/**
 * Group outcome. `mark` is `null` while `needsLeader`. `ruleFailures` are those the whole group (or the
 * leader) recorded; `splitRuleFailures` those only some examiners recorded (a reason for the leader).
 * `vetoed` is true when the whole-practical veto holds (the mark is then 0).
 */
export interface PracticalGroupResult {
  status: 'agreed' | 'needsLeader' | 'leaderDecided';
  mark: number | null;
  mean: number;
  spread: number;
  examiners: ExaminerSheetScore[];
  leader?: ExaminerSheetScore;
  ruleFailures: RuleFailure[];
  splitRuleFailures: RuleFailure[];
  vetoed: boolean;
}

/**
 * Check the size of an examiner group: odd and at least 3 (throws `ExaminerGroupInvalid` in Chinese).
 */
export function checkExaminerGroupSize(size: number): void {
  if (size < 3) throw new ExaminerGroupInvalid(size, '技能操作考核每组考评员不少于 3 人');
  if (size % 2 === 0) throw new ExaminerGroupInvalid(size, '技能操作考核每组考评员应为奇数');
}

const RULE_ORDER: RuleFailure[] = ['wholeVeto', 'star', 'safety'];

/**
 * Score a practical by an examiner group. Every examiner's sheet is scored with `scoreExaminerSheet`;
 * mean and spread are taken over their totals. Status:
 * - `agreed`: spread ≤ `maxGap` and the group is unanimous on every rule failure → mark = rounded mean;
 * - `needsLeader`: otherwise, with no leader sheet yet;
 * - `leaderDecided`: the leader's scored sheet gives the mark and the rule failures.
 *
 * The leader may be a member of the group (the 组长 usually is); his decision is a separate sheet.
 * Throws `ExaminerGroupInvalid` (size not odd ≥ 3), `ScoringInputInvalid` (an examiner twice, a leader
 * sheet where none is needed, or a bad sheet entry).
 */
export function scorePracticalGroup(
  sheet: ScoringSheet,
  sheets: readonly ExaminerSheet[],
  config: PracticalScoringConfig = DEFAULT_PRACTICAL_SCORING,
  leaderSheet?: ExaminerSheet,
): PracticalGroupResult {
  checkExaminerGroupSize(sheets.length);
  const ids = new Set<string>();
  for (const s of sheets) {
    if (ids.has(s.examinerId)) throw new ScoringInputInvalid('examinerSheets', `考评员 ${s.examinerId} 提交了两份评分表`);
    ids.add(s.examinerId);
  }
  const examiners = sheets.map((s) => scoreExaminerSheet(sheet, s, config));
  const totals = examiners.map((e) => e.total);
  const mean = roundMark(totals.reduce((a, b) => a + b, 0) / totals.length, config.rounding);
  const spread = cleanMark(Math.max(...totals) - Math.min(...totals));
  const recordedBy = (f: RuleFailure) => examiners.filter((e) => e.ruleFailures.includes(f)).length;
  const unanimous = RULE_ORDER.filter((f) => recordedBy(f) === examiners.length);
  const split = RULE_ORDER.filter((f) => recordedBy(f) > 0 && recordedBy(f) < examiners.length);
  const disputed = spread > config.maxGap || split.length > 0;
  if (!disputed) {
    if (leaderSheet) throw new ScoringInputInvalid('leaderSheet', `分差 ${spread} 未超过 ${config.maxGap} 且否决意见一致，不需要组长裁定`);
    const vetoed = unanimous.includes('wholeVeto');
    return {
      status: 'agreed',
      mark: vetoed ? 0 : mean,
      mean,
      spread,
      examiners,
      ruleFailures: unanimous,
      splitRuleFailures: [],
      vetoed,
    };
  }
  if (!leaderSheet) {
    return { status: 'needsLeader', mark: null, mean, spread, examiners, ruleFailures: unanimous, splitRuleFailures: split, vetoed: false };
  }
  const leader = scoreExaminerSheet(sheet, leaderSheet, config);
  return {
    status: 'leaderDecided',
    mark: roundMark(leader.total, config.rounding),
    mean,
    spread,
    examiners,
    leader,
    ruleFailures: leader.ruleFailures,
    splitRuleFailures: split,
    vetoed: leader.ruleFailures.includes('wholeVeto'),
  };
}

/** The final mark of a group result, or `MarkNotFinal` while it waits for the leader. */
export function finalPracticalMark(result: PracticalGroupResult, subject = '技能操作考核'): number {
  if (result.mark === null) throw new MarkNotFinal(subject, '分差超过规定，待考评组长裁定');
  return result.mark;
}
