/**
 * Results per candidate (认定结果): every required component from its source (exam, 结课成绩, 过程考核 or a
 * weighted mix per the batch plan), 缺考/违纪 from the exam room or the office's record, components kept
 * from an earlier sitting within the retake window, then `combineComponents`. A result row is a snapshot
 * for publicity and certificates; it is always recomputed from the record, never edited.
 */
import { DomainError } from '../../question-bank/errors';
import {
  combineComponents,
  componentName,
  practicalSourceMark,
  requiredComponents,
  resolveComponentMark,
  retakePlan,
  sourceKindName,
  theorySourceMark,
  type CandidateResult,
  type ComponentMark,
  type ComponentOutcome,
  type KeptComponent,
  type PastResult,
  type ScoringPolicy,
  type SourceMarks,
} from '../../scoring';
import type { Component, Level } from '../../question-bank/types';
import type { Actor } from '../auth/actor';
import { recordAudit } from '../audit/audit-trail';
import { CANDIDATE_COLUMNS, chinaDate, chunks, parseJson, type BatchRow, type CandidateRow, type Db } from './common';
import { groupState } from './practical-service';
import { policyOf, scoringPlanOf, sourceFor, sourceKinds, type ScoringPlan } from './scoring-plan';
import { latestSourceMarks } from './source-marks';
import { theoryOutcomes, type TheoryOutcome } from './theory-marks';

/** What is stored in `results.detail_json`. */
export interface ResultDetail {
  result: CandidateResult;
  /** The date the components were sat (last sitting of the batch): the retake window counts from it. */
  sittingDate: string;
  kept: KeptComponent[];
  occupationId: number;
  level: Level;
}

/** The computation for one candidate: a result, or the reasons it cannot be computed yet. */
export interface Computation {
  candidateId: number;
  name: string;
  result: CandidateResult | null;
  problems: string[];
  detail: ResultDetail | null;
}

/** The date a batch's components were sat: its last sitting on or before today, else today. */
export async function batchSittingDate(db: Db, batchId: number, today: string): Promise<string> {
  const rows = await db.selectFrom('sittings').select('date').where('batch_id', '=', batchId).orderBy('date', 'desc').execute();
  return rows.find((r) => r.date <= today)?.date ?? today;
}

/** Earlier results of the same person (ID number), occupation and level in the same organization. */
export async function pastResults(db: Db, batch: BatchRow, c: Pick<CandidateRow, 'id' | 'id_number' | 'occupation_id' | 'level'>, today: string): Promise<PastResult[]> {
  const rows = await db
    .selectFrom('results')
    .innerJoin('candidates', 'candidates.id', 'results.candidate_id')
    .innerJoin('batches', 'batches.id', 'results.batch_id')
    .select(['results.detail_json'])
    .where('batches.organization_id', '=', batch.organization_id)
    .where('results.batch_id', '!=', batch.id)
    .where('candidates.occupation_id', '=', c.occupation_id)
    .where('candidates.level', '=', c.level)
    .where('candidates.id_number', '=', c.id_number)
    .execute();
  return rows
    .map((r) => parseJson<ResultDetail | null>(r.detail_json, null))
    .filter((d): d is ResultDetail => d !== null && d.sittingDate <= today)
    .map((d) => ({ sittingDate: d.sittingDate, result: d.result }));
}

function keptMark(component: Component, past: PastResult[], k: KeptComponent): ComponentMark {
  const from = past.find((p) => p.sittingDate === k.passedOn && p.result.components[component]?.passed);
  const c = from?.result.components[component];
  return {
    component,
    mark: k.mark ?? 0,
    source: c?.source ?? { kind: 'exam' },
    origin: (c?.origin ?? []).map((o) => ({ ...o, ref: `kept(${k.passedOn}):${o.ref}` })),
    ruleFailures: [],
    vetoed: false,
  };
}

/**
 * Compute results for candidates of a batch (all eligible ones by default). Pure reads; the caller
 * stores. A candidate with a missing mark, an unsubmitted exam, a pending subjective answer, a group still
 * scoring or disputed, or a required component neither sat nor kept gets `result: null` and its problems.
 */
export async function computeResults(db: Db, batch: BatchRow, now: Date, candidateIds?: readonly number[]): Promise<Computation[]> {
  const plan = scoringPlanOf(batch);
  const policy = policyOf(plan);
  const today = chinaDate(now);
  let q = db.selectFrom('candidates').select([...CANDIDATE_COLUMNS]).where('candidates.batch_id', '=', batch.id).where('candidates.status', '!=', 'ineligible').orderBy('candidates.id');
  if (candidateIds) q = q.where('candidates.id', 'in', candidateIds.length ? [...candidateIds] : [-1]);
  const candidates = await q.execute();
  const ids = candidates.map((c) => c.id);
  const theory = await theoryOutcomes(db, batch.id, policy.subjective, ids);
  const sources = await latestSourceMarks(db, ids);
  const recorded = new Map<string, { attendance: 'absent' | 'violation'; reason: string }>();
  for (const part of chunks(ids)) {
    for (const o of await db.selectFrom('component_outcomes').selectAll().where('candidate_id', 'in', part).execute()) {
      recorded.set(`${o.candidate_id}|${o.component}`, { attendance: o.attendance, reason: o.reason });
    }
  }
  const sittingDate = await batchSittingDate(db, batch.id, today);
  const out: Computation[] = [];
  for (const c of candidates) {
    out.push(await computeOne(db, batch, plan, policy, c, theory.get(c.id), sources.get(c.id) ?? {}, recorded, sittingDate, today));
  }
  return out;
}

async function computeOne(
  db: Db,
  batch: BatchRow,
  plan: ScoringPlan,
  policy: ScoringPolicy,
  c: CandidateRow,
  theory: TheoryOutcome | undefined,
  sources: Partial<Record<Component, SourceMarks>>,
  recorded: Map<string, { attendance: 'absent' | 'violation'; reason: string }>,
  sittingDate: string,
  today: string,
): Promise<Computation> {
  const level = c.level as Level;
  const required = requiredComponents(level);
  const sits = parseJson<Component[]>(c.components_json, []).filter((x) => required.includes(x));
  const problems: string[] = [];
  const outcomes: Partial<Record<Component, ComponentOutcome>> = {};
  let kept: KeptComponent[] = [];

  const notSat = required.filter((x) => !sits.includes(x));
  if (notSat.length > 0) {
    const past = await pastResults(db, batch, c, today);
    const plan_ = retakePlan(past, today, { level, windowMonths: policy.retakeWindowMonths });
    kept = plan_.kept.filter((k) => notSat.includes(k.component));
    for (const x of notSat) {
      const k = kept.find((kk) => kk.component === x);
      if (k) outcomes[x] = { attendance: 'present', mark: keptMark(x, past, k) };
      else problems.push(`${componentName(x)}：本次未报考，且没有保留期内的合格成绩，须参加考核`);
    }
  }

  for (const comp of sits) {
    const rec = recorded.get(`${c.id}|${comp}`);
    if (rec) {
      outcomes[comp] = rec.attendance === 'absent' ? { attendance: 'absent' } : { attendance: 'violation', reason: rec.reason };
      continue;
    }
    const source = sourceFor(plan, c.occupation_id, level, comp);
    const problemsBefore = problems.length;
    const marks: SourceMarks = {};
    let skip = false;
    for (const kind of sourceKinds(source)) {
      if (kind !== 'exam') {
        const m = sources[comp]?.[kind];
        if (m) marks[kind] = m;
        else problems.push(`${componentName(comp)}：缺少${sourceKindName(kind)}`);
        continue;
      }
      if (comp === 'theory') {
        const t = theory;
        if (!t || t.kind === 'absent') {
          outcomes[comp] = { attendance: 'absent' };
          skip = true;
        } else if (t.kind === 'violation') {
          outcomes[comp] = { attendance: 'violation', reason: t.category };
          skip = true;
        } else if (t.kind === 'open') {
          problems.push(`${componentName(comp)}：考生尚未交卷`);
        } else if (t.marking.status !== 'complete') {
          problems.push(`${componentName(comp)}：${t.marking.pendingItems.length} 道主观题待评`);
        } else {
          marks.exam = theorySourceMark(t.marking, `attempt:${t.attempt.attemptId}`);
        }
      } else {
        const g = await groupState(db, plan, policy.practical, c, comp);
        if (g.status === 'scored' && g.result.mark !== null) marks.exam = practicalSourceMark(g.result, `examiner_marks:${c.id}:${g.sheet.id}`);
        else if (g.status === 'scored') problems.push(`${componentName(comp)}：分差超过规定或否决意见不一致，待考评组长裁定`);
        else if (g.status === 'awaiting') problems.push(`${componentName(comp)}：考评员已提交 ${g.submitted}/${g.required}`);
        else problems.push(`${componentName(comp)}：${g.problem}`);
      }
    }
    if (skip || problems.length > problemsBefore) continue;
    try {
      outcomes[comp] = { attendance: 'present', mark: resolveComponentMark(comp, source, marks, { rounding: policy.rounding, allowed: policy.allowedSources }) };
    } catch (e) {
      if (e instanceof DomainError) problems.push(`${componentName(comp)}：${e.message}`);
      else throw e;
    }
  }
  if (problems.length > 0) return { candidateId: c.id, name: c.name, result: null, problems, detail: null };
  const result = combineComponents(required, outcomes, policy);
  return { candidateId: c.id, name: c.name, result, problems: [], detail: { result, sittingDate, kept, occupationId: c.occupation_id, level } };
}

/**
 * Store computations in the caller's transaction: results are upserted; a candidate whose result can no
 * longer be computed loses the stale row. One audit row lists every status that changed.
 */
export async function storeResults(trx: Db, actor: Actor, batch: BatchRow, comps: readonly Computation[], now: Date, reason: string): Promise<{ stored: number; removed: number }> {
  const ids = comps.map((c) => c.candidateId);
  const before = new Map<number, string>();
  for (const part of chunks(ids)) {
    for (const r of await trx.selectFrom('results').select(['candidate_id', 'status']).where('candidate_id', 'in', part).execute()) before.set(r.candidate_id, r.status);
  }
  const at = now.toISOString();
  let stored = 0;
  let removed = 0;
  const changes: { candidateId: number; before: string | null; after: string | null }[] = [];
  for (const c of comps) {
    const prev = before.get(c.candidateId) ?? null;
    if (c.result && c.detail) {
      const values = { status: c.result.status, detail_json: JSON.stringify(c.detail), computed_at: at };
      if (prev !== null) await trx.updateTable('results').set(values).where('candidate_id', '=', c.candidateId).execute();
      else await trx.insertInto('results').values({ candidate_id: c.candidateId, batch_id: batch.id, ...values }).execute();
      stored++;
      if (prev !== c.result.status) changes.push({ candidateId: c.candidateId, before: prev, after: c.result.status });
    } else if (prev !== null) {
      await trx.deleteFrom('results').where('candidate_id', '=', c.candidateId).execute();
      removed++;
      changes.push({ candidateId: c.candidateId, before: prev, after: null });
    }
  }
  await recordAudit(trx, actor, { action: 'scoring.results-compute', objectType: 'batch', objectId: batch.id, before: { reason }, after: { stored, removed, pending: comps.length - stored, changes } }, now);
  return { stored, removed };
}

/** Stored results of a batch with each candidate (candidates without a result have `result: null`). */
export async function batchResults(db: Db, batchId: number) {
  const rows = await db
    .selectFrom('candidates')
    .innerJoin('occupations', 'occupations.id', 'candidates.occupation_id')
    .leftJoin('results', 'results.candidate_id', 'candidates.id')
    .select([
      'candidates.id', 'candidates.name', 'candidates.id_number', 'candidates.level', 'candidates.components_json', 'candidates.status as candidate_status',
      'occupations.id as occupation_id', 'occupations.code', 'occupations.name as occupation_name', 'occupations.work_type',
      'results.status', 'results.detail_json', 'results.computed_at',
    ])
    .where('candidates.batch_id', '=', batchId)
    .where('candidates.status', '!=', 'ineligible')
    .orderBy('candidates.id')
    .execute();
  return rows.map((r) => {
    const detail = parseJson<ResultDetail | null>(r.detail_json, null);
    return {
      candidateId: r.id,
      name: r.name,
      idNumber: r.id_number,
      level: r.level as Level,
      occupationId: r.occupation_id,
      occupationCode: r.code,
      occupationName: r.occupation_name,
      workType: r.work_type || null,
      sits: parseJson<Component[]>(r.components_json, []),
      status: r.status ?? null,
      result: detail?.result ?? null,
      kept: detail?.kept ?? [],
      sittingDate: detail?.sittingDate ?? null,
      computedAt: r.computed_at ?? null,
    };
  });
}
