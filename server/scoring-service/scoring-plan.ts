/**
 * The scoring part of a batch's approved plan (`batches.plan_json.scoring`): where each component's mark
 * comes from (exam, 结课成绩, 过程考核, or a weighted mix with Σw = 1), which scoring sheet a practical or
 * review is scored on, and the policy overrides (pass marks, retake window, rounding, examiner gaps).
 * Other keys of `plan_json` belong to the plan itself and are kept as they are.
 */
import { z } from 'zod';
import {
  ScoringInputInvalid,
  checkComponentSource,
  scoringPolicy,
  type ComponentSource,
  type ScoringPolicy,
  type ScoringPolicyOverrides,
} from '../../scoring';
import type { Component, Level } from '../../question-bank/types';
import { parseJson, type BatchRow } from './common';
import { component as componentSchema, markedComponent } from '../exam-admin/common';

/** A source rule; `occupationId`/`level` null = any. The most specific matching rule wins. */
export interface SourceRule {
  occupationId: number | null;
  level: Level | null;
  component: Component;
  source: ComponentSource;
}

/** The scoring sheet chosen for an occupation × level × component (when several exist). */
export interface SheetChoice {
  occupationId: number;
  level: Level;
  component: 'practical' | 'review';
  sheetId: number;
}

/** The scoring plan of a batch as stored. */
export interface ScoringPlan {
  sources: SourceRule[];
  sheets: SheetChoice[];
  policy: ScoringPolicyOverrides;
  approvedBy: number | null;
  approvedAt: string | null;
}

const sourceKind = z.enum(['exam', 'courseFinal', 'processAssessment']);
const componentSource = z.union([
  z.object({ kind: sourceKind }),
  z.object({
    kind: z.literal('mix'),
    weights: z.object({ exam: z.number().min(0).max(1).optional(), courseFinal: z.number().min(0).max(1).optional(), processAssessment: z.number().min(0).max(1).optional() }),
  }),
]);
const level = z.number().int().min(1).max(5).transform((n) => n as Level);

/** Request body of `PUT /scoring/batches/:id/plan`. */
export const scoringPlanBody = z.object({
  sources: z
    .array(z.object({ occupationId: z.number().int().positive().max(2_147_483_647).nullable(), level: level.nullable(), component: componentSchema, source: componentSource }))
    .max(200),
  sheets: z.array(z.object({ occupationId: z.number().int().positive().max(2_147_483_647), level, component: markedComponent, sheetId: z.number().int().positive().max(2_147_483_647) })).max(200).default([]),
  policy: z
    .object({
      passMarks: z.object({ theory: z.number().min(0).max(100).optional(), practical: z.number().min(0).max(100).optional(), review: z.number().min(0).max(100).optional() }).optional(),
      violationVoidsAll: z.boolean().optional(),
      retakeWindowMonths: z.number().int().min(1).max(120).optional(),
      rounding: z.object({ decimals: z.union([z.literal(0), z.literal(1), z.literal(2)]) }).optional(),
      practical: z.object({ maxGap: z.number().min(0).max(100).optional(), starPassRatio: z.number().min(0).max(1).optional() }).optional(),
      subjective: z
        .object({ gap: z.union([z.object({ kind: z.literal('absolute'), marks: z.number().min(0) }), z.object({ kind: z.literal('ratio'), ofMaxMark: z.number().min(0).max(1) })]).optional() })
        .optional(),
    })
    .default({}),
});

/** The scoring plan stored in a batch (empty plan: every component from the exam, default policy). */
export function scoringPlanOf(batch: Pick<BatchRow, 'plan_json'>): ScoringPlan {
  const plan = parseJson<{ scoring?: Partial<ScoringPlan> }>(batch.plan_json, {});
  const s = plan.scoring ?? {};
  return { sources: s.sources ?? [], sheets: s.sheets ?? [], policy: s.policy ?? {}, approvedBy: s.approvedBy ?? null, approvedAt: s.approvedAt ?? null };
}

/**
 * The checked policy of a plan (`scoringPolicy` throws `ScoringInputInvalid` on a bad override). The plan's
 * one rounding setting also governs the examiner means (practical and subjective), so a mark is never
 * rounded twice to different precisions (93.45 → 93.5 → 94 instead of 93).
 */
export function policyOf(plan: ScoringPlan): ScoringPolicy {
  const r = plan.policy.rounding;
  if (!r) return scoringPolicy(plan.policy);
  return scoringPolicy({ ...plan.policy, practical: { rounding: r, ...plan.policy.practical }, subjective: { rounding: r, ...plan.policy.subjective } });
}

/**
 * Check a plan: each source allowed for its component with Σw = 1 (`WeightsDoNotSumToOne`,
 * `ScoringInputInvalid`), the policy valid, no two rules for the same scope.
 */
export function checkScoringPlan(plan: ScoringPlan): void {
  const policy = policyOf(plan);
  const seen = new Set<string>();
  for (const r of plan.sources) {
    checkComponentSource(r.component, r.source, policy.allowedSources);
    const key = `${r.occupationId ?? '*'}|${r.level ?? '*'}|${r.component}`;
    if (seen.has(key)) throw new ScoringInputInvalid('sources', `同一职业、等级、科目给出了两条成绩来源规则（${key}）`);
    seen.add(key);
  }
}

/** The source of one candidate's component: the most specific matching rule, else the exam itself. */
export function sourceFor(plan: ScoringPlan, occupationId: number, level: Level, component: Component): ComponentSource {
  let best: { score: number; source: ComponentSource } | null = null;
  for (const r of plan.sources) {
    if (r.component !== component) continue;
    if (r.occupationId !== null && r.occupationId !== occupationId) continue;
    if (r.level !== null && r.level !== level) continue;
    const score = (r.occupationId !== null ? 2 : 0) + (r.level !== null ? 1 : 0);
    if (!best || score > best.score) best = { score, source: r.source };
  }
  return best?.source ?? { kind: 'exam' };
}

/** Source kinds a source reads (`mix` → its weighted kinds). */
export function sourceKinds(source: ComponentSource): ('exam' | 'courseFinal' | 'processAssessment')[] {
  switch (source.kind) {
    case 'exam':
    case 'courseFinal':
    case 'processAssessment':
      return [source.kind];
    case 'mix':
      return (Object.entries(source.weights) as ['exam' | 'courseFinal' | 'processAssessment', number][]).filter(([, w]) => w > 0).map(([k]) => k);
    default: {
      const never: never = source;
      return never;
    }
  }
}

/** The new `plan_json` with the scoring part replaced and every other key kept. */
export function withScoringPlan(batch: Pick<BatchRow, 'plan_json'>, plan: ScoringPlan): string {
  const all = parseJson<Record<string, unknown>>(batch.plan_json, {});
  return JSON.stringify({ ...all, scoring: plan });
}
