/**
 * Where a component's mark comes from (the policy of substitutions): the exam itself, the course final
 * (结课成绩, school students' theory), the process assessment (过程考核, 一体化 programmes) or a weighted
 * mix with Σw = 1. Every original mark and its origin is kept in the result for the audit.
 */
import type { Component } from '../question-bank/types';
import { COMPONENT_NAMES } from '../question-bank/vocabulary';
import type { AttemptMarking } from './attempt-marking';
import { MarkNotFinal, ScoringInputInvalid, WeightsDoNotSumToOne } from './errors';
import type { PracticalGroupResult } from './practical-scoring';
import { DEFAULT_ROUNDING, cleanMark, roundMark, type Rounding } from './rounding';
import type { RuleFailure } from './scoring-sheet';

/** A single origin of marks. */
export type SourceKind = 'exam' | 'courseFinal' | 'processAssessment';

/** How a component's mark is obtained; `mix` weights must add up to 1. */
export type ComponentSource = { kind: SourceKind } | { kind: 'mix'; weights: Partial<Record<SourceKind, number>> };

/**
 * A mark out of 100 from one origin. `ref` points at the stored record it was read from (attempt id,
 * 教务 record, process-assessment sheet) so an auditor can find it; `ruleFailures` carries practical vetoes.
 */
export interface SourceMark {
  mark: number;
  ref: string;
  ruleFailures?: readonly RuleFailure[];
}

/** Available marks of a candidate for one component, by origin. */
export type SourceMarks = Partial<Record<SourceKind, SourceMark>>;

/** One origin as it entered the component mark (weight 1 for a single source). */
export interface MarkOrigin {
  kind: SourceKind;
  mark: number;
  weight: number;
  ref: string;
  ruleFailures: RuleFailure[];
}

/**
 * A component's mark with its audit trail. `vetoed` is true when a whole-practical veto holds;
 * `ruleFailures` (veto, ★, safety) fail the component whatever the mark.
 */
export interface ComponentMark {
  component: Component;
  mark: number;
  source: ComponentSource;
  origin: MarkOrigin[];
  ruleFailures: RuleFailure[];
  vetoed: boolean;
}

/** Which origins each component may use. Default: theory any; practical exam or 过程考核; review exam only. */
export type AllowedSources = Record<Component, readonly SourceKind[]>;

/** Default substitutions allowed by the notices (theory ← 结课成绩 / 过程考核; practical ← 过程考核). */
export const DEFAULT_ALLOWED_SOURCES: AllowedSources = {
  theory: ['exam', 'courseFinal', 'processAssessment'],
  practical: ['exam', 'processAssessment'],
  review: ['exam'],
};

const SOURCE_NAMES: Record<SourceKind, string> = { exam: '考试成绩', courseFinal: '结课成绩', processAssessment: '过程考核成绩' };

/** Chinese name of a component, e.g. `componentName('review') === '综合评审'`. */
export function componentName(component: Component): string {
  return COMPONENT_NAMES[component];
}

/** Chinese name of a source kind, e.g. `sourceKindName('courseFinal') === '结课成绩'`. */
export function sourceKindName(kind: SourceKind): string {
  return SOURCE_NAMES[kind];
}

/**
 * Check a source: kinds allowed for the component, weights finite and ≥ 0, Σw = 1 within 1e-9.
 * Throws `WeightsDoNotSumToOne` or `ScoringInputInvalid` (Chinese). Returns the weighted kinds.
 */
export function checkComponentSource(
  component: Component,
  source: ComponentSource,
  allowed: AllowedSources = DEFAULT_ALLOWED_SOURCES,
): { kind: SourceKind; weight: number }[] {
  const name = COMPONENT_NAMES[component];
  let parts: { kind: SourceKind; weight: number }[];
  switch (source.kind) {
    case 'exam':
    case 'courseFinal':
    case 'processAssessment':
      parts = [{ kind: source.kind, weight: 1 }];
      break;
    case 'mix': {
      const entries = Object.entries(source.weights) as [SourceKind, number][];
      for (const [kind, w] of entries) {
        if (!Object.prototype.hasOwnProperty.call(SOURCE_NAMES, kind)) throw new ScoringInputInvalid(`${name}.source`, `未知的成绩来源 ${kind}`);
        if (!(Number.isFinite(w) && w >= 0)) throw new ScoringInputInvalid(`${name}.source`, `${SOURCE_NAMES[kind]}的权重 ${w} 应为非负数`);
      }
      const sum = entries.reduce((s, [, w]) => s + w, 0);
      if (Math.abs(sum - 1) > 1e-9) throw new WeightsDoNotSumToOne(name, sum);
      parts = entries.filter(([, w]) => w > 0).map(([kind, weight]) => ({ kind, weight }));
      break;
    }
    default: {
      const never: never = source;
      throw new ScoringInputInvalid(`${name}.source`, `未知的成绩来源 ${JSON.stringify(never)}`);
    }
  }
  for (const p of parts) {
    if (!allowed[component].includes(p.kind)) {
      throw new ScoringInputInvalid(`${name}.source`, `${name}不允许使用${SOURCE_NAMES[p.kind]}`);
    }
  }
  return parts;
}

/**
 * Compute a component's mark from its source and the available marks, keeping every origin.
 * A single source is taken as is (rounded as configured); a mix is Σ wᵢ·markᵢ, rounded. Rule failures of
 * any weighted origin carry over (a ★ failure is not diluted by mixing).
 *
 * Throws `WeightsDoNotSumToOne`, or `ScoringInputInvalid` for a disallowed origin, a missing mark or a
 * mark outside 0..100.
 *
 * Example: `resolveComponentMark('theory', { kind: 'mix', weights: { courseFinal: 0.4, exam: 0.6 } },
 * { courseFinal: { mark: 80, ref: 'jw-1' }, exam: { mark: 70, ref: 'att-9' } })` → mark 74.
 */
export function resolveComponentMark(
  component: Component,
  source: ComponentSource,
  marks: SourceMarks,
  options: { rounding?: Rounding; allowed?: AllowedSources } = {},
): ComponentMark {
  const name = COMPONENT_NAMES[component];
  const parts = checkComponentSource(component, source, options.allowed);
  const origin: MarkOrigin[] = parts.map(({ kind, weight }) => {
    const m = marks[kind];
    if (!m) throw new ScoringInputInvalid(`${name}.${kind}`, `缺少${SOURCE_NAMES[kind]}`);
    if (!(Number.isFinite(m.mark) && m.mark >= 0 && m.mark <= 100)) {
      throw new ScoringInputInvalid(`${name}.${kind}`, `${SOURCE_NAMES[kind]} ${m.mark} 应在 0–100 之间`);
    }
    return { kind, mark: m.mark, weight, ref: m.ref, ruleFailures: [...(m.ruleFailures ?? [])] };
  });
  const ruleFailures = [...new Set(origin.flatMap((o) => o.ruleFailures))];
  const weighted = cleanMark(origin.reduce((s, o) => s + o.weight * o.mark, 0));
  return {
    component,
    mark: roundMark(weighted, options.rounding ?? DEFAULT_ROUNDING),
    source,
    origin,
    ruleFailures,
    vetoed: ruleFailures.includes('wholeVeto'),
  };
}

/**
 * A theory attempt as a source mark out of 100 (scaled when the paper is not out of 100, then cleaned).
 * Throws `MarkNotFinal` while subjective items await marking.
 */
export function theorySourceMark(attempt: AttemptMarking, ref: string): SourceMark {
  if (attempt.status !== 'complete') throw new MarkNotFinal(`理论知识考试（${ref}）`, `${attempt.pendingItems.length} 道主观题待评`);
  const mark = attempt.maxTotal === 100 ? attempt.total : cleanMark((attempt.total * 100) / attempt.maxTotal);
  return { mark, ref };
}

/** A practical group result as a source mark, carrying its rule failures. Throws `MarkNotFinal` while disputed. */
export function practicalSourceMark(result: PracticalGroupResult, ref: string): SourceMark {
  if (result.mark === null) throw new MarkNotFinal(`技能操作考核（${ref}）`, '分差超过规定，待考评组长裁定');
  return { mark: result.mark, ref, ruleFailures: result.ruleFailures };
}
