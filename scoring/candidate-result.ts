/**
 * A candidate's result for one occupation × level (认定结果): every required component must pass on its
 * own (components are never averaged); 缺考 and 违纪 recorded in the exam room take precedence.
 */
import type { Component } from '../question-bank/types';
import { COMPONENTS } from '../question-bank/vocabulary';
import { componentName, type ComponentMark, type ComponentSource, type MarkOrigin } from './component-source';
import { ComponentMissing, ScoringInputInvalid } from './errors';
import { DEFAULT_SCORING_POLICY, type ScoringPolicy } from './policy';
import { cleanMark } from './rounding';
import type { RuleFailure } from './scoring-sheet';

/** What the exam room recorded for one component: sat it (with its mark), 缺考, or 违纪. */
export type ComponentOutcome =
  | { attendance: 'present'; mark: ComponentMark }
  | { attendance: 'absent' }
  | { attendance: 'violation'; reason?: string };

/** Overall status: 合格, 不合格, 缺考, 违纪. */
export type ResultStatus = 'pass' | 'fail' | 'absent' | 'violation';

/**
 * One component in a result. `mark`, `source` and `origin` are null/empty when the candidate did not sit;
 * `voided` is true when a 违纪 voided it (its mark stays visible for the audit).
 */
export interface ComponentResult {
  component: Component;
  attendance: ComponentOutcome['attendance'];
  mark: number | null;
  passMark: number;
  passed: boolean;
  source: ComponentSource | null;
  origin: MarkOrigin[];
  vetoed: boolean;
  ruleFailures: RuleFailure[];
  voided: boolean;
}

/** The result of one candidate; `failing` lists the required components not passed, in canonical order. */
export interface CandidateResult {
  status: ResultStatus;
  failing: Component[];
  components: Partial<Record<Component, ComponentResult>>;
}

/**
 * Combine component outcomes into a result.
 *
 * A component passes when sat, its mark ≥ its pass mark (default 60) and no rule failure (veto, ★,
 * safety) holds. Status precedence (first that applies): **violation** (any required component 违纪) >
 * **absent** (any required component 缺考) > **fail** (any required component not passed) > **pass**.
 * 违纪 comes first because it is a disciplinary finding the public list must show even if the candidate
 * also missed another component; 缺考 comes before 不合格 because the candidate did not sit, which the
 * statistics count apart. With `violationVoidsAll` (default) a 违纪 voids every component of the result,
 * so none is kept for a retake; otherwise only the component where it happened.
 *
 * Throws `ComponentMissing` when a required component has no outcome, `ScoringInputInvalid` when an
 * outcome is given for a component the level does not require or a mark is filed under another component.
 */
export function combineComponents(
  required: readonly Component[],
  componentMarks: Partial<Record<Component, ComponentOutcome>>,
  policy: Pick<ScoringPolicy, 'passMarks' | 'violationVoidsAll'> = DEFAULT_SCORING_POLICY,
): CandidateResult {
  const missing = required.filter((c) => componentMarks[c] === undefined);
  if (missing.length > 0) throw new ComponentMissing(missing.map(componentName));
  for (const c of Object.keys(componentMarks) as Component[]) {
    if (!required.includes(c)) throw new ScoringInputInvalid(`components.${c}`, `该等级不要求${componentName(c)}`);
  }
  const wanted = COMPONENTS.filter((c) => required.includes(c));
  const anyViolation = wanted.some((c) => componentMarks[c]!.attendance === 'violation');
  const components: Partial<Record<Component, ComponentResult>> = {};
  for (const c of wanted) {
    const outcome = componentMarks[c]!;
    const passMark = policy.passMarks[c];
    const voided = outcome.attendance === 'violation' || (anyViolation && policy.violationVoidsAll);
    switch (outcome.attendance) {
      case 'present': {
        const m = outcome.mark;
        if (m.component !== c) {
          throw new ScoringInputInvalid(`components.${c}`, `填入的是${componentName(m.component)}的成绩`);
        }
        const byPoints = cleanMark(m.mark) >= passMark;
        components[c] = {
          component: c,
          attendance: 'present',
          mark: m.mark,
          passMark,
          passed: !voided && byPoints && m.ruleFailures.length === 0,
          source: m.source,
          origin: m.origin,
          vetoed: m.vetoed,
          ruleFailures: m.ruleFailures,
          voided,
        };
        break;
      }
      case 'absent':
      case 'violation':
        components[c] = {
          component: c,
          attendance: outcome.attendance,
          mark: null,
          passMark,
          passed: false,
          source: null,
          origin: [],
          vetoed: false,
          ruleFailures: [],
          voided,
        };
        break;
      default: {
        const never: never = outcome;
        throw new ScoringInputInvalid(`components.${c}`, `未知的考场记录 ${JSON.stringify(never)}`);
      }
    }
  }
  const failing = wanted.filter((c) => !components[c]!.passed);
  const status: ResultStatus = anyViolation
    ? 'violation'
    : wanted.some((c) => componentMarks[c]!.attendance === 'absent')
      ? 'absent'
      : failing.length > 0
        ? 'fail'
        : 'pass';
  return { status, failing, components };
}

/** Chinese label of a result status: 合格 / 不合格 / 缺考 / 违纪. */
export function resultStatusName(status: ResultStatus): string {
  switch (status) {
    case 'pass':
      return '合格';
    case 'fail':
      return '不合格';
    case 'absent':
      return '缺考';
    case 'violation':
      return '违纪';
    default: {
      const never: never = status;
      return String(never);
    }
  }
}
